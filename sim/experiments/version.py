"""The code version that keys the run store: package version plus a digest of the model.

A run's result depends on the model's source, not on git state (uncommitted edits count),
so the digest covers every module that can change a result. The experiment layer, the
CLI and the output writers are left out: editing a figure must not invalidate old runs.
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

import sim

# Sub-packages and modules that cannot change a run's numbers.
NOT_MODEL = ("experiments", "output", "cli.py")


@functools.cache
def code_version() -> str:
    root = Path(sim.__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(root)
        if rel.parts[0] in NOT_MODEL:
            continue
        digest.update(rel.as_posix().encode())
        digest.update(path.read_bytes())
    return f"{sim.__version__}+{digest.hexdigest()[:12]}"
