"""The Optuna study behind ``govsim search``: NSGA-II over the levers, resumable on disk.

One generation (``population`` candidates) is asked at once and its runs share the
executor; every candidate runs the search's seeds, and so does the baseline, so the
extra cost and every comparison are paired run by run. The budget is a constraint
(``Trial.set_constraint``, Optuna's replacement for ``constraints_func``): NSGA-II
prefers any candidate within it to any candidate over it.

The study lives in a journal file: a finished trial is never run again. Ctrl-C leaves
the generation's trials running in the journal; the next call marks them failed and
asks the same levers again first, and their finished runs come from the run store.
"""

from __future__ import annotations

import sys
import warnings
from collections.abc import Callable
from concurrent.futures import Executor
from pathlib import Path

import numpy as np
import optuna
from optuna.distributions import (
    BaseDistribution,
    CategoricalDistribution,
    FloatDistribution,
    IntDistribution,
)
from optuna.trial import FrozenTrial, TrialState

from sim.config import ConfigError
from sim.experiments.runner import BatchOutcome
from sim.experiments.store import RunStore
from sim.search.evaluate import (
    BASELINE,
    Candidate,
    Composer,
    candidate_name,
    objective_values,
    run,
    specs_for,
)
from sim.search.evaluate import table as run_table
from sim.search.space import EXTRA_COST, Lever, Search
from sim.uncertainty.journal import counted, open_journal_study

STUDY_NAME = "govsim-search"
BUDGET = "budget"  # the constraint's name


def distribution(lever: Lever) -> BaseDistribution:
    if lever.choices:
        return CategoricalDistribution(list(lever.choices))
    assert lever.low is not None and lever.high is not None
    if lever.integer:
        return IntDistribution(int(lever.low), int(lever.high))
    return FloatDistribution(float(lever.low), float(lever.high))


def candidate_of(search: Search, params: dict) -> Candidate:
    """The trial's lever values as overrides and plain words, in the config's order."""
    levers = [lv for lv in search.levers if lv.key in params]
    overrides = tuple(lv.override(params[lv.key]) for lv in levers)
    words = "; ".join(_words(lv, params[lv.key], levers) for lv in levers)
    return Candidate("", overrides, words)


def _words(lever: Lever, value: object, levers: list[Lever]) -> str:
    """A preset's words state its settings ("two volunteer mediators per village"); when
    another lever of the candidate sets one of them, which wins (Hydra applies presets
    first), the words say so, lest they seem to contradict each other."""
    if lever.is_group:
        section = lever.key.replace("/", ".") + "."
        if any(other.key.startswith(section) for other in levers):
            return f"{lever.words(value)}, except as set next"
    return lever.words(value)


def setup_of(search: Search, overrides: list[str]) -> dict:
    """What a resumed study must share with the call that made it."""
    return {
        "levers": {lv.key: [list(lv.choices), lv.low, lv.high] for lv in search.levers},
        "objectives": list(search.objectives),
        "baseline": list(search.baseline),
        "overrides": list(overrides),
        "seeds": search.seeds(),
        "population": search.population,
    }


