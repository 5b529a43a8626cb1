"""The Optuna study: resumable on disk, seeded, evaluated with common random numbers.

Every trial runs the same replication seeds, so differences between trials are due to
the parameters and not to luck. The first trial of a new study is the base config's
own values (the "before" of the report). Trials are asked in batches and told in order,
so the sequence of trials depends only on the study's history and the seed.
"""

from __future__ import annotations

import sys
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import optuna
from optuna.distributions import BaseDistribution, FloatDistribution, IntDistribution
from optuna.trial import FrozenTrial, TrialState

from sim.calibration.objective import aggregate, objective
from sim.calibration.targets import TargetSet
from sim.config import ConfigError
from sim.uncertainty.evaluate import Evaluator, Job
from sim.uncertainty.journal import counted, open_journal_study
from sim.uncertainty.space import (
    ParameterSpec,
    apply_values,
    current_values,
    unit_to_value,
    value_to_unit,
)

STUDY_NAME = "govsim-calibration"
N_STARTUP = 20  # random trials before TPE models the history
LOCAL_STEP = 0.08  # sd of a local step, as a share of each parameter's range


@dataclass(frozen=True)
class Setup:
    """What a calibration holds fixed: base config, parameter space, targets, seeds."""

    cfg: dict
    overrides: tuple[str, ...]
    specs: tuple[ParameterSpec, ...]
    targets: TargetSet
    seeds: tuple[int, ...]

    def metadata(self) -> dict:
        return {
            "overrides": list(self.overrides),
            "space": [[s.key, s.low, s.high, s.log] for s in self.specs],
            "targets": self.targets.digest,
            "seeds": list(self.seeds),
        }


def distributions(specs: tuple[ParameterSpec, ...]) -> dict[str, BaseDistribution]:
    return {
        s.key: IntDistribution(int(s.low), int(s.high), log=s.log)
        if s.integer
        else FloatDistribution(s.low, s.high, log=s.log)
        for s in specs
    }


def open_study(
    path: Path, setup: Setup, seed: int, start: dict[str, float] | None = None
) -> optuna.Study:
    """Create or resume the study at ``path``; a resumed study must have the same setup.

    A new study first tries the base config's values, then ``start`` (e.g. an earlier fit).
    """
    study, new = open_journal_study(
        path, STUDY_NAME, ["minimize"], setup.metadata(), advice="use a new --study path"
    )
    if new:
        defaults = current_values(setup.cfg, list(setup.specs))
        for values in (defaults, start) if start else (defaults,):
            study.enqueue_trial({s.key: s.clip(values[s.key]) for s in setup.specs})
    # Offsetting the seed by the history keeps a resumed study from replaying the random
    # start-up points of the first call.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", optuna.exceptions.ExperimentalWarning)
        study.sampler = optuna.samplers.TPESampler(
            seed=seed + len(study.trials), multivariate=True, n_startup_trials=N_STARTUP
        )
    return study


def local_step(
    best: FrozenTrial, specs: tuple[ParameterSpec, ...], rng: np.random.Generator
) -> dict[str, float]:
    """A Gaussian step from the best trial in the unit cube (log scale where ``log``)."""
    out = {}
    for s in specs:
        u = value_to_unit(s, float(best.params[s.key])) + rng.normal(0.0, LOCAL_STEP)
        value = unit_to_value(s, min(max(u, 0.0), 1.0))
        out[s.key] = round(value) if s.integer else value
    return out


def optimise(
    study: optuna.Study,
    setup: Setup,
    evaluate: Evaluator,
    trials: int,
    batch: int = 1,
    local_share: float = 0.0,
    seed: int = 0,
) -> None:
    """Add trials, ``batch`` at a time (their runs share the worker pool), until the
    study holds ``trials`` of them (``counted``): a call that was interrupted, run
    again, adds only the rest, and one whose study is complete adds none.

    With ``local_share`` > 0, that share of the trials (after the start-up phase) are
    local steps from the best trial so far: TPE explores the whole space, the local
    steps refine the best region, which TPE alone does slowly in two dozen dimensions.
    """
    dists = distributions(setup.specs)
    names = setup.targets.statistics
    rng = np.random.default_rng([seed, len(study.trials)])
    while (done := len(counted(study))) < trials:
        for _ in range(min(batch, trials - done)):
            if len(study.trials) >= N_STARTUP and rng.random() < local_share:
                study.enqueue_trial(local_step(study.best_trial, setup.specs, rng))
        asked = [study.ask(dists) for _ in range(min(batch, trials - done))]
        jobs: list[Job] = []
        ok: list[bool] = []
        for trial in asked:
            try:
                params = apply_values(setup.cfg, dict(trial.params), list(setup.specs))
            except ConfigError as err:  # a combination the validator rejects
                trial.set_user_attr("error", str(err))
                ok.append(False)
                continue
            ok.append(True)
            jobs.extend((params, seed, names) for seed in setup.seeds)
        results = evaluate.map(jobs)
        r = len(setup.seeds)
        for trial, good in zip(asked, ok, strict=True):
            if not good:
                study.tell(trial, state=TrialState.FAIL)
                continue
            reps, results = results[:r], results[r:]
            stats = aggregate(reps)
            trial.set_user_attr("stats", stats)
            study.tell(trial, objective(stats, setup.targets))
        done = len(counted(study))
        if done % 25 < len(asked) or done == trials:
            print(
                f"calibrate: {done}/{trials} trials, best objective {study.best_value:.4g}",
                file=sys.stderr,
            )


def completed(study: optuna.Study) -> list[FrozenTrial]:
    return [t for t in study.trials if t.state is TrialState.COMPLETE]


def ensemble_members(study: optuna.Study, tolerance: float, max_members: int) -> list[FrozenTrial]:
    """Best trials whose objective is within ``tolerance`` of the best, best first."""
    trials = sorted(completed(study), key=lambda t: (t.value, t.number))
    if not trials:
        return []
    best = float(trials[0].value or 0.0)  # completed trials always have a value
    return [t for t in trials if float(t.value or 0.0) <= best + tolerance][:max_members]
