"""The metric registry is complete: every metric a run or a table reports is registered,
and every metric that experiments, calibration and sensitivity name exists."""

from __future__ import annotations

import yaml

from sim.calibration.targets import load_targets
from sim.config import config_dir
from sim.experiments.figures import SERIES_PANELS
from sim.experiments.publish import ALWAYS
from sim.metrics import (
    METRICS,
    ONLY_WHEN_PAID,
    RUN_METRICS,
    SERIES,
    SERIES_REPORTERS,
    TABLE_METRICS,
    run_metrics,
    table_metrics,
)
from sim.run import run_simulation
from sim.sensitivity.cli import DEFAULT_OUTCOMES
from sim.sensitivity.runs import HIGHER_IS_BETTER
from sim.uncertainty.statistics import DERIVED, known_statistics
from tests.conftest import SMALL, params, run_days


def test_every_run_metric_is_registered_and_every_registered_one_is_computed():
    model = run_days(60, *SMALL, "seed=0")
    computed = run_metrics(model)
    assert set(computed) <= set(RUN_METRICS), set(computed) - set(RUN_METRICS)
    assert set(computed) >= set(RUN_METRICS) - ONLY_WHEN_PAID, set(RUN_METRICS) - set(computed)
    assert set(table_metrics(computed)) == set(TABLE_METRICS)
    assert not set(RUN_METRICS) & set(TABLE_METRICS)


def test_a_full_run_reports_every_run_metric_and_every_series():
    # Every prevention programme in force, so that their counts and costs appear too.
    result = run_simulation(params("scenario=village", "seed=0", "policy/prevention=all"))
    assert set(result.metrics) == set(RUN_METRICS)  # every cost item paid in this run
    assert list(result.series.columns) == ["day", *SERIES]
    assert list(SERIES) == list(SERIES_REPORTERS)


def test_registry_entries_are_described():
    for name, metric in METRICS.items():
        assert metric.name == name
        assert metric.label and metric.unit and metric.description, name
        assert metric.better in ("lower", "higher", "none") and metric.kind in (
            "true",
            "recorded",
            "gap",
        )
        assert metric.title == f"{metric.label} ({metric.unit})"
    for name, series in SERIES.items():
        assert series.name == name and series.label and series.unit and series.description


def test_experiments_calibration_and_sensitivity_name_registered_metrics():
    for path in sorted((config_dir() / "experiment").glob("*.yaml")):
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        for name in (raw["primary_metric"], *(raw.get("metrics") or ())):
            assert name in METRICS, f"{path.name}: {name}"
    statistics = set(known_statistics())
    assert statistics == set(RUN_METRICS) | set(DERIVED)
    assert not set(DERIVED) & set(METRICS)  # derived statistics are not run metrics
    for name in load_targets().statistics:
        assert name in statistics, name
    assert set(DEFAULT_OUTCOMES) <= set(RUN_METRICS)
    assert set(METRICS) >= HIGHER_IS_BETTER


def test_experiment_figures_and_publishing_name_registered_metrics():
    assert set(METRICS) >= set(ALWAYS)
    assert {panel[0] for panel in SERIES_PANELS} - set(SERIES) == {"petitions_all"}  # a sum
