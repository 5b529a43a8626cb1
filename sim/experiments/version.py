"""The code version that keys the run store: package version plus a digest of the model.

A run's result depends on the model's source, not on git state (uncommitted edits
count), so the digest covers exactly the modules that can change a run's numbers: the
model, its agents and their schedules, the dispute book, the daily processes, the world
builder, the random-number tree, metrics and costs, the run loop, and the config schema
and validator (which turn a stored config into the parameters a run reads). Everything
else (experiments, calibration, sensitivity, output writers, reports, figures, the
command line, config composition and documentation) is left out: editing a figure or a
report must not invalidate stored runs. A stored run's key also holds its full resolved
config, so composition need not be hashed. ``tests/experiments/test_version.py`` checks
that every module a run imports is listed here or named as not changing numbers.
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

import sim

# Paths under sim/ (a folder means every module in it) that can change a run's numbers.
MODEL_SOURCES = (
    "__init__.py",
    "model.py",
    "agents.py",
    "schedules.py",
    "disputes.py",
    "counts.py",
    "processes",
    "world",
    "rng.py",
    "ranges.py",
    "metrics",
    "waits.py",
    "costs.py",
    "run.py",
    "config/schema.py",
    "config/fields.py",
    "config/validate.py",
    "config/walk.py",
    "config/names.py",
    "config/overrides.py",
    "config/village_schema.py",
    "config/villages.py",
    "village_policy.py",
)


def hashed_files() -> list[Path]:
    """The model's source files, sorted, as the digest reads them."""
    root = Path(sim.__file__).resolve().parent
    files: set[Path] = set()
    for entry in MODEL_SOURCES:
        path = root / entry
        if path.is_dir():
            files.update(path.rglob("*.py"))
        elif path.is_file():
            files.add(path)
    return sorted(files)


@functools.cache
def code_version() -> str:
    root = Path(sim.__file__).resolve().parent
    digest = hashlib.sha256()
    for path in hashed_files():
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    return f"{sim.__version__}+{digest.hexdigest()[:12]}"
