"""The one registry of metrics: ``METRICS`` lists every metric once, in a fixed order
(metrics.json, experiment tables and the README table keep it), and the lookups that
experiments, statistics, calibration, sensitivity, the docs and the tests use.
"""

from __future__ import annotations

from collections.abc import Mapping

from sim.metrics.compute import run_metrics, table_metrics
from sim.metrics.metric import Metric
from sim.metrics.outcomes import ESCALATION, RESOLUTION, SCALE, TRUST
from sim.metrics.records import RECORDS
from sim.metrics.series import SERIES
from sim.metrics.spending import COSTS, PREVENTION
from sim.metrics.timing import DISCOVERY, TIMING

# Metrics only experiment tables carry, computed from a run's metrics.
_TABLE_ONLY: tuple[Metric, ...] = (
    Metric(
        "escalations",
        "Escalations",
        "disputes",
        "lower",
        "true",
        "disputes petitioned, turned criminal or pushed to the county by rule: "
        "escalation rate × disputes that arose",
        table_metrics,
    ),
    Metric(
        "cost_per_year",
        "Cost",
        "yuan a year",
        "lower",
        "true",
        "total cost scaled to a year",
        table_metrics,
    ),
    Metric(
        "petitions_filed",
        "Petitions filed",
        "petitions",
        "lower",
        "true",
        "individual, skip-level and group petitions filed, repeats included",
        table_metrics,
    ),
)
_REGISTRY: tuple[Metric, ...] = (
    *SCALE,
    *RESOLUTION,
    *ESCALATION,
    *TIMING,
    *DISCOVERY,
    *TRUST,
    *PREVENTION,
    *COSTS,
    *RECORDS,
    *_TABLE_ONLY,
)
METRICS: dict[str, Metric] = {metric.name: metric for metric in _REGISTRY}
# Metrics of metrics.json, and metrics only experiment tables carry (from a run's metrics).
RUN_METRICS = tuple(name for name, metric in METRICS.items() if metric.compute is run_metrics)
TABLE_METRICS = tuple(name for name, metric in METRICS.items() if metric.compute is table_metrics)


def recorded_pairs() -> list[tuple[Metric, Metric]]:
    """Every recorded metric with the true metric it stands beside, in registry order."""
    return [(m, METRICS[m.pairs_with]) for m in METRICS.values() if m.kind == "recorded"]


def pair_title(recorded: Metric) -> str:
    """A recorded metric's title without the word "recorded", for a table or line that
    shows it beside its true counterpart."""
    return recorded.title.replace(", recorded", "")


def recorded_beside_true(metrics: Mapping[str, float | int | None]) -> list[str]:
    """One line per recorded figure of a run: its label, the recorded and the true value."""

    def fmt(v: float | int | None) -> str:
        return "n/a" if v is None else f"{v:,}" if isinstance(v, int) else f"{v:.4g}"

    return [
        f"{pair_title(rec)}: recorded {fmt(metrics.get(rec.name))}, "
        f"true {fmt(metrics.get(true.name))}"
        for rec, true in recorded_pairs()
    ]


def label(name: str) -> str:
    """A metric's label with its unit; unregistered names (e.g. calibration statistics
    derived from the dispute table) read as their words."""
    return METRICS[name].title if name in METRICS else name.replace("_", " ")


def sign(name: str, default: int = 0) -> int:
    """+1 when higher is better, -1 when lower is better, ``default`` when neither or
    when the name is not a registered metric."""
    return (METRICS[name].sign if name in METRICS else 0) or default


def metric_table() -> str:
    """Markdown table of every registered metric and daily series (README, "Outputs")."""
    lines = [
        METRICS_BEGIN,
        "",
        "| metric | label (unit) | better | kind | how it is computed |",
        "|---|---|---|---|---|",
    ]
    for metric in METRICS.values():
        where = "" if metric.compute is run_metrics else " (experiment tables only)"
        lines.append(
            f"| `{metric.name}` | {metric.title} | {metric.better} | {metric.kind} "
            f"| {metric.description}{where} |"
        )
    lines += ["", "| daily series | label (unit) | meaning |", "|---|---|---|"]
    lines += [f"| `{s.name}` | {s.label} ({s.unit}) | {s.description} |" for s in SERIES.values()]
    return "\n".join([*lines, "", METRICS_END])


METRICS_BEGIN, METRICS_END = (
    "<!-- BEGIN METRIC TABLE (python -m sim.config.docs) -->",
    "<!-- END METRIC TABLE -->",
)
