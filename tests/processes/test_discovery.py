"""Reports and tips, grid-worker visits, cadre visit days, campaigns."""

from __future__ import annotations

from sim.disputes import Channel, Level, Status
from tests.processes.states import (
    CERTAIN_FAILURE,
    CERTAIN_SUCCESS,
    first_household_of_village,
    latent,
    quiet_model,
)

# A fresh dispute is half as visible; loudness 1 + 10 x intensity 0.1 doubles it back,
# and trust does not hide it: a listener with base chance 1 hears of it for certain.
SEEN_FOR_CERTAIN = (
    "behaviour.discovery.visibility=10",
    "behaviour.discovery.visit_trust_weight=0",
    "behaviour.discovery.cadre_trust_weight=0",
)
# Cadre visit days spent door to door that reach every household of a village.
DOOR_TO_DOOR_EVERYWHERE = (
    "policy.visits.cadre_visit_quality=1",
    "policy.visits.cadre_households_per_visit_day=100000",
)


def test_private_settlement_resolves_among_the_parties_without_building_institutional_trust():
    model = quiet_model("behaviour.discovery.self_settle_per_day=1")
    d = latent(model)
    trust_before = model.attitudes.trust.copy()
    model.attitudes.grievance[d.parties] = 0.5
    model.reports.step()
    assert d.status is Status.RESOLVED and d.level is Level.PARTIES
    assert d.discovered is None  # never registered
    assert (model.attitudes.trust == trust_before).all()  # nobody from the institutions came
    assert (model.attitudes.grievance[d.parties] < 0.5).all()  # but the matter is settled


def test_a_self_report_queues_the_dispute_at_its_village():
    model = quiet_model("behaviour.discovery.self_report_per_day=1")
    model.attitudes.trust[:] = 1.0  # reports are as likely as trust makes them
    d = latent(model)
    model.reports.step()
    assert (d.status, d.level, d.channel, d.discovered) == (
        Status.WAITING,
        Level.VILLAGE,
        Channel.SELF_REPORT,
        0,
    )
    assert d.id in model.book.village_queue[d.village]


def test_a_neighbours_tip_about_a_mild_dispute_is_settled_on_the_spot_at_once():
    model = quiet_model(
        "behaviour.discovery.neighbour_tip_per_day=1",
        "policy.visits.other_duties_share=0",
        *CERTAIN_SUCCESS,
    )
    mild, severe = latent(model, severity=0.1), latent(model, household=5, severity=0.6)
    model.reports.step()
    assert mild.status is Status.RESOLVED and mild.level is Level.ON_THE_SPOT
    assert mild.history == [(0, "in_mediation@ON_THE_SPOT"), (0, "resolved@ON_THE_SPOT")]
    assert severe.status is Status.WAITING and severe.level is Level.VILLAGE
    assert model.counts.mediation_attempts == 1


def test_a_direct_filing_goes_to_the_county_at_once():
    model = quiet_model("behaviour.discovery.direct_filing_per_day=1")
    d = latent(model)
    model.reports.step()
    assert d.status is Status.WAITING and d.level is Level.COUNTY
    assert list(model.book.county_queue.values()) == [d]
    assert model.counts.direct_filings == 1 and model.counts.county_cases == 1
    model.centres.step()  # county bodies have a free slot: they take it up today
    assert d.status is Status.IN_MEDIATION and model.book.county_cases == [d]


def test_grid_workers_find_disputes_only_at_the_households_they_visit_today():
    model = quiet_model(
        "behaviour.discovery.visit_detection=1",
        *SEEN_FOR_CERTAIN,
        "policy.visits.households_visited_per_day=2",
        "policy.visits.other_duties_share=0",
        *CERTAIN_FAILURE,  # a found dispute fails on the spot and waits at the village
    )
    visited = [latent(model, household=h) for h in (0, 1)]
    unvisited = latent(model, household=2)
    model.grid_visits.step()
    assert all(d.channel is Channel.GRID_VISIT for d in visited)
    assert all(d.status is Status.WAITING and d.level is Level.VILLAGE for d in visited)
    assert unvisited.status is Status.LATENT
    model.day = 1
    model.grid_visits.step()  # the rotation moves on to the next two households
    assert unvisited.channel is Channel.GRID_VISIT


def test_grid_workers_do_not_visit_on_their_days_off():
    model = quiet_model(
        "behaviour.discovery.visit_detection=1", "policy.visits.working_days_per_week=5"
    )
    d = latent(model)
    model.day = 5  # the sixth day of the week
    model.grid_visits.step()
    assert d.status is Status.LATENT


def test_cadres_hear_of_disputes_in_the_village_they_visit_today():
    model = quiet_model(
        "behaviour.discovery.cadre_hearing=1",
        "policy.visits.cadre_visit_interval_days=7",
        *DOOR_TO_DOOR_EVERYWHERE,
        *SEEN_FOR_CERTAIN,
    )
    # Village v's visit day is v modulo the interval: today (day 0) is village 0's.
    here = latent(model, household=first_household_of_village(model, 0))
    elsewhere = latent(model, household=first_household_of_village(model, 1))
    model.cadre_visits.step()
    assert here.channel is Channel.CADRE_VISIT and here.status is Status.WAITING
    assert elsewhere.status is Status.LATENT
    assert model.visit_log == [(0, 0)] and model.counts.cadre_visit_days == 1


def test_a_campaign_screens_every_village_on_its_day_only():
    model = quiet_model(
        "policy/visits=campaign_only",
        "policy.visits.campaign_interval_days=10",
        "behaviour.discovery.campaign_hearing=1",
    )
    disputes = [latent(model, household=first_household_of_village(model, v)) for v in (0, 1)]
    model.day = 8
    model.campaigns.step()
    assert all(d.status is Status.LATENT for d in disputes) and model.counts.campaign_days == 0
    model.day = 9
    model.campaigns.step()
    assert all(d.channel is Channel.CAMPAIGN for d in disputes)
    assert model.counts.campaign_days == 2  # one cadre day per village
