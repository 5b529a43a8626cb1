"""Grid workers' and cadres' visits are looked at for every worker and cadre at once:
whole runs must equal those of workers and cadres visiting one after another, each
visit listening for every latent dispute of its village in turn, draw for draw."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from sim.disputes import Channel, Dispute
from sim.model import GovernanceModel
from sim.processes.visits import SEVERAL
from sim.run import build_model
from tests.conftest import params
from tests.processes.states import first_household_of_village, latent, quiet_model, run_through

pytestmark = pytest.mark.usefixtures("always_batched")  # small worlds, batched all the same

TWELVE_VILLAGES = ("scenario.n_villages=12", "scenario.n_townships=2", "days=200")
# Cadres' visits on many days, some missed for want of governance days; grid workers
# who hear of much, and disputes with households in several grids (collective ones).
FREQUENT = (
    "policy.visits.cadre_visit_interval_days=3",
    "policy.visits.cadre_governance_days_per_month=6.5",
    "behaviour.discovery.cadre_hearing=0.6",
    "behaviour.discovery.visit_detection=0.6",
)
LEADERS_PASS_ON = "behaviour.discovery.leader_relay=0.5"


def one_by_one(model: GovernanceModel) -> GovernanceModel:
    """The model with grid workers and cadres as plain loops: each latent dispute of a
    village tested against each grid's visits, each cadre's day in turn."""
    grid_visits, cadre_visits, book = model.grid_visits, model.cadre_visits, model.book

    def within_visits(first: np.ndarray, n: np.ndarray) -> list[Dispute]:
        pairs = []
        for disputes in book.latent_by_village.values():
            for rank, d in enumerate(disputes.values()):
                pairs += [(grid, rank, d) for grid in grid_visits.reaches(d, first, n)]
        pairs.sort(key=lambda p: (p[0], p[1]))
        return [d for _, _, d in pairs]

    def cadres_step() -> None:
        for cadre in model.cadres:
            for village in cadre.visit_villages():
                for d in book.latent_in_village(village):
                    cadre_visits.listen(d, village)

    grid_visits._within_visits = within_visits  # type: ignore[method-assign]
    cadre_visits.step = cadres_step  # type: ignore[method-assign]
    return model


@pytest.mark.parametrize(
    "overrides",
    [
        ("scenario=county_mixed", "behaviour=calibrated", "days=150"),
        (*TWELVE_VILLAGES, "policy/visits=door_to_door", *FREQUENT),
        (*TWELVE_VILLAGES, "policy/visits=leaders_only", *FREQUENT, LEADERS_PASS_ON),
    ],
    ids=["calibrated", "door_to_door", "leaders_only"],
)
def test_batched_visits_equal_workers_and_cadres_visiting_in_turn(overrides):
    for seed in (0, 1, 2):
        batched_model = build_model(params(*overrides), seed)
        plain_model = one_by_one(build_model(params(*overrides), seed))
        batched, plain = run_through(batched_model), run_through(plain_model)
        assert batched.metrics == plain.metrics
        assert batched.disputes.equals(plain.disputes) and batched.series.equals(plain.series)
        counts = dataclasses.asdict(batched_model.counts)
        assert counts == dataclasses.asdict(plain_model.counts)
        assert batched_model.visit_log == plain_model.visit_log
        channels = batched.disputes["channel"].value_counts()
        assert channels["grid_visit"] and channels["cadre_visit"]
        assert counts["cadre_visit_days"] and counts["cadre_visits_missed"]
        # Some disputes had households in several grids (the rule asked one by one).
        assert (batched_model.grid_visits._home_grid == SEVERAL).any()


def cadres_one_after_another(model: GovernanceModel, days: int) -> tuple[list, int, int, list]:
    """The cadres' visit days by the rule, each cadre's villages in a dict of due days:
    the visit log, the days spent, the visits missed and each cadre's days left."""
    visits, log, spent, missed = model.params.policy.visits, [], 0, 0
    cadres = []
    for cadre in model.cadres:
        interval = {v: model.local.visits[v].cadre_visit_interval_days for v in cadre.villages}
        cadres.append([0.0, interval, {v: (v % i if i else None) for v, i in interval.items()}])
    for day in range(days):
        for state in cadres:
            if day % visits.days_per_month == 0:
                state[0] = visits.cadre_governance_days_per_month
            for village, due in state[2].items():
                if due is None or day < due:
                    continue
                state[2][village] = due + state[1][village]
                if state[0] < 1:
                    missed += 1
                    continue
                state[0] -= 1
                spent += 1
                log.append((day, village))
    return log, spent, missed, [state[0] for state in cadres]


