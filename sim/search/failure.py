"""Where the recommendation fails: scenario discovery with PRIM (the ``prim`` package).

Given behavioural parameter sets (ensemble members, or points of a Latin hypercube over
the sensitivity ranges) and, for each, whether the recommended policy lost to the
runner-up, PRIM peels the parameter space down to a box of ranges in which losses
concentrate. On the peeling trajectory we take the box with the highest coverage among
those at least ``DENSITY`` dense (most losses caught, mostly losses inside), and say
its ranges that PRIM's quasi-p test tells from chance, at most ``MAX_DIMS`` of them, so
the condition can be said in one sentence.
"""

from __future__ import annotations

import logging
import math
import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd

DENSITY = 0.8  # share of points in the box where the recommendation loses
MAX_DIMS = 3
MIN_POINTS = 8
QP_MAX = 0.05


@dataclass(frozen=True)
class FailureBox:
    """PRIM's box: ``limits`` key -> (low, high) where restricted; coverage = share of all
    losses inside the box, density = share of points inside that are losses."""

    limits: dict[str, tuple[float, float]]
    coverage: float
    density: float
    mass: float
    losses: int
    points: int


def find_box(
    x: pd.DataFrame, lost: np.ndarray, density: float = DENSITY, max_dims: int = MAX_DIMS
) -> FailureBox | None:
    """PRIM over ``x`` (one column per parameter) for the cases ``lost``; None when there
    are no losses, no wins, too few points, or no box restricts anything."""
    import prim  # imported here: its plotting helpers pull in matplotlib

    lost = np.asarray(lost, dtype=bool)
    x = x.loc[:, x.nunique() > 1].astype(float)
    if len(x) < MIN_POINTS or x.empty or not lost.any() or lost.all():
        return None
    logging.getLogger("prim").setLevel(logging.WARNING)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        box = prim.Prim(x.reset_index(drop=True), lost, threshold=0.5, threshold_type=">")
        found = box.find_box()
        if found is None:
            return None
        trajectory = found.peeling_trajectory
        ok = trajectory[(trajectory["density"] >= density) & (trajectory["res dim"] > 0)]
        if ok.empty:
            return None
        # Highest coverage, then highest density, then fewest ranges.
        best = ok.sort_values(["coverage", "density", "res dim"], ascending=[False, False, True])
        i = int(best.index[0])
        found.select(i)
        # Ranges PRIM's quasi-p test cannot tell from chance are left out (peeling
        # trims noise dimensions a little too); the most significant few are kept.
        table = found.limits.sort_values("qp values")
        limits = {
            str(k): (float(v["min"]), float(v["max"]))
            for k, v in table.iterrows()
            if v["qp values"] < QP_MAX
        }
        limits = dict(list(limits.items())[:max_dims])
    row = trajectory.loc[i]
    if not limits:
        return None
    return FailureBox(
        limits=limits,
        coverage=float(row["coverage"]),
        density=float(row["density"]),
        mass=float(row["mass"]),
        losses=int(lost.sum()),
        points=len(lost),
    )


def in_words(
    box: FailureBox | None, x: pd.DataFrame, lost: np.ndarray, rec: str, rival: str
) -> str:
    """The box as a sentence a planner reads."""
    n, k = len(lost), int(np.sum(lost))
    if k == 0:
        return f"{rec} did not lose to {rival} in any of the {n} parameter sets tried."
    if box is None:
        return (
            f"{rec} lost to {rival} in {k} of {n} parameter sets ({k / n:.0%}), with no "
            "range of the behavioural parameters that concentrates the losses "
            f"(PRIM found no box at least {DENSITY:.0%} dense)."
        )
    parts = []
    for key, (low, high) in box.limits.items():
        lo, hi = float(x[key].min()), float(x[key].max())
        name = key.removeprefix("behaviour.").replace("_", " ")
        if math.isclose(low, lo) or low <= lo:
            parts.append(f"{name} is below {high:.3g}")
        elif math.isclose(high, hi) or high >= hi:
            parts.append(f"{name} is above {low:.3g}")
        else:
            parts.append(f"{name} is between {low:.3g} and {high:.3g}")
    return (
        f"{rec} loses to {rival} when {' and '.join(parts)}: {box.density:.0%} of the "
        f"parameter sets in these ranges are losses, and they hold {box.coverage:.0%} of "
        f"all {k} losses ({k} of {n} parameter sets lost)."
    )


def member_values(members: list[list[str]]) -> pd.DataFrame:
    """Ensemble members' overrides (``key=value``) as one numeric row per member."""
    rows = []
    for overrides in members:
        row = {}
        for o in overrides:
            key, _, value = o.partition("=")
            try:
                row[key] = float(value)
            except ValueError:
                continue
        rows.append(row)
    return pd.DataFrame(rows)
