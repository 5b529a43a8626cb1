"""The calibration objective: weighted squared distances outside the target bands.

Inside a band a target costs only a small pull toward the band's centre (``centre_pull``),
so that among parameter sets that hit every band the most central one wins and no target
is chased to its edge (official success rates are upper bounds, S4).
"""

from __future__ import annotations

import math

import numpy as np

from sim.calibration.targets import Target, TargetSet


def aggregate(replications: list[dict[str, float | None]]) -> dict[str, float | None]:
    """Mean over replications of each statistic, ignoring undefined values."""
    names = replications[0].keys() if replications else ()
    out: dict[str, float | None] = {}
    for name in names:
        values = [v for r in replications if (v := r[name]) is not None]
        out[name] = float(np.mean(values)) if values else None
    return out


def term(target: Target, value: float | None, targets: TargetSet) -> float:
    """One target's contribution to the objective."""
    if value is None or not math.isfinite(value):
        return target.weight * targets.missing_penalty if target.required else 0.0
    outside = max(target.low - value, 0.0, value - target.high) / target.width
    centre = (value - target.mid) / target.width
    return target.weight * (outside**2 + targets.centre_pull * centre**2)


def contributions(stats: dict[str, float | None], targets: TargetSet) -> dict[str, float]:
    return {t.name: term(t, stats.get(t.statistic), targets) for t in targets.targets}


def objective(stats: dict[str, float | None], targets: TargetSet) -> float:
    """Sum of the targets' contributions at the replication-mean statistics."""
    return float(sum(contributions(stats, targets).values()))
