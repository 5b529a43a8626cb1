"""The planner's robustness check: does the recommended arm keep its rank across the
plausible parameter range?

The recommended arm is the best on the primary outcome at the reference point (the
base, e.g. calibrated, parameters). At each sampled point the arms are ranked again;
the share of points where the recommended arm is still first is the robustness share.
"""

from __future__ import annotations

import pandas as pd

from sim.arms import rank_arms
from sim.sensitivity.runs import HIGHER_IS_BETTER


def ranking(row: pd.Series, arms: list[str], outcome: str) -> list[str]:
    """Arms best first on ``outcome`` (ties keep the listed order)."""
    better = 1 if outcome in HIGHER_IS_BETTER else -1
    return rank_arms({a: float(row[f"{a}:{outcome}"]) for a in arms}, better, arms)


def robustness(reference: pd.Series, samples: pd.DataFrame, arms: list[str], outcome: str) -> dict:
    order = ranking(reference, arms, outcome)
    best = order[0]
    ranks = [ranking(row, arms, outcome) for _, row in samples.iterrows()]
    keeps_first = sum(r[0] == best for r in ranks)
    same_order = sum(r == order for r in ranks)
    n = len(ranks)
    sign = -1.0 if outcome in HIGHER_IS_BETTER else 1.0
    beats = {
        a: float((sign * samples[f"{best}:{outcome}"] < sign * samples[f"{a}:{outcome}"]).mean())
        for a in arms
        if a != best
    }
    return {
        "outcome": outcome,
        "reference_order": order,
        "recommended": best,
        "points": n,
        "share_recommended_first": keeps_first / n if n else None,
        "share_same_order": same_order / n if n else None,
        "share_first_by_arm": {a: sum(r[0] == a for r in ranks) / n if n else None for a in arms},
        "share_beats": beats,
        "reference_values": {a: float(reference[f"{a}:{outcome}"]) for a in arms},
    }
