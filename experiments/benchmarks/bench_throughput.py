"""Experiment throughput: county-year runs per minute through the executor layer.

The task is the experiment runner's own (``sim.experiments.executors.run_one``: a
resolved config and a seed in, metrics and daily series out), sent through
``sim.executors.open_executor`` on 1 and 2 local worker processes and on a loopback
Dask ``LocalCluster`` of 2 worker processes (127.0.0.1). Each executor first runs one
warm-up task per worker (process start and imports are not counted); then ``--runs``
county runs are timed from submission to the last result.

    .venv/bin/python experiments/benchmarks/bench_throughput.py [--runs 64]
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import os
import time
from collections.abc import Iterator
from concurrent.futures import Executor

from sim.config import load_params
from sim.experiments.executors import open_executor, run_one
from sim.experiments.version import code_version


def tasks(runs: int, first_seed: int) -> list[dict]:
    cfg, _ = load_params(["scenario=county"])
    version = code_version()
    return [
        {"key": f"bench{s}", "seed": s, "config": cfg, "code_version": version}
        for s in range(first_seed, first_seed + runs)
    ]


@contextlib.contextmanager
def dask_cluster(workers: int) -> Iterator[tuple[Executor, str]]:
    from distributed import LocalCluster

    with (
        LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
        ) as cluster,
        open_executor(cluster.scheduler_address) as pair,
    ):
        yield pair


def rate(executor: Executor, workers: int, runs: int) -> float:
    """County runs per minute on ``executor`` (after one warm-up run per worker)."""
    list(executor.map(run_one, tasks(workers, 10_000)))
    start = time.perf_counter()
    records = list(executor.map(run_one, tasks(runs, 0)))
    seconds = time.perf_counter() - start
    assert all(r["error"] is None for r in records), records[0]["error"]
    return runs / seconds * 60


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=64)
    args = parser.parse_args()
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    print(f"{stamp}; before: load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    rows = []
    for label, workers, opener in (
        ("1 local process", 1, lambda: open_executor(None, 1)),
        ("2 local processes", 2, lambda: open_executor(None, 2)),
        ("loopback Dask, 2 worker processes", 2, lambda: dask_cluster(2)),
    ):
        with opener() as (executor, _):
            rows.append((label, rate(executor, workers, args.runs)))
    print(f"after: load average {os.getloadavg()[0]:.1f}")
    one = rows[0][1]
    print(f"{args.runs} county-year runs (calibrated behaviour) per executor")
    print("| executor | county runs / minute | speed-up over 1 process |")
    print("|---|---:|---:|")
    for label, per_minute in rows:
        print(f"| {label} | {per_minute:.0f} | {per_minute / one:.2f}x |")


if __name__ == "__main__":
    main()
