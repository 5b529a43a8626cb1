"""The escalation ladder (entry and after failure) and the daily deadline checks."""

from __future__ import annotations

import pytest

from sim.disputes import Channel, Level, Status
from tests.processes.states import CERTAIN_FAILURE, latent, quiet_model, waiting


@pytest.mark.parametrize(
    ("channel", "severity", "entry"),
    [
        (Channel.DIRECT_FILING, 0.1, "waiting@COUNTY"),
        (Channel.SELF_REPORT, 0.9, "waiting@TOWNSHIP"),  # fast-tracked (severity >= 0.8)
        (Channel.GRID_VISIT, 0.1, "in_mediation@ON_THE_SPOT"),
        (Channel.NEIGHBOUR, 0.1, "in_mediation@ON_THE_SPOT"),
        (Channel.GRID_VISIT, 0.5, "waiting@VILLAGE"),  # too severe for the grid worker
        (Channel.CADRE_VISIT, 0.1, "waiting@VILLAGE"),
        (Channel.SELF_REPORT, 0.1, "waiting@VILLAGE"),
    ],
)
def test_intake_routes_by_channel_and_severity(channel, severity, entry):
    model = quiet_model(*CERTAIN_FAILURE)
    d = latent(model, severity=severity)
    model.ladder.intake(d, channel)
    assert d.history[0] == (0, entry)
    assert (d.channel, d.discovered) == (channel, 0)


def test_hold_at_village_never_fast_tracks():
    model = quiet_model("policy/escalation=hold_at_village")
    d = latent(model, severity=0.95)
    model.ladder.intake(d, Channel.SELF_REPORT)
    assert d.level is Level.VILLAGE


def test_a_failed_on_the_spot_attempt_goes_to_the_village_committee():
    model = quiet_model(*CERTAIN_FAILURE)
    d = latent(model, severity=0.1)
    model.ladder.intake(d, Channel.GRID_VISIT)
    assert [e for _, e in d.history] == ["in_mediation@ON_THE_SPOT", "waiting@VILLAGE"]
    assert d.id in model.book.village_queue[d.village]


def _failed_at_village(model, failures: int):
    d = waiting(model)
    for _ in range(failures):
        model.book.start(d, Level.VILLAGE, model.day)
        model.book.fail(d, 0.0)
        model.ladder.after_failure(d)
    return d


def test_after_the_village_limit_of_failures_the_dispute_goes_to_the_township():
    model = quiet_model("policy.escalation.max_failed_attempts_village=2")
    once = _failed_at_village(model, 1)
    twice = _failed_at_village(model, 2)
    assert once.status is Status.WAITING and once.level is Level.VILLAGE
    assert twice.status is Status.WAITING and twice.level is Level.TOWNSHIP
    assert twice.id in model.book.township_queue[twice.township]


def test_parties_may_appeal_a_failed_village_mediation_to_the_township():
    model = quiet_model(
        "behaviour.responses.appeal_after_village_failure=1",
        "policy.escalation.max_failed_attempts_village=5",
    )
    d = _failed_at_village(model, 1)
    assert d.level is Level.TOWNSHIP and model.counts.appeals_to_township == 1


def test_a_missed_feedback_deadline_raises_grievance_but_is_not_the_ladder():
    model = quiet_model(
        "policy.escalation.feedback_deadline_simple_days=7",
        "policy.escalation.max_days_village=null",
        "behaviour.promises.exit_after_missed=0",
    )
    late, recent = waiting(model, severity=0.1), None
    model.day = 3
    recent = waiting(model, severity=0.1, household=3)
    grievance = model.attitudes.grievance[late.claimants].copy()
    model.day = 7
    model.deadlines.step()
    # nobody took it up in 7 days: the promise is missed, but the ladder's limit decides moves
    assert late.deadline_missed and late.level is Level.VILLAGE
    assert (model.attitudes.grievance[late.claimants] > grievance).all()
    assert not recent.deadline_missed and recent.level is Level.VILLAGE
    assert model.counts.missed_deadlines == 1 and model.counts.kept_deadlines == 0


def test_parties_whose_deadline_is_missed_may_go_to_county_bodies():
    model = quiet_model(
        "policy.escalation.feedback_deadline_simple_days=7",
        "behaviour.promises.exit_after_missed=1",
    )
    d = waiting(model, severity=0.1)
    model.day = 7
    model.deadlines.step()
    assert d.level is Level.COUNTY and d.status is Status.WAITING
    assert model.counts.deadline_exits == 1


def test_a_deadline_is_kept_when_the_dispute_was_taken_up_and_the_grid_worker_has_time():
    for duties, kept in ((0.5, True), (1.0, False)):
        model = quiet_model(
            "policy.escalation.feedback_deadline_simple_days=7",
            f"policy.visits.other_duties_share={duties}",
            "behaviour.promises.exit_after_missed=0",
        )
        d = waiting(model, severity=0.1)
        model.book.start(d, Level.VILLAGE, 0, 100)  # a long mediation under way
        trust = model.attitudes.trust[d.parties].copy()
        owed = model.worker_of_grid[d.grid].visits_owed
        model.day = 7
        model.deadlines.step()
        assert d.deadline_kept is kept and d.deadline_missed is not kept
        if kept:  # the feedback visit came out of the grid worker's visiting time
            assert (model.attitudes.trust[d.parties] > trust).all()
            assert model.worker_of_grid[d.grid].visits_owed < owed
            assert model.counts.kept_deadlines == 1


def test_feedback_and_follow_ups_are_paid_for_with_rotation_visits():
    model = quiet_model(
        "policy.visits.households_visited_per_day=2",
        "policy.visits.other_duties_share=0",
        "behaviour.promises.errand_backlog_days=1",
    )
    worker = model.worker_of_grid[0]
    assert worker.spare_visits(1) and worker.spare_visits(1)
    assert not worker.spare_visits(1)  # a day's visits owed already: the errand falls through
    assert worker.visit_households() == (0, 0)  # today's visits repay the errands
    model.day = 1
    assert worker.visit_households() == (0, 2)  # the next day's visits go to the rotation


def test_a_dispute_over_the_village_day_limit_is_passed_up_unless_held_at_the_village():
    for preset, expected in (("ladder", Level.TOWNSHIP), ("hold_at_village", Level.VILLAGE)):
        model = quiet_model(
            f"policy/escalation={preset}",
            "policy.escalation.max_days_village=30",
            "policy.escalation.feedback_deadline_simple_days=null",
            "policy.escalation.feedback_deadline_complex_days=null",
        )
        d = waiting(model, severity=0.1)
        model.day = 29
        model.deadlines.step()
        assert d.level is Level.VILLAGE
        model.day = 30
        model.deadlines.step()
        assert d.level is expected, preset
