"""What a policy costs: staff time, per-case subsidies (以案定补), visit days, court cases."""

from __future__ import annotations

from collections import Counter

from sim.config.schema import CostParams, Params
from sim.counts import Counts
from sim.disputes import Complexity, Level


class Ledger:
    """Running per-case costs; fixed costs are added once the run's length is known."""

    def __init__(self, costs: CostParams) -> None:
        self.costs = costs
        self.yuan: Counter[str] = Counter()
        c = costs
        self.subsidy = {
            Level.VILLAGE: (
                c.village_subsidy_simple,
                c.village_subsidy_general,
                c.village_subsidy_complex,
            ),
            Level.TOWNSHIP: (
                c.township_subsidy_simple,
                c.township_subsidy_general,
                c.township_subsidy_complex,
            ),
        }

    def per_case(self, level: Level, complexity: Complexity) -> None:
        if level in self.subsidy:
            self.yuan[f"subsidies_{level.name.lower()}"] += self.subsidy[level][complexity]


def cost_breakdown(
    params: Params, ledger: Ledger, counts: Counts, n_grids: int, n_villages: int, n_townships: int
) -> dict[str, float]:
    """Every cost item of a run, in yuan."""
    c, v, s = params.costs, params.policy.visits, params.policy.staffing
    years = params.days / 365.0
    screening = v.households_visited_per_day > 0
    full_time = s.county_roving_mediators + (
        s.mediators_per_village * n_villages if s.mediator_type == "full_time" else 0
    )
    items = dict(ledger.yuan)
    items["grid_workers"] = (
        n_grids * c.grid_worker_salary * (1 - v.other_duties_share) * years if screening else 0.0
    )
    items["full_time_mediators"] = full_time * c.full_time_mediator_salary * years
    items["township_centres"] = n_townships * s.township_centre_slots * c.township_slot_cost * years
    items["cadre_visits"] = (counts.cadre_visit_days + counts.campaign_days) * c.cadre_visit_day
    items["county_cases"] = counts.county_cases * c.county_case
    return {k: float(items[k]) for k in sorted(items)}
