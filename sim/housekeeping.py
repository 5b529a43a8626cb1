"""Python's garbage collector while simulations run.

A run's objects (disputes, agents, their records) live until the run ends and make no
garbage cycles along the way: after a year of each of 25 varied configurations with
the collector off, a collection found nothing to free. Yet CPython's full collections
walk every one of them again and again as they pile up: a city's year spent 0.38 s in
four of them (2026-12-01, ``gc.callbacks`` timing). So while any run is under way in
the process, only the young generations are collected (a short-lived cycle still goes
at once); full collections resume when the last run ends.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

DEFERRED = 1_000_000  # young collections before a full one: none within a run
_lock = threading.Lock()
_runs = 0  # runs under way in this process (threads, e.g. a dashboard's, run their own)
_before: tuple[int, int, int] = gc.get_threshold()


@contextmanager
def full_collections_deferred() -> Iterator[None]:
    """No full garbage collection until the last of the runs under way ends."""
    global _runs, _before
    with _lock:
        if _runs == 0:
            _before = gc.get_threshold()
            gc.set_threshold(_before[0], _before[1], DEFERRED)
        _runs += 1
    try:
        yield
    finally:
        with _lock:
            _runs -= 1
            if _runs == 0:
                gc.set_threshold(*_before)
