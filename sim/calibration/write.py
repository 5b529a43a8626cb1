"""Write a calibration's results as configs: the calibrated preset and the ensemble.

``govsim calibrate`` writes both under ``results/calibration/``; with ``--install`` it
also replaces the shipped files in ``configs/`` (see ``install``).
``configs/behaviour/calibrated.yaml`` is a Hydra preset of the behaviour group that
starts from ``default`` and overrides only the fitted keys, each with a comment saying
where its value came from. ``configs/calibration/ensemble.yaml`` lists parameter sets
that fit about equally well, as override lists (read by ``sim.calibration.ensemble``).
"""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import yaml

from sim.config import ConfigError, config_dir
from sim.output.atomic import write_text_atomic
from sim.uncertainty.space import ParameterSpec

PREFIX = "behaviour."


def default_preset_path() -> Path:
    return config_dir() / "behaviour" / "calibrated.yaml"


def default_ensemble_path() -> Path:
    return config_dir() / "calibration" / "ensemble.yaml"


def preset_text(
    values: dict[str, float],
    specs: list[ParameterSpec],
    defaults: dict[str, float],
    provenance: str,
) -> str:
    """The preset's YAML: header, ``defaults: [default, _self_]`` and the fitted keys."""
    by_key = {s.key: s for s in specs}
    tree: dict = {}
    for key in values:
        if by_key[key].is_dummy:
            continue
        if not key.startswith(PREFIX):
            raise ConfigError(f"{key}: only behaviour.* parameters go into the behaviour preset")
        node = tree
        *path, leaf = key[len(PREFIX) :].split(".")
        for part in path:
            node = node.setdefault(part, {})
        node[leaf] = key
    lines = [
        "# Calibrated behaviour: configs/behaviour/default.yaml with the fitted parameters",
        "# below. Written by govsim calibrate; do not edit by hand, re-run it.",
        *(f"# {line}" for line in provenance.splitlines()),
        "defaults:",
        "  - default",
        "  - _self_",
        "name: calibrated",
    ]

    def emit(node: dict, depth: int) -> None:
        for name, child in node.items():
            pad = "  " * depth
            if isinstance(child, dict):
                lines.append(f"{pad}{name}:")
                emit(child, depth + 1)
                continue
            spec = by_key[child]
            lines.append(
                f"{pad}{name}: {spec.format(values[child])}  # calibrated: default "
                f"{spec.format(defaults[child])}, range [{spec.low:g}, {spec.high:g}]"
            )

    emit(tree, 0)
    return "\n".join(lines) + "\n"


def install(path: Path, text: str) -> Path | None:
    """Replace the shipped file ``path`` with ``text``, keeping the file it replaces.

    The previous file is kept beside it as ``NAME.prev-<UTC time>`` (a name Hydra does
    not read as a preset) and its path returned; None when there was none or it was
    already identical."""
    kept = None
    if path.is_file():
        if path.read_text(encoding="utf-8") == text:
            return None
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        kept = path.with_name(f"{path.name}.prev-{stamp}")
        shutil.copy2(path, kept)
    write_text_atomic(path, text)
    return kept


def ensemble_text(
    members: list[tuple[int, float, list[str]]], provenance: str, tolerance: float
) -> str:
    """``members``: (trial number, objective, overrides), best first."""
    data = {
        "members": [{"trial": n, "objective": round(v, 6), "overrides": o} for n, v, o in members]
    }
    header = (
        "# Parameter sets that fit the targets about equally well: the best trials of the\n"
        f"# calibration within {tolerance:g} of the best objective.\n"
        + "".join(f"# {line}\n" for line in provenance.splitlines())
        + "# Use: govsim experiment NAME --ensemble runs every arm once per member and pools\n"
        "# them, so that intervals carry behavioural uncertainty (sim.experiments.stats).\n"
    )
    return header + yaml.safe_dump(data, sort_keys=False, width=200)
