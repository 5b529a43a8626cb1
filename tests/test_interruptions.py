"""kill -9 at any moment: each long command, killed part-way, leaves no staging behind,
and the same command run again completes and gives what an uninterrupted run gives.

The kill points are fractions of the uninterrupted command's own duration, so they fall
during the runs, the table writing and the figures whatever this machine's speed.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import threading
import time
import tomllib
from pathlib import Path

import optuna
import pandas as pd
import pytest
from optuna.storages import JournalStorage
from optuna.storages.journal import JournalFileBackend

from sim.calibration.study import STUDY_NAME
from sim.output.atomic import _TEMP
from sim.uncertainty.journal import counted

GOVSIM = [sys.executable, "-m", "sim.cli"]


def _govsim(args: list[str], results: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*GOVSIM, *args, "--results", str(results)],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


def _killed(args: list[str], results: Path, after: float) -> None:
    proc = subprocess.Popen(
        [*GOVSIM, *args, "--results", str(results)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(after)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=60)


def _staging(results: Path) -> list[Path]:
    return [p for p in results.rglob("*") if _TEMP.match(p.name)]


def _timed(args: list[str], results: Path) -> float:
    started = time.monotonic()
    done = _govsim(args, results)
    assert done.returncode == 0, done.stderr
    return time.monotonic() - started


def _interrupted_then_rerun(args: list[str], tmp_path: Path, fraction: float, read) -> None:
    clean = tmp_path / "clean"
    duration = _timed(args, clean)  # also this moment's speed
    expected = read(clean, duration)
    results = tmp_path / "killed"
    _killed(args, results, fraction * duration)
    rerun = _govsim(args, results)
    assert rerun.returncode == 0, rerun.stderr
    assert _staging(results) == []  # the rerun swept what the kill left
    assert read(results, duration) == expected, f"killed at {fraction:.0%}"


def _run_metrics(results: Path, _duration: float) -> list[dict]:
    folders = sorted((results / "runs").iterdir())
    return [json.loads((f / "metrics.json").read_text()) for f in folders][-1:]


# One kill point of each command in the default suite (sensitivity's, the slowest at
# about 20 s, in the slow tier); more in the slow tier.
LATE = pytest.mark.slow


@pytest.mark.parametrize("fraction", [0.5, pytest.param(0.9, marks=LATE)])
def test_a_killed_run_leaves_nothing_partial_and_runs_again(tmp_path, fraction):
    args = ["run", "scenario=village", "days=120", "--no-progress"]

    def read(results: Path, duration: float) -> list[dict]:
        complete = [f for f in (results / "runs").iterdir() if not _TEMP.match(f.name)]
        assert all((f / "metrics.json").exists() for f in complete)  # no half folder
        return _run_metrics(results, duration)

    _interrupted_then_rerun(args, tmp_path, fraction, read)


@pytest.mark.parametrize("fraction", [0.5, pytest.param(0.95, marks=LATE)])
def test_a_killed_experiment_resumes_to_the_same_tables(tmp_path, fraction):
    args = ["experiment", "escalation_rules", "scenario=village", "days=90"]
    args += ["--replications", "2", "--workers", "2", "--no-progress"]

    def read(results: Path, _duration: float) -> tuple:
        folder = results / "experiments" / "escalation_rules"
        table = pd.read_parquet(folder / "table.parquet").drop(columns=["key"], errors="ignore")
        table = table.sort_values(["arm", "replication"]).reset_index(drop=True)
        return (table.to_json(), (folder / "paired.csv").read_text())

    _interrupted_then_rerun(args, tmp_path, fraction, read)


@pytest.mark.parametrize("fraction", [0.5, pytest.param(0.9, marks=pytest.mark.slow)])
def test_a_killed_calibration_resumes_and_writes_a_whole_preset(tmp_path, fraction):
    args = ["calibrate", "--scenario", "village", "days=60", "--trials", "6"]
    args += ["--replications", "1", "--check-replications", "1", "--workers", "1"]
    duration = _timed(args, tmp_path / "clean")
    results = tmp_path / "killed"
    _killed(args, results, fraction * duration)
    rerun = _govsim(args, results)
    assert rerun.returncode == 0, rerun.stderr
    assert _staging(results) == []
    preset = (results / "calibration" / "calibrated.yaml").read_text()
    assert "behaviour" in preset or "disputes" in preset
    # The rerun ran only the rest (none, if the kill came after the last trial): the
    # study holds the 6 trials asked for, not more.
    storage = JournalStorage(JournalFileBackend(str(results / "calibration" / "study.journal")))
    study = optuna.load_study(study_name=STUDY_NAME, storage=storage)
    assert len(counted(study)) == 6


@pytest.mark.parametrize("fraction", [pytest.param(f, marks=LATE) for f in (0.6, 0.95)])
def test_a_killed_sensitivity_analysis_runs_again_to_the_same_ranking(tmp_path, fraction):
    args = ["sensitivity", "--scenario", "village", "days=60", "--workers", "1"]
    args += ["--morris-trajectories", "2", "--sobol-samples", "2", "--top", "1"]
    args += ["--name", "tiny", "--outcome", "resolved_share"]

    def read(results: Path, _duration: float) -> str:
        return (results / "tiny" / "ranking.csv").read_text()

    _interrupted_then_rerun(args, tmp_path, fraction, read)


def _stderr_lines(proc: subprocess.Popen) -> tuple[list[str], threading.Event]:
    """The lines ``proc`` writes on stderr, read as they come, and an event set at EOF."""
    lines: list[str] = []
    ended = threading.Event()

    def read() -> None:
        for line in proc.stderr or ():
            lines.append(line)
        ended.set()

    threading.Thread(target=read, daemon=True).start()
    return lines, ended


@pytest.mark.parametrize(
    ("args", "ready", "said"),
    [
        (
            ["calibrate", "--scenario", "village", "--trials", "200", "--replications", "2"],
            "calibrate: 25/200 trials",  # 25 trials done: well into the runs
            "run the same command to resume",
        ),
        (
            ["sensitivity", "--scenario", "village", "--morris-trajectories", "40"],
            "sensitivity: Morris",  # the design is made; the pool and its runs start
            "nothing written",
        ),
    ],
)
def test_ctrl_c_ends_a_long_command_with_one_line_and_status_130(tmp_path, args, ready, said):
    proc = subprocess.Popen(
        [*GOVSIM, *args, "--workers", "2", "--results", str(tmp_path)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines, ended = _stderr_lines(proc)
    try:
        # Signalled once the command says it is under way, whatever this machine's speed.
        deadline = time.monotonic() + 240
        while not any(line.startswith(ready) for line in lines):
            assert time.monotonic() < deadline and not ended.is_set(), "".join(lines)
            time.sleep(0.02)
        time.sleep(0.5)  # and a moment more: the pool starting, the runs
        proc.send_signal(signal.SIGINT)  # what Ctrl-C sends
        proc.wait(timeout=120)
        assert ended.wait(timeout=60)  # every process holding stderr has ended
    finally:
        proc.kill()
    err = "".join(lines)
    assert proc.returncode == 130, err
    said_lines = [line for line in err.strip().splitlines() if line.startswith("govsim:")]
    assert said_lines and said_lines[-1].startswith("govsim: interrupted;"), err
    assert said in said_lines[-1], err
    assert "Traceback" not in err
    assert _staging(tmp_path) == []


# A Ctrl-C at the moment the pool has asked its forkserver for the first worker and not
# yet sent it what it runs: the worker, started, then finds its parent gone.
_CTRL_C_AS_A_WORKER_STARTS = """
import os, signal, sys
from multiprocessing import forkserver
from sim.console import exit_status
from sim.executors import local_pool

