"""Compose the Hydra configs under ``configs/`` into a plain dict, then validate.

This is the only module that touches Hydra: the model receives ``Params`` and never
sees a Hydra object or a file. Hydra's own multi-line errors are folded into one
``ConfigError`` line naming the key or preset and what is allowed.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from pathlib import Path

import yaml
from hydra import compose, initialize_config_dir
from hydra.errors import HydraException
from omegaconf import OmegaConf
from omegaconf.errors import OmegaConfBaseException

from sim.config.names import did_you_mean
from sim.config.overrides import check_overrides
from sim.config.schema import Params
from sim.config.validate import ConfigError, allowed_keys, params_from_dict
from sim.config.villages import with_table


def config_dir() -> Path:
    """The ``configs/`` folder: ``$GOVSIM_CONFIG_DIR`` or the one beside the package."""
    env = os.environ.get("GOVSIM_CONFIG_DIR")
    path = Path(env) if env else Path(__file__).resolve().parents[2] / "configs"
    if not (path / "config.yaml").is_file():
        raise ConfigError(f"GOVSIM_CONFIG_DIR={path}: no config.yaml there")
    return path


def compose_config(overrides: list[str] | tuple[str, ...] = (), name: str = "config") -> dict:
    """Compose ``configs/<name>.yaml`` with Hydra overrides into a resolved plain dict."""
    directory = config_dir()
    check_overrides(overrides, directory)
    try:
        with initialize_config_dir(config_dir=str(directory), version_base=None):
            cfg = compose(config_name=name, overrides=[_open_mapping(o) for o in overrides])
        return OmegaConf.to_container(cfg, resolve=True)  # type: ignore[return-value]
    except (HydraException, OmegaConfBaseException) as err:
        raise ConfigError(_one_line(err, directory)) from None


# Mappings whose keys are the user's to choose (village types, village names): an override
# below them adds a key, which Hydra allows only with ``++``; the validator then checks it.
OPEN_MAPPINGS = re.compile(r"policy\.(staffing|visits)\.by_(type|village)\.")


def _open_mapping(override: str) -> str:
    if OPEN_MAPPINGS.match(override) and not override.startswith("+"):
        return "++" + override
    return override


def load_params(overrides: list[str] | tuple[str, ...] = ()) -> tuple[dict, Params]:
    """Compose and validate: the resolved dict (to save) and the ``Params`` (to run)."""
    cfg = with_table(compose_config(overrides))  # a planner's villages table, if one is named
    return cfg, params_from_dict(cfg)


def override_key(override: str) -> str:
    """The key (or config group) an override sets: ``policy/visits`` for
    ``policy/visits=weekly``, ``days`` for ``+days=3``."""
    return override.split("=", 1)[0].lstrip("+~")


def regime_overrides(override: str) -> list[str]:
    """``regime=NAME`` as the group overrides its preset (``configs/regime/NAME.yaml``)
    sets, e.g. ``policy/visits=campaign_only``; any other override unchanged."""
    key, _, name = override.partition("=")
    path = config_dir() / "regime" / f"{name}.yaml"
    if key != "regime" or not path.is_file():
        return [override]  # Hydra reports an unknown regime in its own words
    entries = yaml.safe_load(path.read_text(encoding="utf-8")).get("defaults") or []
    out = []
    for entry in entries:
        ((target, preset),) = entry.items()
        out.append(f"{target.removeprefix('override').strip().lstrip('/')}={preset}")
    return out


def merge_overrides(*layers: Sequence[str]) -> list[str]:
    """Concatenate override layers; a later layer's value for the same key wins. A
    regime counts as the three group overrides it stands for, so an arm's
    ``regime=reactive`` beats a command line's ``policy/staffing=...`` like the explicit
    overrides would, and a later ``policy/staffing=...`` beats the regime's."""
    merged: dict[str, str] = {}
    for layer in layers:
        for override in (o for given in layer for o in regime_overrides(given)):
            key = override_key(override)
            merged.pop(key, None)  # re-insert so that order follows the winning layer
            merged[key] = override
    return list(merged.values())


def presets(group: str) -> list[str]:
    """Names of the presets in a config group, e.g. ``presets('policy/visits')``."""
    return sorted(p.stem for p in (config_dir() / group).glob("*.yaml"))


def group_defaults(directory: Path | None = None) -> dict[str, str]:
    """The default preset of each config group, from ``config.yaml``'s defaults list,
    e.g. ``{"scenario": "village", "policy/visits": "weekly", ...}``."""
    path = (directory or config_dir()) / "config.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    out: dict[str, str] = {}
    for item in data.get("defaults", []):
        if isinstance(item, dict):
            out.update({str(k): str(v) for k, v in item.items()})
    return out


def _one_line(err: Exception, directory: Path) -> str:
    text = str(err)
    missing = re.search(r"Could not find '([^']+)/([^'/]+)'", text)
    if missing:
        group, name = missing.groups()
        options = ", ".join(sorted(p.stem for p in (directory / group).glob("*.yaml")))
        hint = did_you_mean(name, options.split(", "))
        return f"{group}={name}: unknown preset; available: {options}{hint}"
    override = re.search(r"Could not override '([^']+)'", text)
    if override:
        key = override.group(1)
        allowed = allowed_keys(key.rpartition(".")[0])
        hint = f"allowed keys here: {', '.join(allowed)}" if allowed else "check the spelling"
        close = did_you_mean(key.rpartition(".")[2], allowed or [])
        return f"{key}: unknown key; {hint}{close}"
    unknown = re.search(r"Key '([^']+)' is not in struct.*?full_key: ([\w.]+)", text, re.S)
    if unknown:
        return f"{unknown.group(2)}: unknown key"
    first = next((line.strip() for line in text.splitlines() if line.strip()), type(err).__name__)
    return f"config: {first}"
