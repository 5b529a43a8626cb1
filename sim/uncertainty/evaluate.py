"""Run parameter sets over replication seeds and return their statistics.

One job = (Params, seed, statistic names) -> the statistics of that run. Jobs go to a
process pool when more than one worker is asked for; results come back in job order,
so a calibration or a sensitivity design is deterministic whatever the worker count.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from concurrent.futures import Executor
from contextlib import contextmanager
from typing import TYPE_CHECKING

from sim.config import Params
from sim.executors import default_workers, local_pool, open_executor
from sim.run import run_simulation
from sim.uncertainty.statistics import compute

if TYPE_CHECKING:
    from sim.clusters import ClusterSpec

__all__ = ["Evaluator", "Job", "default_workers", "evaluator", "replication_seeds", "run_job"]

Job = tuple[Params, int, tuple[str, ...]]


def run_job(job: Job) -> dict[str, float | None]:
    params, seed, names = job
    return compute(names, run_simulation(params, seed=seed), params)


def replication_seeds(seed: int, replications: int) -> list[int]:
    """Seeds of the replications: the same for every parameter set (common random numbers)."""
    return [seed * 1000 + r for r in range(replications)]


class Evaluator:
    """Maps jobs to statistics, in-process or over a pool of ``workers`` processes."""

    def __init__(self, executor: Executor | None, workers: int = 1) -> None:
        self.executor, self.workers = executor, workers

    def map(self, jobs: Sequence[Job]) -> list[dict[str, float | None]]:
        if self.executor is None or len(jobs) == 1:
            return [run_job(job) for job in jobs]
        # A few chunks per worker: less pickling overhead, still balanced.
        chunk = max(1, len(jobs) // (8 * self.workers))
        return list(self.executor.map(run_job, jobs, chunksize=chunk))


@contextmanager
def evaluator(
    workers: int, scheduler: str | None = None, cluster: ClusterSpec | None = None
) -> Iterator[Evaluator]:
    """An ``Evaluator`` on ``workers`` local processes, or on a Dask cluster (a running one
    at ``scheduler``, or one started from ``cluster``); closed on exit."""
    if scheduler or cluster:
        preload = ("sim.uncertainty.evaluate",)
        with open_executor(scheduler, workers, preload, cluster) as (pool, _):
            yield Evaluator(pool, workers)
        return
    if workers <= 1:
        yield Evaluator(None)
        return
    with local_pool(workers, ("sim.uncertainty.evaluate",)) as pool:
        yield Evaluator(pool, workers)
