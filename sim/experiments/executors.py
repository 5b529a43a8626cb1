"""Experiment runs on the shared execution layer (``sim.executors``).

``run_one`` is the task: it receives a resolved config and a seed and returns a plain
record; the calling process alone writes the store.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from concurrent.futures import Executor
from typing import TYPE_CHECKING, Any

from sim import executors
from sim.executors import scheduler_address

if TYPE_CHECKING:
    from sim.clusters import ClusterSpec

__all__ = ["open_executor", "run_one", "scheduler_address"]


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


@contextlib.contextmanager
def open_executor(
    scheduler: str | None = None,
    workers: int | None = None,
    cluster: ClusterSpec | None = None,
) -> Iterator[tuple[Executor, str]]:
    """``sim.executors.open_executor`` with this module preloaded in local workers."""
    preload = ("sim.experiments.executors",)
    with executors.open_executor(scheduler, workers, preload, cluster) as pair:
        yield pair
