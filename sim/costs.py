"""What a policy costs: staff time, per-case subsidies (以案定补), visit days, court cases,
petition handling, case ownership (包案), the petition relief fund, intercepting
petitioners (policy.evaluation) and the prevention programmes (elders, village rules
and points, legal advisers; policy.prevention)."""

from __future__ import annotations

from collections import defaultdict

from sim.config.schema import CostParams, Params
from sim.counts import Counts
from sim.disputes import Complexity, Level


class Ledger:
    """Running per-case costs; fixed costs are added once the run's length is known."""

    def __init__(self, costs: CostParams) -> None:
        self.costs = costs
        self.yuan: defaultdict[str, float] = defaultdict(float)
        self.subsidy = {
            Level.VILLAGE: (
                costs.village_subsidy_simple,
                costs.village_subsidy_general,
                costs.village_subsidy_complex,
            ),
            Level.TOWNSHIP: (
                costs.township_subsidy_simple,
                costs.township_subsidy_general,
                costs.township_subsidy_complex,
            ),
        }

    def per_case(self, level: Level, complexity: Complexity) -> None:
        if level in self.subsidy:
            self.yuan[f"subsidies_{level.name.lower()}"] += self.subsidy[level][complexity]


def prevention_costs(params: Params, counts: Counts, n_villages: int) -> dict[str, float]:
    """The prevention programmes a run has in force (none by default: no items)."""
    cost, prevention, years = params.costs, params.policy.prevention, params.days / 365.0
    items: dict[str, float] = {}
    if prevention.elders_per_village > 0:
        items["elders"] = (
            n_villages * prevention.elders_per_village * cost.elder_stipend * years
            + counts.elder_settlements * cost.elder_case_subsidy
        )
    if prevention.village_rules:
        items["village_rules"] = n_villages * cost.village_rules_cost * years
    if prevention.legal_advisers:
        items["legal_advisers"] = n_villages * cost.legal_adviser_fee * years
    return items


def cost_breakdown(
    params: Params, ledger: Ledger, counts: Counts, n_grids: int, n_villages: int, n_townships: int
) -> dict[str, float]:
    """Every cost item of a run, in yuan."""
    cost, visits, staffing = params.costs, params.policy.visits, params.policy.staffing
    years = params.days / 365.0
    screening = visits.households_visited_per_day > 0
    full_time = staffing.county_roving_mediators + (
        staffing.mediators_per_village * n_villages if staffing.mediator_type == "full_time" else 0
    )
    items: dict[str, float] = dict(ledger.yuan)
    items["grid_workers"] = (
        n_grids * cost.grid_worker_salary * (1 - visits.other_duties_share) * years
        if screening
        else 0.0
    )
    items["full_time_mediators"] = full_time * cost.full_time_mediator_salary * years
    items["township_centres"] = (
        n_townships * staffing.township_centre_slots * cost.township_slot_cost * years
    )
    items["cadre_visits"] = (counts.cadre_visit_days + counts.campaign_days) * cost.cadre_visit_day
    items["county_cases"] = counts.county_cases * cost.county_case
    petitions = params.policy.petitions
    items["petition_offices"] = sum(counts.petitions_filed.values()) * cost.petition_case
    items["case_ownership"] = (
        counts.owned_cases * petitions.ownership_cadre_days * cost.cadre_visit_day
    )
    items["relief_fund"] = counts.relief_cases * petitions.relief_per_case
    items["interceptions"] = sum(counts.petitions_intercepted.values()) * cost.interception
    items.update(prevention_costs(params, counts, n_villages))
    return {k: float(items[k]) for k in sorted(items)}
