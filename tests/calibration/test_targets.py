"""The targets file loads, names only computable statistics, and the objective respects
bands (an upper-bound band is not chased past its edge)."""

from __future__ import annotations

import pytest

from sim.calibration.objective import objective, term
from sim.calibration.targets import default_targets_path, load_targets
from sim.config import ConfigError, load_params
from sim.run import run_simulation
from sim.uncertainty.statistics import compute


def test_every_target_statistic_is_computed_from_a_run():
    targets = load_targets()
    assert len(targets.targets) >= 10
    _, params = load_params(["scenario=village", "days=120"])
    stats = compute(targets.statistics, run_simulation(params, seed=3), params)
    for t in targets.targets:
        value = stats[t.statistic]
        if t.required:
            assert value is not None, t.name
            assert value == value and value >= 0, t.name  # finite, non-negative
    assert 0 < stats["recorded_per_household_year"] < 1
    shares = [stats[f"type_share_{k}"] for k in ("family", "neighbour", "land", "damages_debt")]
    assert 0.5 < sum(shares) <= 1.0


def test_official_success_rate_is_encoded_as_an_upper_bound():
    targets = {t.name: t for t in load_targets().targets}
    success = targets["mediation_success"]
    # The band centre, where the fit is pulled, sits below every official figure (93-98%).
    assert success.upper_bound and success.mid < 0.93 and success.high < 0.97
    assert targets["grassroots_share"].statistic == "township_share"


def test_objective_is_zero_at_band_centre_and_grows_outside():
    targets = load_targets()
    t = next(t for t in targets.targets if t.name == "mediation_success")
    assert term(t, t.mid, targets) == 0
    inside_edge = term(t, t.high, targets)
    assert 0 < inside_edge < term(t, 0.99, targets) < term(t, 1.0, targets)
    assert term(t, 0.99, targets) > 3 * inside_edge  # chasing 99% is penalised
    centre = {x.statistic: x.mid for x in targets.targets}
    assert objective(centre, targets) == pytest.approx(0)


def test_unknown_statistic_is_rejected(tmp_path):
    text = default_targets_path().read_text(encoding="utf-8")
    bad = tmp_path / "targets.yaml"
    bad.write_text(text.replace("statistic: township_share", "statistic: happiness_index"))
    with pytest.raises(ConfigError, match="unknown statistic 'happiness_index'"):
        load_targets(bad)


def test_each_target_compares_an_official_figure_with_a_recorded_indicator(tmp_path):
    targets = {t.name: t for t in load_targets().targets}
    for name in ("mediation_success", "registered_rate", "petition_volume"):
        assert targets[name].indicator == "recorded", name
    for name in ("group_petitions_rate", "criminal_rate_target"):
        assert targets[name].indicator == "true", name
    text = default_targets_path().read_text(encoding="utf-8")
    bad = tmp_path / "targets.yaml"
    bad.write_text(
        text.replace(
            "statistic: recorded_success_rate\n    indicator: recorded",
            'statistic: recorded_success_rate\n    indicator: "true"',
        )
    )
    with pytest.raises(ConfigError, match="indicator=true: statistic 'recorded_success_rate'"):
        load_targets(bad)
