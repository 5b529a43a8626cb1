"""Calibration targets as data: ``configs/calibration/targets.yaml`` loaded and checked."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import yaml

from sim.config import ConfigError, config_dir
from sim.uncertainty.statistics import known_statistics, statistic_kind

REQUIRED = ("name", "statistic", "indicator", "band", "reported", "source", "confidence", "how")
# An official figure (success rates, registered disputes, petitions registered) is
# compared with a recorded indicator, an independent one (courts, public security,
# scholars, surveys) with a true one (``sim.uncertainty.statistics.statistic_kind``).
INDICATORS = ("recorded", "true")
OPTIONAL = ("upper_bound", "required", "why", "scale")


@dataclass(frozen=True)
class Target:
    name: str
    statistic: str
    low: float
    high: float
    reported: str
    source: str
    confidence: str
    weight: float
    how: str
    indicator: str = "true"
    upper_bound: bool = False
    required: bool = True
    why: str = ""
    scale: float | None = None

    @property
    def mid(self) -> float:
        return (self.low + self.high) / 2

    @property
    def width(self) -> float:
        return self.scale if self.scale is not None else self.high - self.low

    def inside(self, value: float | None) -> bool:
        return value is not None and self.low <= value <= self.high


@dataclass(frozen=True)
class TargetSet:
    targets: tuple[Target, ...]
    centre_pull: float
    missing_penalty: float
    digest: str  # identifies the file's content in a study's metadata

    @property
    def statistics(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(t.statistic for t in self.targets))


def default_targets_path() -> Path:
    return config_dir() / "calibration" / "targets.yaml"


def load_targets(path: Path | None = None) -> TargetSet:
    """The targets of ``path`` (default: configs/calibration/targets.yaml), validated."""
    path = path or default_targets_path()
    try:
        text = path.read_text(encoding="utf-8")
        data = yaml.safe_load(text)
    except (OSError, yaml.YAMLError) as err:
        raise ConfigError(f"{path}: cannot read targets ({type(err).__name__})") from None
    if not isinstance(data, dict) or not isinstance(data.get("targets"), list):
        raise ConfigError(f"{path}: needs a list under 'targets'")
    weights = data.get("confidence_weights") or {}
    if not weights or not all(isinstance(w, int | float) and w >= 0 for w in weights.values()):
        raise ConfigError(f"{path}: confidence_weights must map names to weights >= 0")
    targets = tuple(_target(row, weights) for row in data["targets"])
    names = [t.name for t in targets]
    if len(set(names)) != len(names):
        raise ConfigError(f"{path}: target names must be unique")
    return TargetSet(
        targets=targets,
        centre_pull=float(data.get("centre_pull", 0.0)),
        missing_penalty=float(data.get("missing_penalty", 1.0)),
        digest=hashlib.sha256(text.encode()).hexdigest()[:16],
    )


def _target(row: object, weights: dict) -> Target:
    if not isinstance(row, dict):
        raise ConfigError(f"target {row!r}: must be a mapping")
    name = row.get("name", "?")
    missing = [k for k in REQUIRED if k not in row]
    if missing:
        raise ConfigError(f"target {name}: missing {', '.join(missing)}")
    unknown = sorted(set(row) - set(REQUIRED) - set(OPTIONAL))
    if unknown:
        raise ConfigError(f"target {name}: unknown field(s) {', '.join(unknown)}")
    if row["statistic"] not in known_statistics():
        raise ConfigError(
            f"target {name}: unknown statistic '{row['statistic']}'; "
            f"known: {', '.join(known_statistics())}"
        )
    indicator, kind = row["indicator"], statistic_kind(row["statistic"])
    if indicator not in INDICATORS or indicator != kind:
        raise ConfigError(
            f"target {name}: indicator={indicator}: statistic '{row['statistic']}' is a "
            f"{kind} indicator; allowed: {kind}"
        )
    band = row["band"]
    if not (isinstance(band, list) and len(band) == 2 and float(band[0]) < float(band[1])):
        raise ConfigError(f"target {name}: band must be [low, high] with low < high, got {band}")
    if row["confidence"] not in weights:
        raise ConfigError(
            f"target {name}: confidence '{row['confidence']}' not one of {', '.join(weights)}"
        )
    scale = row.get("scale")
    return Target(
        name=str(name),
        statistic=str(row["statistic"]),
        low=float(band[0]),
        high=float(band[1]),
        reported=str(row["reported"]),
        source=str(row["source"]),
        confidence=str(row["confidence"]),
        weight=float(weights[row["confidence"]]),
        how=str(row["how"]),
        indicator=str(indicator),
        upper_bound=bool(row.get("upper_bound", False)),
        required=bool(row.get("required", True)),
        why=str(row.get("why", "")).strip(),
        scale=None if scale is None else float(scale),
    )
