"""Outcomes of a run, and the one registry that names, labels and directs them.

Daily series are counters the model already keeps (no per-resident work); run metrics
are read off the dispute book, the counts and the cost ledger at the end. ``METRICS``
lists every metric once: its name (stable: metrics.json, experiment tables), a label
and unit as a planner reads them on an axis, which direction is better, whether it is
a true figure (from the model's true state) or a recorded one (what officials' records
would show), how it is computed and the function that computes it. ``SERIES`` does the
same for the daily series. Experiments, statistics, calibration, sensitivity, the docs
and the tests take their lists of metrics from here.

The package, one kind of thing a module (imports flow down this list):

- ``compute``: the run metrics of a finished model (``run_metrics``), the metrics an
  experiment table adds from them (``table_metrics``) and the dispute table;
- ``series``: the daily series (``SERIES_REPORTERS``, ``SERIES``);
- ``metric``: what a registered metric is (``Metric``);
- ``outcomes``, ``timing``, ``spending``, ``records``: the registry's entries by topic;
- ``registry``: ``METRICS`` in its fixed order, the lookups on it and the README table.
"""

from __future__ import annotations

from sim.metrics.compute import dispute_table, escalated, run_metrics, table_metrics
from sim.metrics.registry import (
    METRICS,
    METRICS_BEGIN,
    METRICS_END,
    RUN_METRICS,
    TABLE_METRICS,
    label,
    metric_table,
    pair_title,
    recorded_beside_true,
    recorded_pairs,
    sign,
)
from sim.metrics.series import SERIES, SERIES_REPORTERS
from sim.metrics.spending import ONLY_WHEN_PAID

__all__ = [
    "METRICS",
    "METRICS_BEGIN",
    "METRICS_END",
    "ONLY_WHEN_PAID",
    "RUN_METRICS",
    "SERIES",
    "SERIES_REPORTERS",
    "TABLE_METRICS",
    "dispute_table",
    "escalated",
    "label",
    "metric_table",
    "pair_title",
    "recorded_beside_true",
    "recorded_pairs",
    "run_metrics",
    "sign",
    "table_metrics",
]
