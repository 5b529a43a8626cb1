"""Relapse of recently resolved disputes; the daily drift of trust and grievance."""

from __future__ import annotations

import numpy as np

from sim.disputes import Level, Status
from tests.processes.states import quiet_model, waiting


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
    assert model.relapse.hazard(mediated) < model.relapse.hazard(private)
    no_visits = quiet_model(
        "behaviour.relapse.chance=0.5", "policy.escalation.follow_up_visits=false"
    )
    assert no_visits.relapse.hazard(mediated) == no_visits.relapse.hazard(private)


def test_trust_drifts_back_and_grievance_fades():
    model = quiet_model(
        "behaviour.attitudes.trust_relax_per_day=0.5",
        "behaviour.attitudes.grievance_decay_per_day=0.25",
    )
    attitudes = model.attitudes
    initial = attitudes.initial_trust.copy()
    attitudes.trust[:] = 0.0
    attitudes.grievance[:] = 0.8
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
