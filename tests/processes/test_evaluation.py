"""Officials' responses to their assessment (policy.evaluation), one at a time on a
hand-built state: disputes kept off the ledger until settled, disputes the village
holds, agreements pressed on the parties, petitions intercepted."""

from __future__ import annotations

import pytest

from sim.disputes import Channel, Level, Status
from tests.processes.states import CERTAIN_FAILURE, CERTAIN_SUCCESS, latent, quiet_model

HIDE = ("policy.evaluation.hide_unsettled=1",)
HOLD = ("policy.evaluation.hold_down=1",)


def _mediate(model, d, level=Level.VILLAGE):
    """One mediation attempt on ``d`` at ``level``, concluded today."""
    model.book.start(d, level, model.day)
    return model.attempts.conclude(d, skill=0.5, level=level)


def test_under_none_every_dispute_and_attempt_is_recorded():
    model = quiet_model(*CERTAIN_FAILURE)
    d = latent(model, severity=0.5)
    model.ladder.intake(d, Channel.SELF_REPORT)
    _mediate(model, d)
    assert not d.hidden and not d.held
    assert model.counts.recorded_attempts == model.counts.mediation_attempts == 1
    assert model.counts.recorded_successes == 0


def test_a_hidden_dispute_enters_the_ledger_only_when_a_mediator_settles_it():
    failing = quiet_model(*HIDE, *CERTAIN_FAILURE)
    d = latent(failing, severity=0.5)
    failing.ladder.intake(d, Channel.SELF_REPORT)
    _mediate(failing, d)
    assert d.hidden  # the failure was never entered
    assert (failing.counts.mediation_attempts, failing.counts.recorded_attempts) == (1, 0)
    settling = quiet_model(*HIDE, *CERTAIN_SUCCESS)
    e = latent(settling, severity=0.5)
    settling.ladder.intake(e, Channel.SELF_REPORT)
    assert e.hidden
    assert _mediate(settling, e)
    assert not e.hidden
    assert (settling.counts.recorded_attempts, settling.counts.recorded_successes) == (1, 1)


def test_courts_and_offices_record_what_reaches_them():
    model = quiet_model(*HIDE)
    filed = latent(model)
    model.ladder.intake(filed, Channel.DIRECT_FILING)
    petitioned = latent(model, household=3)
    model.offices.file(petitioned, Status.PETITION, petitioned.claimants)
    assert not filed.hidden and not petitioned.hidden


def test_a_held_dispute_never_leaves_the_village():
    # Two failures exceed the village's limit; the parties always appeal; it is severe
    # enough to be fast-tracked. Held, it stays in the village queue every time.
    rules = (*CERTAIN_FAILURE, "behaviour.responses.appeal_after_village_failure=1")
    for hold, level in ((HOLD, Level.VILLAGE), ((), Level.TOWNSHIP)):
        model = quiet_model(*rules, *hold, "policy.escalation.fast_track_severity=null")
        d = latent(model, severity=0.5)
        model.ladder.intake(d, Channel.SELF_REPORT)
        for _ in range(3):
            if d.level is Level.VILLAGE:
                _mediate(model, d)
        assert d.held is bool(hold)
        assert d.status is Status.WAITING and d.level is level
    fast = quiet_model(*HOLD)
    severe = latent(fast, severity=0.95)
    fast.ladder.intake(severe, Channel.SELF_REPORT)
    assert severe.level is Level.VILLAGE  # not fast-tracked either


def test_pressure_wins_agreements_that_then_relapse_more():
    # Without pressure the parties never agree (log-odds about -20); the pressure (+50)
    # makes them: every agreement is a pressed one.
    pressed = (
        "behaviour.mediation.base_logit=-20",
        "policy.evaluation.pressure_logit_village=50",
        "policy.evaluation.pressure_logit_township=50",
        "policy.evaluation.pressed_relapse_factor=3",
        "behaviour.relapse.chance=0.1",
    )
    model = quiet_model(*pressed)
    d = latent(model, severity=0.5)
    model.ladder.intake(d, Channel.SELF_REPORT)
    assert _mediate(model, d)
    assert d.pressed and model.counts.pressed_agreements == 1
    plain = latent(model, household=3)
    assert model.relapse.hazard(d) > model.relapse.hazard(plain)
    assert model.relapse.hazard(d) == pytest.approx(
        model.relapse._daily_hazard(min(1.0, 3 * model.params.behaviour.relapse.chance))
    )
    # An agreement the parties reach anyway is not a pressed one.
    easy = quiet_model(*CERTAIN_SUCCESS, "policy.evaluation.pressure_logit_village=1")
    e = latent(easy, severity=0.5)
    easy.ladder.intake(e, Channel.SELF_REPORT)
    assert _mediate(easy, e) and not e.pressed


def test_an_intercepted_petition_is_never_registered_and_aggrieves():
    model = quiet_model(
        "policy.evaluation.petition_interception=1", "policy.evaluation.interception_grievance=0.2"
    )
    d = latent(model)
    lead = int(d.claimants[0])
    before = float(model.attitudes.grievance[lead])
    model.offices.file(d, Status.PETITION, d.claimants)
    assert d.status is Status.LATENT and d.discovered is None  # where it was, unresolved
    assert sum(model.counts.petitions_filed.values()) == 0
    assert model.counts.petitions_intercepted[Status.PETITION.value] == 1
    assert model.attitudes.grievance[lead] == pytest.approx(before + 0.2)
    assert model.evaluation.attempts_by_village[d.village] == 1
    assert model.evaluation.recorded_by_village[d.village] == 0
    # Group petitions have their own chance: 0 here, so a group petition is registered.
    g = latent(model, household=3)
    model.offices.file(g, Status.GROUP_PETITION, g.claimants)
    assert g.status is Status.GROUP_PETITION
    assert model.evaluation.recorded_by_village[g.village] == 1


def test_intercepted_parties_are_watched_and_cannot_petition_again_at_once():
    model = quiet_model(
        "policy.evaluation.petition_interception=1",
        "policy.evaluation.watch_days=30",
        "behaviour.responses.petition_per_day=1",
        "behaviour.responses.petition_threshold=0",
        "behaviour.responses.risk_aversion=0",
    )
    d = latent(model)
    model.attitudes.grievance[d.claimants] = 1.0
    model.attitudes.trust[d.claimants] = 0.0
    model.offices.file(d, Status.PETITION, d.claimants)  # intercepted on day 0
    assert d.watched_until == 30
    model.day = 29
    model.responses.respond(d, 1.0, 1.0, 0.0)  # draws: no group, no violence, petition
    assert sum(model.counts.petitions_intercepted.values()) == 1  # no new attempt
    model.day = 30
    model.responses.respond(d, 1.0, 1.0, 0.0)
    assert sum(model.counts.petitions_intercepted.values()) == 2  # tried again, stopped


def test_a_pressed_agreement_leaves_its_parties_aggrieved():
    rules = (
        "behaviour.mediation.base_logit=-20",
        "policy.evaluation.pressure_logit_village=50",
        "policy.evaluation.pressed_grievance=0.5",
    )
    grievance = []
    for extra in ((), ("policy.evaluation.pressed_grievance=0",)):
        model = quiet_model(*rules, *extra)
        d = latent(model, severity=0.5)
        model.ladder.intake(d, Channel.SELF_REPORT)
        assert _mediate(model, d) and d.pressed
        grievance.append(float(model.attitudes.grievance[d.claimants].max()))
    assert grievance[0] > grievance[1] + 0.1  # 0.5 before the agreement's 70% relief
