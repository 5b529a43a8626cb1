"""Relapse of recently resolved disputes; the daily drift of trust and grievance."""

from __future__ import annotations

import numpy as np

from sim.disputes import Channel, Level, Status
from tests.processes.states import CERTAIN_FAILURE, quiet_model, waiting


def test_a_resolved_dispute_relapses_within_its_window_only():
    model = quiet_model(
        "behaviour.relapse.chance=1",
        "behaviour.relapse.window_days=30",
        "policy.escalation.follow_up_visits=false",  # a daily hazard of 1
    )
    soon, old = waiting(model), waiting(model, household=3)
    model.book.resolve(old, Level.VILLAGE, model.day)
    model.day = 20
    model.book.resolve(soon, Level.VILLAGE, model.day)
    model.day = 30
    model.relapse.step()
    assert soon.status is Status.LATENT and soon.relapses == 1 and soon.level is None
    assert old.status is Status.RESOLVED and not model.book.recently_resolved
    assert model.counts.relapses == 1


def test_a_follow_up_visit_lowers_the_relapse_hazard_of_mediated_resolutions_only():
    model = quiet_model("behaviour.relapse.chance=0.5", "behaviour.relapse.follow_up_factor=0.5")
    mediated, private = waiting(model), waiting(model, household=3)
    model.book.resolve(mediated, Level.VILLAGE, 0)
    model.book.resolve(private, Level.PARTIES, 0)
    trust = model.attitudes.trust[mediated.parties].copy()
    model.day = model.params.behaviour.promises.follow_up_delay_days
    model.relapse.step()  # the follow-up visit falls due: the grid worker has the time
    assert mediated.followed_up and not private.followed_up
    assert model.counts.follow_ups == 1
    assert (model.attitudes.trust[mediated.parties] > trust).all()
    assert model.relapse.hazard(mediated) < model.relapse.hazard(private)
    no_visits = quiet_model(
        "behaviour.relapse.chance=0.5", "policy.escalation.follow_up_visits=false"
    )
    d = waiting(no_visits)
    no_visits.book.resolve(d, Level.VILLAGE, 0)
    no_visits.day = no_visits.params.behaviour.promises.follow_up_delay_days
    no_visits.relapse.step()
    assert not d.followed_up and no_visits.counts.follow_ups == 0


def test_a_grid_worker_without_time_misses_the_follow_up_visit():
    model = quiet_model("policy.visits.other_duties_share=1")
    d = waiting(model)
    model.book.resolve(d, Level.VILLAGE, 0)
    model.day = model.params.behaviour.promises.follow_up_delay_days
    model.relapse.step()
    assert not d.followed_up and model.counts.follow_ups_missed == 1


def test_a_followed_up_relapse_comes_to_the_grid_worker_at_once():
    model = quiet_model(
        "behaviour.relapse.chance=1",
        "behaviour.relapse.follow_up_factor=1",
        "behaviour.relapse.follow_up_catch=1",
        "behaviour.relapse.window_days=1000",
        *CERTAIN_FAILURE,
    )
    d = waiting(model, severity=0.5)
    model.book.resolve(d, Level.VILLAGE, 0)
    model.book.follow_up(d)
    # the window's chance is 1 over 1,000 days: draw until it relapses
    for day in range(1, 1000):
        model.day = day
        model.relapse.step()
        if d.relapses:
            break
    assert d.relapses == 1 and d.channel is Channel.GRID_VISIT and d.status is Status.WAITING
    assert model.counts.relapses_caught == 1


def test_trust_drifts_back_and_grievance_fades():
    model = quiet_model(
        "behaviour.attitudes.trust_relax_per_day=0.5",
        "behaviour.attitudes.grievance_decay_per_day=0.25",
    )
    attitudes = model.attitudes
    initial = attitudes.initial_trust.copy()
    attitudes.trust[:] = 0.0
    attitudes.grievance[:] = 0.8
    attitudes.may_grieve(np.arange(attitudes.grievance.size))  # written directly: say so
    attitudes.step()
    assert np.allclose(attitudes.trust, 0.5 * initial)
    assert np.allclose(attitudes.grievance, 0.6)


def test_a_resolution_builds_the_parties_trust_and_a_failure_erodes_it():
    model = quiet_model()
    d = waiting(model)
    attitudes = model.attitudes
    before = attitudes.trust[d.parties].copy()
    attitudes.resolved(d)
    after_resolution = attitudes.trust[d.parties].copy()
    attitudes.failed(d)
    assert (after_resolution > before).all()
    assert (attitudes.trust[d.parties] < after_resolution).all()
    assert (attitudes.grievance[d.claimants] > 0).all()
