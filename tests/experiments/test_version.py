"""The code version hashes the model's own source only: editing an experiment, a
report, a sensitivity plot or the command line does not invalidate stored runs, and
every module a run imports is hashed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import sim
from sim.experiments.version import hashed_files

ROOT = Path(sim.__file__).resolve().parent
# Imported when a worker runs a task, but the stored config already fixes what they do.
NOT_NUMERIC = {
    "sim.config",
    "sim.config.compose",
    "sim.console",
    "sim.executors",
    "sim.arms",
    "sim.housekeeping",
}


def test_hashed_files_leave_out_everything_that_cannot_change_a_run():
    rel = [p.relative_to(ROOT).as_posix() for p in hashed_files()]
    assert "model.py" in rel and "run.py" in rel and "config/validate.py" in rel
    for outside in ("experiments/", "sensitivity/", "calibration/", "output/", "uncertainty/"):
        assert not any(r.startswith(outside) for r in rel), outside
    for module in ("cli.py", "console.py", "config/docs.py", "config/compose.py"):
        assert module not in rel


def test_every_module_a_run_imports_is_hashed():
    code = (
        "import sys, sim.run, sim.config.validate, sim.experiments.executors as e\n"
        "print('\\n'.join(sorted(m for m in sys.modules if m.startswith('sim'))))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    hashed = set(hashed_files())
    for name in out:
        if name in NOT_NUMERIC or name.startswith(("sim.experiments", "sim.output")):
            continue
        module = sys.modules.get(name) or __import__(name, fromlist=["_"])
        assert Path(module.__file__).resolve() in hashed, name
