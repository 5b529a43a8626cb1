"""Residents' responses: intensification, grievance, petitions and criminal turns."""

from __future__ import annotations

from sim.disputes import Channel, DisputeType, Level, Status
from tests.processes.states import latent, quiet_model, waiting


def test_a_waiting_dispute_intensifies_and_raises_grievance_one_in_mediation_does_not():
    model = quiet_model()
    idle, handled = waiting(model), waiting(model, household=3)
    model.book.start(handled, Level.VILLAGE, model.day)
    before = idle.intensity, handled.intensity
    model.responses.step()
    assert idle.intensity > before[0] and handled.intensity == before[1]
    assert model.attitudes.grievance[idle.claimants].min() > 0
    assert model.attitudes.grievance[handled.claimants].max() == 0


def test_an_aggrieved_distrustful_claimant_petitions_skipping_levels():
    model = quiet_model("behaviour.responses.petition_per_day=1")
    d = latent(model)
    calm = latent(model, household=3)
    model.attitudes.grievance[d.claimants] = 1.0
    model.attitudes.trust[d.claimants] = 0.0
    model.responses.step()
    assert d.status is Status.SKIP_LEVEL_PETITION and d.ended is None  # a stage, not an end
    assert d.channel is Channel.PETITION and d.id in model.book.petition_cases
    assert model.counts.petitions_filed["skip_level_petition"] == 1
    assert calm.status is Status.LATENT


def test_an_intense_interpersonal_dispute_may_turn_criminal():
    model = quiet_model("behaviour.responses.criminal_per_day=1")
    d = latent(model, kind=DisputeType.NEIGHBOUR, intensity=1.0)
    mild = latent(model, household=3, intensity=0.1)
    model.responses.step()
    assert d.status is Status.CRIMINAL and mild.status is Status.LATENT


def test_grievance_raises_the_chance_of_violence():
    model = quiet_model(
        "behaviour.responses.criminal_intensity=0.5",
        "behaviour.responses.criminal_grievance_weight=3",
        "behaviour.responses.criminal_per_day=0.1",
    )
    d = latent(model, kind=DisputeType.NEIGHBOUR, intensity=0.75)
    rule = model.params.behaviour.responses
    base = rule.criminal_per_day * 0.5
    assert model.responses.turns_criminal(d, base * 0.99)  # below the calm hazard
    assert not model.responses.turns_criminal(d, base * 1.01)
    model.attitudes.grievance[d.respondents] = 1.0  # the most aggrieved party counts
    assert model.responses.turns_criminal(d, base * 3.9)
    collective = latent(model, household=3, kind=DisputeType.COLLECTIVE, intensity=1.0)
    assert not model.responses.turns_criminal(collective, 0.0)  # no 民转刑 over requisition
