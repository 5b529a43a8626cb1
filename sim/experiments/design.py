"""An experiment config in, validated arms and run specifications out.

``configs/experiment/<name>.yaml`` names a question, a baseline arm and other arms (each a
list of Hydra overrides, or a ``grid`` of levers crossed into arms). Every arm is composed
and validated with the model's own config loader before anything runs or is written, so
a typo in one arm fails the whole experiment at once with one line.
"""

from __future__ import annotations

import copy
import difflib
import hashlib
import itertools
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from sim.arms import Arm
from sim.config import ConfigError, config_dir, load_params
from sim.config.compose import merge_overrides, override_key
from sim.config.names import NAME_RULE, SAFE_NAME
from sim.experiments.version import code_version
from sim.experiments.words import describe, describe_override
from sim.metrics import METRICS

REQUIRED = ("question", "scenario", "baseline", "replications", "seed_base", "primary_metric")
ALLOWED = {*REQUIRED, "days", "arms", "grid", "metrics", "caveats"}


class ExperimentError(ConfigError):
    """Bad experiment input; the message is one line."""


@dataclass(frozen=True)
class Experiment:
    name: str
    question: str
    scenario: str
    days: int
    baseline: str
    arms: tuple[Arm, ...]  # baseline first, then in config order
    replications: int
    seed_base: int
    metrics: tuple[str, ...]
    primary_metric: str
    caveats: tuple[str, ...] = ()
    source: dict = field(default_factory=dict)  # the config as read, for provenance
    notes: tuple[str, ...] = ()  # what was done to the design (e.g. arms merged as one policy)

    def arm(self, name: str) -> Arm:
        return next(a for a in self.arms if a.name == name)


@dataclass(frozen=True)
class RunSpec:
    """One run to do: arm ``arm`` in replication ``replication`` (seed shared by all arms),
    under ensemble member ``member`` (None: the default behaviour, no ensemble)."""

    arm: str
    replication: int
    seed: int
    key: str  # hash of the resolved config (with its seed) and the code version
    config: dict
    member: int | None = None


# Each arm's resolved configs: one per ensemble member, or a single one without ensemble.
ArmConfigs = dict[str, list[dict]]


def experiments_dir() -> Path:
    return config_dir() / "experiment"


def available() -> list[str]:
    return sorted(p.stem for p in experiments_dir().glob("*.yaml"))


def load_experiment(name: str) -> Experiment:
    """Read and check ``configs/experiment/<name>.yaml`` (structure only, no composing)."""
    if not SAFE_NAME.fullmatch(name):  # a name, never a path out of configs/experiment/
        raise ExperimentError(f"experiment {name[:80]!r}: must be {NAME_RULE}; or use --file PATH")
    path = experiments_dir() / f"{name}.yaml"
    if not path.is_file():
        close = difflib.get_close_matches(name, available(), n=1, cutoff=0.75)
        hint = f"; did you mean {close[0]}?" if close else ""
        raise ExperimentError(
            f"unknown experiment {name!r}; available: {', '.join(available())}{hint}"
        )
    return read_experiment(path, name)


def load_experiment_file(path: Path) -> Experiment:
    """Read and check an experiment file given by its path (anywhere; only read). Its
    name, the file's stem, names the output folder, so it must be a plain name."""
    name = path.stem
    if not path.is_file():
        raise ExperimentError(f"--file={path}: no such file")
    if not SAFE_NAME.fullmatch(name):
        raise ExperimentError(f"--file={path}: the file name {name!r} must be {NAME_RULE}")
    return read_experiment(path, name)


def read_experiment(path: Path, name: str) -> Experiment:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as err:
        raise ExperimentError(f"{path}: cannot be read ({type(err).__name__})") from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        problem = getattr(err, "problem", None) or type(err).__name__
        raise ExperimentError(f"{path.name}: not valid YAML{where}: {problem}") from None
    if not isinstance(raw, dict):
        raise ExperimentError(f"{path.name}: expected a mapping of keys")
    return parse_experiment(name, raw)


