"""Registry entries: what the run spent, item by item, and what the prevention programmes
did; some of them appear in metrics.json only when paid for (``ONLY_WHEN_PAID``)."""

from __future__ import annotations

from sim.metrics.metric import Metric, true_metric

# Cost items of ``sim.costs.cost_breakdown``, each a run metric ``cost_<item>``. The
# per-case subsidy items appear only in runs that paid a subsidy at that level.
COST_ITEMS = {
    "cadre_visits": "cadre visit days, routine and campaign",
    "case_ownership": "cadre days owning hard petition cases (包案)",
    "county_cases": "cases handled by county bodies",
    "full_time_mediators": "salaries of full-time mediators",
    "grid_workers": "grid workers' governance time",
    "interceptions": "intercepting petitioners and watching them (截访, 稳控)",
    "petition_offices": "letters-and-visits offices handling petitions",
    "relief_fund": "petition relief paid to close hard cases",
    "risk_assessments": "social-stability risk assessments of requisition projects",
    "subsidies_township": "per-case subsidies to township mediation",
    "subsidies_village": "per-case subsidies to village mediation",
    "township_centres": "township mediation centre slots",
    "elders": "elders' honoraria and case subsidies (乡贤, 五老)",
    "village_rules": "village rules and the points system (村规民约, 积分制)",
    "legal_advisers": "legal advisers' fees (一村一法律顾问)",
}
# The prevention programmes' own counts and costs (``sim.costs.prevention_costs``).
PREVENTION_COSTS = frozenset({"cost_elders", "cost_village_rules", "cost_legal_advisers"})
PREVENTION_COUNTS = ("elder_settlements", "disputes_prevented")
# Metrics that metrics.json holds only when the run paid that item (a subsidy at a level,
# a prevention programme in force), so that a default run's metrics stay as they were.
ONLY_WHEN_PAID = (
    frozenset(
        f"cost_{item}"
        for item in COST_ITEMS
        if item.startswith("subsidies_") or item == "risk_assessments"
    )
    | PREVENTION_COSTS
    | frozenset(PREVENTION_COUNTS)
)

PREVENTION: tuple[Metric, ...] = (
    true_metric(
        "elder_settlements",
        "Settled by elders",
        "disputes",
        "none",
        "disputes an elder (乡贤, 五老) settled before officials knew of them, counted as "
        "settled by the parties (runs with a prevention programme only)",
    ),
    true_metric(
        "disputes_prevented",
        "Prevented by village rules",
        "disputes",
        "none",
        "disputes among villagers that village rules and points kept from arising: not "
        "counted in the disputes that arose (runs with a prevention programme only)",
    ),
)

COSTS: tuple[Metric, ...] = (
    true_metric("cost_total", "Total cost", "yuan", "lower", "sum of the cost items"),
    true_metric(
        "cost_per_resolved",
        "Cost per resolved dispute",
        "yuan",
        "lower",
        "total cost / resolved disputes",
    ),
    *(
        true_metric(f"cost_{item}", f"Cost: {words}", "yuan", "lower", f"yuan spent on {words}")
        for item, words in COST_ITEMS.items()
    ),
)
