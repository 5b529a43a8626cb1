"""What a registered metric is: name, label and unit, better direction, kind (true,
recorded or gap) and the function that computes it; and the constructors of the run
metrics the registry's topic modules list."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Literal

from sim.metrics.compute import run_metrics

Better = Literal["lower", "higher", "none"]
Kind = Literal["true", "recorded", "gap"]
SIGN: dict[str, int] = {"higher": +1, "lower": -1, "none": 0}


@dataclass(frozen=True)
class Metric:
    """One outcome of a run.

    ``better`` is "higher" (resolved share, trust), "lower" (escalations, petitions, cost,
    delay) or "none": the size of the world, and counts of disputes that arose or came to
    light, which depend on the world more than on policy (more registered disputes may
    mean better discovery or more conflict). Probabilities of beating the baseline and
    rankings use it. ``kind`` is "true" for a figure read off the model's true state,
    "recorded" for what officials' records would show (``pairs_with`` then names the true
    figure it stands beside) and "gap" for how far the records are from the truth.
    Recorded figures are never "better" either way: policies are judged by true ones.
    ``compute`` is the function that
    returns it, together with the metrics that share its sums: ``run_metrics`` (a
    finished model, metrics.json) or ``table_metrics`` (a run's metrics, experiment
    tables only).
    """

    name: str
    label: str
    unit: str
    better: Better
    kind: Kind
    description: str
    compute: Callable[..., Mapping[str, float | int | None]]
    pairs_with: str = ""

    def __post_init__(self) -> None:
        if self.better not in SIGN:
            raise ValueError(f"{self.name}: better must be one of {sorted(SIGN)}")
        if self.kind not in ("true", "recorded", "gap"):
            raise ValueError(f"{self.name}: kind must be 'true', 'recorded' or 'gap'")
        if (self.kind == "recorded") != bool(self.pairs_with):
            raise ValueError(f"{self.name}: a recorded metric (and only one) names its true pair")
        if self.kind == "recorded" and self.better != "none":
            raise ValueError(f"{self.name}: recorded metrics are not better either way")

    @property
    def title(self) -> str:
        """Label with unit, as on an axis or a table column: "Escalation rate (share of
        disputes)"."""
        return f"{self.label} ({self.unit})" if self.unit else self.label

    @property
    def sign(self) -> int:
        """+1 when higher is better, -1 when lower is better, 0 when neither."""
        return SIGN[self.better]


def true_metric(name: str, label: str, unit: str, better: Better, description: str) -> Metric:
    """A figure read off the model's true state, in metrics.json."""
    return Metric(name, label, unit, better, "true", description, run_metrics)


def recorded_metric(name: str, label: str, unit: str, description: str, pairs_with: str) -> Metric:
    """What officials' records would show, beside the true metric ``pairs_with``."""
    return Metric(name, label, unit, "none", "recorded", description, run_metrics, pairs_with)


def gap_metric(name: str, label: str, unit: str, description: str) -> Metric:
    """How far the records are from the truth (smaller is better)."""
    return Metric(name, label, unit, "lower", "gap", description, run_metrics)
