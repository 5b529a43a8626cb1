"""After the search: fresh seeds, the presets, the ensemble and PRIM, in that order.

Each stage builds its run specifications, runs what the store does not hold yet on the
shared executor and reads the runs back, so an interrupted call resumes at the run it
stopped at. Stages return plain tables; ``report`` turns them into a page.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, field

import numpy as np
import optuna
import pandas as pd
from scipy.stats import qmc

from sim.experiments.runner import BatchOutcome
from sim.experiments.store import RunStore
from sim.search import failure, validate
from sim.search.evaluate import (
    BASELINE,
    Candidate,
    Composer,
    candidate_name,
    run,
    specs_for,
    table,
)
from sim.search.space import Search
from sim.search.study import feasible
from sim.uncertainty.space import load_space, overrides_of, unit_to_value


class Interrupted(Exception):
    """A stage stopped before all its runs were stored (Ctrl-C or lost runs)."""

    def __init__(self, outcome: BatchOutcome) -> None:
        super().__init__("interrupted")
        self.outcome = outcome


@dataclass
class Context:
    search: Search
    composer: Composer
    store: RunStore
    executor: Executor
    progress: bool
    new_runs: int = 0

    def runs(self, specs) -> pd.DataFrame:
        outcome = run(specs, self.store, self.executor, self.progress)
        self.new_runs += outcome.finished
        if outcome.interrupted or outcome.failed:
            raise Interrupted(outcome)
        return table(specs, self.store)


@dataclass
class Findings:
    front: list[Candidate]
    fresh: pd.DataFrame  # one row per fresh run
    summary: pd.DataFrame  # per candidate on fresh seeds
    dropped: dict[str, str | None]
    verdict: validate.Verdict
    standing: pd.DataFrame = field(default_factory=pd.DataFrame)
    prim: dict[str, str] = field(default_factory=dict)  # sample name -> sentence
    words: dict[str, str] = field(default_factory=dict)  # candidate -> plain words
    # The front and every preset combination by name, for the stages after this one.
    candidates: dict[str, Candidate] = field(default_factory=dict)


def front_candidates(study: optuna.Study, search: Search) -> list[Candidate]:
    """The feasible non-dominated trials with the lowest escalation rates (at most
    ``front_size``), as candidates named after their trial."""
    ok = {t.number for t in feasible(study)}
    best = [t for t in study.best_trials if t.number in ok]
    best.sort(key=lambda t: (t.values[0], t.number))
    out: dict[tuple[str, ...], Candidate] = {}
    for t in best:  # NSGA-II may ask the same levers twice: one candidate each
        overrides = tuple(t.user_attrs["overrides"])
        if overrides not in out and len(out) < search.front_size:
            out[overrides] = Candidate(candidate_name(t.number), overrides, t.user_attrs["words"])
    return list(out.values())


def fresh_stage(ctx: Context, front: list[Candidate]) -> Findings:
    """Front, baseline and preset combinations within the budget, on fresh seeds."""
    search, seeds = ctx.search, ctx.search.fresh_seeds()
    baseline = Candidate(BASELINE, (), search.baseline_words)
    combos = validate.preset_candidates()
    screen = ctx.runs(specs_for(ctx.composer, [baseline, *combos], seeds[: validate.SCREEN_SEEDS]))
    cost = validate.summary(screen, [c.name for c in combos], ["escalation_rate"])
    eligible = [c for c in combos if cost.loc[c.name, "extra_cost"] <= search.budget]
    fresh = ctx.runs(specs_for(ctx.composer, [baseline, *front, *eligible], seeds))
    names = [baseline.name] + [c.name for c in [*front, *eligible]]
    summary = validate.summary(fresh, names, search.objectives)
    dropped = validate.honest_front(fresh, [c.name for c in front])
    kept = [c.name for c in front if dropped[c.name] is None]
    verdict = validate.verdict(fresh, summary, kept, search.budget)
    candidates = {c.name: c for c in [*front, *combos]}
    words = {c.name: c.words for c in [baseline, *candidates.values()]}
    return Findings(front, fresh, summary, dropped, verdict, words=words, candidates=candidates)


def ensemble_stage(ctx: Context, found: Findings, members: Sequence[Sequence[str]]) -> None:
    """Front (and runner-up) under the best members; rec vs runner-up under all, PRIM."""
    search = ctx.search
    if not members or found.verdict.recommended is None:
        return
    seeds, by_name = search.member_seeds(), found.candidates
    baseline = Candidate(BASELINE, ())
    rec, rival = found.verdict.recommended, found.verdict.runner_up
    kept = [c for c in found.front if found.dropped[c.name] is None]
    if rival and rival not in {c.name for c in kept}:
        kept.append(by_name[rival])
    best = members[: search.members]
    runs = ctx.runs(specs_for(ctx.composer, [baseline, *kept], seeds, best))
    found.standing = validate.ensemble_standing(runs, [c.name for c in kept], search.budget)
    if rival is None:
        return
    pair = [by_name[rec], by_name[rival]]
    every = ctx.runs(specs_for(ctx.composer, pair, seeds, members))
    lost = lost_per_set(every, rec, rival, len(members))
    x = failure.member_values([list(m) for m in members])
    box = failure.find_box(x, lost)
    found.prim["ensemble"] = failure.in_words(box, x, lost, "the recommendation", "the runner-up")


def sample_stage(ctx: Context, found: Findings, points: int, seed: int) -> None:
    """PRIM over a Latin hypercube of the sensitivity ranges (parameters.yaml)."""
    rec, rival = found.verdict.recommended, found.verdict.runner_up
    if points <= 0 or rec is None or rival is None:
        return
    specs = [s for s in load_space() if not s.is_dummy]
    unit = qmc.LatinHypercube(d=len(specs), seed=seed).random(points)
    values = [
        {s.key: unit_to_value(s, float(u)) for s, u in zip(specs, row, strict=True)} for row in unit
    ]
    sets = [overrides_of(v, specs) for v in values]
    pair = [found.candidates[rec], found.candidates[rival]]
    runs = ctx.runs(specs_for(ctx.composer, pair, ctx.search.member_seeds(), sets))
    lost = lost_per_set(runs, rec, rival, points)
    x = pd.DataFrame(values)
    box = failure.find_box(x, lost)
    found.prim["sample"] = failure.in_words(box, x, lost, "the recommendation", "the runner-up")


def lost_per_set(runs: pd.DataFrame, rec: str, rival: str, n: int) -> np.ndarray:
    """Per parameter set: did ``rec`` escalate more than ``rival`` (mean over seeds)?"""
    mean = runs.groupby(["member", "candidate"])["escalation_rate"].mean().unstack()
    diff = (mean[rec] - mean[rival]).reindex(range(n))
    return (diff > 0).to_numpy()
