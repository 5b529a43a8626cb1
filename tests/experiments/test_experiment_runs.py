"""Experiments end to end: CRN, every config, report, resume, bad input, Dask = local pool."""

from __future__ import annotations

import os
import subprocess
import sys

import pandas as pd
import pytest

from sim.config import params_from_dict
from sim.experiments.cli import main
from sim.experiments.dedupe import merge_same_policies
from sim.experiments.design import available, compose_arms, load_experiment, run_specs
from sim.experiments.stats import paired_differences
from sim.run import run_simulation
from tests.conftest import loopback_cluster

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


# The 30-odd arms of lever_response take longest: run them in the slow tier, with the two
# next slowest (escalation_rules also runs in the default tier's kill test), so that the
# default tier stays well inside its five minutes.
SLOW_EXPERIMENTS = {"lever_response", "visit_frequency", "escalation_rules"}


@pytest.mark.parametrize(
    "name",
    [pytest.param(n, marks=pytest.mark.slow) if n in SLOW_EXPERIMENTS else n for n in available()],
)
def test_every_experiment_runs_tiny_and_reports_every_arm(tmp_path, name):
    assert _run(tmp_path, name, *TINY, "--replications", "2") == 0
    exp, _, _ = merge_same_policies(
        load_experiment(name), compose_arms(load_experiment(name), TINY)
    )
    table = _table(tmp_path, name)
    assert len(table) == 2 * len(exp.arms)  # one arm per policy (a grid may write one twice)
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
    if name == "evaluation_regimes":  # recorded figures beside the true ones
        assert "## Recorded and true figures side by side" in report
        assert "Mediation success rate (share of recorded cases): recorded / true" in report
    assert list((folder / "figures").glob("*.png")) and list((folder / "figures").glob("*.svg"))


def test_paired_interval_is_narrower_than_unpaired_for_a_real_effect(tmp_path):
    # No routine screening (campaigns only) instead of weekly cadre visits and grid-worker
    # household visits: residents are never visited and their disputes wait longer, so
    # their trust ends lower. Pairing removes the worlds' own spread of trust.
    assert (
        _run(
            tmp_path,
            "visit_frequency",
            "scenario=village",
            "days=180",
            "--replications",
            "6",
            "--arms",
            "campaign_only",
        )
        == 0
    )
    exp = load_experiment("visit_frequency")
    paired = paired_differences(
        _table(tmp_path, "visit_frequency"), exp.baseline, ["mean_trust"]
    ).iloc[0]
    assert paired["hi"] < 0  # a real effect: lower trust in every plausible world
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
        env={**os.environ, "GOVSIM_DASK_CONNECT_TIMEOUT": "2"},  # nothing listens there
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
    args = ("mediator_staffing", *TINY, "--replications", "2", "--arms", "mediators0_volunteer")
    assert _run(tmp_path / "local", *args) == 0
    with loopback_cluster() as cluster:
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


MEMBERS = ["behaviour.mediation.base_logit=2.0", "behaviour.mediation.base_logit=4.5"]


def _ensemble_file(tmp_path) -> str:
    path = tmp_path / "ensemble.yaml"
    members = "".join(f"- trial: {i}\n  overrides: ['{o}']\n" for i, o in enumerate(MEMBERS))
    path.write_text("members:\n" + members, encoding="utf-8")
    return str(path)


def test_an_experiment_runs_over_the_ensemble_and_pools_its_members(tmp_path):
    ensemble = _ensemble_file(tmp_path)
    name = "fengqiao_vs_reactive"
    args = (name, *TINY, "--arms", "fengqiao", "--replications", "2", "--ensemble", ensemble)
    assert _run(tmp_path, *args) == 0
    table = _table(tmp_path, f"{name}-ensemble")
    assert len(table) == 2 * 2 * 2  # arms x members x replications
    assert sorted(table["member"].unique()) == [0, 1]
    assert not table.duplicated(["arm", "member", "replication"]).any()
    # replication r shares its seed across arms and members (common random numbers)
    assert table.groupby("replication")["seed"].nunique().eq(1).all()
    # each member ran its own behaviour: same arm and seed, different outcomes
    success = table.set_index(["arm", "member", "replication"])["mediation_success_rate"]
    assert (success.xs(0, level="member") != success.xs(1, level="member")).any()
    folder = tmp_path / "experiments" / f"{name}-ensemble"
    report = (folder / "report.md").read_text(encoding="utf-8")
    assert "2 ensemble members" in report and "Spread across the ensemble" in report
    paired = pd.read_csv(folder / "paired.csv")
    assert paired["member_min"].notna().all()
    assert not (tmp_path / "experiments" / name).exists()  # the plain experiment is apart


