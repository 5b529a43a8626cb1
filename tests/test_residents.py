"""Residents cost nothing until a dispute touches them: their state is arrays, and a
``Resident`` agent exists exactly for the parties of the disputes that have arisen."""

from __future__ import annotations

import numpy as np
import pytest

from sim.agents import Resident
from sim.disputes import Status
from sim.run import build_model
from tests.conftest import SMALL, params, run_days
from tests.processes.states import latent


def test_a_new_county_has_no_resident_objects():
    model = build_model(params(*SMALL))
    assert model.world.n_residents > 1000
    assert Resident not in model.agents_by_type or not model.agents_by_type[Resident]
    assert len(model.residents) == model.world.n_residents  # every resident, by index


def test_the_parties_of_every_dispute_and_nobody_else_become_agents():
    model = run_days(200)
    parties = {int(r) for d in model.book.all for r in d.parties}
    assert len(model.book) > 5
    agents = model.agents_by_type[Resident]
    assert {a.index for a in agents} == parties == set(model.residents.agents)
    assert len(agents) < model.world.n_residents / 5


def test_a_resident_petitions_on_net_grievance_and_skips_levels_when_distrustful():
    model = build_model(params(*SMALL))
    rule = model.params.behaviour.responses
    calm, angry = model.residents[0], model.residents[1]
    model.attitudes.grievance[1] = 1.0
    model.attitudes.trust[[0, 1]] = 0.0
    assert angry.petition_chance(0.0, rule) > calm.petition_chance(0.0, rule)
    assert angry.petition_kind(rule) is Status.SKIP_LEVEL_PETITION
    model.attitudes.trust[1] = 1.0
    assert angry.petition_kind(rule) is Status.PETITION
    assert angry.net_grievance(0.0) == 0.0  # full trust: no grievance is acted on
    group = Resident.join_group(model, np.array([0, 1, 2]), 0.0, -0.5)
    assert group.tolist() == [0, 1, 2]  # a threshold below zero: everyone joins


def test_parties_accept_an_agreement_more_readily_the_more_they_trust():
    model = build_model(params(*SMALL, "behaviour.attitudes.trust_acceptance_effect=2"))
    mean = model.params.behaviour.attitudes.trust_mean
    parties = np.array([3, 4])
    model.attitudes.trust[parties] = mean
    assert Resident.accept_logit(model, parties) == 0.0  # at the mean trust: no effect
    model.attitudes.trust[parties] = [mean + 0.2, mean + 0.4]
    assert Resident.accept_logit(model, parties) == pytest.approx(2 * 0.3)
    model.attitudes.trust[parties] = 0.0
    assert Resident.accept_logit(model, parties) == pytest.approx(-2 * mean)
    off = build_model(params(*SMALL, "behaviour.attitudes.trust_acceptance_effect=0"))
    assert Resident.accept_logit(off, parties) == 0.0


def test_claimants_report_and_tell_a_visitor_more_the_more_they_trust():
    trust = np.array([0.0, 0.4, 0.9, 1.0])
    assert np.all(np.diff(Resident.report_chance(trust, 0.02)) > 0)
    assert Resident.report_chance(1.0, 0.02) == 0.02  # the base chance at full trust
    told = Resident.openness(trust, 0.6)
    assert np.all(np.diff(told) > 0) and told[-1] == 1.0 and told[0] == pytest.approx(0.4)
    assert np.all(Resident.openness(trust, 0.0) == 1.0)  # a channel trust does not matter to
    # The discovery processes read the claimants' trust through these rules.
    model = build_model(params(*SMALL))
    reports = model.reports
    d = latent(model)
    model.attitudes.trust[d.claimants] = 0.3
    assert reports.openness(d, 0.6) == Resident.openness(0.3, 0.6)
    before = reports.found_chances(d)[0]
    model.attitudes.trust[d.claimants] = 0.6
    assert reports.found_chances(d)[0] == pytest.approx(2 * before)
