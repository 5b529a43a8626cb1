"""Candidates run on the experiments' execution layer and run store.

A candidate is a named list of overrides on top of today's policy. Every candidate is
run on the same seeds (common random numbers), so its difference from the baseline or
from another candidate is paired run by run. Runs go through ``sim.experiments.runner``
into a ``RunStore``: a finished run is saved at once and never done again, whichever
command (search, re-run on fresh seeds, PRIM) asks for it next.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from concurrent.futures import Executor
from dataclasses import dataclass

import pandas as pd

from sim.config import load_params, params_from_dict
from sim.config.compose import merge_overrides, override_key
from sim.config.walk import set_value
from sim.experiments.design import RunSpec, run_key
from sim.experiments.runner import BatchOutcome, execute
from sim.experiments.store import RunStore
from sim.experiments.version import code_version
from sim.metrics import table_metrics
from sim.search.space import EXTRA_COST, Search

BASELINE = "baseline"


@dataclass(frozen=True)
class Candidate:
    name: str
    overrides: tuple[str, ...]
    words: str = ""


def candidate_name(trial_number: int) -> str:
    return f"trial-{trial_number}"


class Composer:
    """Resolved configs of candidates (cached: Hydra composing takes ~0.1 s)."""

    def __init__(self, search: Search, overrides: Sequence[str] = ()) -> None:
        self.search = search
        self.overrides = tuple(overrides)
        self._cache: dict[tuple, dict] = {}

    def config(self, candidate: Candidate, member: Sequence[str] = ()) -> dict:
        """Layers, later winning: scenario and days, the command line, the ensemble
        member's behaviour, today's policy, the candidate's levers."""
        key = (candidate.overrides, tuple(member))
        if key not in self._cache:
            fast = self._with_member(candidate, member) if member else None
            if fast is None:
                s = self.search
                layers = merge_overrides(
                    s.base, self.overrides, member, s.baseline, candidate.overrides
                )
                fast = load_params(layers)[0]
            self._cache[key] = fast
        return self._cache[key]

    def _with_member(self, candidate: Candidate, member: Sequence[str]) -> dict | None:
        """The candidate's config with a member's ``key=number`` values set on it, checked
        by the validator: what composing all layers gives (no later layer sets these
        keys), without Hydra's ~0.1 s per member. None where that does not hold."""
        later = {override_key(o) for o in (*self.search.baseline, *candidate.overrides)}
        cfg = copy.deepcopy(self.config(candidate))
        for override in member:
            name, _, text = override.partition("=")
            if name in later or "/" in name or name.startswith(("+", "~")):
                return None
            try:
                value: float = int(text) if text.lstrip("-").isdigit() else float(text)
                set_value(cfg, name, value)
            except (ValueError, KeyError, TypeError):
                return None
        params_from_dict(cfg)  # a member the validator rejects fails as composing would
        return cfg


def specs_for(
    composer: Composer,
    candidates: Sequence[Candidate],
    seeds: Sequence[int],
    members: Sequence[Sequence[str]] = (),
) -> list[RunSpec]:
    """Candidates x members x seeds; seed r is the same for every candidate and member."""
    version = code_version()
    out = []
    for cand in candidates:
        for m, member in enumerate(members or [()]):
            base = composer.config(cand, member)
            for r, seed in enumerate(seeds):
                cfg = copy.deepcopy(base)
                cfg["seed"] = seed
                member_id = m if members else None
                out.append(RunSpec(cand.name, r, seed, run_key(cfg, version), cfg, member_id))
    return out


def run(
    specs: Sequence[RunSpec], store: RunStore, executor: Executor, progress: bool
) -> BatchOutcome:
    return execute(specs, store, executor, progress=progress)


def table(specs: Sequence[RunSpec], store: RunStore) -> pd.DataFrame:
    """One row per stored run: candidate, member, replication, seed, error, metrics."""
    rows = []
    for spec in specs:
        record = store.load(spec)
        if record is None:
            continue
        metrics = record.get("metrics") or {}
        rows.append(
            {
                "candidate": spec.arm,
                "member": -1 if spec.member is None else spec.member,
                "replication": spec.replication,
                "seed": spec.seed,
                "error": record.get("error"),
                **metrics,
                **(table_metrics(metrics) if metrics else {}),
            }
        )
    return pd.DataFrame(rows)


def paired(runs: pd.DataFrame, metric: str, name: str, other: str = BASELINE) -> pd.Series:
    """Run-by-run difference ``name - other`` on ``metric`` (same member and seed)."""
    cols = ["member", "seed"]
    a = runs[runs["candidate"] == name].set_index(cols)[metric].astype(float)
    b = runs[runs["candidate"] == other].set_index(cols)[metric].astype(float)
    return (a - b).dropna()


def objective_values(runs: pd.DataFrame, name: str, objectives: Sequence[str]) -> list[float]:
    """Mean of each objective over the candidate's runs; the extra cost is paired with
    the baseline's runs on the same seeds."""
    own = runs[runs["candidate"] == name]
    out = []
    for o in objectives:
        if o == EXTRA_COST:
            out.append(float(paired(runs, "cost_per_year", name).mean()))
        else:
            out.append(float(own[o].astype(float).mean()))
    return out
