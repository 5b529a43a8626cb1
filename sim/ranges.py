"""Runs of consecutive numbers laid end to end, for gathering many slices at once.

A household's residents, a grid's visited households and a dispute's columns in the
roster are each numbered in a row; gathering many of them is one ``ranges`` call, not
a Python step and an array per run.
"""

from __future__ import annotations

import numpy as np


def ranges(first: np.ndarray, size: np.ndarray) -> np.ndarray:
    """``first[0], first[0] + 1, ..., first[0] + size[0] - 1``, then the same from
    ``first[1]``, and so on."""
    start = np.cumsum(size) - size  # where each run begins in the result
    return np.arange(int(size.sum())) + np.repeat(first - start, size)
