"""Prevention and informal institutions on small hand-built states: elders settle a
latent dispute before officials know of it (no trust gained), village rules strike
preventable disputes out of onset, a legal adviser lowers direct filings and relapse."""

from __future__ import annotations

import numpy as np

from sim.disputes import Channel, DisputeType, Level, Status
from sim.processes.prevention import PREVENTABLE
from sim.run import build_model
from tests.conftest import SMALL, params
from tests.processes.states import CERTAIN_FAILURE, CERTAIN_SUCCESS, latent, quiet_model, waiting

ELDERS_HEAR = ("policy/prevention=elders", "policy.prevention.elder_hearing_per_day=1")


def test_an_elder_settles_a_latent_dispute_officials_never_hear_of():
    model = quiet_model(*ELDERS_HEAR, *CERTAIN_SUCCESS)
    d = latent(model)
    model.attitudes.grievance[d.parties] = 0.5
    trust = model.attitudes.trust.copy()
    model.elders.step()
    assert d.status is Status.RESOLVED and d.level is Level.PARTIES
    assert d.discovered is None and d.channel is None  # never registered
    assert model.counts.elder_settlements == model.counts.elder_attempts == 1
    assert (model.attitudes.grievance[d.parties] < 0.5).all()  # relieved
    assert np.array_equal(model.attitudes.trust, trust)  # nothing for the institutions


def test_an_official_settlement_builds_trust_where_an_elders_does_not():
    official = quiet_model()
    d = waiting(official)
    before = official.attitudes.trust[d.parties].copy()
    official.book.resolve(d, Level.VILLAGE, 0)
    official.attitudes.resolved(d)
    assert (official.attitudes.trust[d.parties] > before).all()


def test_elders_leave_collective_disputes_alone_and_try_a_dispute_once():
    model = quiet_model(*ELDERS_HEAR, *CERTAIN_FAILURE)
    collective = latent(model, kind=DisputeType.COLLECTIVE)
    quarrel = latent(model, household=3)
    model.elders.step()
    model.elders.step()
    assert collective.status is Status.LATENT and quarrel.status is Status.LATENT
    assert model.counts.elder_attempts == 1 and model.counts.elder_settlements == 0


def test_elders_take_no_more_cases_than_their_month_allows():
    # Five elders at a fifth of a case a month: one case a month for the village.
    model = quiet_model(
        *ELDERS_HEAR, *CERTAIN_SUCCESS, "policy.prevention.elder_cases_per_month=0.2"
    )
    first, second = latent(model), latent(model, household=3)
    model.elders.step()
    assert model.counts.elder_settlements == 1
    assert [first.status, second.status].count(Status.LATENT) == 1


def test_a_county_without_elders_draws_nothing_from_their_stream():
    model = quiet_model(*CERTAIN_SUCCESS)
    d = latent(model)
    state = model.streams["elders"].bit_generator.state
    model.elders.step()
    assert d.status is Status.LATENT and model.streams["elders"].bit_generator.state == state


def test_village_rules_strike_out_only_preventable_disputes():
    model = quiet_model(
        "policy/prevention=village_rules", "policy.prevention.rules_onset_reduction=1"
    )
    kinds = list(DisputeType)
    disputes = [latent(model, household=i, kind=k) for i, k in enumerate(kinds)]
    prevented = {d.kind for d in disputes if model.village_rules.prevents(d)}
    assert prevented == set(PREVENTABLE)
    off = quiet_model()
    state = off.streams["village_rules"].bit_generator.state
    assert not any(
        off.village_rules.prevents(latent(off, household=i, kind=k)) for i, k in enumerate(kinds)
    )
    assert off.streams["village_rules"].bit_generator.state == state


def test_onset_under_village_rules_books_no_preventable_dispute():
    model = build_model(
        params(
            *SMALL,
            "seed=0",
            "policy/prevention=village_rules",
            "policy.prevention.rules_onset_reduction=1",
        )
    )
    for _ in range(60):
        model.onset.step()
        model.day += 1
    assert model.counts.disputes_prevented > 0
    assert model.book.all and all(d.kind not in PREVENTABLE for d in model.book.all)


def test_a_legal_adviser_keeps_parties_from_filing_directly():
    filing = ("behaviour.discovery.direct_filing_per_day=1",)
    plain = quiet_model(*filing)
    d = latent(plain)
    plain.reports.step()
    assert d.channel is Channel.DIRECT_FILING and d.level is Level.COUNTY
    advised = quiet_model(
        *filing, "policy/prevention=legal_advisers", "policy.prevention.adviser_filing_factor=0"
    )
    d = latent(advised)
    advised.reports.step()
    assert d.status is Status.LATENT and advised.counts.direct_filings == 0


def test_an_agreement_the_adviser_checked_relapses_less_a_private_one_the_same():
    advised = quiet_model("behaviour.relapse.chance=0.5", "policy/prevention=legal_advisers")
    plain = quiet_model("behaviour.relapse.chance=0.5")
    for model in (advised, plain):
        mediated, private = waiting(model), waiting(model, household=3)
        model.book.resolve(mediated, Level.VILLAGE, 0)
        model.book.resolve(private, Level.PARTIES, 0)
    a_mediated, a_private = advised.book.all
    p_mediated, p_private = plain.book.all
    assert advised.relapse.hazard(a_mediated) < plain.relapse.hazard(p_mediated)
    assert advised.relapse.hazard(a_private) == plain.relapse.hazard(p_private)
