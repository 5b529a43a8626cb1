"""The policy levers on small hand-built states: what a grid worker's visit learns,
neighbours' tips along ties, cadre visit quality, mediators' time budgets, the county's
slots and queue, and the per-case subsidy."""

from __future__ import annotations

import numpy as np

from sim.disputes import Channel, Complexity, DisputeType, Level, Status
from tests.processes.states import (
    CERTAIN_FAILURE,
    CERTAIN_SUCCESS,
    first_household_of_village,
    latent,
    quiet_model,
    waiting,
)


def test_a_visit_learns_more_from_trusting_households_older_disputes_and_visible_types():
    model = quiet_model("behaviour.discovery.visit_trust_weight=0.5")
    visits = model.grid_visits
    d = latent(model)
    model.attitudes.trust[d.claimants] = 1.0
    trusting = visits.openness(d, 0.5)
    model.attitudes.trust[d.claimants] = 0.2
    assert visits.openness(d, 0.5) < trusting == 1.0
    fresh = visits.visible(d)
    model.day = 60
    assert fresh == 0.5 and visits.visible(d) > 0.9
    family = latent(model, kind=DisputeType.FAMILY)
    model.day = 600
    assert visits.visible(family) < visits.visible(d)


def test_a_collective_dispute_is_found_from_any_of_its_households():
    model = quiet_model(
        "behaviour.discovery.visit_detection=1",
        "behaviour.discovery.visibility=10",
        "behaviour.discovery.visit_trust_weight=0",
        "policy.visits.households_visited_per_day=1",
        "policy.visits.other_duties_share=0",
        *CERTAIN_FAILURE,
    )
    world = model.world
    d = latent(model, kind=DisputeType.COLLECTIVE, severity=0.5)
    far = 7  # a household of the same grid, seven slots along the rotation
    assert world.household_grid[far] == d.grid
    d.claimants = np.array([world.household_first[0], world.household_first[far]])
    worker = model.worker_of_grid[d.grid]
    worker.next_slot = int(world.household_slot[far])  # today's visit is to the far household
    model.grid_visits.step()
    assert d.channel is Channel.GRID_VISIT


def test_a_tip_needs_a_tie_in_the_village_who_knows_and_more_ties_tip_more():
    model = quiet_model(
        "behaviour.discovery.neighbour_tip_per_day=0.1", "policy.visits.other_duties_share=0"
    )
    reports = model.reports
    alone, known, collective = latent(model), latent(model, household=3), latent(model, household=6)
    alone.linked = np.empty(0, dtype=np.int64)
    known.linked = known.linked[:5]
    village = model.world.resident_village
    collective.linked = np.flatnonzero(village == collective.village)[:50]
    assert reports.tip_chance(alone, 1.0) == 0.0
    assert 0 < reports.tip_chance(known, 1.0) < reports.tip_chance(collective, 1.0)
    busy = quiet_model(
        "behaviour.discovery.neighbour_tip_per_day=0.1", "policy.visits.other_duties_share=1"
    )
    assert busy.reports.tip_chance(latent(busy), 1.0) == 0.0  # no grid worker to tell


def test_a_cadre_meeting_only_the_leaders_hears_only_what_they_pass_on():
    common = (
        "behaviour.discovery.cadre_hearing=1",
        "behaviour.discovery.visibility=10",
        "behaviour.discovery.cadre_trust_weight=0",
        "policy.visits.cadre_visit_interval_days=7",
        "policy.visits.cadre_households_per_visit_day=100000",
    )
    leaders = quiet_model(
        *common, "policy.visits.cadre_visit_quality=0", "behaviour.discovery.leader_relay=0"
    )
    door = quiet_model(*common, "policy.visits.cadre_visit_quality=1")
    found = {}
    for name, model in (("leaders", leaders), ("door", door)):
        d = latent(model, household=first_household_of_village(model, 0))
        model.cadre_visits.step()
        found[name] = d.channel is Channel.CADRE_VISIT
    assert found == {"leaders": False, "door": True}


