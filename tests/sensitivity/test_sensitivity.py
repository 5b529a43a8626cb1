"""``govsim sensitivity`` with a tiny sample: it runs, writes its tables and plots, ranks a
parameter known to matter above one the model never reads, and rejects bad input."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from sim.sensitivity.cli import main
from sim.sensitivity.robustness import robustness
from tests.conftest import one_error_line

REACTIVE = "reactive: regime=reactive"


@pytest.fixture
def space(tmp_path):
    path = tmp_path / "space.yaml"
    path.write_text(
        "parameters:\n"
        "  - {key: behaviour.mediation.base_logit, low: -1.0, high: 5.0}\n"
        "  - {key: behaviour.discovery.self_report_per_day, low: 0.005, high: 0.1, log: true}\n"
    )
    return path


def test_sensitivity_ranks_a_parameter_that_matters_above_a_dummy(tmp_path, space, capsys):
    code = main(
        [
            "--scenario", "village", "days=90", "--workers", "1",
            "--parameters", str(space), "--dummy", "1",
            "--outcome", "resolved_share", "--outcome", "escalation_rate",
            "--arm", REACTIVE, "--effect", "reactive",
            "--morris-trajectories", "4", "--sobol-samples", "4", "--top", "2",
            "--results", str(tmp_path), "--name", "tiny",
        ]
    )  # fmt: skip
    assert code == 0
    folder = tmp_path / "tiny"
    ranking = pd.read_csv(folder / "ranking.csv")
    q = ranking[ranking["quantity"] == "baseline:resolved_share"].set_index("parameter")
    logit, dummy = q.loc["behaviour.mediation.base_logit"], q.loc["dummy.d0"]
    assert logit["mu_star"] > 0 and logit["rank"] < dummy["rank"]
    # Same seed at every point: a parameter the model never reads has no effect at all.
    assert dummy["mu_star"] == 0
    assert set(ranking["quantity"]) >= {"effect[reactive]:resolved_share"}
    assert ranking["ST"].notna().any()  # Sobol' indices of the top parameters
    robust = json.loads((folder / "robustness.json").read_text())
    assert robust["recommended"] in ("baseline", "reactive")
    assert 0 <= robust["share_recommended_first"] <= 1 and robust["points"] > 10
    assert (folder / "morris_baseline_resolved_share.png").stat().st_size > 1000
    assert (folder / "sobol_effect_reactive_resolved_share.png").stat().st_size > 1000
    assert "Robustness" in (folder / "report.md").read_text(encoding="utf-8")
    assert capsys.readouterr().out.strip().endswith(str(folder))


def test_robustness_counts_points_where_the_recommended_arm_stays_first():
    arms = ["baseline", "other"]
    reference = pd.Series({"baseline:resolved_share": 0.9, "other:resolved_share": 0.8})
    samples = pd.DataFrame(
        {"baseline:resolved_share": [0.9, 0.7, 0.95, 0.6], "other:resolved_share": [0.8] * 4}
    )
    out = robustness(reference, samples, arms, "resolved_share")
    assert out["recommended"] == "baseline"
    assert out["share_recommended_first"] == 0.5
    lower = robustness(
        reference.rename(lambda c: c.replace("resolved_share", "escalation_rate")),
        samples.rename(columns=lambda c: c.replace("resolved_share", "escalation_rate")),
        arms,
        "escalation_rate",
    )
    assert lower["recommended"] == "other" and lower["share_recommended_first"] == 0.5


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["--outcome", "happiness"], "--outcome happiness: unknown"),
        (["--effect", "nonesuch"], "--effect nonesuch: unknown arm"),
        (["--arm", "broken"], "--arm 'broken'"),
        (["--morris-trajectories", "0"], "--morris-trajectories=0"),
        (["policy/visits=biweekly"], "unknown preset"),
    ],
)
def test_bad_input_gives_one_line_and_writes_nothing(tmp_path, capsys, args, fragment):
    code = main(["--scenario", "village", "--results", str(tmp_path), "--workers", "1", *args])
    assert code == 2
    assert fragment in one_error_line(capsys)
    assert not any(tmp_path.iterdir())


@pytest.mark.parametrize(
    ("row", "fragment"),
    [
        ("{key: behaviour.mediation.no_such, low: 0, high: 1}", "unknown parameter key"),
        ("{key: behaviour.discovery.cadre_hearing, low: 0.5, high: 2}", "schema bounds"),
    ],
)
def test_bad_parameter_ranges_give_one_line(tmp_path, capsys, row, fragment):
    path = tmp_path / "space.yaml"
    path.write_text(f"parameters:\n  - {row}\n")
    out = tmp_path / "out"
    code = main(["--scenario", "village", "--parameters", str(path), "--results", str(out)])
    assert code == 2
    assert fragment in one_error_line(capsys)
    assert not out.exists()


def test_robustness_reports_pairwise_wins():
    arms = ["a", "b", "c"]
    reference = pd.Series(
        {"a:petitions_per_10k": 1.0, "b:petitions_per_10k": 2.0, "c:petitions_per_10k": 3.0}
    )
    samples = pd.DataFrame(
        {
            "a:petitions_per_10k": [1, 4, 1, 1],
            "b:petitions_per_10k": [2] * 4,
            "c:petitions_per_10k": [3, 3, 0, 3],
        }
    )
    out = robustness(reference, samples, arms, "petitions_per_10k")
    assert out["recommended"] == "a"
    assert out["share_beats"] == {"b": 0.75, "c": 0.5}
    assert out["share_first_by_arm"] == {"a": 0.5, "b": 0.25, "c": 0.25}
