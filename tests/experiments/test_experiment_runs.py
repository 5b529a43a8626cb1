"""Experiments end to end: CRN, every config, report, resume, bad input, Dask = local pool."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest

from sim.config import params_from_dict
from sim.experiments.cli import main
from sim.experiments.design import available, compose_arms, load_experiment, run_specs
from sim.experiments.stats import paired_differences
from sim.run import run_simulation

TINY = ["scenario=village", "scenario.n_villages=2", "days=60"]
ONSET = ["id", "type", "village", "arose", "claimant", "severity"]


def _run(results, *args: str) -> int:
    return main([*args, "--results", str(results), "--no-progress", "--workers", "2"])


def _table(results, name: str) -> pd.DataFrame:
    return pd.read_parquet(results / "experiments" / name / "table.parquet")


def test_arms_differing_in_staffing_face_the_same_disputes():
    exp = load_experiment("mediator_staffing")
    configs = compose_arms(exp, TINY)
    specs = [s for s in run_specs(exp, configs, 2) if s.replication == 1]
    a, b = specs[0], specs[-1]
    assert a.config["policy"]["staffing"] != b.config["policy"]["staffing"] and a.seed == b.seed
    ra, rb = run_simulation(params_from_dict(a.config)), run_simulation(params_from_dict(b.config))
    assert len(ra.disputes) > 0
    assert ra.disputes[ONSET].equals(rb.disputes[ONSET])  # same disputes, same days


@pytest.mark.parametrize("name", available())
def test_every_experiment_runs_tiny_and_reports_every_arm(tmp_path, name):
    assert _run(tmp_path, name, *TINY, "--replications", "2") == 0
    exp = load_experiment(name)
    table = _table(tmp_path, name)
    assert len(table) == 2 * len(exp.arms)
    assert not table.duplicated(["arm", "replication"]).any()
    assert table["error"].isna().all()
    # replication r of every arm shares its seed (common random numbers)
    assert table.groupby("replication")["seed"].nunique().eq(1).all()
    folder = tmp_path / "experiments" / name
    report = (folder / "report.md").read_text(encoding="utf-8")
    html = (folder / "report.html").read_text(encoding="utf-8")
    for arm in exp.arms:
        assert arm.name in report and arm.name in html
    assert "data:image/png;base64," in html  # self-contained
    assert list((folder / "figures").glob("*.png")) and list((folder / "figures").glob("*.svg"))


def test_paired_interval_is_narrower_than_unpaired_for_a_real_effect(tmp_path):
    # Monthly instead of weekly cadre visits: disputes are discovered later.
    assert (
        _run(
            tmp_path,
            "visit_frequency",
            "scenario=village",
            "days=180",
            "--replications",
            "6",
            "--arms",
            "visit30_households4",
        )
        == 0
    )
    exp = load_experiment("visit_frequency")
    paired = paired_differences(
        _table(tmp_path, "visit_frequency"), exp.baseline, ["days_to_discovery_mean"]
    ).iloc[0]
    assert paired["lo"] > 0  # a real effect: later discovery in every plausible world
    assert paired["hi"] - paired["lo"] < paired["unpaired_hi"] - paired["unpaired_lo"]


def test_an_interrupted_experiment_resumes_without_redoing_or_double_counting(tmp_path):
    args = ("escalation_rules", *TINY, "--replications", "2", "--arms", "fast_track")
    assert _run(tmp_path / "full", *args) == 0
    full = _table(tmp_path / "full", "escalation_rules")
    part = tmp_path / "part"
    _run(part, *args, "--max-runs", "2")  # stops half-way, as after Ctrl-C
    stored = sorted((part / "experiments" / "escalation_rules" / "runs").glob("*.json"))
    assert len(stored) == 2
    before = {p.name: p.stat().st_mtime_ns for p in stored}
    assert _run(part, *args) == 0
    resumed = _table(part, "escalation_rules")
    after = {
        p.name: p.stat().st_mtime_ns
        for p in (part / "experiments" / "escalation_rules" / "runs").glob("*.json")
    }
    assert all(after[k] == v for k, v in before.items())  # finished runs were not redone
    assert len(resumed) == len(full) == 4
    assert resumed.equals(full)


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["no_such_experiment"], "no_such_experiment"),
        (["escalation_rules", "--arms", "no_such_arm"], "no_such_arm"),
        (
            ["escalation_rules", "policy.staffing.mediators_per_village=-1"],
            "policy.staffing.mediators_per_village=-1",
        ),
        (["escalation_rules", "--scheduler", "tcp://127.0.0.1:9"], "127.0.0.1:9"),
    ],
)
def test_bad_input_gives_one_line_and_writes_nothing(tmp_path, args, named):
    proc = subprocess.run(
        [sys.executable, "-m", "sim.cli", "experiment", *args, "--results", str(tmp_path / "r")],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert proc.returncode == 2
    err = proc.stderr.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("govsim: error: ") and named in err[0]
    assert not (tmp_path / "r").exists()


def test_an_experiment_without_a_baseline_is_refused(tmp_path, monkeypatch):
    import shutil

    from sim.config import config_dir

    copy = tmp_path / "configs"
    shutil.copytree(config_dir(), copy)
    path = copy / "experiment" / "escalation_rules.yaml"
    text = "\n".join(
        line for line in path.read_text().splitlines() if not line.startswith("baseline:")
    )
    path.write_text(text + "\n")
    monkeypatch.setenv("GOVSIM_CONFIG_DIR", str(copy))
    assert _run(tmp_path / "r", "escalation_rules", *TINY) == 2
    assert not (tmp_path / "r").exists()


def test_a_dask_cluster_gives_the_same_table_as_local_processes(tmp_path):
    from distributed import LocalCluster

    args = ("mediator_staffing", *TINY, "--replications", "2", "--arms", "mediators0_volunteer")
    assert _run(tmp_path / "local", *args) == 0
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    ) as cluster:
        assert (
            main(
                [
                    *args,
                    "--results",
                    str(tmp_path / "dask"),
                    "--no-progress",
                    "--scheduler",
                    cluster.scheduler_address,
                ]
            )
            == 0
        )
    local, dask = (
        _table(tmp_path / "local", "mediator_staffing"),
        _table(tmp_path / "dask", "mediator_staffing"),
    )
    assert len(local) == 4
    assert local.equals(dask)
