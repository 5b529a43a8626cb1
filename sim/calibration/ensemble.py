"""The calibration ensemble as experiment input: parameter uncertainty carried forward.

``configs/calibration/ensemble.yaml`` (written by ``govsim calibrate``) holds parameter sets
that fit the targets about equally well. ``govsim experiment NAME --ensemble`` runs every
arm once per member, with the same seeds, and pools the members
(``sim.experiments.stats``), so that intervals on policy effects include what we do not
know about behaviour, not only random noise.
"""

from __future__ import annotations

from pathlib import Path

from sim.calibration.write import default_ensemble_path
from sim.config import ConfigError
from sim.uncertainty.space import yaml_list


def ensemble_overrides(path: Path | None = None) -> list[list[str]]:
    """One Hydra override list per ensemble member, best fit first."""
    path = path or default_ensemble_path()
    members = yaml_list(path, "members", "the ensemble", "; run govsim calibrate first")
    out = []
    for i, member in enumerate(members):
        overrides = member.get("overrides") if isinstance(member, dict) else None
        if not isinstance(overrides, list) or not all(isinstance(o, str) for o in overrides):
            raise ConfigError(f"{path}: member {i} needs 'overrides', a list of strings")
        out.append(list(overrides))
    return out
