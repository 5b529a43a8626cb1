"""Python's garbage collector while simulations run, and the memory pages of a world
build.

A run's objects (disputes, agents, their records) live until the run ends and make no
garbage cycles along the way: after a year of each of 25 varied configurations with
the collector off, a collection found nothing to free. Yet CPython's full collections
walk every one of them again and again as they pile up: a city's year spent 0.38 s in
four of them (2026-12-01, ``gc.callbacks`` timing). So while any run is under way in
the process, only the young generations are collected (a short-lived cycle still goes
at once); full collections resume when the last run ends.

A city's world build makes about 2 GB of short-lived arrays (ties being drawn, sorted
and packed). numpy asks the kernel to back arrays of 4 MB or more with 2 MB huge pages
(``madvise``), and on this project's benchmark machine (a virtual machine) handing
those over costs up to 2.5 ms a page in some sittings: 3.3-4.1 s of kernel time in a
city build against 0.85-0.97 s with 4 kB pages (2026-12-01, six alternating fresh
processes; about 1,160 huge pages a build). So the build asks for ordinary pages
(``small_pages``); the arrays the simulated days allocate are left to numpy's default.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import numpy._core.multiarray


def _as_numpy_chooses(enabled: bool) -> bool:
    return enabled


# numpy's own switch for its huge-page hint (private; present in numpy 2.x). Without it,
# numpy's pages are as numpy chooses.
_set_madvise_hugepage: Callable[[bool], bool] = getattr(
    numpy._core.multiarray, "_set_madvise_hugepage", _as_numpy_chooses
)


DEFERRED = 1_000_000  # young collections before a full one: none within a run


class WhileAny:
    """A process-wide setting held while any of its users is under way (threads, e.g.
    a dashboard's, run their own): ``hold`` sets it when the first begins and returns
    what it was, ``restore`` puts that back when the last ends, in whatever order
    they end."""

    def __init__(self, hold: Callable[[], Any], restore: Callable[[Any], object]) -> None:
        self.hold, self.restore = hold, restore
        self._lock = threading.Lock()
        self._users = 0
        self._before: Any = None

    @contextmanager
    def __call__(self) -> Iterator[None]:
        with self._lock:
            if self._users == 0:
                self._before = self.hold()
            self._users += 1
        try:
            yield
        finally:
            with self._lock:
                self._users -= 1
                if self._users == 0:
                    self.restore(self._before)


def _defer_full_collections() -> tuple[int, int, int]:
    before = gc.get_threshold()
    gc.set_threshold(before[0], before[1], DEFERRED)
    return before


# No full garbage collection until the last of the runs under way ends.
full_collections_deferred = WhileAny(_defer_full_collections, lambda t: gc.set_threshold(*t))
# numpy's huge-page hint off until the last of the world builds under way ends (only
# where the memory comes from, never what is computed).
small_pages = WhileAny(lambda: _set_madvise_hugepage(False), _set_madvise_hugepage)