connect = forkserver.connect_to_new_process
sent = []

def connect_then_ctrl_c(fds):
    pipes = connect(fds)
    if not sent:
        sent.append(1)
        os.kill(os.getpid(), signal.SIGINT)
    return pipes

forkserver.connect_to_new_process = connect_then_ctrl_c

def command():
    with local_pool(2, ()) as pool:
        list(pool.map(abs, range(8)))
    return 0

sys.exit(exit_status(command))
"""


def test_ctrl_c_while_the_pool_starts_its_workers_is_one_line():
    done = subprocess.run(
        [sys.executable, "-c", _CTRL_C_AS_A_WORKER_STARTS],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 130, done.stderr
    assert done.stderr.splitlines() == ["govsim: interrupted; run the same command to go on"], (
        done.stderr
    )


def test_ctrl_c_while_a_subcommand_is_imported_is_one_line(tmp_path):
    # Importing calibrate takes a second or two, before its own handler is in place.
    script = """
import importlib, os, signal, sys
import sim.cli

def import_then_ctrl_c(name, *args):
    os.kill(os.getpid(), signal.SIGINT)
    return importlib.import_module(name, *args)

sim.cli.importlib = type("Importlib", (), {"import_module": staticmethod(import_then_ctrl_c)})
sys.exit(sim.cli.main(sys.argv[1:]))
"""
    args = ["calibrate", "--scenario", "village", "--results", str(tmp_path)]
    done = subprocess.run(
        [sys.executable, "-c", script, *args], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 130, done.stderr
    assert done.stderr.splitlines() == ["govsim: interrupted; nothing written"], done.stderr
    assert list(tmp_path.iterdir()) == []


def test_ctrl_c_as_the_journal_lock_is_released_is_one_line_and_frees_the_lock(tmp_path):
    # Optuna releases its journal lock by renaming the lock file, then removing it; a
    # Ctrl-C right after the removal sent Optuna to remove it again: FileNotFoundError.
    script = """
