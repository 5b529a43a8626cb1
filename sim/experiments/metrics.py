"""What each outcome means to a planner: a label, a unit and which direction is better.

``better`` is +1 when higher is better (resolved share, trust), -1 when lower is better
(escalations, petitions, cost, delay) and 0 when neither (counts of disputes that arose
depend on the world more than on policy; more registered disputes may mean better
discovery or more conflict). Probabilities of beating the baseline and rankings use it.
"""

from __future__ import annotations

from typing import NamedTuple


class Metric(NamedTuple):
    label: str
    unit: str
    better: int  # +1 higher is better, -1 lower is better, 0 neutral


METRICS: dict[str, Metric] = {
    "disputes_total": Metric("disputes that arose", "disputes", 0),
    "registered_disputes": Metric("disputes registered", "disputes", 0),
    "registered_per_household_year": Metric("registered disputes per household-year", "", 0),
    "resolved_share": Metric("share resolved", "share", +1),
    "mediation_success_rate": Metric("mediation success rate", "share", +1),
    "village_share": Metric("share resolved within the village", "share", +1),
    "township_share": Metric("share resolved within the township", "share", +1),
    "county_share": Metric("share resolved by the county", "share", -1),
    "escalation_rate": Metric("escalation rate", "share of disputes", -1),
    "escalations": Metric("escalations (county, petitions, criminal)", "disputes", -1),
    "petitions_per_10k": Metric("petitions per 10,000 residents a year", "per 10k/yr", -1),
    "individual_petitions": Metric("individual petitions", "petitions", -1),
    "skip_level_petitions": Metric("skip-level petitions", "petitions", -1),
    "group_petitions": Metric("group petitions", "petitions", -1),
    "criminal_cases": Metric("civil disputes turned criminal", "cases", -1),
    "days_to_resolution_mean": Metric("mean days to resolution", "days", -1),
    "days_to_resolution_median": Metric("median days to resolution", "days", -1),
    "days_to_resolution_p90": Metric("90th percentile days to resolution", "days", -1),
    "days_to_discovery_mean": Metric("mean days to discovery", "days", -1),
    "open_backlog": Metric("open disputes at the end", "disputes", -1),
    "relapses": Metric("relapses of resolved disputes", "disputes", -1),
    "missed_deadlines": Metric("missed feedback deadlines", "cases", -1),
    "mean_trust": Metric("mean trust in institutions", "0-1", +1),
    "cost_total": Metric("total cost", "yuan", -1),
    "cost_per_resolved": Metric("cost per resolved dispute", "yuan", -1),
    "cost_per_year": Metric("cost a year", "yuan/yr", -1),
}


def label(name: str) -> str:
    return METRICS[name].label if name in METRICS else name.replace("_", " ")


def derived(metrics: dict[str, float | int | None]) -> dict[str, float | int | None]:
    """Metrics computed from a run's own metrics (added to each table row)."""
    rate, total = metrics.get("escalation_rate"), metrics.get("disputes_total")
    cost, days = metrics.get("cost_total"), metrics.get("days")
    return {
        "escalations": round(rate * total) if rate is not None and total is not None else None,
        "cost_per_year": cost * 365.0 / days if cost is not None and days else None,
    }
