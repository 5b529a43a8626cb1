"""A command line that helps: version, help with presets, hints for common slips, Ctrl-C."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

import sim
from sim.cli import main
from sim.config import presets
from tests.conftest import one_error_line


def test_version(capsys):
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"govsim {sim.__version__}"


def test_run_help_lists_every_group_with_its_presets_and_points_to_the_parameter_table(capsys):
    assert main(["run", "--help"]) == 0
    out = capsys.readouterr().out
    for group in ("scenario", "policy/visits", "policy/staffing", "policy/escalation"):
        lines = [x for x in out.splitlines() if x.strip().startswith(group + " ")]
        assert len(lines) == 1, lines  # once each
        assert all(p in lines[0] for p in presets(group)), lines
    assert "village*" in out and "calibrated*" in out  # defaults marked
    assert "docs/ODD.md" in out


@pytest.mark.parametrize(
    ("argv", "hint"),
    [
        (["scenario:county"], "did you mean scenario=county?"),
        (["policy.visits=weekly"], "did you mean policy/visits=weekly?"),
        (["--scenario", "county"], "did you mean scenario=county?"),
        (["--days=30"], "did you mean days=30?"),
        (["scenario.name=村"], "\"scenario.name='村'\""),
        (["policy/visits=weeky"], "did you mean weekly?"),
        (["policy.visits.grid_housholds=3"], "did you mean grid_households?"),
        (["dys=30"], "did you mean days?"),
    ],
)
def test_a_slip_gets_a_one_line_hint_and_nothing_is_written(capsys, tmp_path, argv, hint):
    assert main(["run", "--results", str(tmp_path), *argv]) == 2
    assert hint in one_error_line(capsys)
    assert not any(tmp_path.iterdir())


def test_unknown_experiment_gets_a_suggestion(capsys, tmp_path):
    from sim.experiments.cli import main as experiment

    assert experiment(["visit_frequncy", "--results", str(tmp_path)]) == 2
    assert "did you mean visit_frequency?" in one_error_line(capsys)


def test_overrides_go_before_or_after_the_options(capsys, tmp_path):
    argv = ["run", "seed=3", "--results", str(tmp_path), "days=3", "--no-progress"]
    assert main([*argv, "scenario.n_villages=2"]) == 0
    folder = capsys.readouterr().out.strip().splitlines()[-1]
    assert "_seed3_" in folder
    text = (tmp_path / "runs" / folder.rsplit("/", 1)[-1] / "config.yaml").read_text()
    assert "days: 3" in text and "n_villages: 2" in text


def test_ctrl_c_during_a_run_prints_one_line_and_exits_130(tmp_path):
    # A long county run prints its estimate first; that is the moment it is running.
    results = tmp_path / "results"
    argv = ["run", "scenario=county", "days=73000", "--results", str(results)]
    proc = subprocess.Popen(
        [sys.executable, "-m", "sim.cli", *argv],
        stderr=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        first = proc.stderr.readline()
        assert first.startswith("govsim: about"), first
        time.sleep(1.5)  # well into building or simulating the county
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=60)
    finally:
        proc.kill()
    lines = [x.strip("\r ") for x in err.replace("\r", "\n").splitlines() if x.strip("\r ")]
    assert proc.returncode == 130, err
    assert "Traceback" not in err
    assert [x for x in lines if x.startswith("govsim:")] == ["govsim: interrupted; nothing written"]
    runs = results / "runs"
    assert not runs.exists() or not any(runs.iterdir())
