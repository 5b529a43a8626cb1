"""One policy, one arm: arms whose resolved configs are the same policy are merged.

A grid crosses levers blindly, so it can write one policy twice: with no village
mediators, "volunteers" and "trained full-time staff" are the same county. Two arms are
the same policy when their resolved configs agree once labels (preset ``name`` keys)
and the keys the model does not read in that config are set aside. Which keys the model
does not read is stated here, per condition, and checked against real runs in
``tests/experiments/test_planner_report.py``.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from sim.config.walk import get_value
from sim.experiments.design import ArmConfigs, Experiment

STAFFING = "policy.staffing"


# The configs here are resolved and validated (every key present), so a lever is read
# with ``get_value`` like everywhere else.
def _no_village_mediators(cfg: dict) -> bool:
    return get_value(cfg, f"{STAFFING}.mediators_per_village") == 0


def _no_mediators_at_all(cfg: dict) -> bool:
    return _no_village_mediators(cfg) and get_value(cfg, f"{STAFFING}.county_roving_mediators") == 0


# (when, keys the model does not read then, why in words). The model reads a village
# mediator's type, skill and volunteer days only to staff village mediators
# (GovernanceModel._staff_mediators, Mediator); the roving county mediators are full-time
# and use the cases-at-once and full-time days too.
INERT: tuple[tuple[Callable[[dict], bool], tuple[str, ...], str], ...] = (
    (
        _no_village_mediators,
        tuple(
            f"{STAFFING}.{k}"
            for k in (
                "mediator_type",
                "mediator_skill_mean",
                "mediator_skill_sd",
                "volunteer_days_per_month",
            )
        ),
        "with no village mediators, their status, skill and time do not matter",
    ),
    (
        _no_mediators_at_all,
        tuple(
            f"{STAFFING}.{k}"
            for k in ("mediator_cases_at_once", "full_time_days_per_month", "roving_mediator_skill")
        ),
        "with no mediators at all, their caseload and time do not matter",
    ),
)


def _drop(cfg: dict, key: str) -> None:
    *path, last = key.split(".")
    node = cfg
    for part in path:
        node = node.get(part, {})
    node.pop(last, None)


def _strip_names(tree: Any) -> Any:
    if isinstance(tree, dict):
        return {k: _strip_names(v) for k, v in tree.items() if k != "name"}
    return tree


def canonical(cfg: dict) -> tuple[str, tuple[str, ...]]:
    """The config as the model reads it (labels and unread keys dropped), as text; and
    why keys were dropped."""
    out = copy.deepcopy(cfg)
    out["policy"] = _strip_names(out.get("policy", {}))
    reasons = []
    for when, keys, why in INERT:
        if when(cfg):
            for key in keys:
                _drop(out, key)
            reasons.append(why)
    return json.dumps(out, sort_keys=True, default=str), tuple(reasons)


def merge_same_policies(
    exp: Experiment, configs: ArmConfigs
) -> tuple[Experiment, ArmConfigs, tuple[str, ...]]:
    """Keep the first arm of every policy (the baseline first); the notes say which arms
    were left out as the same policy as which, and why."""
    seen: dict[tuple[str, ...], str] = {}
    keep, notes = [], []
    for arm in exp.arms:
        forms = [canonical(cfg) for cfg in configs[arm.name]]
        key = tuple(text for text, _ in forms)
        if key in seen:
            why = "; ".join(dict.fromkeys(r for _, reasons in forms for r in reasons))
            notes.append(
                f"{arm.name} ({arm.words}) is the same policy as {seen[key]}"
                f"{f' ({why})' if why else ''}; it was left out"
            )
            continue
        seen[key] = arm.name
        keep.append(arm)
    if not notes:
        return exp, configs, ()
    merged = replace(exp, arms=tuple(keep), notes=(*exp.notes, *notes))
    return merged, {a.name: configs[a.name] for a in keep}, tuple(notes)
