"""Calibration against the reported figures (docs/SOURCES.md): targets, statistics, objective,
the Optuna study and its outputs (calibrated preset, ensemble, report)."""

from sim.calibration.ensemble import ensemble_overrides
from sim.calibration.targets import Target, TargetSet, load_targets
from sim.uncertainty.space import ParameterSpec, load_space, make_spec
from sim.uncertainty.statistics import compute, known_statistics

__all__ = [
    "ParameterSpec",
    "Target",
    "TargetSet",
    "compute",
    "ensemble_overrides",
    "known_statistics",
    "load_space",
    "load_targets",
    "make_spec",
]
