"""The uncertain parameters: their ranges, checked against the schema, and how a point
in that space becomes a validated ``Params``.

Keys are dotted paths of the run config (``behaviour.mediation.base_logit``). Keys under
``dummy.`` are placeholders the model never reads: sensitivity analysis samples them like
any other parameter, so their index is the method's noise floor (and tests use one as a
parameter "known not to matter").
"""

from __future__ import annotations

import copy
import math
import typing
from dataclasses import dataclass
from pathlib import Path
from types import UnionType

import yaml

from sim.config import ConfigError, Params, config_dir, params_from_dict
from sim.config.walk import Leaf, NotInSchema, get_value, resolve, set_value

DUMMY_PREFIX = "dummy."


@dataclass(frozen=True)
class ParameterSpec:
    key: str
    low: float
    high: float
    log: bool = False
    integer: bool = False

    @property
    def is_dummy(self) -> bool:
        return self.key.startswith(DUMMY_PREFIX)

    def clip(self, value: float) -> float:
        return min(max(value, self.low), self.high)

    def format(self, value: float) -> str:
        """The value as written into an override or a preset (5 significant digits)."""
        return str(round(value)) if self.integer else f"{value:.5g}"


def default_parameters_path() -> Path:
    return config_dir() / "calibration" / "parameters.yaml"


def yaml_list(path: Path, key: str, what: str, hint: str = "") -> list:
    """The non-empty list under ``key`` of a YAML file, or one ``ConfigError`` line."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as err:
        raise ConfigError(f"{path}: cannot read {what} ({type(err).__name__})") from None
    rows = data.get(key) if isinstance(data, dict) else None
    if not isinstance(rows, list) or not rows:
        raise ConfigError(f"{path}: needs a non-empty list under '{key}'{hint}")
    return rows


def load_space(
    path: Path | None = None, extra: list[ParameterSpec] | None = None
) -> list[ParameterSpec]:
    """Parameter specs from ``parameters.yaml`` (plus ``extra``), each checked on the schema."""
    path = path or default_parameters_path()
    rows = yaml_list(path, "parameters", "parameter ranges")
    specs = [spec_from_row(row, path) for row in rows] + list(extra or [])
    seen: set[str] = set()
    for spec in specs:
        if spec.key in seen:
            raise ConfigError(f"{spec.key}: listed twice in the parameter ranges")
        seen.add(spec.key)
    return specs


def spec_from_row(row: object, where: Path | str = "parameters") -> ParameterSpec:
    if not isinstance(row, dict) or not {"key", "low", "high"} <= set(row):
        raise ConfigError(f"{where}: each parameter needs key, low and high; got {row!r}")
    unknown = set(row) - {"key", "low", "high", "log"}
    if unknown:
        raise ConfigError(f"{row['key']}: unknown field(s) {', '.join(sorted(unknown))}")
    return make_spec(str(row["key"]), float(row["low"]), float(row["high"]), bool(row.get("log")))


def make_spec(key: str, low: float, high: float, log: bool = False) -> ParameterSpec:
    """A spec checked against the schema: the key exists, is numeric, the range fits."""
    if not low < high:
        raise ConfigError(f"{key}: range [{low}, {high}] is empty (low must be < high)")
    if log and low <= 0:
        raise ConfigError(f"{key}: a log-scale range must be positive, got low={low}")
    if key.startswith(DUMMY_PREFIX):
        return ParameterSpec(key, low, high, log)
    field_type, lo, hi = schema_field(key)
    if (lo is not None and low < lo) or (hi is not None and high > hi):
        allowed = f"[{'-inf' if lo is None else lo}, {'inf' if hi is None else hi}]"
        raise ConfigError(f"{key}: range [{low}, {high}] outside the schema bounds {allowed}")
    return ParameterSpec(key, low, high, log, integer=field_type is int)


def schema_field(key: str) -> tuple[type, float | None, float | None]:
    """The numeric type and bounds of a dotted config key, or ConfigError."""
    try:
        found = resolve(key)
    except NotInSchema as err:
        if err.below_leaf:
            raise ConfigError(f"{key}: not a numeric parameter") from None
        raise ConfigError(
            f"{key}: unknown parameter key ('{err.part}' is not in {err.section.__name__})"
        ) from None
    if not isinstance(found, Leaf):
        raise ConfigError(f"{key}: names a group, not a parameter")
    kind = _numeric(found.hint)
    if kind is None:
        raise ConfigError(f"{key}: not a numeric parameter")
    return kind, found.meta.get("lo"), found.meta.get("hi")


def _numeric(hint: object) -> type | None:
    """float or int for a numeric (possibly optional) annotation; None otherwise."""
    options = typing.get_args(hint) if isinstance(hint, UnionType) else (hint,)
    for option in options:
        if option in (float, int) and option is not bool:
            return option
    return None


def unit_to_value(spec: ParameterSpec, u: float) -> float:
    """Map u in [0, 1] onto the spec's range (log-uniform when ``log``)."""
    if spec.log:
        value = math.exp(math.log(spec.low) + u * (math.log(spec.high) - math.log(spec.low)))
    else:
        value = spec.low + u * (spec.high - spec.low)
    return spec.clip(value)  # exp(log(x)) may round past the range's edge


def value_to_unit(spec: ParameterSpec, value: float) -> float:
    """Inverse of ``unit_to_value``."""
    if spec.log:
        return (math.log(value) - math.log(spec.low)) / (math.log(spec.high) - math.log(spec.low))
    return (value - spec.low) / (spec.high - spec.low)


def current_values(cfg: dict, specs: list[ParameterSpec]) -> dict[str, float]:
    """The base config's values of the (non-dummy) parameters."""
    out = {}
    for spec in specs:
        if spec.is_dummy:
            out[spec.key] = (spec.low + spec.high) / 2
            continue
        out[spec.key] = float(get_value(cfg, spec.key))
    return out


def apply_values(cfg: dict, values: dict[str, float], specs: list[ParameterSpec]) -> Params:
    """Validated ``Params`` of ``cfg`` with ``values`` set (dummy keys are ignored)."""
    by_key = {s.key: s for s in specs}
    cfg = copy.deepcopy(cfg)
    for key, value in values.items():
        spec = by_key.get(key)
        if spec is None:
            raise ConfigError(f"{key}: not among the uncertain parameters")
        if spec.is_dummy:
            continue
        set_value(cfg, key, round(value) if spec.integer else float(value))
    return params_from_dict(cfg)


def overrides_of(values: dict[str, float], specs: list[ParameterSpec]) -> list[str]:
    """Hydra overrides that set ``values`` (dummy keys left out)."""
    by_key = {s.key: s for s in specs}
    return [f"{k}={by_key[k].format(v)}" for k, v in values.items() if not by_key[k].is_dummy]
