"""A search config in, a checked search space out.

``configs/search/<name>.yaml`` names the scenario, today's policy (the baseline the
budget is counted from), the levers the search may move (each a range or a list of
choices) and the objectives. Every lever is checked against the config schema, and
every choice is composed once with the model's own loader, before anything runs or
is written: a typo ends the command with one line. A lever may be set for one village
type or one named village (``policy.staffing.by_type.requisition.mediators_per_village``):
it takes the type, bounds and choices of the county lever of the same name.
"""

from __future__ import annotations

import copy
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from sim.config import ConfigError, config_dir, load_params, presets
from sim.config.compose import merge_overrides
from sim.config.names import NAME_RULE, SAFE_NAME
from sim.config.overrides import groups
from sim.config.village_keys import check_village_key, split_village_key, village_words
from sim.config.walk import Leaf, NotInSchema, resolve
from sim.experiments.words import describe_override
from sim.metrics import METRICS
from sim.uncertainty.space import schema_field

EXTRA_COST = "extra_cost"  # yuan a year over the baseline, on the same seeds
REQUIRED = ("question", "scenario", "levers", "objectives", "budget")
ALLOWED = {
    *REQUIRED,
    "days",
    "baseline",
    "baseline_words",
    "trials",
    "population",
    "replications",
    "seed_base",
    "fresh_replications",
    "members",
    "member_replications",
    "front_size",
}
DEFAULTS: dict[str, Any] = {
    "days": 365,
    "baseline": [],
    "trials": 48,
    "population": 12,
    "replications": 4,
    "seed_base": 20_000,
    "fresh_replications": 8,
    "members": 6,
    "member_replications": 2,
    "front_size": 4,
}
FRESH_OFFSET = 1_000_000  # fresh seeds start here above seed_base: never a search seed


class SearchError(ConfigError):
    """Bad search input; the message is one line."""


@dataclass(frozen=True)
class Lever:
    """One decision variable: a dotted config key or a config group (``policy/visits``),
    with a numeric range (``low``..``high``, whole numbers when the schema says so) or a
    list of ``choices``."""

    key: str
    choices: tuple[Any, ...] = ()
    low: float | None = None
    high: float | None = None
    integer: bool = False
    label: str = ""

    @property
    def is_group(self) -> bool:
        return "/" in self.key

    def override(self, value: Any) -> str:
        return f"{self.key}={_text(value)}"

    def words(self, value: Any) -> str:
        """The value in a planner's words ("cadre visits every week", "2 mediators per
        village"), as experiment reports describe their arms."""
        if isinstance(value, float):
            value = float(f"{value:.3g}")
        return describe_override(self.override(value))


@dataclass(frozen=True)
class Search:
    name: str
    question: str
    scenario: str
    days: int
    baseline: tuple[str, ...]
    baseline_words: str
    levers: tuple[Lever, ...]
    objectives: tuple[str, ...]  # escalation_rate first; EXTRA_COST or run metrics
    budget: float
    trials: int
    population: int
    replications: int
    seed_base: int
    fresh_replications: int
    members: int
    member_replications: int
    front_size: int
    source: dict = field(default_factory=dict)

    @property
    def base(self) -> tuple[str, ...]:
        return (f"scenario={self.scenario}", f"days={self.days}")

    def seeds(self) -> list[int]:
        return [self.seed_base + r for r in range(self.replications)]

    def fresh_seeds(self) -> list[int]:
        start = self.seed_base + FRESH_OFFSET
        return [start + r for r in range(self.fresh_replications)]

    def member_seeds(self) -> list[int]:
        """The fresh seeds each ensemble member (or sensitivity point) runs."""
        return self.fresh_seeds()[: self.member_replications]

    def directions(self) -> list[str]:
        return [direction(o) for o in self.objectives]


def direction(objective: str) -> str:
    if objective == EXTRA_COST:
        return "minimize"
    return "maximize" if METRICS[objective].better == "higher" else "minimize"


def search_dir() -> Path:
    return config_dir() / "search"


def available() -> list[str]:
    return sorted(p.stem for p in search_dir().glob("*.yaml"))


