"""Village mediation, township centres and the county, and one mediation attempt."""

from __future__ import annotations

from sim.disputes import Level, Status
from tests.processes.states import CERTAIN_FAILURE, CERTAIN_SUCCESS, quiet_model, waiting

ONE_MEDIATOR = (
    "policy.staffing.mediators_per_village=1",
    "policy.staffing.mediator_cases_at_once=1",
    "policy.staffing.county_roving_mediators=0",
)


def test_a_village_mediator_takes_the_longest_waiting_case_up_to_capacity():
    model = quiet_model(*ONE_MEDIATOR, "behaviour.mediation.service_days_simple=3")
    first, second = waiting(model), waiting(model)
    model.village_mediation.step()
    mediator = next(m for m in model.mediators if m.villages == (0,))
    assert mediator.cases == [first]
    assert first.status is Status.IN_MEDIATION and first.busy_until == 3
    assert second.status is Status.WAITING


def test_a_village_mediator_concludes_due_cases_and_takes_the_next_the_same_day():
    model = quiet_model(
        *ONE_MEDIATOR, *CERTAIN_SUCCESS, "behaviour.mediation.service_days_simple=3"
    )
    first, second = waiting(model), waiting(model)
    model.village_mediation.step()
    model.day = 2
    model.village_mediation.step()  # not due yet
    assert first.status is Status.IN_MEDIATION
    model.day = 3
    model.village_mediation.step()
    assert first.status is Status.RESOLVED and first.level is Level.VILLAGE
    assert second.status is Status.IN_MEDIATION and second.level is Level.VILLAGE
    assert model.counts.mediation_attempts == model.counts.mediation_successes == 1
    assert model.ledger.yuan["subsidies_village"] > 0  # volunteers are paid per case


def test_a_failed_village_attempt_returns_to_the_queue_and_may_be_taken_again_at_once():
    model = quiet_model(
        *ONE_MEDIATOR,
        *CERTAIN_FAILURE,
        "behaviour.mediation.service_days_simple=1",
        "policy.escalation.max_failed_attempts_village=5",
    )
    d = waiting(model)
    intensity = d.intensity
    model.village_mediation.step()
    model.day = 1
    model.village_mediation.step()
    assert d.failed_here == 1 and d.intensity > intensity
    assert d.status is Status.IN_MEDIATION and d.busy_until == 2  # retaken today
    assert model.counts.mediation_successes == 0


def test_a_township_centre_runs_its_slots_and_the_county_decides_due_cases():
    model = quiet_model(
        *CERTAIN_SUCCESS,
        "policy.staffing.township_centre_slots=1",
        "behaviour.mediation.service_days_simple=2",
        "behaviour.mediation.county_service_days=4",
    )
    first, second = waiting(model, Level.TOWNSHIP), waiting(model, Level.TOWNSHIP)
    county = waiting(model, Level.VILLAGE)
    model.ladder.pass_up(county)
    model.ladder.pass_up(county)  # village -> township -> county
    assert county.status is Status.WAITING and county.level is Level.COUNTY
    model.centres.step()
    assert county.status is Status.IN_MEDIATION and model.book.county_cases == [county]
    assert model.centres.township_cases == [[first]] and second.status is Status.WAITING
    model.day = 2
    model.centres.step()
    assert first.status is Status.RESOLVED and first.level is Level.TOWNSHIP
    assert model.centres.township_cases == [[second]]
    assert county.status is Status.IN_MEDIATION
    model.day = 4
    model.centres.step()
    assert county.status is Status.RESOLVED and county.level is Level.COUNTY
    assert model.book.county_cases == []


def test_success_is_less_likely_for_severe_disputes_and_more_likely_at_the_township():
    model = quiet_model()
    mild, severe = waiting(model, severity=0.1), waiting(model, severity=0.9)
    chance = model.attempts.success_probability
    assert chance(severe, 0.5, Level.VILLAGE) < chance(mild, 0.5, Level.VILLAGE)
    assert chance(mild, 0.5, Level.TOWNSHIP) > chance(mild, 0.5, Level.VILLAGE)
    assert chance(mild, 0.5, Level.ON_THE_SPOT) < chance(mild, 0.5, Level.VILLAGE)
    assert chance(mild, 0.9, Level.VILLAGE) > chance(mild, 0.1, Level.VILLAGE)


def test_each_mediators_time_comes_in_daily_up_to_their_cap():
    # Volunteers and a full-time roving mediator, each spent down to a different level:
    # every day each one's time follows the one-mediator rule, min(cap, left + a day's).
    model = quiet_model(
        "policy.staffing.mediators_per_village=2", "policy.staffing.county_roving_mediators=1"
    )
    staffing, month = model.params.policy.staffing, model.params.policy.visits.days_per_month
    staff = list(model.mediators)
    assert {m.full_time for m in staff} == {False, True}
    for i, m in enumerate(staff):
        per_month = (
            staffing.full_time_days_per_month if m.full_time else staffing.volunteer_days_per_month
        )
        assert m.days_left == per_month  # the first month's time
        assert m.days_per_day == per_month / month
        assert m.days_cap == max(per_month, model.attempts.largest_effort)
        m.days_left = 0.3 * i
    expected = [m.days_left for m in staff]
    for day in range(70):
        model.day = day
        model.village_mediation.step()
        expected = [
            min(m.days_cap, left + m.days_per_day) for m, left in zip(staff, expected, strict=True)
        ]
        assert [m.days_left for m in staff] == expected
    assert [m.days_left for m in staff] == [m.days_cap for m in staff]  # all reached it
