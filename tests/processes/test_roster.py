"""The residents' responses done for many disputes at once give the numbers of doing them
one dispute at a time (``responses.Responses.step``, ``roster.Roster``)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator

import numpy as np
import pytest

from sim.disputes import DisputeType, Status
from sim.model import GovernanceModel
from sim.processes.responses import Responses
from sim.run import build_model
from tests.conftest import SMALL, params
from tests.processes.states import first_household_of_village, latent, quiet_model

pytestmark = pytest.mark.usefixtures("always_batched")


def one_by_one(responses: Responses) -> None:
    """The day's responses as the rule reads, whatever the number of disputes."""
    responses.one_by_one(list(responses.model.book.open.values()))


def state(model) -> tuple:
    book = model.book
    return (
        model.attitudes.trust.tobytes(),
        model.attitudes.grievance.tobytes(),
        [(d.id, d.status, d.intensity, d.petitions, d.watched_until) for d in book.all],
        dict(model.counts.petitions_filed),
        dict(model.counts.petitions_intercepted),
    )


# Petitions, group petitions, interceptions and violence all happen often here, in a
# four villages with many disputes, which often share residents (ties, neighbours).
BUSY = (
    "scenario.n_villages=4",
    "behaviour=calibrated",
    "policy/evaluation=one_vote_veto",
    "behaviour.responses.petition_per_day=0.5",
    "behaviour.responses.criminal_per_day=0.2",
    "behaviour.responses.petition_threshold=0.01",
    "behaviour.responses.group_threshold=0.01",
    "behaviour.disputes.neighbour.onset_per_household_year=0.1",
    "behaviour.disputes.family.onset_per_household_year=0.1",
)


# Only group petitions can happen here: a dispute acts only if its group is ready.
GROUPS_ONLY = (
    *BUSY,
    "behaviour.responses.petition_per_day=0",
    "behaviour.responses.criminal_per_day=0",
    "behaviour.responses.group_per_day=0.3",
    "behaviour.responses.group_min_size=2",
    "behaviour.responses.risk_aversion=0",
)


def side_by_side(
    days: int, *overrides: str, each_day: Callable[[GovernanceModel], object] = lambda m: None
) -> Iterator[GovernanceModel]:
    """Two models of ``overrides``, one responding at once and one dispute by dispute,
    stepped ``days`` days (``each_day`` done to both before each) and compared bit for
    bit every day; yields the batched one."""
    batched, plain = (build_model(params(*overrides)) for _ in range(2))
    plain.responses.step = lambda m=plain: one_by_one(m.responses)  # type: ignore[method-assign]
    for _ in range(days):
        each_day(batched), each_day(plain)
        batched.step()
        plain.step()
        assert state(batched) == state(plain)  # bit for bit, every day
        yield batched


def test_groups_found_at_once_are_those_found_dispute_by_dispute():
    groups = 0
    for seed in range(2):
        *_, batched = side_by_side(90, *GROUPS_ONLY, f"seed={seed}")  # every day compared
        groups += batched.counts.petitions_filed["group_petition"]
    assert groups > 0


def test_the_day_done_at_once_equals_the_day_dispute_by_dispute():
    shared, seen = 0, Counter()
    for seed in range(3):
        for batched in side_by_side(120, *BUSY, f"seed={seed}"):
            shared += int((~batched.responses.roster.alone).sum())
        seen.update(batched.counts.petitions_filed)
        seen.update(intercepted=sum(batched.counts.petitions_intercepted.values()))
        seen.update(criminal=batched.book.status_counts[Status.CRIMINAL])
    assert shared > 0  # disputes sharing residents went one by one
    for event in ("petition", "group_petition", "intercepted", "criminal"):
        assert seen[event] > 0, event  # every response happened, on both paths


def test_disputes_whose_claimant_is_among_their_ties_wait_in_their_turn():
    # Every few days one resident brings two disputes, the first of them tangled (its
    # claimant among its own ties, as a hand-built dispute may be): they share the
    # claimant, so both wait in their turn among the disputes sharing residents, the
    # tangled one by the rule's own arithmetic.
    def tangle(model: GovernanceModel) -> None:
        if model.day % 3 == 0:
            for tangled in (True, False):  # the same draws: the same parties
                rng = np.random.default_rng(model.day)
                d = model.onset.draw(model.day % 4, DisputeType.NEIGHBOUR, model.day, rng)
                if tangled:
                    d.linked = np.concatenate([d.linked, d.claimants])
                d.intensity = 0.6
                model.onset.admit(d)

    tangled_sharing = 0
    for seed in range(2):
        for batched in side_by_side(60, *BUSY, f"seed={seed}", each_day=tangle):
            roster = batched.responses.roster
            tangled_sharing += int((~roster.apart & ~roster.alone).sum())
    assert tangled_sharing > 0