def test_an_arm_keeps_its_own_behaviour_under_every_ensemble_member():
    from sim.experiments.design import parse_experiment

    raw = {
        "question": "q",
        "scenario": "village",
        "baseline": "base",
        "replications": 1,
        "seed_base": 0,
        "primary_metric": "escalation_rate",
        "arms": [
            {"name": "base", "overrides": []},
            {"name": "skilled", "overrides": ["behaviour.mediation.base_logit=3.0"]},
        ],
    }
    configs = compose_arms(parse_experiment("t", raw), TINY, [[m] for m in MEMBERS])
    logit = [c["behaviour"]["mediation"]["base_logit"] for c in configs["base"]]
    assert logit == [2.0, 4.5]  # the members differ where the arm says nothing
    assert [c["behaviour"]["mediation"]["base_logit"] for c in configs["skilled"]] == [3.0, 3.0]


@pytest.mark.parametrize(
    ("extra", "named"),
    [
        (["--members", "2"], "--members=2"),
        (["--ensemble", "/no/such/ensemble.yaml"], "/no/such/ensemble.yaml"),
        (["--ensemble", "--precision", "0.1"], "--precision=0.1"),
    ],
)
def test_bad_ensemble_options_give_one_line(tmp_path, capsys, extra, named):
    from tests.conftest import one_error_line

    assert _run(tmp_path / "r", "escalation_rules", *TINY, *extra) == 2
    assert named in one_error_line(capsys)
    assert not (tmp_path / "r").exists()


def test_a_run_that_raises_is_recorded_and_the_others_carry_on(tmp_path):
    import dataclasses

    from sim.experiments.executors import open_executor
    from sim.experiments.runner import execute
    from sim.experiments.store import RunStore, build_tables

    exp = load_experiment("escalation_rules")
    specs = run_specs(exp, compose_arms(exp, TINY), 1)[:3]
    # The second run's config is broken after validation: its model raises in the worker.
    broken = dict(specs[1].config, scenario={**specs[1].config["scenario"], "n_villages": 0})
    specs[1] = dataclasses.replace(specs[1], config=broken, key="broken")
    store = RunStore(tmp_path / "runs")
    with open_executor(None, 2) as (pool, _):
        outcome = execute(specs, store, pool, progress=False)
        assert (outcome.finished, outcome.model_errors, outcome.failed) == (3, 1, [])
        table, _ = build_tables(specs, store, [a.name for a in exp.arms])
        assert table["error"].notna().tolist() == [False, True, False]
        assert "n_villages" in table.loc[1, "error"]
        assert table.loc[[0, 2], "escalation_rate"].notna().all()
        # Stored errors are kept on a plain re-run and re-run only when asked.
        assert execute(specs, store, pool, progress=False).finished == 0
        again = execute(specs, store, pool, progress=False, retry_errors=True)
        assert (again.finished, again.model_errors) == (1, 1)


def test_ctrl_c_keeps_finished_runs_and_the_same_command_resumes(tmp_path):
    import signal
    import time

    args = ["escalation_rules", "scenario=village", "scenario.n_villages=10", "days=365"]
    args += ["--replications", "3", "--workers", "2", "--no-progress"]
    command = [sys.executable, "-m", "sim.cli", "experiment", *args, "--results", str(tmp_path)]
    runs = tmp_path / "experiments" / "escalation_rules" / "runs"
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while len(list(runs.glob("*.json"))) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGINT)  # what Ctrl-C sends
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert "run the same command to resume" in err
    kept = {p.name: p.stat().st_mtime_ns for p in runs.glob("*.json")}
    assert 2 <= len(kept) < 24 and not (runs.parent / "table.parquet").exists()
    resumed = subprocess.run(command, capture_output=True, text=True, check=False, timeout=300)
    assert resumed.returncode == 0, resumed.stderr
    table = _table(tmp_path, "escalation_rules")
    assert len(table) == 24 and not table.duplicated(["arm", "replication"]).any()
    assert all(runs.joinpath(k).stat().st_mtime_ns == v for k, v in kept.items())
