"""Direction of policy effects, paired over several seeds (same seed = same disputes)."""

from __future__ import annotations

import numpy as np

from sim.metrics import run_metrics
from sim.run import run_simulation
from tests.conftest import REACTIVE, params, run_days

SEEDS = range(6)
VILLAGE = ("scenario=village",)


def _metric(name: str, *overrides: str, seeds=SEEDS) -> np.ndarray:
    return np.array(
        [run_simulation(params(*VILLAGE, *overrides, f"seed={s}")).metrics[name] for s in seeds],
        dtype=float,
    )


def test_more_frequent_cadre_visits_find_more_disputes():
    # Grid-worker screening off, so that cadre visits are the channel that differs; the
    # visit days go door to door (a day with the leaders only hears little). The mean
    # delay to discovery is no test: it counts only the disputes that were found.
    quiet = ("policy.visits.households_visited_per_day=0", "policy/visits=door_to_door")
    share = "discovery_share_cadre_visit"
    weekly = _metric(share, *quiet, "policy.visits.cadre_visit_interval_days=7")
    rare = _metric(share, *quiet, "policy.visits.cadre_visit_interval_days=90")
    assert (weekly > rare).sum() >= 5  # in nearly every paired world
    assert weekly.mean() > 3 * rare.mean()


def test_more_grid_visits_discover_disputes_earlier():
    many = _metric("days_to_discovery_mean", "policy.visits.households_visited_per_day=12")
    few = _metric("days_to_discovery_mean", "policy.visits.households_visited_per_day=1")
    assert (many < few).sum() >= 5
    assert many.mean() < few.mean()


def test_more_mediators_resolve_more_in_the_village():
    # Staffing matters where mediators' capacity binds: one case at a time, long cases.
    busy = (
        "policy.staffing.mediator_cases_at_once=1",
        "behaviour.mediation.service_days_general=30",
        "behaviour.mediation.service_days_complex=60",
    )
    one = _metric("village_share", "policy.staffing.mediators_per_village=1", *busy)
    four = _metric("village_share", "policy.staffing.mediators_per_village=4", *busy)
    none = _metric("village_share", "policy.staffing.mediators_per_village=0", *busy)
    # In a world of ~35 disputes one pair may swap: more attempts also mean more failures
    # that the parties appeal to the township.
    # (a small gap: many disputes settle privately before discovery)
    assert (four > one).sum() >= 5 and four.mean() > one.mean() + 0.04
    assert (one > none).all()


def test_reactive_regime_escalates_more_than_fengqiao():
    # At county scale: the reactive regime is one mediator for the whole county (essays-063),
    # a scarcity a five-village world cannot show.
    keys = ("escalation_rate", "resolved_share", "petitions_per_10k")
    runs = {
        arm: [run_simulation(params("scenario=county", *ov, f"seed={s}")).metrics for s in range(4)]
        for arm, ov in (("baseline", ()), ("reactive", REACTIVE))
    }
    baseline = {k: np.array([r[k] for r in runs["baseline"]]) for k in keys}
    reactive = {k: np.array([r[k] for r in runs["reactive"]]) for k in keys}
    assert (reactive["escalation_rate"] > baseline["escalation_rate"]).all()
    assert (reactive["resolved_share"] < baseline["resolved_share"]).all()
    assert reactive["petitions_per_10k"].mean() > baseline["petitions_per_10k"].mean()


# --- the policy levers, over five paired seeds on the five-village world ------------

LEVER_SEEDS = range(5)
SURGE = ("scenario.onset_multiplier=3",)  # a bad year: three times the disputes


def _runs(*overrides: str) -> list[dict]:
    return [run_simulation(params(*VILLAGE, *overrides, f"seed={s}")).metrics for s in LEVER_SEEDS]


def _col(runs: list[dict], name: str) -> np.ndarray:
    return np.array([r[name] for r in runs], dtype=float)


def test_grid_workers_with_more_time_find_more_build_trust_and_fewer_disputes_escalate():
    free, busy = (_runs(f"policy.visits.other_duties_share={share}") for share in (0.2, 0.8))
    # Visited households trust more (and tell more); the mean delay to discovery is no
    # test, it counts only the disputes that were found.
    assert (_col(free, "mean_trust") > _col(busy, "mean_trust")).sum() >= 4
    grid = "discovery_share_grid_visit"
    assert (_col(free, grid) > _col(busy, grid)).sum() >= 4
    # In a five-village world most years see the same few escalations either way: no
    # world escalates more with free grid workers, and fewer on average.
    escalation = _col(free, "escalation_rate"), _col(busy, "escalation_rate")
    assert (escalation[0] <= escalation[1]).all() and escalation[0].mean() < escalation[1].mean()


