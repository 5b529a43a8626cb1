"""Letters-and-visits offices: a petition is received, answered by its deadline and
resolved, sent back down or repeated higher (S42); case ownership and the relief fund."""

from __future__ import annotations

import numpy as np

from sim.disputes import Complexity, DisputeType, Level, Status
from tests.processes.states import latent, quiet_model, waiting

SURE_NO = ("behaviour.petitions.resolve_logit=-50",)
SURE_YES = ("behaviour.petitions.resolve_logit=50",)


def _answer_day(model, d) -> None:
    model.day = d.petition_due
    model.petitions.step()


def test_a_petition_is_answered_by_the_regulations_deadline():
    model = quiet_model(*SURE_YES)
    simple, complex_ = waiting(model), waiting(model, household=3, severity=0.9)
    complex_.complexity = Complexity.COMPLEX
    model.offices.file(simple, Status.PETITION, simple.claimants)
    model.offices.file(complex_, Status.PETITION, complex_.claimants)
    assert simple.petition_due == 15 + 60 and complex_.petition_due == 15 + 60 + 30
    assert simple.petition_office == 0  # the township office takes a first petition
    model.day = 74
    model.petitions.step()
    assert simple.status is Status.PETITION  # not yet
    _answer_day(model, simple)
    assert simple.status is Status.RESOLVED and simple.level is Level.LETTERS_AND_VISITS
    assert complex_.status is Status.PETITION
    assert model.counts.petitions_resolved == 1


def test_a_latent_dispute_comes_to_light_through_its_petition():
    model = quiet_model()
    d = latent(model)
    model.offices.file(d, Status.PETITION, d.claimants)
    assert d.discovered == 0 and d.channel.value == "petition"


def test_an_unresolved_petition_is_sent_back_down_to_the_township():
    model = quiet_model(*SURE_NO, "behaviour.petitions.send_back_share=1")
    d = waiting(model)
    model.offices.file(d, Status.PETITION, d.claimants)
    _answer_day(model, d)
    assert d.status is Status.WAITING and d.level is Level.TOWNSHIP
    assert d.id in model.book.township_queue[d.township]
    assert model.counts.petitions_sent_back == 1
    assert model.attitudes.grievance[d.claimants].min() > 0  # the answer failed them


def test_an_unsatisfied_petitioner_asks_for_review_then_the_claim_is_closed():
    model = quiet_model(
        *SURE_NO,
        "behaviour.petitions.send_back_share=0",
        "behaviour.petitions.repeat_chance=1",
        "behaviour.responses.skip_level_trust=0",
    )
    d = waiting(model)
    model.attitudes.trust[d.claimants] = 0.2
    model.offices.file(d, Status.PETITION, d.claimants)
    _answer_day(model, d)
    assert d.status is Status.PETITION and d.petition_round == 1 and d.petition_office == 1
    assert d.petition_due == model.day + 30  # a review takes 30 days (Art. 35)
    _answer_day(model, d)
    assert d.petition_round == 2  # re-examination (Art. 36)
    _answer_day(model, d)
    assert d.petition_closed and d.status is Status.WAITING  # not accepted again
    assert d.petitions == 3 and model.counts.repeat_petitions == 2
    assert model.counts.petitions_filed["petition"] == 3


def test_a_closed_claim_is_not_petitioned_again():
    model = quiet_model("behaviour.responses.petition_per_day=1")
    d = waiting(model)
    d.petition_closed = True
    model.attitudes.grievance[d.claimants] = 1.0
    model.attitudes.trust[d.claimants] = 0.0
    model.responses.step()
    assert d.status is Status.WAITING


def test_case_ownership_answers_hard_cases_sooner_and_more_often():
    owned = quiet_model("policy/petitions=case_ownership")
    plain = quiet_model()
    for model in (owned, plain):
        d = waiting(model)
        model.offices.file(d, Status.GROUP_PETITION, np.arange(8))
        model.offices.file(waiting(model, household=3), Status.PETITION, np.arange(1))
    hard_owned, easy_owned = owned.book.all
    hard_plain = plain.book.all[0]
    assert hard_owned.owned and not easy_owned.owned and owned.counts.owned_cases == 1
    assert hard_owned.petition_due == 30 < hard_plain.petition_due
    assert owned.offices.resolve_chance(hard_owned) > plain.offices.resolve_chance(hard_plain)


def test_the_relief_fund_closes_hard_cases_while_its_budget_lasts():
    model = quiet_model(
        *SURE_NO,
        "policy/petitions=relief_fund",
        "policy.petitions.relief_fund_yuan=200000",
        "policy.petitions.relief_per_case=124000",
        "policy.petitions.relief_acceptance=1",
        "behaviour.petitions.send_back_share=1",
    )
    first, second = waiting(model), waiting(model, household=3)
    individual = waiting(model, household=6)
    for d in (first, second):
        model.offices.file(d, Status.GROUP_PETITION, np.arange(6))
    model.offices.file(individual, Status.PETITION, individual.claimants)
    _answer_day(model, first)
    assert first.status is Status.RESOLVED  # closed with money
    assert second.status is Status.WAITING  # the fund ran out
    assert individual.status is Status.WAITING  # not a hard case
    assert model.counts.relief_cases == 1


def test_a_group_petition_forms_from_linked_residents_sharing_a_grievance():
    model = quiet_model(
        "behaviour.responses.group_per_day=1",
        "behaviour.responses.group_min_size=5",
        "behaviour.petitions.group_cap=6",
    )
    d = waiting(model, kind=DisputeType.COLLECTIVE)
    alone = waiting(model, household=3)
    att = model.attitudes
    att.trust[:] = 0.2
    group = np.concatenate([d.claimants, d.linked])
    assert group.size >= 6
    att.grievance[group] = 1.0
    att.grievance[alone.claimants] = 1.0  # one aggrieved resident is not a group
    model.responses.step()
    assert d.status is Status.GROUP_PETITION and d.group_size == 6  # capped
    assert model.counts.group_petitioners == 6
    assert alone.status is not Status.GROUP_PETITION


def test_a_petition_during_mediation_releases_the_mediator():
    model = quiet_model("behaviour.responses.petition_per_day=1")
    d = waiting(model)
    model.village_mediation.step()
    assert d.status is Status.IN_MEDIATION
    model.attitudes.grievance[d.claimants] = 1.0
    model.attitudes.trust[d.claimants] = 0.5
    model.responses.step()
    assert d.status is Status.PETITION
    model.day += 1
    model.village_mediation.step()
    assert all(d not in m.cases for m in model.mediators)


def test_an_owning_cadre_takes_an_unresolved_case_back_down_instead_of_a_review():
    model = quiet_model(
        *SURE_NO,
        "policy/petitions=case_ownership",
        "behaviour.petitions.send_back_share=0",
        "behaviour.petitions.repeat_chance=1",
    )
    d = waiting(model)
    model.offices.file(d, Status.GROUP_PETITION, np.arange(6))
    _answer_day(model, d)
    assert d.status is Status.WAITING and d.level is Level.TOWNSHIP
    assert model.counts.repeat_petitions == 0
