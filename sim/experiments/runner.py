"""Drive runs through an executor into the store, with a progress bar and a clean Ctrl-C.

Also the adaptive loop behind ``--precision``: run, compute the paired interval on the
primary metric, and add replications until it is narrow enough or the cap is reached.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from concurrent.futures import Executor, Future, as_completed
from dataclasses import dataclass, field

import pandas as pd
from scipy import stats as sps
from tqdm import tqdm

from sim.experiments.design import ArmConfigs, Experiment, RunSpec, run_specs
from sim.experiments.executors import run_one
from sim.experiments.stats import paired_differences
from sim.experiments.store import RunStore, build_tables
from sim.experiments.version import code_version


@dataclass
class BatchOutcome:
    finished: int = 0  # runs finished and stored by this call (model errors included)
    model_errors: int = 0  # runs whose model raised (stored with their error)
    failed: list[str] = field(default_factory=list)  # executor failures, not stored: retried
    interrupted: bool = False  # Ctrl-C
    budget_reached: bool = False  # --max-runs stopped it before all runs were done


def execute(
    specs: Sequence[RunSpec],
    store: RunStore,
    executor: Executor,
    *,
    progress: bool = True,
    max_runs: int | None = None,
    retry_errors: bool = False,
) -> BatchOutcome:
    """Run every spec not yet in the store; save each record the moment it arrives."""
    todo = store.pending(specs, retry_errors=retry_errors)
    outcome = BatchOutcome()
    if max_runs is not None and len(todo) > max_runs:
        todo, outcome.budget_reached = todo[:max_runs], True
    if not todo:
        return outcome
    version = code_version()
    futures: dict[Future, RunSpec] = {}
    bar = tqdm(total=len(todo), unit="run", disable=not progress or None, dynamic_ncols=True)
    try:
        for spec in todo:
            task = {
                "key": spec.key,
                "seed": spec.seed,
                "config": spec.config,
                "code_version": version,
            }
            futures[executor.submit(run_one, task)] = spec
        for future in as_completed(futures):
            _collect(future, futures[future], store, outcome)
            bar.update(1)
    except KeyboardInterrupt:
        outcome.interrupted = True
        for future in futures:
            future.cancel()
        # Keep what finished between the last save and the interrupt.
        for future, spec in futures.items():
            if future.done() and not future.cancelled() and not store.has(spec.key):
                _collect(future, spec, store, outcome)
    finally:
        bar.close()
    return outcome


def _collect(future: Future, spec: RunSpec, store: RunStore, outcome: BatchOutcome) -> None:
    try:
        record = future.result()
    except Exception as err:  # a lost worker must not stop the experiment
        outcome.failed.append(f"{spec.arm} r{spec.replication}: {type(err).__name__}: {err}")
        return
    store.save(record)
    outcome.finished += 1
    outcome.model_errors += bool(record.get("error"))


@dataclass
class ExperimentRun:
    specs: list[RunSpec]
    table: pd.DataFrame
    series: pd.DataFrame
    replications: int
    outcome: BatchOutcome
    rounds: list[tuple[int, float | None]] = field(default_factory=list)  # (reps, half-width)

    @property
    def all_failed(self) -> bool:
        """Every stored run raised: there is nothing to analyse."""
        return bool(len(self.table)) and bool(self.table["error"].notna().all())

    @property
    def complete(self) -> bool:
        o = self.outcome
        return not (o.interrupted or o.budget_reached or o.failed)


def run_experiment(
    exp: Experiment,
    configs: ArmConfigs,
    store: RunStore,
    executor: Executor,
    *,
    replications: int | None = None,
    seed_base: int | None = None,
    precision: float | None = None,
    max_replications: int = 200,
    progress: bool = True,
    max_runs: int | None = None,
    retry_errors: bool = False,
) -> ExperimentRun:
    """Run the experiment; with ``precision``, grow replications until the widest paired
    95% half-width on the primary metric is at most ``precision`` (or the cap is hit)."""
    reps = replications or exp.replications
    total = BatchOutcome()
    rounds: list[tuple[int, float | None]] = []
    arm_order = [a.name for a in exp.arms]
    while True:
        specs = run_specs(exp, configs, reps, seed_base)
        budget = None if max_runs is None else max_runs - total.finished
        outcome = execute(
            specs, store, executor, progress=progress, max_runs=budget, retry_errors=retry_errors
        )
        _add(total, outcome)
        table, series = build_tables(specs, store, arm_order)
        run = ExperimentRun(specs, table, series, reps, total, rounds)
        if not run.complete or precision is None or run.all_failed:
            return run
        width = widest_half_width(table, exp)
        rounds.append((reps, width))
        if (width is not None and width <= precision) or reps >= max_replications:
            return run
        reps = min(max_replications, next_replications(table, exp, precision, reps))


def _add(total: BatchOutcome, part: BatchOutcome) -> None:
    total.finished += part.finished
    total.model_errors += part.model_errors
    total.failed += part.failed
    total.interrupted |= part.interrupted
    total.budget_reached |= part.budget_reached


def widest_half_width(table: pd.DataFrame, exp: Experiment) -> float | None:
    """The widest 95% half-width of any arm's paired difference on the primary metric."""
    paired = paired_differences(table, exp.baseline, [exp.primary_metric])
    widths = paired["half_width"].dropna()
    if len(widths) < len(paired) or widths.empty:
        return None  # some arm has too few paired replications to say
    return float(widths.max())


def next_replications(table: pd.DataFrame, exp: Experiment, precision: float, reps: int) -> int:
    """Replications that should bring the widest half-width under ``precision``.

    From half-width = t * sd / sqrt(n): n = (t * sd / precision)^2 with the current sd and
    t; at least one more than now and at most double, so a noisy early sd cannot
    overshoot far.
    """
    paired = paired_differences(table, exp.baseline, [exp.primary_metric])
    sd = paired["diff_sd"].max()
    if not math.isfinite(sd) or sd == 0:
        return reps + 1
    t = sps.t.ppf(0.975, max(reps - 1, 1))
    needed = math.ceil((t * sd / precision) ** 2)
    return max(reps + 1, min(needed, 2 * reps))