def load_search(name: str) -> Search:
    """Read and check ``configs/search/<name>.yaml``: structure, schema and every choice."""
    if not SAFE_NAME.fullmatch(name):
        raise SearchError(f"search {name[:80]!r}: must be {NAME_RULE}")
    path = search_dir() / f"{name}.yaml"
    if not path.is_file():
        raise SearchError(f"unknown search {name!r}; available: {', '.join(available())}")
    return parse_search(name, read_raw(path))


def read_raw(path: Path) -> dict[str, Any]:
    """A search file's mapping, or one ``SearchError`` line."""
    if not path.is_file():
        raise SearchError(f"--file={path}: no such file")
    if not SAFE_NAME.fullmatch(path.stem):
        raise SearchError(f"--file={path}: the file name {path.stem!r} must be {NAME_RULE}")
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as err:
        raise SearchError(f"{path.name}: cannot be read ({type(err).__name__})") from None
    if not isinstance(raw, dict):
        raise SearchError(f"{path.name}: expected a mapping of keys")
    return raw


def parse_search(name: str, raw: dict[str, Any]) -> Search:
    unknown = sorted(set(raw) - ALLOWED)
    if unknown:
        raise SearchError(f"{name}: unknown key {unknown[0]!r}; allowed: {sorted(ALLOWED)}")
    missing = [k for k in REQUIRED if raw.get(k) is None and k != "levers"]
    if missing:
        raise SearchError(f"{name}: missing {missing[0]!r} (every search names it)")
    values = {**DEFAULTS, **raw}
    for key in (*DEFAULTS, "budget"):
        if key != "baseline":
            _number(name, key, values[key], whole=key != "budget")
    if values["population"] < 2:
        raise SearchError(f"{name}: population={values['population']}: must be at least 2")
    levers = parse_levers(name, raw.get("levers"))
    objectives = tuple(str(o) for o in raw["objectives"] or ())
    check_objectives(name, objectives)
    baseline = raw.get("baseline") or []
    if not isinstance(baseline, list) or not all(isinstance(o, str) for o in baseline):
        raise SearchError(f"{name}: baseline must be a list of overrides")
    return Search(
        name=name,
        question=str(raw["question"]).strip(),
        scenario=str(raw["scenario"]),
        days=values["days"],
        baseline=tuple(baseline),
        baseline_words=str(raw.get("baseline_words") or "today's policy").strip(),
        levers=levers,
        objectives=objectives,
        budget=float(values["budget"]),
        trials=values["trials"],
        population=values["population"],
        replications=values["replications"],
        seed_base=values["seed_base"],
        fresh_replications=values["fresh_replications"],
        members=values["members"],
        member_replications=values["member_replications"],
        front_size=values["front_size"],
        source=copy.deepcopy(raw),
    )


def _number(name: str, key: str, value: Any, whole: bool) -> None:
    """Whole numbers >= 1 (seed_base and members may be 0); the budget a yuan figure >= 0."""
    least = 0 if key in ("seed_base", "members") or not whole else 1
    is_number = isinstance(value, (int, float)) and not isinstance(value, bool)
    ok = is_number and math.isfinite(value) and value >= least
    if whole:
        ok = ok and isinstance(value, int)
    if not ok:
        what = f"a whole number >= {least}" if whole else "a number of yuan a year >= 0"
        raise SearchError(f"{name}: {key}={value!r}: must be {what}")


def check_objectives(name: str, objectives: tuple[str, ...]) -> None:
    if not objectives or objectives[0] != "escalation_rate" or EXTRA_COST not in objectives:
        raise SearchError(
            f"{name}: objectives={list(objectives)}: must start with escalation_rate and "
            f"include {EXTRA_COST}"
        )
    for o in objectives:
        if o != EXTRA_COST and (o not in METRICS or METRICS[o].better == "none"):
            raise SearchError(f"{name}: objective {o!r} is not a run metric with a better side")
    if len(set(objectives)) != len(objectives):
        raise SearchError(f"{name}: objectives {list(objectives)} name one twice")


