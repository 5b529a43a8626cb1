"""No full garbage collection while a run is under way (``sim.housekeeping``), and the
collector as it was once the last run ends, whatever the order runs end in; numpy's
huge-page hint off while a world is built."""

from __future__ import annotations

import gc
import threading

from numpy._core.multiarray import _set_madvise_hugepage

import sim.model
from sim.housekeeping import DEFERRED, full_collections_deferred
from sim.run import run_simulation
from tests.conftest import SMALL, params


def test_a_run_defers_full_collections_until_it_ends():
    before = gc.get_threshold()
    during: list[tuple[int, int, int]] = []
    run_simulation(params(*SMALL, "days=3"), on_day=lambda _: during.append(gc.get_threshold()))
    assert during == [(before[0], before[1], DEFERRED)] * 3
    assert gc.get_threshold() == before


def test_the_collector_comes_back_when_the_last_of_overlapping_runs_ends():
    before = gc.get_threshold()
    first = full_collections_deferred()
    first.__enter__()
    with full_collections_deferred():
        assert gc.get_threshold()[2] == DEFERRED
    assert gc.get_threshold()[2] == DEFERRED  # the first run is still under way
    first.__exit__(None, None, None)
    assert gc.get_threshold() == before


def test_runs_in_threads_ending_in_any_order_restore_the_collector():
    before = gc.get_threshold()
    entered, release = threading.Barrier(5), [threading.Event() for _ in range(4)]

    def run(i: int) -> None:
        with full_collections_deferred():
            entered.wait()
            release[i].wait()

    threads = [threading.Thread(target=run, args=(i,), daemon=True) for i in range(4)]
    for t in threads:
        t.start()
    entered.wait()  # all four runs under way
    deferred = []
    try:
        for i in (2, 0, 3, 1):  # they end in another order than they began
            deferred.append(gc.get_threshold()[2] == DEFERRED)
            release[i].set()
            threads[i].join()
    finally:
        for event in release:
            event.set()
    assert deferred == [True] * 4
    assert gc.get_threshold() == before


def test_a_world_build_asks_for_small_pages_and_gives_the_hint_back(monkeypatch):
    seen: list[bool] = []
    build = sim.model.build_world

    def build_world(*args):
        hint = _set_madvise_hugepage(True)  # reads the hint (and sets it back below)
        _set_madvise_hugepage(hint)
        seen.append(hint)
        return build(*args)

    monkeypatch.setattr(sim.model, "build_world", build_world)
    before = _set_madvise_hugepage(True)
    _set_madvise_hugepage(before)
    run_simulation(params(*SMALL, "days=1"))
    after = _set_madvise_hugepage(before)
    assert seen == [False]  # during the build
    assert after == before