def test_distrust_keeps_parties_from_bringing_a_dispute_to_a_cadre():
    model = quiet_model("behaviour.discovery.cadre_trust_weight=1")
    d = latent(model)
    model.attitudes.trust[d.claimants] = 0.0
    assert model.cadre_visits.openness(d, 1.0) == 0.0


def test_a_volunteer_takes_a_case_only_when_their_month_has_the_days_it_takes():
    model = quiet_model(
        "policy.staffing.mediators_per_village=1",
        "policy.staffing.volunteer_days_per_month=1",
        "behaviour.mediation.effort_days_general=2",
        "behaviour.mediation.effort_days_simple=0.5",
        *CERTAIN_SUCCESS,
    )
    mediator = next(m for m in model.mediators if m.villages == (0,))
    simple = waiting(model, severity=0.1)
    general = waiting(model, severity=0.4, household=3)
    assert general.complexity is Complexity.GENERAL
    model.village_mediation.step()
    assert simple.status is Status.IN_MEDIATION  # half a day of the month's one
    assert general.status is Status.WAITING and model.counts.mediator_time_short >= 1
    days = 0
    while general.status is Status.WAITING and days < 60:
        days += 1
        model.day = days
        model.village_mediation.step()
    assert general.status is not Status.WAITING and days > 20  # it waited for the days to come
    assert mediator.days_left < 1


def test_a_full_time_mediator_has_more_days_than_a_volunteer():
    volunteer = quiet_model("policy.staffing.mediators_per_village=1")
    full = quiet_model(
        "policy.staffing.mediators_per_village=1", "policy.staffing.mediator_type=full_time"
    )
    v = next(iter(volunteer.mediators)).days_per_day
    f = next(iter(full.mediators)).days_per_day
    assert f > 2 * v > 0


def test_county_bodies_hear_a_few_cases_at_once_and_slow_down_when_cases_queue():
    model = quiet_model(
        "behaviour.mediation.county_slots_per_10k=0.0001",  # one slot
        "behaviour.mediation.county_service_days=10",
        "behaviour.mediation.county_congestion=1",
    )
    assert model.centres.county_slots == 1
    first, second, _third = (waiting(model, Level.COUNTY, household=h) for h in (0, 3, 6))
    model.centres.step()
    assert first.status is Status.IN_MEDIATION and second.status is Status.WAITING
    assert first.busy_until == 10 * (1 + 2)  # two cases queued behind it per slot
    assert model.counts.county_queued == 2
    model.day = first.busy_until
    model.centres.step()
    assert first.status is Status.RESOLVED and first.level is Level.COUNTY
    assert second.status is Status.IN_MEDIATION and second.busy_until == model.day + 10 * 2


def test_queued_county_cases_keep_intensifying_and_aggrieving():
    model = quiet_model("behaviour.attitudes.grievance_wait_per_day=0.1")
    d = waiting(model, Level.COUNTY)
    intensity, grievance = d.intensity, model.attitudes.grievance[d.claimants].copy()
    model.responses.step()
    assert d.intensity > intensity and (model.attitudes.grievance[d.claimants] > grievance).all()


def test_the_per_case_subsidy_is_paid_once_and_only_for_a_success():
    for rule, paid in ((CERTAIN_FAILURE, 0.0), (CERTAIN_SUCCESS, 30.0)):
        model = quiet_model(*rule, "costs.village_subsidy_simple=30")
        d = waiting(model, severity=0.1)
        model.book.start(d, Level.VILLAGE, 0)
        model.attempts.conclude(d, 0.5, Level.VILLAGE)
        assert model.ledger.yuan["subsidies_village"] == paid
    model = quiet_model(*CERTAIN_SUCCESS)
    d = waiting(model, severity=0.1)
    d.subsidised = True  # paid before, at an earlier resolution that relapsed
    model.book.start(d, Level.VILLAGE, 0)
    model.attempts.conclude(d, 0.5, Level.VILLAGE)
    assert model.ledger.yuan["subsidies_village"] == 0.0
