"""Reliability of ``govsim experiment`` with real processes: two identical experiments on
one folder (the second refuses in one line, the store stays whole), stored run files
that are truncated, empty or foreign (set aside and run again, never read as data), and
a SIGKILLed experiment leaves no worker, forkserver or resource tracker behind."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import psutil
import pytest

from sim.experiments.cli import main

ROOT = Path(__file__).resolve().parents[2]
EXPERIMENT = ["fengqiao_vs_reactive", "scenario=village"]


def govsim(results: Path, days: int, *extra: str, pipe: bool = True) -> subprocess.Popen:
    out = subprocess.PIPE if pipe else subprocess.DEVNULL
    return subprocess.Popen(
        [sys.executable, "-m", "sim.cli", "experiment", *EXPERIMENT, f"days={days}",
         "--no-progress", "--results", str(results), *extra],
        cwd=ROOT, stdout=out, stderr=out, text=True,
    )  # fmt: skip


def wait_for(condition, seconds: float = 60.0) -> None:
    end = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > end:
            raise AssertionError("timed out")
        time.sleep(0.05)


def test_a_second_identical_experiment_on_one_folder_refuses_in_one_line(tmp_path):
    folder = tmp_path / "experiments" / "fengqiao_vs_reactive"
    first = govsim(tmp_path, 120, "--replications", "2", "--workers", "1")
    # The first has stored a run and has more to do; it is held there (SIGSTOP, its lock
    # kept) while the second starts, which a village's runs would otherwise outpace.
    wait_for(lambda: any((folder / "runs").glob("*.json")) or first.poll() is not None)
    first.send_signal(signal.SIGSTOP)
    try:
        assert first.poll() is None, first.communicate()
        second = govsim(tmp_path, 120, "--replications", "2", "--workers", "1")
        _, err = second.communicate(timeout=120)
    finally:
        first.send_signal(signal.SIGCONT)
    assert second.returncode == 2
    assert err.strip().count("\n") == 0 and "another govsim experiment" in err
    _, err = first.communicate(timeout=300)
    assert first.returncode == 0, err
    table = pd.read_parquet(folder / "table.parquet")
    assert len(table) == 8 and table["error"].isna().all()
    assert len(list((folder / "runs").glob("*.json"))) == 8


TINY = ["fengqiao_vs_reactive", "scenario=village", "days=45", "--replications", "2",
        "--workers", "1", "--no-progress"]  # fmt: skip


def test_truncated_empty_and_foreign_run_files_are_set_aside_and_run_again(tmp_path, capsys):
    clean = tmp_path / "clean"
    assert main([*TINY, "--results", str(clean)]) == 0
    folder = tmp_path / "damaged" / "experiments" / "fengqiao_vs_reactive"
    shutil.copytree(clean / "experiments" / "fengqiao_vs_reactive" / "runs", folder / "runs")
    runs = sorted((folder / "runs").glob("*.json"))
    truncated, empty, foreign, source = runs[:4]
    truncated.write_text(truncated.read_text()[:100])
    empty.write_text("{}")
    shutil.copy(source, foreign)  # another run's complete, valid-looking record
    capsys.readouterr()
    assert main([*TINY, "--results", str(tmp_path / "damaged")]) == 0
    err = capsys.readouterr().err
    for path, why in ((truncated, "not complete JSON"), (empty, "not a whole run record"),
                      (foreign, "copied from another run")):  # fmt: skip
        line = next(ln for ln in err.splitlines() if str(path) in ln)
        assert why in line and "running it again" in line
    assert len(list((folder / "runs" / "set-aside").iterdir())) == 3
    before = pd.read_parquet(clean / "experiments" / "fengqiao_vs_reactive" / "table.parquet")
    after = pd.read_parquet(folder / "table.parquet")
    pd.testing.assert_frame_equal(before, after)
    for path in (truncated, empty, foreign):  # re-run and stored whole again
        assert json.loads(path.read_text())["key"] == path.stem


def descendants(pid: int) -> list[psutil.Process]:
    try:
        return psutil.Process(pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []


def gone(proc: psutil.Process) -> bool:
    try:
        return proc.status() == psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return True


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_no_process_of_a_killed_experiment_remains(tmp_path, sig):
    parent = govsim(tmp_path, 365, "--replications", "4", "--workers", "2", pipe=False)
    # forkserver, two workers and the resource tracker
    wait_for(lambda: len(descendants(parent.pid)) >= 4 or parent.poll() is not None)
    children = descendants(parent.pid)
    assert parent.poll() is None and len(children) >= 4
    os.kill(parent.pid, sig)
    parent.wait(timeout=30)
    end = time.monotonic() + 20
    while time.monotonic() < end and not all(gone(p) for p in children):
        time.sleep(0.1)
    left = [f"{p.pid} {' '.join(p.cmdline())[:80]}" for p in children if not gone(p)]
    for p in children:  # never leave them to the rest of the suite
        if not gone(p):
            p.kill()
    assert left == []


def always_fails(task: dict) -> dict:
    """A run task whose model always raises (imported by the worker processes)."""
    return {"key": task["key"], "seed": task["seed"], "code_version": task["code_version"],
            "config": task["config"], "metrics": None, "series": None,
            "error": "RuntimeError: no disputes can be drawn"}  # fmt: skip


def test_an_experiment_where_every_run_failed_ends_in_one_line(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr("sim.experiments.runner.run_one", always_fails)
    assert main([*TINY, "--results", str(tmp_path)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert (
        err[-1] == "govsim: all 8 runs failed: first error RuntimeError: no disputes can be drawn"
    )
    assert not (tmp_path / "experiments" / "fengqiao_vs_reactive" / "report.md").exists()


def test_staging_left_by_a_killed_experiment_is_swept_when_it_starts_again(tmp_path):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    folder = tmp_path / "experiments" / "fengqiao_vs_reactive"
    stale = folder / f".figures.{int(dead.stdout)}-0123abcd.partial"
    stale.mkdir(parents=True)
    (stale / "interval.png").write_bytes(b"half")
    assert main([*TINY, "--results", str(tmp_path), "--max-runs", "1"]) == 0  # no publishing
    assert not stale.exists()
