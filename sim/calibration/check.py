"""Check a shipped preset against the targets on seeds no calibration used.

``govsim calibrate`` checks its own fit the same way when it finishes; this is for
the preset that ships (``configs/behaviour/calibrated.yaml``) at any later time, after
a model change for example: it runs the stated assumptions and the preset on the same
new seeds (common random numbers) and tabulates every target.
"""

from __future__ import annotations

import pandas as pd

from sim.calibration.report import Replications, fit_section, fit_table
from sim.calibration.targets import TargetSet, load_targets
from sim.config import load_params
from sim.uncertainty.evaluate import evaluator, replication_seeds

# Check seeds: far from the study's (seed * 1000 + r, r < a few hundred).
CHECK_SEED = 77


def check_presets(
    scenario: str,
    presets: tuple[str, str] = ("default", "calibrated"),
    replications: int = 10,
    workers: int = 1,
    targets: TargetSet | None = None,
    overrides: tuple[tuple[str, ...], tuple[str, ...]] = ((), ()),
) -> tuple[pd.DataFrame, Replications, Replications, TargetSet]:
    """Both behaviour presets on the same ``replications`` check seeds: the fit table and
    each preset's statistics per replication. ``overrides`` are added to each side (e.g.
    the same behaviour under two ``policy/evaluation`` presets)."""
    targets = targets or load_targets()
    seeds = replication_seeds(CHECK_SEED, replications)
    names = targets.statistics
    before, after = (
        load_params([f"scenario={scenario}", f"behaviour={p}", *extra])[1]
        for p, extra in zip(presets, overrides, strict=True)
    )
    with evaluator(workers) as evaluate:
        runs = evaluate.map([(params, s, names) for params in (before, after) for s in seeds])
    first, second = runs[:replications], runs[replications:]
    return fit_table(targets, first, second), first, second, targets


def fit_markdown(scenario: str, presets: tuple[str, str], replications: int, workers: int) -> str:
    """The fit of ``presets[1]`` against ``presets[0]`` as a Markdown page."""
    table, before, after, targets = check_presets(scenario, presets, replications, workers)
    seeds = replication_seeds(CHECK_SEED, replications)
    return "\n".join(
        [
            f"# Fit of behaviour={presets[1]} on the {scenario} scenario",
            "",
            f"Seeds {seeds[0]}-{seeds[-1]}, which no calibration run used; "
            f"behaviour={presets[0]} on the same seeds for comparison.",
            "",
            *fit_section(table, targets, before, after, replications, names=presets),
            "",
        ]
    )