@pytest.mark.parametrize(
    "overrides",
    [
        ("scenario=county_mixed", "days=120"),
        (*TWELVE_VILLAGES, *FREQUENT),
        (*TWELVE_VILLAGES, "policy.visits.cadres_per_township=9", "policy/visits=fortnightly"),
    ],
    ids=["county_mixed", "frequent", "more_cadres_than_villages"],
)
def test_the_cadres_visit_days_are_those_of_cadres_one_after_another(overrides):
    model = build_model(params(*overrides), 0)
    log, spent, missed, days_left = cadres_one_after_another(model, model.params.days)
    run_through(model)
    assert model.visit_log == log and len(log) > 10
    assert (model.counts.cadre_visit_days, model.counts.cadre_visits_missed) == (spent, missed)
    assert [c.days_left for c in model.cadres] == days_left


def test_a_later_dispute_of_the_day_is_heard_with_the_trust_an_earlier_ones_event_built():
    # A cadre hears of A, whose coming to light (here: a rule where being heard builds
    # the trust of B's claimant) lets B's claimant, who trusted nobody when the day
    # began, bring B to the cadre: B goes through the rule although its chance was 0.
    model = quiet_model(
        "behaviour.discovery.cadre_hearing=1",
        "behaviour.discovery.cadre_trust_weight=1",
        "behaviour.discovery.visibility=10",  # loud enough to be heard for certain
        "policy.visits.cadre_visit_interval_days=7",  # today is village 0's visit day
        "policy.visits.cadre_visit_quality=1",  # door to door, every household reached
        "policy.visits.cadre_households_per_visit_day=100000",
    )
    a = latent(model, household=first_household_of_village(model, 0))
    b = latent(model, household=first_household_of_village(model, 0) + 1)
    trust = model.attitudes.trust
    trust[a.claimants], trust[b.claimants] = 1.0, 0.0
    intake = model.ladder.intake

    def intake_building_trust(d: Dispute, channel: Channel) -> None:
        intake(d, channel)
        trust[b.claimants] = 1.0

    model.ladder.intake = intake_building_trust  # type: ignore[method-assign]
    model.cadre_visits.step()
    assert a.channel is Channel.CADRE_VISIT and b.channel is Channel.CADRE_VISIT


@pytest.mark.parametrize("per_day", ["3", "7"])  # 7: every household of a grid, some days
def test_the_residents_visited_are_those_of_the_households_visited(per_day):
    model = build_model(
        params(
            *TWELVE_VILLAGES,
            "policy.visits.grid_households=7",
            f"policy.visits.households_visited_per_day={per_day}",
            "policy.visits.other_duties_share=0.1",
        ),
        0,
    )
    rotation, world, wrapped = model.rotation, model.world, 0
    for day in range(30):
        first, n = rotation.visit(day, model.grid_visits.grids)
        busy = np.flatnonzero(n)
        # Household by household, as a worker walks the rotation.
        households = [
            int(model.grid_visits.grid_first[g]) + (int(first[g]) + k) % int(rotation.households[g])
            for g in busy.tolist()
            for k in range(int(n[g]))
        ]
        expected = world.residents_of(np.array(households, dtype=np.int64))
        visited = model.grid_visits._visited_residents(busy, first[busy], n[busy])
        assert np.array_equal(np.sort(visited), np.sort(expected))
        assert np.unique(visited).size == visited.size
        wrapped += int((first[busy] + n[busy] > rotation.households[busy]).sum())
    assert wrapped > 0


def test_the_batched_cadre_chances_are_the_rules_chances():
    model = build_model(params("scenario=county_mixed", "behaviour=calibrated", "days=120"), 0)
    run_through(model)
    cadres, b = model.cadre_visits, model.behaviour.discovery
    disputes = [d for ds in model.book.latent_by_village.values() for d in ds.values()]
    where = [d.village for d in disputes]
    assert len(disputes) > 20 and any(d.claimants.size > 1 for d in disputes)
    claimant, chance = cadres._chances(disputes, where)
    for i, d in enumerate(disputes):
        rule = (
            b.cadre_hearing
            * cadres.reached(d, d.village)
            * cadres.openness(d, b.cadre_trust_weight)
            * cadres.visible(d)
        )
        if d.claimants.size == 1:
            assert chance[i] == min(1.0, rule * cadres.loudness(d)) and claimant[i] >= 0
        else:  # the rule is asked
            assert chance[i] == 1.0
    assert ((chance > 0) & (chance < 1)).any()
