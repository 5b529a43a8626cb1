"""``govsim compare``: arms on the command line, through the experiment machinery."""

from __future__ import annotations

import pandas as pd
import pytest

from sim.cli import main as govsim
from tests.conftest import one_error_line

TINY = ["scenario.n_villages=2", "days=60"]
QUIET = ["--no-progress", "--workers", "1"]


def _compare(results, *args: str) -> int:
    return govsim(
        ["compare", *TINY, "--scenario", "village", *args, "--results", str(results), *QUIET]
    )


@pytest.mark.parametrize(
    ("arms", "says"),
    [
        (["--arm", "weekly", "policy/visits=weekly"], "at least two arms"),
        (["--arm", "policy/visits=weekly", "--arm", "b"], "an arm starts with its name"),
        (["--arm", "a", "--arm", "../up"], "the name must be"),
        (["--arm", "a", "--arm", "b", "policy/visits=biweekly"], "arm 'b'"),
        (["--arm", "a", "--arm", "b", "weekly"], "is not an override"),
        (["--arm", "a", "--arm", "b", "--baseline", "c"], "baseline 'c' is not an arm"),
        (["--arm", "a", "--arm", "a"], "defined twice"),
        (["--arm", "a", "--arm", "b", "--primary", "happiness"], "unknown metric"),
        (["--arm", "a", "--arm", "b", "--replications", "0"], "--replications=0"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_writes_nothing(tmp_path, capsys, arms, says):
    results = tmp_path / "results"
    assert _compare(results, *arms) == 2
    assert says in one_error_line(capsys)
    assert not results.exists()


@pytest.mark.slow  # about 5 s alone, 20 s on a loaded machine: worker start-up and figures
def test_compare_runs_paired_arms_and_reports_cost_effectiveness(tmp_path, capsys):
    results = tmp_path / "results"
    arms = ["--arm", "reactive", "regime=reactive", "--arm", "fengqiao"]
    assert _compare(results, *arms, "--replications", "2") == 0
    folder = results / "experiments" / "reactive_vs_fengqiao"
    assert capsys.readouterr().out.strip().endswith("report.html")
    table = pd.read_parquet(folder / "table.parquet")
    assert sorted(table["arm"].unique()) == ["fengqiao", "reactive"]
    assert table.groupby("replication")["seed"].nunique().eq(1).all()  # paired seeds
    ce = pd.read_csv(folder / "costeffect.csv")
    assert set(ce["outcome"]) == {"escalations", "petitions_filed"}
    assert ce.loc[ce["arm"] == "reactive", "status"].eq("baseline").all()
    report = (folder / "report.md").read_text(encoding="utf-8")
    lines = report.splitlines()
    assert lines[0] == "# Experiment: reactive_vs_fengqiao" and lines[2].startswith("**In short.**")
    assert "### Cost-effectiveness" in report and "figures/frontier.png" in report
    assert "the default policy (Fengqiao county)" in report  # the arm in words
    assert "govsim compare" in report  # the command, in the provenance
    assert (folder / "figures" / "frontier.svg").is_file()


def test_experiment_list_shows_every_arm(capsys):
    assert govsim(["experiment", "--list"]) == 0
    out = capsys.readouterr().out
    assert "  mediators0_full_time: no village mediators" in out
    assert "  plus_mediators: Reactive county plus" in out
