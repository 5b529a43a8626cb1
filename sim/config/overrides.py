"""Hydra overrides checked before Hydra sees them: safe preset names and one-line hints.

A preset name picks a file under ``configs/<group>/``; it must be a plain name, so that
no override can read a file outside ``configs/``. Common slips get a hint naming the
override the person probably meant: ``scenario:county`` (``scenario=county``), a group
written with a dot (``policy.visits=weekly`` for ``policy/visits=weekly``) and text
that is not plain ASCII without quotes (Hydra's grammar needs ``key='村'``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from sim.config.names import NAME_RULE, SAFE_NAME
from sim.config.validate import ConfigError


def groups(directory: Path) -> list[str]:
    """Config groups (folders of presets) under ``directory``, e.g. ``policy/visits``."""
    return sorted(
        {str(p.parent.relative_to(directory)) for p in directory.glob("**/*.yaml")} - {"."}
    )


def _split(override: str) -> tuple[str, str | None]:
    key, sep, value = override.partition("=")
    return key.lstrip("+~").split("@")[0], (value if sep else None)


def check_overrides(overrides: Iterable[str], directory: Path) -> None:
    """Refuse, with a hint, an override Hydra would reject cryptically or read unsafely."""
    known = set(groups(directory))
    for override in overrides:
        key, value = _split(override)
        if value is None:
            slip = re.fullmatch(r"([\w./+~-]+)\s*:\s*(\S.*)", override)
            if slip:
                raise ConfigError(f"{override}: not an override; did you mean {slip[1]}={slip[2]}?")
            continue
        if key.replace(".", "/") in known and key not in known:
            raise ConfigError(
                f"{override}: {key.replace('.', '/')} is a preset group, written with '/'; "
                f"did you mean {key.replace('.', '/')}={value}?"
            )
        if key in known and value not in ("", "null") and not SAFE_NAME.fullmatch(value):
            raise ConfigError(
                f"{key}={value[:80]}: a preset name is {NAME_RULE}; "
                f"available: {', '.join(presets_in(directory, key))}"
            )
        if not value.isascii() and value[:1] not in ("'", '"'):
            raise ConfigError(
                f"{override}: text that is not plain ASCII must be quoted: "
                f"\"{key}='{value}'\" (the outer quotes are for the shell)"
            )


def presets_in(directory: Path, group: str) -> list[str]:
    return sorted(p.stem for p in (directory / group).glob("*.yaml"))