import os, signal, sys
from pathlib import Path
from sim.console import exit_status
from sim.uncertainty.journal import open_journal_study

unlink = os.unlink

def unlink_then_ctrl_c(path, *args, **kwargs):
    unlink(path, *args, **kwargs)
    if str(path).endswith(".rename"):
        os.kill(os.getpid(), signal.SIGINT)

os.unlink = unlink_then_ctrl_c
sys.exit(exit_status(lambda: open_journal_study(Path(sys.argv[1]), "s", ["minimize"], {}, "")))
"""
    journal = tmp_path / "study.journal"
    done = subprocess.run(
        [sys.executable, "-c", script, str(journal)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 130, done.stderr
    assert done.stderr.splitlines() == ["govsim: interrupted; run the same command to go on"], (
        done.stderr
    )
    assert [p.name for p in tmp_path.iterdir()] == ["study.journal"]  # no lock left taken
    assert journal.read_text().count("\n") == 1  # the study's creation, whole


def test_ctrl_c_while_the_command_loads_is_one_line():
    # The command's entry point loads sim.cli (about 0.2 s of imports) under its own
    # handler: a Ctrl-C that lands meanwhile (here: as yaml is imported) is one line.
    script = """
import builtins, os, signal, sys
plain_import = builtins.__import__

def import_with_ctrl_c(name, *args, **kwargs):
    if name == "yaml":
        os.kill(os.getpid(), signal.SIGINT)
    return plain_import(name, *args, **kwargs)

builtins.__import__ = import_with_ctrl_c
from sim.launch import main
sys.exit(main())
"""
    done = subprocess.run(
        [sys.executable, "-c", script, "--version"], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 130, done.stderr
    assert done.stderr.splitlines() == ["govsim: interrupted; nothing written"], done.stderr
    pyproject = Path(__file__).resolve().parents[1] / "pyproject.toml"
    scripts = tomllib.loads(pyproject.read_text())["project"]["scripts"]
    assert scripts["govsim"] == "sim.launch:main"  # the command starts there
