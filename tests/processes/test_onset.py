"""Onset: today's new disputes enter the book latent, drawn from the onset stream alone."""

from __future__ import annotations

from sim.disputes import DisputeType, Status
from tests.processes.states import quiet_model


def test_onset_adds_latent_disputes_of_the_types_that_arise():
    model = quiet_model("behaviour.disputes.land.onset_per_household_year=5")
    model.day = 2
    model.onset.step()
    new = model.book.all
    assert len(new) > 5  # ~ 570 households x 5 a year / 365
    assert all(d.kind is DisputeType.LAND and d.arose == 2 for d in new)
    assert all(d.status is Status.LATENT for d in new)
    assert set(model.book.open) == {d.id for d in new}
    assert sum(len(model.book.latent_in_village(v)) for v in range(2)) == len(new)
    assert [d.id for d in new] == list(range(len(new)))


def test_onset_draws_only_the_onset_stream():
    a = quiet_model("behaviour.disputes.family.onset_per_household_year=5")
    b = quiet_model("behaviour.disputes.family.onset_per_household_year=5")
    for _ in range(10):  # other streams' use cannot shift what arises
        b.streams.uniforms("discovery").random()
        b.streams.uniforms("mediation").random()
    b.streams["appeal"].random(10)
    a.onset.step()
    b.onset.step()
    assert [(d.village, d.severity) for d in a.book.all] == [
        (d.village, d.severity) for d in b.book.all
    ]
