"""The calibration ensemble as experiment input: parameter uncertainty carried forward.

``configs/calibration/ensemble.yaml`` (written by ``govsim calibrate``) holds parameter sets
that fit the targets about equally well. Running every arm of an experiment once per
member, with the same seeds, and pooling the members gives intervals on policy effects
that include what we do not know about behaviour, not only random noise.
"""

from __future__ import annotations

from pathlib import Path

from sim.calibration.space import yaml_list
from sim.calibration.write import default_ensemble_path


def ensemble_overrides(path: Path | None = None) -> list[list[str]]:
    """One Hydra override list per ensemble member, best fit first.

    Append a member's overrides to an experiment arm's overrides (after the scenario and
    policy overrides) to run that arm under that member's behavioural parameters.
    """
    path = path or default_ensemble_path()
    members = yaml_list(path, "members", "the ensemble", "; run govsim calibrate first")
    return [[str(o) for o in m["overrides"]] for m in members]


def ensemble_arms(arms: dict[str, list[str]], path: Path | None = None) -> dict[str, list[str]]:
    """Every arm once per ensemble member: ``{"<arm>@m<i>": arm overrides + member's}``.

    The member's overrides come last, so they set only behaviour and never undo an
    arm's policy.
    """
    members = ensemble_overrides(path)
    return {
        f"{name}@m{i}": [*overrides, *member]
        for name, overrides in arms.items()
        for i, member in enumerate(members)
    }
