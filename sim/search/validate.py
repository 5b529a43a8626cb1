"""The honest front: what the search found, re-run on seeds it never saw.

The search chose its candidates on its own seeds, so their numbers are optimistic (the
winner's curse). Here the best candidates, the baseline and every combination of the
shipped presets (visits x staffing x escalation) are run again on fresh seeds, paired.
A candidate stays on the front only if no other front candidate is both at least as
cheap and better with a paired 95% interval excluding 0. The recommendation is the
remaining candidate within the budget with the lowest escalation rate; it "beats the
presets" only if its paired interval against every preset combination within the
budget lies below 0. Then the front is run under the best ensemble members: in how many
is each candidate on the front, and how far behind the best is it (regret)?
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from sim.config import presets
from sim.experiments.stats import t_interval
from sim.experiments.words import describe
from sim.search.evaluate import BASELINE, Candidate, paired
from sim.search.space import EXTRA_COST

PRESET_GROUPS = ("policy/visits", "policy/staffing", "policy/escalation")
PRESET_PREFIX = "preset:"
SCREEN_SEEDS = 1  # fresh seeds on which every preset combination's cost is screened first


def preset_candidates() -> list[Candidate]:
    """Every combination of the shipped visit, staffing and escalation presets."""
    names = [presets(g) for g in PRESET_GROUPS]
    out = []
    for combo in itertools.product(*names):
        overrides = tuple(f"{g}={p}" for g, p in zip(PRESET_GROUPS, combo, strict=True))
        out.append(Candidate(PRESET_PREFIX + "+".join(combo), overrides, describe(overrides)))
    return out


def interval(diffs: pd.Series | np.ndarray) -> tuple[float, float, float]:
    """Mean and 95% t-interval of paired differences (NaN bounds with fewer than 2): the
    experiments' interval, without its half-width."""
    mean, low, high, _ = t_interval(diffs)
    return mean, low, high


def summary(runs: pd.DataFrame, names: Sequence[str], objectives: Sequence[str]) -> pd.DataFrame:
    """Per candidate: mean escalation rate and other objectives, extra cost over the
    baseline and escalation change against it, each with its paired 95% interval."""
    rows = []
    for name in names:
        own = runs[runs["candidate"] == name]
        row: dict = {"candidate": name, "runs": len(own)}
        for o in objectives:
            if o != EXTRA_COST:
                row[o] = float(own[o].astype(float).mean())
        row[EXTRA_COST], row["cost_low"], row["cost_high"] = interval(
            paired(runs, "cost_per_year", name)
        )
        row["esc_change"], row["esc_low"], row["esc_high"] = interval(
            paired(runs, "escalation_rate", name)
        )
        rows.append(row)
    return pd.DataFrame(rows).set_index("candidate")


def honest_front(runs: pd.DataFrame, names: Sequence[str]) -> dict[str, str | None]:
    """For each front candidate: None if it stays, else the candidate that beats it
    (no dearer on the mean, lower escalation with the paired interval below 0)."""
    out: dict[str, str | None] = {}
    for a in names:
        out[a] = None
        for b in names:
            if a == b:
                continue
            cost = paired(runs, "cost_per_year", b, a).mean()
            _, _, high = interval(paired(runs, "escalation_rate", b, a))
            if cost <= 0 and high < 0:
                out[a] = b
                break
    return out


@dataclass
class Verdict:
    recommended: str | None
    runner_up: str | None
    eligible_presets: list[str]
    beaten: dict[str, tuple[float, float, float]] = field(default_factory=dict)  # preset: diff

    @property
    def beats_all(self) -> bool:
        return bool(self.beaten) and all(high < 0 for _, _, high in self.beaten.values())

    def closest(self) -> str | None:
        """The preset combination the recommendation beats by the least (or loses to)."""
        if not self.beaten:
            return None
        return max(self.beaten, key=lambda p: self.beaten[p][2])


def verdict(
    runs: pd.DataFrame, table: pd.DataFrame, front: Sequence[str], budget: float
) -> Verdict:
    """Recommend the cheapest-to-escalations candidate within the budget on fresh seeds,
    and compare it with every preset combination within the budget, paired."""
    within = table[table[EXTRA_COST] <= budget]
    kept = [n for n in front if n in within.index]
    presets_ok = [n for n in within.index if n.startswith(PRESET_PREFIX)]
    ranked = within.loc[kept + presets_ok].sort_values("escalation_rate")
    rec = next((n for n in ranked.index if n in kept), None)
    if rec is None:
        return Verdict(None, None, presets_ok)
    runner = next((n for n in ranked.index if n != rec), None)
    beaten = {p: interval(paired(runs, "escalation_rate", rec, p)) for p in presets_ok}
    return Verdict(rec, runner, presets_ok, beaten)


def ensemble_standing(runs: pd.DataFrame, names: Sequence[str], budget: float) -> pd.DataFrame:
    """Per candidate over ensemble members: share of members in which it is on the
    (escalation, extra cost) front among ``names`` within the budget, and mean and
    worst regret (its escalation rate minus the best within the budget, per member)."""
    rows = []
    members = sorted(m for m in runs["member"].unique() if m >= 0)
    per_member = {}
    for m in members:
        part = runs[runs["member"] == m]
        esc = {n: float(part[part["candidate"] == n]["escalation_rate"].mean()) for n in names}
        cost = {n: float(paired(part, "cost_per_year", n, BASELINE).mean()) for n in names}
        ok = [n for n in names if cost[n] <= budget] or list(names)
        best = min(esc[n] for n in ok)
        front = {
            n for n in ok if not any(esc[o] < esc[n] and cost[o] <= cost[n] for o in ok if o != n)
        }
        per_member[m] = (esc, best, front)
    for n in names:
        regrets = [per_member[m][0][n] - per_member[m][1] for m in members]
        on = [n in per_member[m][2] for m in members]
        rows.append(
            {
                "candidate": n,
                "members": len(members),
                "on_front_share": float(np.mean(on)) if on else math.nan,
                "regret_mean": float(np.mean(regrets)) if regrets else math.nan,
                "regret_max": float(np.max(regrets)) if regrets else math.nan,
            }
        )
    return pd.DataFrame(rows).set_index("candidate")
