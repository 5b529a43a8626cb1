"""One execution path: a ``concurrent.futures.Executor`` running ``run_one`` on run tasks.

Local worker processes on all cores by default; a Dask distributed cluster when an
address is given (``--scheduler`` or ``DASK_SCHEDULER_ADDRESS``). Workers only compute:
they receive a resolved config and a seed and return a plain record, and the calling
process alone writes the store, so remote workers need no shared file system and
results do not depend on where a run went.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
from collections.abc import Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from typing import Any

from sim.experiments.design import ExperimentError

ENV_SCHEDULER = "DASK_SCHEDULER_ADDRESS"
CONNECT_TIMEOUT = "10s"


def run_one(task: dict[str, Any]) -> dict[str, Any]:
    """Simulate one run; a model error becomes the record's ``error`` instead of raising.

    Imports are local so that a Dask worker started elsewhere imports the model only
    when it first runs a task.
    """
    from sim.config import params_from_dict
    from sim.run import run_simulation

    record: dict[str, Any] = {
        "key": task["key"],
        "seed": task["seed"],
        "code_version": task["code_version"],
        "config": task["config"],
        "metrics": None,
        "series": None,
        "error": None,
    }
    try:
        result = run_simulation(params_from_dict(task["config"]), seed=task["seed"])
    except Exception as err:  # any model failure is data about this run
        record["error"] = f"{type(err).__name__}: {err}".splitlines()[0]
        return record
    record["metrics"] = dict(result.metrics)
    record["series"] = {c: result.series[c].tolist() for c in result.series.columns}
    return record


def _ignore_sigint() -> None:
    # Ctrl-C reaches the whole process group; only the parent should react to it, so
    # that it can cancel queued runs and keep the finished ones.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def scheduler_address(option: str | None) -> str | None:
    return option or os.environ.get(ENV_SCHEDULER) or None


@contextlib.contextmanager
def open_executor(
    scheduler: str | None = None, workers: int | None = None
) -> Iterator[tuple[Executor, str]]:
    """Yield ``(executor, description)``; connection problems raise ``ExperimentError``."""
    if scheduler:
        with _dask_executor(scheduler) as pair:
            yield pair
        return
    n = workers or os.cpu_count() or 1
    # forkserver: workers start from a clean, single-threaded process (no fork of the
    # progress-bar or Dask threads), with the model preloaded once.
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["sim.experiments.executors", "sim.run"])
    pool = ProcessPoolExecutor(max_workers=n, mp_context=context, initializer=_ignore_sigint)
    try:
        yield pool, f"{n} local worker process{'es' if n > 1 else ''}"
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


@contextlib.contextmanager
def _dask_executor(address: str) -> Iterator[tuple[Executor, str]]:
    try:
        from distributed import Client
    except ImportError:
        raise ExperimentError("--scheduler needs Dask: pip install 'govsim[dask]'") from None
    try:
        client = Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as err:
        reason = str(err).splitlines()[0] if str(err) else type(err).__name__
        raise ExperimentError(f"cannot reach Dask scheduler at {address}: {reason}") from None
    try:
        n = len(client.scheduler_info().get("workers", {}))
        executor = client.get_executor(pure=False)
        try:
            yield executor, f"Dask cluster at {address} ({n} workers)"
        finally:
            executor.shutdown(wait=False)  # cancels queued tasks on the cluster
    finally:
        client.close()
