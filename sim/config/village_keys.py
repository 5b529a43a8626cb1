"""Dotted keys of a lever set for a village type or a named village:
``policy.<section>.by_type.<type>.<lever>`` and ``policy.<section>.by_village.<village>.<lever>``.

The schema holds ``by_type`` and ``by_village`` as mappings (``sim.config.schema``), so
such a key names no field of its own; what it means is the county's lever of the same
name (``policy.staffing.mediators_per_village`` for
``policy.staffing.by_type.requisition.mediators_per_village``): its type, bounds,
choices and words. A search reads its levers, and a report describes its arms, through
that base key. The validator checks the same things when a config is composed; here
they are checked on the key alone, before anything is composed.
"""

from __future__ import annotations

from dataclasses import dataclass

from sim.config.names import did_you_mean
from sim.config.validate import ConfigError
from sim.config.village_schema import VILLAGE_LEVERS, VILLAGE_TYPES

KEYED_BY = {"by_type": "type", "by_village": "village"}


@dataclass(frozen=True)
class VillageKey:
    """A per-village lever key, split: ``section.by_<keyed_by>.<name>.<lever>``."""

    section: str  # policy.staffing or policy.visits
    keyed_by: str  # "type" or "village"
    name: str  # the village type or the village's name
    lever: str

    @property
    def base(self) -> str:
        """The county's lever this key sets for some villages."""
        return f"{self.section}.{self.lever}"


def split_village_key(key: str) -> VillageKey | None:
    """The parts of a per-village lever key; None for any other key. Nothing is checked
    beyond the key's shape (``check_village_key`` does)."""
    for section in VILLAGE_LEVERS:
        for part, keyed_by in KEYED_BY.items():
            prefix = f"{section}.{part}."
            if key.startswith(prefix):
                name, _, lever = key[len(prefix) :].partition(".")
                return VillageKey(section, keyed_by, name, lever)
    return None


def check_village_key(key: str, found: VillageKey) -> None:
    """One ``ConfigError`` line unless the type is known and the lever may differ by
    village (a village's name is checked against the county once it is composed)."""
    prefix = f"{found.section}.by_{found.keyed_by}."
    if not found.name or not found.lever or "." in found.lever:
        raise ConfigError(f"{key}: must be {prefix}<{found.keyed_by}>.<lever>")
    if found.keyed_by == "type" and found.name not in VILLAGE_TYPES:
        hint = did_you_mean(found.name, VILLAGE_TYPES, cutoff=0.6)
        raise ConfigError(
            f"{key}: {found.name!r} is not a village type; allowed: "
            f"{', '.join(VILLAGE_TYPES)}{hint}"
        )
    levers = VILLAGE_LEVERS[found.section]
    if found.lever not in levers:
        hint = did_you_mean(found.lever, levers, cutoff=0.6)
        raise ConfigError(
            f"{key}: {found.lever!r} cannot differ by village (it acts for a township or "
            f"the county, or is no lever); allowed: {', '.join(levers)}{hint}"
        )


# The villages a per-type key picks out, in a planner's words.
TYPE_WORDS = {
    "ordinary": "ordinary villages",
    "requisition": "villages under land requisition",
    "hollow": "hollowed-out villages",
    "clan": "lineage villages",
    "peri_urban": "peri-urban villages",
}


def village_words(found: VillageKey) -> str:
    """The villages a key picks out: "villages under land requisition", "village Dongshan"."""
    if found.keyed_by == "type":
        return TYPE_WORDS.get(found.name, f"{found.name} villages")
    return f"village {found.name}"