def test_a_resident_in_two_disputes_leaves_neither_alone():
    model = quiet_model()
    elsewhere = first_household_of_village(model, 1)
    first, second = latent(model), latent(model, household=1)
    apart = latent(model, household=elsewhere)
    # The first dispute's respondent is the second's claimant (the next household's first).
    assert first.respondents[0] == second.claimants[0]
    roster = model.responses.roster
    roster.update([first, second, apart])
    assert roster.alone.tolist() == [False, False, True]
    roster.update([second, apart])  # the first closed: the second is alone now
    assert roster.alone.tolist() == [True, True]
    assert roster.lead.tolist() == [int(second.claimants[0]), int(apart.claimants[0])]


def test_the_roster_carried_over_equals_one_built_anew():
    # Disputes open, close and reopen over a season; the roster carried from day to day
    # must equal one built from nothing for the same open disputes.
    model = build_model(params(*SMALL, "behaviour=calibrated", "seed=3"))
    for _ in range(90):
        model.step()
        disputes = list(model.book.open.values())
        fresh = type(model.responses.roster)(
            model.attitudes, model.responses.roster.kinds, model.world.n_residents
        )
        fresh.update(disputes)
        carried = model.responses.roster
        carried.update(disputes)
        for name in ("resident", "column_weight", "role", "size", "lead", "alone", "who_at"):
            assert np.array_equal(getattr(carried, name), getattr(fresh, name)), name


def test_a_dispute_decides_on_what_the_disputes_before_it_left_today():
    # Two disputes of one claimant: each day's wait raises the claimant's grievance. The
    # threshold lies between one wait and two, so the first dispute's parties do not
    # petition and the second's do, having seen both waits, as one by one.
    rise = quiet_model().params.behaviour.attitudes.grievance_wait_per_day * 0.5
    model = quiet_model(
        "behaviour.responses.petition_per_day=1",
        "behaviour.responses.petition_steepness=0.001",
        f"behaviour.responses.petition_threshold={0.3 + 1.5 * rise}",
        "behaviour.responses.risk_aversion=0",
        "behaviour.intensity.growth_per_day=0",
    )
    first, second = latent(model, intensity=0.5), latent(model, intensity=0.5)
    claimant = first.claimants
    assert second.claimants.tolist() == claimant.tolist()
    model.attitudes.trust[claimant] = 0.0
    model.attitudes.grievance[claimant] = 0.3
    # Today's draws: no group, no violence, a petition if the chance allows.
    model.responses.rng.take = lambda k: np.tile([1.0, 1.0, 0.5], k // 3)  # type: ignore[method-assign]
    model.responses.step()
    assert first.status is Status.LATENT
    assert second.status is Status.SKIP_LEVEL_PETITION  # at trust 0
    assert model.attitudes.grievance[claimant][0] == pytest.approx(0.3 + 2 * rise)


def test_the_roster_columns_are_each_disputes_claimants_ties_and_weights():
    # The columns are built for all new disputes at once; they must be what the
    # attitudes give dispute by dispute, also for a dispute whose claimant is among
    # its own ties (not apart: every weight 1) next to ordinary ones.
    model = build_model(params(*SMALL, "behaviour=calibrated", "seed=1"))
    model.run_for(40)
    tangled = latent(model, household=2)
    tangled.linked = np.concatenate([tangled.linked, tangled.claimants])
    disputes = list(model.book.open.values())
    roster = type(model.responses.roster)(
        model.attitudes, model.responses.roster.kinds, model.world.n_residents
    )
    roster.update(disputes)
    attitudes, at = model.attitudes, 0
    for i, d in enumerate(disputes):
        who, weight = attitudes.claimants_and_ties(d), attitudes.weights(d)
        n = who.size + d.respondents.size
        assert np.array_equal(roster.resident[at : at + n], np.concatenate([who, d.respondents]))
        expected = weight if weight is not None else np.ones(who.size)
        assert np.array_equal(roster.column_weight[at : at + who.size], expected)
        assert not roster.column_weight[at + who.size : at + n].any()  # respondents: 0
        assert roster.apart[i] == (weight is not None)
        assert roster.lead[i] == d.claimants[0]
        at += n
    assert at == roster.resident.size
    assert not roster.apart[disputes.index(tangled)] and roster.apart.sum() == len(disputes) - 1