def parse_levers(name: str, raw: Any) -> tuple[Lever, ...]:
    if not isinstance(raw, dict) or not raw:
        raise SearchError(f"{name}: levers: the search space is empty (name at least one lever)")
    return tuple(parse_lever(name, str(key), spec) for key, spec in raw.items())


def parse_lever(name: str, key: str, spec: Any) -> Lever:
    """One lever checked against the schema (or the config groups) and its own bounds."""
    if not isinstance(spec, dict):
        raise SearchError(f"{name}: lever {key!r} needs choices: [...] or low and high")
    label = str(spec.get("label") or _default_label(key))
    if "/" in key:
        return _group_lever(name, key, spec, label)
    leaf = _leaf(name, _base_key(name, key))
    if "choices" in spec:
        choices = spec["choices"]
        if not isinstance(choices, list) or not choices:
            raise SearchError(f"{name}: lever {key!r}: choices is empty (list at least one)")
        return Lever(key, tuple(choices), label=label)
    if not {"low", "high"} <= set(spec):
        raise SearchError(f"{name}: lever {key!r} needs choices: [...] or low and high")
    low, high = spec["low"], spec["high"]
    try:
        kind, lo, hi = schema_field(leaf.key)
    except ConfigError as err:
        where = "" if leaf.key == key else f"{key!r}, the county's "
        raise SearchError(f"{name}: lever {where}{err}") from None
    if not (isinstance(low, (int, float)) and isinstance(high, (int, float)) and low < high):
        raise SearchError(f"{name}: lever {key!r}: range [{low}, {high}] is empty (low < high)")
    if (lo is not None and low < lo) or (hi is not None and high > hi):
        raise SearchError(
            f"{name}: lever {key!r}: range [{low}, {high}] outside the schema's [{lo}, {hi}]"
        )
    return Lever(key, low=low, high=high, integer=kind is int, label=label)


def _base_key(name: str, key: str) -> str:
    """The county lever behind a per-village key (``policy.staffing.by_type.requisition.
    mediators_per_village`` -> ``policy.staffing.mediators_per_village``): its type,
    bounds and choices hold for the villages the key picks out. Any other key as is."""
    found = split_village_key(key)
    if found is None:
        return key
    try:
        check_village_key(key, found)
    except ConfigError as err:
        raise SearchError(f"{name}: lever {err}") from None
    return found.base


def _default_label(key: str) -> str:
    found = split_village_key(key)
    if found is None:
        return key.rsplit(".", 1)[-1].replace("_", " ")
    return f"{found.lever.replace('_', ' ')}, {village_words(found)}"


def _leaf(name: str, key: str) -> Leaf:
    try:
        found = resolve(key)
    except NotInSchema as err:
        raise SearchError(
            f"{name}: lever {key!r} is not in the config schema "
            f"({err.part!r} is not a field of {err.section.__name__})"
        ) from None
    if not isinstance(found, Leaf) or not key.startswith("policy."):
        raise SearchError(f"{name}: lever {key!r}: must be a policy parameter (policy.*)")
    return found


def _group_lever(name: str, key: str, spec: dict, label: str) -> Lever:
    if key not in groups(config_dir()) or not key.startswith("policy/"):
        raise SearchError(f"{name}: lever {key!r} is not a policy config group")
    choices = spec.get("choices")
    if not isinstance(choices, list) or not choices:
        raise SearchError(f"{name}: lever {key!r}: choices is empty (list its presets)")
    known = presets(key)
    for c in choices:
        if str(c) not in known:
            raise SearchError(
                f"{name}: lever {key!r}: {c!r} is not a preset; available: {', '.join(known)}"
            )
    return Lever(key, tuple(str(c) for c in choices), label=label)


def check_choices(search: Search) -> None:
    """Compose every choice of every lever once: a value the validator rejects fails now."""
    for lever in search.levers:
        values = lever.choices or (lever.low, lever.high)
        for value in values:
            try:
                load_params(merge_overrides(search.base, search.baseline, [lever.override(value)]))
            except ConfigError as err:
                raise SearchError(f"{search.name}: lever {lever.key!r}: {err}") from None


def _text(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return str(value).lower()
    return str(value)