def parse_experiment(name: str, raw: dict[str, Any]) -> Experiment:
    """The checked experiment; any malformed part ends in one ``ExperimentError`` line."""
    try:
        return _parse(name, raw)
    except ExperimentError:
        raise
    except (TypeError, ValueError, AttributeError, KeyError) as err:
        # A value of the wrong shape (a number where a list belongs, a list as a name).
        text = f"{type(err).__name__}: {err}"
        raise ExperimentError(f"{name}: malformed experiment: {text}") from None


def _parse(name: str, raw: dict[str, Any]) -> Experiment:
    unknown = sorted(set(raw) - ALLOWED)
    if unknown:
        raise ExperimentError(f"{name}: unknown key {unknown[0]!r}; allowed: {sorted(ALLOWED)}")
    missing = [k for k in REQUIRED if raw.get(k) is None]
    if missing:
        raise ExperimentError(f"{name}: missing {missing[0]!r} (every experiment names it)")
    # Arms keep the order in which the file lists them; a grid expands where it stands.
    arms = []
    for key in raw:
        if key == "arms":
            if not isinstance(raw["arms"] or [], list):
                raise ExperimentError(f"{name}: arms must be a list of arms")
            arms += [_arm(name, a) for a in raw["arms"] or []]
        elif key == "grid":
            arms += _grid_arms(name, raw["grid"])
    names = [a.name for a in arms]
    if len(set(names)) != len(names):
        dup = next(n for n in names if names.count(n) > 1)
        raise ExperimentError(f"{name}: arm {dup!r} is defined twice")
    baseline = str(raw["baseline"])
    if baseline not in names:
        raise ExperimentError(f"{name}: baseline {baseline!r} is not an arm; arms: {names}")
    metrics = tuple(raw.get("metrics") or (raw["primary_metric"],))
    primary = str(raw["primary_metric"])
    for metric in (primary, *metrics):
        if metric not in METRICS:
            raise ExperimentError(f"{name}: unknown metric {metric!r}; known: {sorted(METRICS)}")
    if primary not in metrics:
        metrics = (primary, *metrics)
    ordered = [arms[names.index(baseline)]] + [a for a in arms if a.name != baseline]
    return Experiment(
        name=name,
        question=str(raw["question"]).strip(),
        scenario=str(raw["scenario"]),
        days=_positive(name, "days", raw.get("days", 365)),
        baseline=baseline,
        arms=tuple(ordered),
        replications=_positive(name, "replications", raw["replications"]),
        seed_base=_seed_base(name, raw["seed_base"]),
        metrics=metrics,
        primary_metric=primary,
        caveats=tuple(str(c).strip() for c in raw.get("caveats") or ()),
        source=copy.deepcopy(raw),
    )


