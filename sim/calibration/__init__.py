"""Calibration against the reported figures (docs/SOURCES.md): targets, statistics, objective,
the Optuna study and its outputs (calibrated preset, ensemble, report)."""

from sim.calibration.ensemble import ensemble_overrides
from sim.calibration.space import ParameterSpec, load_space, make_spec
from sim.calibration.statistics import compute, known_statistics
from sim.calibration.targets import Target, TargetSet, load_targets

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