def test_smaller_grids_and_more_visits_a_day_find_more_by_household_visits():
    grid = "discovery_share_grid_visit"
    small, large = (
        _runs("policy.visits.grid_households=60"),
        _runs("policy.visits.grid_households=250"),
    )
    assert (_col(small, grid) > _col(large, grid)).sum() >= 4
    many, few = (_runs(f"policy.visits.households_visited_per_day={n}") for n in (8, 2))
    assert (_col(many, grid) > _col(few, grid)).sum() >= 4


def test_grid_workers_find_more_disputes_than_cadres_in_the_fengqiao_baseline():
    runs = _runs()
    grid, cadre = (
        _col(runs, "discovery_share_grid_visit"),
        _col(runs, "discovery_share_cadre_visit"),
    )
    assert (grid > cadre).sum() >= 4


def test_cadre_visits_that_go_door_to_door_hear_more_than_visits_with_the_leaders_only():
    share = "discovery_share_cadre_visit"
    door, leaders = _runs("policy/visits=door_to_door"), _runs("policy/visits=leaders_only")
    assert (_col(door, share) > _col(leaders, share)).sum() >= 4


def test_in_a_bad_year_mediators_time_binds_one_mediator_misses_promises_and_is_slower():
    four = _runs(*SURGE, "policy.staffing.mediators_per_village=4")
    one = _runs(*SURGE, "policy.staffing.mediators_per_village=1")
    assert (_col(one, "missed_deadlines") > _col(four, "missed_deadlines")).sum() >= 4
    slow = "days_to_resolution_mean"
    assert (_col(one, slow) > _col(four, slow)).sum() >= 4


def test_in_a_bad_year_few_township_slots_and_passing_everything_up_raise_petitions():
    fast = (*SURGE, "policy/escalation=fast_track")
    one = _runs(*fast, "policy.staffing.township_centre_slots=1")
    eight = _runs(*fast, "policy.staffing.township_centre_slots=8")
    assert (_col(one, "petitions_per_10k") > _col(eight, "petitions_per_10k")).sum() >= 4
    everything_up = (
        "policy.escalation.fast_track_severity=0",
        "policy.escalation.max_days_township=7",
        "policy.escalation.max_failed_attempts_township=1",
    )
    ladder, up = _runs(*SURGE), _runs(*SURGE, *everything_up)
    # Passing everything up clogs the county; with the township centres' four slots it
    # does not clearly raise petitions (test_ladder_tradeoffs shows where it does).
    assert (_col(up, "county_queue_mean") > _col(ladder, "county_queue_mean")).sum() >= 4
    assert _col(up, "county_queue_mean").mean() > 2 * _col(ladder, "county_queue_mean").mean()


def test_follow_up_visits_lower_relapses():
    often = ("behaviour.relapse.chance=0.3",)
    visits, none = _runs(*often), _runs(*often, "policy.escalation.follow_up_visits=false")
    assert (_col(visits, "relapses") <= _col(none, "relapses")).sum() >= 4
    assert _col(visits, "relapses").sum() < 0.8 * _col(none, "relapses").sum()


def _reached_township(d) -> bool:
    return any("TOWNSHIP" in what for _, what in d.history)


def test_village_day_limits_trade_township_load_against_waiting_when_mediators_are_short():
    # A bad year with one mediator per village, so that disputes wait at the village.
    short = (*SURGE, "policy.staffing.mediators_per_village=1")
    runs = {}
    for limit in (7, 90):
        models = [
            run_days(
                365, *VILLAGE, *short, f"policy.escalation.max_days_village={limit}", f"seed={s}"
            )
            for s in LEVER_SEEDS
        ]
        runs[limit] = (
            np.array([sum(_reached_township(d) for d in m.book.all) for m in models]),
            np.array([run_metrics(m)["days_to_resolution_mean"] for m in models]),
        )
    (tight_up, tight_days), (loose_up, loose_days) = runs[7], runs[90]
    assert (tight_up > loose_up).sum() >= 4  # tighter limits load the township
    assert (loose_days > tight_days).sum() >= 4  # looser ones leave disputes waiting