def _positive(name: str, key: str, value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise ExperimentError(f"{name}: {key}={value!r}: must be a whole number >= 1")
    return value


def _seed_base(name: str, value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ExperimentError(f"{name}: seed_base={value!r}: must be a whole number >= 0")
    return value


def _arm(name: str, raw: Any) -> Arm:
    if not isinstance(raw, dict) or "name" not in raw:
        raise ExperimentError(f"{name}: every arm needs a name, words and overrides; got {raw!r}")
    overrides = raw.get("overrides") or []
    if not isinstance(overrides, list) or not all(isinstance(o, str) for o in overrides):
        raise ExperimentError(f"{name}: arm {raw['name']!r}: overrides must be a list of strings")
    words = str(raw.get("words") or describe(overrides)).strip()
    return Arm(str(raw["name"]), tuple(overrides), words)


def _grid_arms(name: str, grid: Any) -> list[Arm]:
    """Cross every lever's values into arms named ``alias`` + label joined by ``_``.

    A value's label is ``labels[value]`` if given, else the value itself (``null`` for none).
    """
    if not grid:
        return []
    levers = grid.get("levers") if isinstance(grid, dict) else None
    if not isinstance(levers, dict) or not levers:
        raise ExperimentError(f"{name}: grid needs 'levers': a mapping of lever -> values")
    axes = []
    for key, spec in levers.items():
        if not isinstance(spec, dict) or not spec.get("values"):
            raise ExperimentError(f"{name}: grid lever {key!r} needs 'values' (a list)")
        alias = str(spec.get("alias", str(key).split(".")[-1].split("/")[-1]))
        words, labels = spec.get("words") or {}, spec.get("labels") or {}
        axes.append(
            [
                (
                    key,
                    v,
                    f"{alias}{labels.get(v, _text(v))}",
                    words.get(v) or describe_override(f"{key}={_text(v)}"),
                )
                for v in spec["values"]
            ]
        )
    base = tuple(grid.get("overrides") or ())
    arms = []
    for combo in itertools.product(*axes):
        arm_name = "_".join(label for _, _, label, _ in combo)
        words = ", ".join(w for *_, w in combo)
        overrides = base + tuple(f"{key}={_text(v)}" for key, v, _, _ in combo)
        arms.append(Arm(arm_name, overrides, words))
    return arms


def _text(value: Any) -> str:
    """A lever value as Hydra override text (``null`` for none, lowercase booleans)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return str(value).lower()
    return str(value)


def compose_arms(
    exp: Experiment,
    overrides: list[str] | tuple[str, ...] = (),
    members: Sequence[Sequence[str]] = (),
) -> ArmConfigs:
    """Every arm's resolved configs (seed left at its default), validated; fails on the first
    bad one. One config per arm, or with ``members`` (ensemble members' overrides) one per
    arm and member.

    Layers, later winning on the same key: scenario and days, the member's behaviour, the
    command line ``overrides`` (e.g. ``scenario=village days=60``), the arm's own overrides
    (they define the comparison, so neither a member nor the command line undoes them).
    """
    for override in overrides:
        if override_key(override) == "seed":
            raise ExperimentError("seed: set per replication from seed_base; use --seed-base")
    base = (f"scenario={exp.scenario}", f"days={exp.days}")
    configs: ArmConfigs = {}
    for arm in exp.arms:
        configs[arm.name] = []
        for i, member in enumerate(members or [()]):
            try:
                cfg, _ = load_params(merge_overrides(base, member, overrides, arm.overrides))
            except ConfigError as err:
                whose = f" with ensemble member {i}" if members else ""
                raise ExperimentError(f"{exp.name}: arm {arm.name!r}{whose}: {err}") from None
            configs[arm.name].append(cfg)
    return configs


def run_key(cfg: dict, version: str) -> str:
    """Same resolved config (seed included) and code version -> same key, on any machine."""
    text = json.dumps({"config": cfg, "code_version": version}, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:20]


def run_specs(
    exp: Experiment, configs: ArmConfigs, replications: int, seed_base: int | None = None
) -> list[RunSpec]:
    """Arms x members x replications; replication r of every arm and every member gets seed
    ``seed_base + r`` (common random numbers across arms and across members)."""
    base = exp.seed_base if seed_base is None else seed_base
    version = code_version()
    specs = []
    for arm in exp.arms:
        variants = configs[arm.name]
        for i, member_cfg in enumerate(variants):
            member = i if len(variants) > 1 else None
            for r in range(replications):
                cfg = copy.deepcopy(member_cfg)
                cfg["seed"] = base + r
                key = run_key(cfg, version)
                specs.append(RunSpec(arm.name, r, base + r, key, cfg, member))
    return specs


def select_arms(exp: Experiment, names: list[str]) -> Experiment:
    """Keep only the named arms (the baseline always stays)."""
    known = [a.name for a in exp.arms]
    for n in names:
        if n not in known:
            raise ExperimentError(f"{exp.name}: unknown arm {n!r}; arms: {', '.join(known)}")
    keep = tuple(a for a in exp.arms if a.name == exp.baseline or a.name in names)
    return Experiment(**{**exp.__dict__, "arms": keep})
