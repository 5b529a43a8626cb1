"""Run one simulation: validated parameters and a seed in, tidy results out.

``run_simulation`` is the single entry point that the CLI, the experiment runner and
the tests share. It keeps no global state, so runs can go to any worker process.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from sim.config.schema import Params
from sim.housekeeping import full_collections_deferred
from sim.metrics import dispute_table, run_metrics
from sim.model import GovernanceModel


@dataclass(frozen=True)
class RunResult:
    metrics: dict[str, float | int | None]
    series: pd.DataFrame  # one row per day, columns from ``sim.metrics.SERIES_REPORTERS``
    disputes: pd.DataFrame  # one row per dispute, see ``sim.metrics.dispute_table``


def build_model(params: Params, seed: int | None = None) -> GovernanceModel:
    """The model, built and ready to step (for tests and interactive use)."""
    if seed is not None:
        params = dataclasses.replace(params, seed=seed)
    return GovernanceModel(params)


def run_simulation(
    params: Params, seed: int | None = None, on_day: Callable[[int], object] | None = None
) -> RunResult:
    """Simulate ``params.days`` days; ``seed`` overrides ``params.seed`` if given."""
    model = build_model(params, seed)
    simulate_days(model, model.params.days, on_day)
    return collect(model)


def simulate_days(
    model: GovernanceModel, days: int, on_day: Callable[[int], object] | None = None
) -> None:
    """Step ``model`` through ``days`` days, calling ``on_day(day)`` after each; no full
    garbage collection meanwhile (``sim.housekeeping``: a run makes no garbage cycles)."""
    with full_collections_deferred():
        for _ in range(days):
            model.run_for(1)
            if on_day is not None:
                on_day(model.day)


def collect(model: GovernanceModel) -> RunResult:
    series = model.datacollector.get_model_vars_dataframe().reset_index(drop=True)
    series.insert(0, "day", range(len(series)))
    return RunResult(metrics=run_metrics(model), series=series, disputes=dispute_table(model))
