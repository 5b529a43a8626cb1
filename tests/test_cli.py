"""The ``govsim run`` command end to end on the village scenario."""

from __future__ import annotations

import json
import subprocess
import sys

import pandas as pd
import pytest
import yaml

from sim.cli import main
from sim.metrics import ONLY_WHEN_PAID, RUN_METRICS, SERIES

# Every registered run metric; subsidy cost items only when the run paid them.
REQUIRED_METRICS = set(RUN_METRICS) - ONLY_WHEN_PAID


def test_run_writes_a_complete_folder_and_prints_its_path(results_dir, capsys):
    assert (
        main(
            [
                "run",
                "--results",
                str(results_dir),
                "--no-progress",
                "seed=7",
                "policy/escalation=fast_track",
            ]
        )
        == 0
    )
    lines = capsys.readouterr().out.strip().splitlines()
    folder = results_dir / "runs" / lines[-1].rsplit("/", 1)[-1]
    assert lines[-1] == str(folder) and folder.is_dir()
    assert {p.name for p in folder.iterdir()} == {
        "config.yaml",
        "metrics.json",
        "series.parquet",
        "disputes.parquet",
        "run.log",
        "series.png",
    }
    cfg = yaml.safe_load((folder / "config.yaml").read_text())
    assert cfg["seed"] == 7 and cfg["policy"]["escalation"]["name"] == "fast_track"
    metrics = json.loads((folder / "metrics.json").read_text())
    assert REQUIRED_METRICS <= set(metrics) <= set(RUN_METRICS)
    assert 0 <= metrics["resolved_share"] <= 1 and metrics["disputes_total"] > 0
    series = pd.read_parquet(folder / "series.parquet")
    assert list(series.columns) == ["day", *SERIES]
    assert len(series) == cfg["days"] and series["day"].tolist() == list(range(cfg["days"]))
    disputes = pd.read_parquet(folder / "disputes.parquet")
    assert len(disputes) == metrics["disputes_total"]
    assert {"type", "arose", "status", "level", "channel"} <= set(disputes.columns)
    assert (folder / "series.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert not [p for p in (results_dir / "runs").iterdir() if p.name.startswith(".")]


def test_same_config_and_seed_give_byte_identical_metrics(results_dir, capsys):
    folders = []
    for _ in range(2):
        assert main(["run", "--results", str(results_dir), "--no-progress", "seed=11"]) == 0
        folders.append(capsys.readouterr().out.strip().splitlines()[-1])
    first, second = ((results_dir / "runs" / f.rsplit("/", 1)[-1]) for f in folders)
    assert first != second
    assert (first / "metrics.json").read_bytes() == (second / "metrics.json").read_bytes()


@pytest.mark.parametrize(
    ("override", "named"),
    [
        ("policy/staffing=nobody", "policy/staffing=nobody"),
        ("policy.visits.grid_housholds=100", "policy.visits.grid_housholds"),
        ("behaviour.discovery.cadre_hearing=2", "behaviour.discovery.cadre_hearing=2.0"),
        (
            "policy.staffing.county_roving_mediators=-3",
            "policy.staffing.county_roving_mediators=-3",
        ),
        ("policy.visits.grid_households=9999", "policy.visits.grid_households=9999"),
    ],
)
def test_bad_input_exits_non_zero_with_one_line_and_writes_nothing(tmp_path, override, named):
    results = tmp_path / "results"
    proc = subprocess.run(
        [sys.executable, "-m", "sim.cli", "run", "--results", str(results), override],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 2
    err = proc.stderr.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("govsim: error: ") and named in err[0]
    assert not results.exists()


def test_a_run_that_fails_while_writing_leaves_no_folder(results_dir, monkeypatch):
    import sim.output.run_folder as run_folder

    def broken_plot(*_args, **_kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(run_folder, "plot_run", broken_plot)
    with pytest.raises(OSError, match="disk full"):
        main(["run", "--results", str(results_dir), "--no-progress", "days=30"])
    assert list((results_dir / "runs").iterdir()) == []  # neither a result nor a staging folder


def test_a_reader_that_stops_early_gets_no_traceback():
    """``govsim experiment --list | head -1``: the pipe closes before the listing is
    written; the command stops quietly with Python's status for EPIPE."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "sim.cli", "experiment", "--list"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # before the interpreter has even imported the model
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 1
    assert err == ""