def open_study(path: Path, search: Search, setup: dict, seed: int) -> optuna.Study:
    """Create or resume the study at ``path``; trials an interrupted call left running
    are failed and their levers asked again first."""
    study, _ = open_journal_study(
        path,
        STUDY_NAME,
        search.directions(),
        setup,
        advice="use another --results folder or delete the study",
        requeue=True,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", optuna.exceptions.ExperimentalWarning)
        study.sampler = optuna.samplers.NSGAIISampler(
            population_size=search.population, seed=seed + len(study.trials)
        )
    return study


def optimise(
    study: optuna.Study,
    search: Search,
    composer: Composer,
    store: RunStore,
    executor: Executor,
    progress: bool = True,
    report: Callable[[str], None] = lambda line: print(line, file=sys.stderr),
) -> BatchOutcome:
    """Add generations until the study holds ``search.trials`` counted trials."""
    dists = {lv.key: distribution(lv) for lv in search.levers}
    baseline = Candidate(BASELINE, ())
    total = BatchOutcome()
    while (done := len(counted(study))) < search.trials:
        generation = done // search.population
        asked = [study.ask(dists) for _ in range(min(search.population, search.trials - done))]
        cands: dict[int, Candidate] = {}
        for trial in asked:
            cand = candidate_of(search, trial.params)
            try:
                composer.config(cand)
            except ConfigError as err:  # a combination the validator rejects
                trial.set_user_attr("error", str(err))
                study.tell(trial, state=TrialState.FAIL)
                continue
            name = candidate_name(trial.number)
            cands[trial.number] = Candidate(name, cand.overrides, cand.words)
        specs = specs_for(composer, [baseline, *cands.values()], search.seeds())
        outcome = run(specs, store, executor, progress)
        total.finished += outcome.finished
        if outcome.interrupted or outcome.failed:
            total.interrupted, total.failed = outcome.interrupted, outcome.failed
            return total
        runs = run_table(specs, store)
        for trial in asked:
            if trial.number in cands:
                tell(study, trial, search, runs, cands[trial.number], generation)
        report(progress_line(study, search, generation))
    return total


def tell(study, trial, search: Search, runs, cand: Candidate, generation: int) -> None:
    own = runs[runs["candidate"] == cand.name]
    if own.empty or own["error"].notna().all():
        first = own["error"].iloc[0] if not own.empty else "no runs"
        trial.set_user_attr("error", f"model error: {first}")
        study.tell(trial, state=TrialState.FAIL)
        return
    values = objective_values(runs, cand.name, search.objectives)
    if not all(np.isfinite(values)):  # e.g. no dispute arose: no escalation rate
        trial.set_user_attr("error", f"objectives undefined: {values}")
        study.tell(trial, state=TrialState.FAIL)
        return
    extra = values[search.objectives.index(EXTRA_COST)]
    trial.set_user_attr("generation", generation)
    trial.set_user_attr("words", cand.words)
    trial.set_user_attr("overrides", list(cand.overrides))
    trial.set_constraint(BUDGET, extra - search.budget)
    study.tell(trial, values)


def feasible(study: optuna.Study) -> list[FrozenTrial]:
    return [
        t
        for t in study.get_trials(deepcopy=False, states=(TrialState.COMPLETE,))
        if all(v <= 0 for v in t.constraints.values())
    ]


def progress_line(study: optuna.Study, search: Search, generation: int) -> str:
    ok = feasible(study)
    best = min((t.values[0] for t in ok), default=float("nan"))
    return (
        f"search: generation {generation + 1}, {len(counted(study))}/{search.trials} trials, "
        f"{len(ok)} within budget, lowest escalation rate {best:.2%}"
    )


def hypervolumes(study: optuna.Study, search: Search) -> list[tuple[int, float]]:
    """Hypervolume of the feasible front after each generation, in a box fixed by all
    feasible trials (each objective scaled to 0..1, then 1.1 as the reference point), so
    that generations compare; it can only grow."""
    from optuna._hypervolume import compute_hypervolume  # what optuna's own plot uses

    ok = feasible(study)
    if not ok:
        return []
    signs = np.array([1.0 if d == "minimize" else -1.0 for d in search.directions()])
    losses = np.array([t.values for t in ok]) * signs
    low, high = losses.min(axis=0), losses.max(axis=0)
    scaled = (losses - low) / np.where(high > low, high - low, 1.0)
    gens = np.array([t.user_attrs.get("generation", 0) for t in ok])
    out = []
    for g in range(int(gens.max()) + 1):
        points = scaled[gens <= g]
        hv = compute_hypervolume(points, np.full(len(signs), 1.1)) if len(points) else 0.0
        out.append((g + 1, float(hv)))
    return out
