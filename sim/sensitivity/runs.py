"""Run every arm at every point of a design, with the same seeds everywhere.

Arm ``baseline`` is the base config; every other arm adds its policy overrides. All
arms and all points share the replication seeds (common random numbers), so an arm's
effect at a point is a paired difference, and differences between points are due to
the parameters rather than to which disputes happened to arise.
"""

from __future__ import annotations

import pandas as pd

from sim.arms import Arm
from sim.config import compose_config
from sim.config.compose import merge_overrides
from sim.metrics import METRICS
from sim.uncertainty.evaluate import Evaluator
from sim.uncertainty.space import ParameterSpec, apply_values

BASELINE = "baseline"
# Arms screened by default: the Fengqiao baseline, the reactive regime of essays-063 (one
# full-time mediator for the county, no routine screening) and two variants a planner
# might weigh against the baseline (fewer visits; fast-track of severe disputes).
DEFAULT_ARMS: dict[str, tuple[str, ...]] = {
    BASELINE: (),
    "reactive": ("regime=reactive",),
    "fortnightly": ("policy/visits=fortnightly",),
    "fast_track": ("policy/escalation=fast_track",),
}
# Outcomes where more is better (from the metric registry); every other outcome, including
# calibration statistics that are not run metrics, is taken as better when lower.
HIGHER_IS_BETTER = frozenset(name for name, m in METRICS.items() if m.better == "higher")


def compose_arms(base: tuple[str, ...], arms: dict[str, tuple[str, ...]]) -> list[Arm]:
    """Each arm with its config: the base overrides, then the arm's own (the arm wins)."""
    return [
        Arm(name, extra, cfg=compose_config(merge_overrides(base, extra)))
        for name, extra in arms.items()
    ]


def evaluate_points(
    evaluate: Evaluator,
    arms: list[Arm],
    points: list[dict[str, float]],
    specs: list[ParameterSpec],
    seeds: list[int],
    outcomes: tuple[str, ...],
) -> pd.DataFrame:
    """Mean outcomes over ``seeds``: one row per point, columns ``<arm>:<outcome>``."""
    jobs = [
        (apply_values(arm.cfg, point, specs), seed, outcomes)
        for point in points
        for arm in arms
        for seed in seeds
    ]
    results = iter(evaluate.map(jobs))
    rows = []
    for _ in points:
        row: dict[str, float] = {}
        for arm in arms:
            reps = pd.DataFrame([next(results) for _ in seeds], dtype=float)
            row.update({f"{arm.name}:{o}": float(reps[o].mean()) for o in outcomes})
        rows.append(row)
    return pd.DataFrame(rows)


def add_effects(table: pd.DataFrame, effects: list[str], outcomes: tuple[str, ...]) -> pd.DataFrame:
    """Columns ``effect[<arm>]:<outcome>`` = arm minus baseline at the same point and seeds."""
    table = table.copy()
    for arm in effects:
        for o in outcomes:
            table[f"effect[{arm}]:{o}"] = table[f"{arm}:{o}"] - table[f"{BASELINE}:{o}"]
    return table
