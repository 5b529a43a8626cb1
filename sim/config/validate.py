"""Turn a plain mapping into validated ``Params``, or fail with one clear line.

Every key is checked against the schema before anything is built: unknown keys,
missing keys, wrong types, out-of-range numbers and disallowed strings all raise
``ConfigError`` naming the dotted key, the value and what is allowed.
"""

from __future__ import annotations

import dataclasses
import difflib
import math
import types
import typing
from collections.abc import Mapping
from typing import Any

from sim.config.names import NAME_RULE, SAFE_NAME
from sim.config.schema import Params
from sim.config.walk import Leaf, NotInSchema, fields_of, resolve


class ConfigError(ValueError):
    """A config value the model cannot run with; the message is one line."""


def params_from_dict(data: Mapping[str, Any]) -> Params:
    """Validate a whole config mapping and return frozen ``Params``."""
    params = _build(Params, data, "")
    if not SAFE_NAME.fullmatch(params.scenario.name):  # it names the run folder
        raise ConfigError(f"scenario.name={params.scenario.name[:80]}: must be {NAME_RULE}")
    check_consistency(params)
    return params


def _build(cls: type, data: Any, path: str) -> Any:
    if not isinstance(data, Mapping):
        raise ConfigError(f"{path or 'config'}: expected a mapping of keys, got {data!r}")
    fields = {name: f for name, (f, _) in fields_of(cls).items()}
    hints = {name: hint for name, (_, hint) in fields_of(cls).items()}
    for key in data:
        if key not in fields:
            allowed = ", ".join(sorted(fields))
            close = difflib.get_close_matches(str(key), list(fields), n=1, cutoff=0.75)
            hint = f"; did you mean {close[0]}?" if close else ""
            raise ConfigError(
                f"{_join(path, key)}: unknown key; allowed keys here: {allowed}{hint}"
            )
    values = {}
    for name, f in fields.items():
        key = _join(path, name)
        if name not in data:
            raise ConfigError(f"{key}: missing; {f.metadata.get('doc', 'required')}")
        values[name] = _coerce(hints[name], data[name], key, f.metadata)
    return cls(**values)


def _coerce(hint: Any, value: Any, key: str, meta: Mapping[str, Any]) -> Any:
    optional = typing.get_origin(hint) in (typing.Union, types.UnionType) and type(None) in (
        typing.get_args(hint)
    )
    if optional:
        if value is None:
            return None
        hint = next(a for a in typing.get_args(hint) if a is not type(None))
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return _build(hint, value, key)
    if hint is bool:
        if not isinstance(value, bool):
            raise ConfigError(f"{key}={value!r}: must be true or false")
        return value
    if hint is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ConfigError(f"{key}={value!r}: must be a whole number{_range_text(meta)}")
        _check_range(value, key, meta)
        return value
    if hint is float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ConfigError(f"{key}={value!r}: must be a number{_range_text(meta)}")
        _check_range(float(value), key, meta)
        return float(value)
    if hint is str:
        if not isinstance(value, str):
            raise ConfigError(f"{key}={value!r}: must be text")
        choices = meta.get("choices")
        if choices and value not in choices:
            raise ConfigError(f"{key}={value!r}: must be one of {', '.join(choices)}")
        return value
    raise TypeError(f"schema type {hint!r} of {key} is not supported")  # a schema bug, not input


def _check_range(value: float, key: str, meta: Mapping[str, Any]) -> None:
    lo, hi = meta.get("lo"), meta.get("hi")
    if isinstance(value, float) and not math.isfinite(value):
        raise ConfigError(f"{key}={value!r}: must be a finite number{_range_text(meta)}")
    if (lo is not None and value < lo) or (hi is not None and value > hi):
        raise ConfigError(f"{key}={value!r}: must be{_range_text(meta)}")


def _range_text(meta: Mapping[str, Any]) -> str:
    lo, hi = meta.get("lo"), meta.get("hi")
    if lo is not None and hi is not None:
        return f" in [{number(lo)}, {number(hi)}]"
    if lo is not None:
        return f" >= {number(lo)}"
    if hi is not None:
        return f" <= {number(hi)}"
    return ""


def number(value: float) -> str:
    """A bound as text: whole numbers in full, others in short form."""
    return str(value) if isinstance(value, int) else f"{value:g}"


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def allowed_keys(dotted: str) -> list[str] | None:
    """The keys the schema allows under a dotted section (``policy.visits``), if it is one."""
    try:
        section = resolve(dotted)
    except NotInSchema:
        return None
    return None if isinstance(section, Leaf) else sorted(fields_of(section))


def check_consistency(p: Params) -> None:
    """Rules that tie several parameters together."""
    households = p.scenario.residents_per_village / p.scenario.household_size
    if p.policy.visits.grid_households > households:
        raise ConfigError(
            f"policy.visits.grid_households={p.policy.visits.grid_households}: must be at most "
            f"the households in a village ({households:.0f} = scenario.residents_per_village / "
            "scenario.household_size)"
        )
    if p.scenario.lineages_per_village > max(households, 1):
        raise ConfigError(
            f"scenario.lineages_per_village={p.scenario.lineages_per_village}: must be at most "
            f"the households in a village ({households:.0f})"
        )
    if p.scenario.n_villages < p.scenario.n_townships:
        raise ConfigError(
            f"scenario.n_villages={p.scenario.n_villages}: must be at least "
            f"scenario.n_townships ({p.scenario.n_townships})"
        )
    m = p.behaviour.mediation
    if m.simple_below > m.complex_above:
        raise ConfigError(
            f"behaviour.mediation.simple_below={m.simple_below}: must not exceed "
            f"behaviour.mediation.complex_above ({m.complex_above})"
        )
