"""Policy arms, shared by experiments and sensitivity analysis: an arm is a named set
of Hydra overrides on top of a base config; arms are ranked on an outcome by one rule.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Arm:
    """A policy arm: its short name, its overrides and, for reports, plain words.

    ``cfg`` is the arm's composed base config where a caller keeps it with the arm
    (sensitivity analysis; empty otherwise: experiments keep one per ensemble member
    aside)."""

    name: str
    overrides: tuple[str, ...]
    words: str = ""
    cfg: dict = field(default_factory=dict, compare=False, repr=False)


def rank_arms(values: Mapping[str, float], better: int, order: Sequence[str] = ()) -> list[str]:
    """Arm names best first by ``values`` in the ``better`` direction (+1: higher is
    better, -1: lower is better); ties keep ``order`` (default: the mapping's order);
    an arm without a value (NaN) comes last."""
    names = list(order or values)
    position = {name: i for i, name in enumerate(names)}

    def key(name: str) -> tuple[bool, float, int]:
        value = values[name]
        missing = value is None or math.isnan(value)
        return (missing, 0.0 if missing else -better * value, position[name])

    return sorted(names, key=key)
