"""Turn a plain mapping into validated ``Params``, or fail with one clear line.

Every key is checked against the schema before anything is built: unknown keys,
missing keys, wrong types, out-of-range numbers and disallowed strings all raise
``ConfigError`` naming the dotted key, the value and what is allowed.
"""

from __future__ import annotations

import dataclasses
import math
import types
import typing
from collections.abc import Mapping
from typing import Any

from sim.config.names import NAME_RULE, SAFE_NAME, did_you_mean
from sim.config.schema import Params, ScenarioParams
from sim.config.village_schema import VILLAGE_LEVERS, VILLAGE_TYPES
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
            hint = did_you_mean(str(key), list(fields))
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
    if typing.get_origin(hint) is tuple:
        return _tuple(typing.get_args(hint)[0], value, key, meta)
    if typing.get_origin(hint) is dict:
        return _village_levers(value, key, meta)
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


def _tuple(item: Any, value: Any, key: str, meta: Mapping[str, Any]) -> tuple:
    """A list of values of one type (``[30, 200]``), each checked like a single value."""
    if isinstance(value, (str, bytes)) or not isinstance(value, (list, tuple)):
        raise ConfigError(f"{key}={value!r}: must be a list, e.g. [30, 200]")
    return tuple(_coerce(item, v, f"{key}[{i}]", meta) for i, v in enumerate(value))


def _village_levers(value: Any, key: str, meta: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """``{type or village: {lever: value}}``: known types, per-village levers only, and
    each value checked as the lever itself is. Village names are checked against the
    county's villages once it is known (``check_consistency``)."""
    if not isinstance(value, Mapping):
        raise ConfigError(f"{key}={value!r}: must be a mapping of {meta['keyed_by']} -> levers")
    if meta["keyed_by"] == "lever":  # one village's own levers: {lever: value}
        return {
            lever: coerce_lever(meta["levers"], lever, v, f"{key}.{lever}")
            for lever, v in value.items()
        }
    out: dict[str, dict[str, Any]] = {}
    for name, settings in value.items():
        where = f"{key}.{name}"
        if meta["keyed_by"] == "type" and name not in VILLAGE_TYPES:
            hint = did_you_mean(str(name), VILLAGE_TYPES, cutoff=0.6)
            raise ConfigError(
                f"{where}: unknown village type; allowed: {', '.join(VILLAGE_TYPES)}{hint}"
            )
        if not isinstance(settings, Mapping):
            raise ConfigError(f"{where}={settings!r}: must be a mapping of lever -> value")
        out[str(name)] = {
            lever: coerce_lever(meta["levers"], lever, v, f"{where}.{lever}")
            for lever, v in settings.items()
        }
    return out


def coerce_lever(section: str, lever: Any, value: Any, key: str) -> Any:
    """A per-village lever's value, checked as the county's lever is (``key`` names it
    in the one-line error)."""
    levers = VILLAGE_LEVERS[section]
    if lever not in levers:
        raise ConfigError(
            f"{key}: not a lever that can differ by village; allowed: {', '.join(levers)}"
        )
    f, hint = fields_of(resolve(section))[lever]
    return _coerce(hint, value, key, f.metadata)


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
    generated = p.scenario.table is None  # a table's villages are as the planner lists them
    if generated and p.policy.visits.grid_households > households:
        raise ConfigError(
            f"policy.visits.grid_households={p.policy.visits.grid_households}: must be at most "
            f"the households in a village ({households:.0f} = scenario.residents_per_village / "
            "scenario.household_size)"
        )
    if generated and p.scenario.lineages_per_village > max(households, 1):
        raise ConfigError(
            f"scenario.lineages_per_village={p.scenario.lineages_per_village}: must be at most "
            f"the households in a village ({households:.0f})"
        )
    if p.scenario.n_villages < p.scenario.n_townships:
        raise ConfigError(
            f"scenario.n_villages={p.scenario.n_villages}: must be at least "
            f"scenario.n_townships ({p.scenario.n_townships})"
        )
    _check_villages(p)
    m = p.behaviour.mediation
    if m.simple_below > m.complex_above:
        raise ConfigError(
            f"behaviour.mediation.simple_below={m.simple_below}: must not exceed "
            f"behaviour.mediation.complex_above ({m.complex_above})"
        )


def _check_villages(p: Params) -> None:
    """The type mix fits in one county; named villages exist; projects fall in the run."""
    mix = p.scenario.mix
    total = sum(getattr(mix, kind) for kind in VILLAGE_TYPES[1:])  # all but ordinary
    if total > 1 + 1e-9:
        raise ConfigError(
            f"scenario.mix: shares add up to {total:g}; must be at most 1 (the rest are ordinary)"
        )
    names = village_names(p.scenario)
    for section in ("staffing", "visits"):
        for name in getattr(p.policy, section).by_village:
            if name not in names:
                hint = did_you_mean(name, names, cutoff=0.6)
                shown = ", ".join(names[:5]) + (", ..." if len(names) > 5 else "")
                raise ConfigError(
                    f"policy.{section}.by_village.{name}: no such village; villages: {shown}{hint}"
                )


def village_names(scenario: ScenarioParams) -> list[str]:
    """The county's village names (the world's too): the table's, or ``village_1`` ...
    for generated ones."""
    if scenario.table is not None:
        return [row.village for row in scenario.table]
    return [f"village_{i + 1}" for i in range(scenario.n_villages)]
