"""Every dispute is in exactly one status, and the counters agree with the records daily."""

from __future__ import annotations

from collections import Counter

import pytest

from sim.disputes import PETITIONING, Level, Status
from sim.run import build_model
from tests.conftest import REACTIVE, SMALL, params


def _check_consistent(model) -> None:
    book = model.book
    recount = Counter(d.status for d in book.all)
    assert +book.status_counts == recount  # counters match the records
    assert sum(book.status_counts.values()) == len(book.all)
    assert set(book.open) == {d.id for d in book.all if d.status.is_open}
    latent = {d.id for d in book.all if d.status is Status.LATENT}
    assert {i for g in book.latent_by_grid.values() for i in g} == latent
    assert {i for v in book.latent_by_village.values() for i in v} == latent
    queued = [d.id for q in book.village_queue for d in q.values()]
    queued += [d.id for q in book.township_queue for d in q.values()]
    assert len(queued) == len(set(queued))  # nobody waits in two queues
    waiting = {d.id for d in book.all if d.status is Status.WAITING}
    assert set(queued) == waiting  # every waiting dispute is in exactly one queue
    in_mediation = [
        d.id
        for mediator in model.mediators
        for d in mediator.cases
        if d.status is Status.IN_MEDIATION
    ]
    in_mediation += [
        d.id for c in model.centres.township_cases for d in c if d.status is Status.IN_MEDIATION
    ]
    in_mediation += [d.id for d in book.county_cases if d.status is Status.IN_MEDIATION]
    expected = {d.id for d in book.all if d.status is Status.IN_MEDIATION}
    assert sorted(in_mediation) == sorted(expected)  # every mediation has one handler
    petitioning = {d.id for d in book.all if d.status in PETITIONING}
    assert set(book.petition_cases) == petitioning  # every petition is at an office
    ids = [d.id for d in book.all]  # the book's columns agree with the records
    assert book.mediating[ids].tolist() == [d.status is Status.IN_MEDIATION for d in book.all]
    for entries in (book.open, book.recently_resolved, book.latent):  # ids as arrays, in order
        assert entries.ids().tolist() == list(entries)
    # The latent disputes in the open disputes' order, each village's in its order.
    assert list(book.latent) == [i for i, d in book.open.items() if d.status is Status.LATENT]
    for village, latent in book.latent_by_village.items():
        assert list(latent) == [i for i, d in book.latent.items() if d.village == village]
    for d in book.all:
        if d.status is Status.RESOLVED:
            assert d.resolved is not None and d.level is not None
            assert book.resolved_on[d.id] == d.resolved
        if d.status.is_bad_end:
            assert d.ended is not None


@pytest.mark.parametrize(
    "policy",
    [
        (),
        REACTIVE,
        ("policy/escalation=hold_at_village",),
        (*REACTIVE, "policy/petitions=case_ownership", "behaviour.responses.petition_threshold=0"),
        ("policy/evaluation=one_vote_veto", "behaviour.responses.petition_threshold=0"),
        (*REACTIVE, "policy/prevention=all"),  # elders settle, village rules thin onset
    ],
)
def test_statuses_add_up_every_day(policy):
    model = build_model(params(*SMALL, *policy, "seed=4"))
    seen = set()
    for _ in range(365):
        model.step()
        _check_consistent(model)
        seen |= {d.status for d in model.book.all}
    assert len(model.book) > 10
    assert Status.RESOLVED in seen  # the checks ran over disputes that moved


def test_series_counts_add_up():
    from sim.run import collect

    model = build_model(params(*SMALL, *REACTIVE, "seed=2"))
    model.run_for(200)
    series = collect(model).series
    open_ = series["latent"] + series["waiting"] + series["in_mediation"]
    open_ += series["in_petition"]  # a petition is a stage a dispute passes through
    assert (series["open_backlog"] == open_).all()
    ended = series["resolved"] + series["criminal_cases"]
    assert (open_ + ended == series["disputes_arisen"]).all()
    assert series["disputes_arisen"].is_monotonic_increasing


def test_resolution_levels_are_known():
    model = build_model(params(*SMALL, "seed=1"))
    model.run_for(365)
    for d in model.book.all:
        if d.status is Status.RESOLVED:
            assert d.level in set(Level)
