"""Plain words for an arm's overrides, so that a report never shows a planner
``policy/visits=weekly`` where "cadre visits every week" is meant.

A small dictionary covers the presets and the levers planners move; any other key is
described from its schema documentation (``sim/config/schema.py``) and unit, so every
override gets words even if nobody wrote them.
"""

from __future__ import annotations

from collections.abc import Sequence

from sim.config.compose import override_key
from sim.config.village_keys import split_village_key, village_words
from sim.config.walk import leaves

PRESETS: dict[str, dict[str, str]] = {
    "regime": {
        "fengqiao": "the full Fengqiao model (weekly visits, village mediators, the ladder)",
        "reactive": "the reactive county (campaigns only, one county mediator, no ladder)",
    },
    "policy/visits": {
        "weekly": "cadre visits every week, grid workers screening households",
        "fortnightly": "cadre visits every two weeks",
        "monthly": "cadre visits once a month",
        "campaign_only": "no routine visits (county campaigns only)",
        "platform": "weekly visits plus an online reporting platform",
        "leaders_only": "weekly cadre visits meeting the village leaders only",
        "door_to_door": "weekly cadre visits from door to door",
    },
    "policy/staffing": {
        "fengqiao": "two volunteer mediators per village",
        "trained_full_time": "one trained full-time mediator per village",
        "yichang": "four volunteer mediators per village (Yichang)",
        "reactive": "one untrained mediator per village and one for the county",
    },
    "policy/escalation": {
        "ladder": "the escalation ladder with feedback deadlines and follow-up visits",
        "fast_track": "severe disputes passed up at once",
        "hold_at_village": "villages keep every dispute",
        "reactive": "cases passed up only after repeated failure, no deadlines",
    },
    "policy/petitions": {
        "regulations": "petitions handled within the Regulations' time limits",
        "case_ownership": "a named cadre owns every hard petition (包案)",
        "relief_fund": "a relief fund that closes hard petition cases",
    },
    "policy/prevention": {
        "none": "no prevention programme",
        "elders": "five elders per village who settle disputes informally (乡贤, 五老)",
        "village_rules": "village rules with a points system (村规民约, 积分制)",
        "legal_advisers": "a legal adviser for every village (一村一法律顾问)",
        "all": "elders, village rules and a legal adviser in every village",
    },
    "scenario": {"county": "the reference county", "village": "a five-village township"},
    "behaviour": {"calibrated": "calibrated behaviour", "default": "the stated assumptions"},
}

# key -> words with {v} for the value (and {s} for a plural "s" when the value is not 1).
KEYS: dict[str, str] = {
    "policy.visits.cadre_visit_interval_days": "cadre visits every {v} days",
    "policy.visits.households_visited_per_day": "grid workers visit {v} households a day",
    "policy.visits.grid_households": "{v} households per grid worker",
    "policy.visits.other_duties_share": "grid workers spend {pct} of their time on other duties",
    "policy.visits.cadres_per_township": "{v} cadre{s} per township",
    "policy.visits.online_platform": "online reporting platform {onoff}",
    "policy.staffing.mediators_per_village": "{v} mediator{s} per village",
    "policy.staffing.mediator_type": "{v} mediators",
    "policy.staffing.mediator_skill_mean": "mediator skill {v}",
    "policy.staffing.county_roving_mediators": "{v} roving county mediator{s}",
    "policy.staffing.township_centre_slots": "{v} township centre slot{s}",
    "policy.escalation.fast_track_severity": "fast track from severity {v}",
    "policy.escalation.hold_at_village": "villages keep every dispute {onoff}",
    "policy.escalation.follow_up_visits": "a follow-up visit after each resolution {onoff}",
    "policy.petitions.case_ownership": "case ownership (包案) {onoff}",
    "policy.petitions.relief_fund_yuan": "a relief fund of {v} yuan",
    "scenario.onset_multiplier": "{v} times the usual disputes",
}
SPECIAL_VALUES = {"null": "never", "none": "never"}
# key -> words when the value is null (the lever switched off).
NULL_WORDS = {"policy.visits.cadre_visit_interval_days": "no routine cadre visits"}
PLAIN_UNITS = {"", "count"}  # units that add nothing after a number


def describe_override(override: str) -> str:
    """Plain words for one Hydra override (``policy/visits=weekly``, ``key=value``)."""
    key = override_key(override)
    value = override.split("=", 1)[1].strip() if "=" in override else ""
    group = key.lstrip("+~")
    village = split_village_key(group)
    if village is not None and village.name and village.lever:  # the county lever's words
        return f"{describe_override(f'{village.base}={value}')} in {village_words(village)}"
    if group in PRESETS and value in PRESETS[group]:
        return PRESETS[group][value]
    if group in PRESETS or "/" in group:
        return f"{group.split('/')[-1]} preset {value}"
    if group in NULL_WORDS and value.lower() in SPECIAL_VALUES:
        return NULL_WORDS[group]
    if group in KEYS:
        return _fill(KEYS[group], value)
    leaf = leaves().get(group)
    if leaf is None:
        return f"{group} = {value}"
    unit = leaf.meta.get("unit") or ""
    shown = SPECIAL_VALUES.get(value.lower(), value)
    plain = unit in PLAIN_UNITS or shown == "never"
    return f"{leaf.meta['doc']}: {shown}{'' if plain else ' ' + unit}"


def _fill(template: str, value: str) -> str:
    low = value.lower()
    number = _number(value)
    return template.format(
        v=value.replace("_", "-"),  # full_time: "full-time mediators"
        s="" if number == 1 else "s",
        pct=f"{number:.0%}" if number is not None else value,
        onoff="on" if low == "true" else "off",
    )


def _number(value: str) -> float | None:
    try:
        return float(value)
    except ValueError:
        return None


def describe(overrides: Sequence[str]) -> str:
    """Plain words for an arm: its overrides in words, joined; the defaults if none."""
    # Hydra applies group presets before single keys, so they are read first too.
    ordered = sorted(
        (o for o in overrides if "=" in o),
        key=lambda o: "/" not in override_key(o) and override_key(o) not in PRESETS,
    )
    parts = [describe_override(o) for o in ordered]
    return ", ".join(dict.fromkeys(parts)) or "the default policy (Fengqiao county)"
