"""The schema of villages that differ: village types, their mix, requisition projects,
a planner's table of villages, and the policy levers that may differ by village.

Kept apart from ``schema.py`` so that the county's own sections stay readable; the
names here are imported there and validated the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sim.config.fields import MAX_DAYS, MAX_LOGIT, count, param, positive, probability

# The village types a config or a table may name; ``ordinary`` is the county's default.
VILLAGE_TYPES = ("ordinary", "requisition", "hollow", "clan", "peri_urban")

# Levers that act inside one village, so that they may be set by village type or for a
# named village (``policy.staffing.by_type.requisition.mediators_per_village=4``). The
# others (township centres, roving mediators, campaigns, cadres per township) act for a
# township or the county and have one value.
VILLAGE_LEVERS = {
    "policy.staffing": (
        "mediators_per_village",
        "mediator_type",
        "mediator_skill_mean",
        "mediator_skill_sd",
        "mediator_cases_at_once",
        "volunteer_days_per_month",
        "full_time_days_per_month",
        "grid_worker_skill",
        "on_the_spot_max_severity",
    ),
    "policy.visits": (
        "cadre_visit_interval_days",
        "cadre_visit_quality",
        "cadre_households_per_visit_day",
        "households_visited_per_day",
        "other_duties_share",
        "working_days_per_week",
    ),
}


def row_levers(section: str) -> Any:
    """A table row's own values of ``section``'s per-village levers: {lever: value}."""
    return field(
        metadata={
            "doc": f"{section.split('.')[-1]} levers of this village (the table's columns)",
            "unit": "",
            "lo": None,
            "hi": None,
            "choices": None,
            "levers": section,
            "keyed_by": "lever",
        }
    )


def onset_ratio(what: str) -> Any:
    return positive(f"multiplier on the onset of {what} disputes", "ratio", hi=100.0)


@dataclass(frozen=True)
class TypeOnset:
    family: float = onset_ratio("family")
    neighbour: float = onset_ratio("neighbour")
    land: float = onset_ratio("land")
    damages_debt: float = onset_ratio("damages and debt")
    labour: float = onset_ratio("labour")
    collective: float = onset_ratio("collective")


@dataclass(frozen=True)
class VillageTypeParams:
    onset: TypeOnset = param("onset multipliers by dispute type, on top of local tension")
    at_home_share: float = param(
        "share of a village's registered residents living there (the rest are migrants away)",
        "share",
        lo=0.05,
        hi=1.0,
    )
    lineages: int | None = param(
        "kin lineages in a village of this type; null = scenario.lineages_per_village",
        "lineages",
        lo=1,
        hi=1000,
    )
    kin_ties_multiplier: float = positive("multiplier on kin ties", "ratio", hi=100.0)
    other_ties_multiplier: float = positive(
        "multiplier on neighbour and friend-of-friend ties", "ratio", hi=100.0
    )
    report_multiplier: float = positive(
        "multiplier on the parties' reports and their ties' tips to the grid worker",
        "ratio",
        hi=100.0,
    )
    same_lineage_settle_multiplier: float = positive(
        "multiplier on private settlement when both parties are of one lineage (elders of "
        "the lineage settle it)",
        "ratio",
        hi=100.0,
    )
    cross_lineage_difficulty: float = param(
        "log-odds of mediation lost when the parties are of different lineages",
        "logit",
        lo=-MAX_LOGIT,
        hi=MAX_LOGIT,
    )


@dataclass(frozen=True)
class VillageTypes:
    ordinary: VillageTypeParams = param("villages as the calibrated county has them")
    requisition: VillageTypeParams = param(
        "villages under land-requisition or demolition pressure (征地拆迁)"
    )
    hollow: VillageTypeParams = param(
        "hollowed-out villages: migrants away, the old left behind (空心化)"
    )
    clan: VillageTypeParams = param("villages dominated by one or two lineages (宗族)")
    peri_urban: VillageTypeParams = param(
        "peri-urban communities with a mobile population (城乡结合部)"
    )


@dataclass(frozen=True)
class TypeShares:
    requisition: float = probability("share of generated villages under requisition", "share")
    hollow: float = probability("share of generated villages that are hollowed out", "share")
    clan: float = probability("share of generated villages dominated by lineages", "share")
    peri_urban: float = probability("share of generated villages that are peri-urban", "share")


@dataclass(frozen=True)
class ProjectParams:
    days: tuple[int, ...] = param(
        "days on which a requisition or demolition project starts in every requisition "
        "village (a list; [] = none)",
        "day",
        lo=0,
        hi=MAX_DAYS,
    )
    collective_per_household_year: float = positive(
        "collective disputes a project raises per household a year, at its start",
        "1/household/yr",
        hi=100.0,
    )
    duration_days: float = param(
        "days over which a project's disputes fade (mean of an exponential decay)",
        "days",
        lo=1.0,
        hi=float(MAX_DAYS),
    )


@dataclass(frozen=True)
class VillageRow:
    """One village of a planner's table (``scenario.villages``), as read and checked."""

    village: str = param("village name")
    township: str = param("township name")
    residents: int = count("registered residents", "residents", lo=1)
    households: int = count("households", "households", lo=1)
    type: str = param("village type", choices=VILLAGE_TYPES)
    mediators: int | None = param(
        "existing village mediators; null = the staffing preset's", "mediators", lo=0, hi=1000
    )
    staffing: dict[str, Any] = row_levers("policy.staffing")
    visits: dict[str, Any] = row_levers("policy.visits")


@dataclass(frozen=True)
class ProjectsPolicy:
    name: str = param("preset label")
    risk_assessment: bool = param(
        "a social-stability risk assessment (社会稳定风险评估) precedes every project"
    )
    assessment_averts: float = probability(
        "share of a project's collective disputes an assessment averts (terms settled, "
        "grievances heard before the project)",
        "share",
    )
