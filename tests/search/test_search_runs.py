"""The search on a tiny world: resumes without redoing trials; end to end (slow)."""

from __future__ import annotations

import dataclasses
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from optuna.trial import TrialState

from sim.cli import main
from sim.experiments.store import RunStore
from sim.search import study as search_study
from sim.search.evaluate import Composer, candidate_name, run, specs_for
from sim.search.space import load_search
from tests.conftest import loopback_cluster

TINY = ["scenario.n_villages=2", "days=60"]


def setup(tmp_path, trials: int):
    search = dataclasses.replace(
        load_search("village"), trials=trials, population=2, replications=1
    )
    composer = Composer(search, TINY)
    store = RunStore(tmp_path / "runs")
    path = tmp_path / "study.journal"
    opened = search_study.open_study(path, search, search_study.setup_of(search, TINY), 0)
    return search, composer, store, opened


def stored(tmp_path) -> int:
    return len(list((tmp_path / "runs").glob("*.json")))


def test_a_resumed_search_redoes_no_trial_and_no_run(tmp_path):
    pool = ThreadPoolExecutor(1)
    search, composer, store, st = setup(tmp_path, trials=2)
    search_study.optimise(st, search, composer, store, pool, progress=False)
    first = {t.number: t.params for t in search_study.counted(st)}
    assert len(first) == 2
    runs_after_first = stored(tmp_path)

    # Killed mid-generation: a trial asked, its run stored, never told.
    dists = {lv.key: search_study.distribution(lv) for lv in search.levers}
    orphan = st.ask(dists)
    cand = search_study.candidate_of(search, orphan.params)
    cand = dataclasses.replace(cand, name=candidate_name(orphan.number))
    run(specs_for(composer, [cand], search.seeds()), store, pool, progress=False)
    runs_before_resume = stored(tmp_path)

    # The same command again, now asking for 3 trials in all.
    search, composer, store, st = setup(tmp_path, trials=3)
    outcome = search_study.optimise(st, search, composer, store, pool, progress=False)
    done = search_study.counted(st)
    assert len(done) == 3
    assert {t.number: t.params for t in done[:2]} == first  # not run again
    assert st.trials[orphan.number].state is TrialState.FAIL
    assert done[2].params == orphan.params  # the interrupted levers, asked again first
    assert outcome.finished == 0 and stored(tmp_path) == runs_before_resume  # from the store
    assert runs_before_resume > runs_after_first

    # And once more with nothing left to do.
    search, composer, store, st = setup(tmp_path, trials=3)
    again = search_study.optimise(st, search, composer, store, pool, progress=False)
    assert again.finished == 0 and len(search_study.counted(st)) == 3
    pool.shutdown()


def _trials(st) -> list[tuple[dict, tuple[float, ...]]]:
    return [(t.params, tuple(t.values)) for t in search_study.counted(st)]


def test_a_search_on_a_dask_cluster_asks_and_scores_as_local_processes(tmp_path):
    """The same study through the executor layer's Dask path (a loopback cluster of two
    worker processes): the same candidates, the same objective values."""
    from sim.experiments.executors import open_executor

    local_dir, dask_dir = tmp_path / "local", tmp_path / "dask"
    pool = ThreadPoolExecutor(1)
    search, composer, store, st = setup(local_dir, trials=4)
    search_study.optimise(st, search, composer, store, pool, progress=False)
    pool.shutdown()
    with (
        loopback_cluster() as cluster,
        open_executor(cluster.scheduler_address) as (executor, _),
    ):
        search, composer, store, on_dask = setup(dask_dir, trials=4)
        search_study.optimise(on_dask, search, composer, store, executor, progress=False)
    local = _trials(st)
    assert len(local) == 4 and len({str(p) for p, _ in local}) > 1
    assert _trials(on_dask) == local


@pytest.mark.slow
def test_village_search_end_to_end_then_again_without_new_runs(tmp_path, capsys):
    results = tmp_path / "results"
    argv = ["search", "village", *TINY, "--trials", "4", "--population", "2"]
    argv += ["--workers", "2", "--no-progress", "--results", str(results)]
    assert main(argv) == 0
    report = capsys.readouterr().out.strip().splitlines()[-1]
    text = Path(report).read_text(encoding="utf-8")
    for part in ("Recommended", "![front](front.png)", "Where the recommendation fails",
                 "Hypervolume", "govsim search village", "new model runs"):  # fmt: skip
        assert part in text
    folder = results / "search" / "village" / "budget-100000"
    assert (folder / "front.png").stat().st_size > 1000
    assert main(argv) == 0
    second = Path(capsys.readouterr().out.strip().splitlines()[-1]).read_text(encoding="utf-8")
    assert "made 0 new model runs" in second
