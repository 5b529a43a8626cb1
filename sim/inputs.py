"""Names and paths from the command line, checked before anything runs.

A name that becomes part of a path (a scenario, an experiment, a sensitivity analysis,
a preset) must be a plain folder name, so that it can never point outside the folder
it belongs in; every output path is resolved and must stay under the results root;
a results root that is a file, or cannot be written, is refused up front instead of
after the simulation. Inputs given by an explicit path (``--file``, a villages table
``scenario.villages=PATH``) may be anywhere and are only read.
"""

from __future__ import annotations

import os
from pathlib import Path

from sim.config import ConfigError
from sim.config.names import NAME_RULE, SAFE_NAME


def check_name(what: str, name: object) -> str:
    """``name`` if it is a safe folder name, else a ``ConfigError`` naming ``what``."""
    if not isinstance(name, str) or not SAFE_NAME.fullmatch(name):
        shown = name if isinstance(name, str) and len(name) <= 80 else f"{str(name)[:60]}..."
        raise ConfigError(f"{what}={shown}: must be {NAME_RULE}")
    return name


def results_root(path: Path, option: str = "--results") -> Path:
    """The resolved results root; refused if it, or a folder above it, is a file or
    if it cannot be created or written."""
    resolved = path.expanduser().resolve()
    existing = resolved
    while not existing.exists():
        existing = existing.parent
    if not existing.is_dir():
        raise ConfigError(f"{option}={path}: {existing} is a file, not a folder")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise ConfigError(f"{option}={path}: {existing} is not writable")
    return resolved


def inside(root: Path, path: Path, option: str = "--results") -> Path:
    """``path`` resolved, if it stays under ``root`` (resolved); else a ``ConfigError``."""
    resolved = path.expanduser().resolve()
    if not resolved.is_relative_to(root.expanduser().resolve()):
        raise ConfigError(f"{path}: output would leave {option}={root}; refused")
    return resolved
