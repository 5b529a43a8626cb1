"""The dispute book's state changes keep statuses, queues and indexes consistent."""

from __future__ import annotations

import numpy as np

from sim.disputes import Level, Status
from tests.processes.states import latent, quiet_model, waiting


def test_waiting_disputes_queue_first_come_first_served_and_leave_the_queue_when_started():
    model = quiet_model()
    book = model.book
    first, second = waiting(model), waiting(model)
    assert list(book.village_queue[0]) == [first.id, second.id]
    assert book.next_village_case((0,)) is first
    book.start(first, Level.VILLAGE, model.day, until=5)
    assert first.status is Status.IN_MEDIATION and first.busy_until == 5
    assert list(book.village_queue[0]) == [second.id]
    assert book.status_counts[Status.WAITING] == 1
    assert book.status_counts[Status.IN_MEDIATION] == 1


def test_resolve_end_badly_and_relapse_move_a_dispute_in_and_out_of_the_open_set():
    model = quiet_model()
    book = model.book
    resolved, crime = waiting(model), waiting(model)
    model.day = 3
    book.resolve(resolved, Level.VILLAGE, model.day)
    book.end_badly(crime, Status.CRIMINAL, model.day)
    assert not book.village_queue[0]  # both left the queue
    assert set(book.open) == set()
    assert (resolved.resolved, resolved.ended, resolved.level) == (3, 3, Level.VILLAGE)
    assert crime.ended == 3 and crime.status is Status.CRIMINAL
    assert list(book.recently_resolved) == [resolved.id]
    book.relapse(resolved, 9, intensity_floor=0.9)
    assert resolved.status is Status.LATENT and resolved.level is None
    assert resolved.relapses == 1 and resolved.intensity == 0.9
    assert book.latent_in_village(resolved.village) == [resolved]
    assert resolved.id in book.open and not book.recently_resolved


def test_the_first_discovery_alone_counts_towards_discovery_delays():
    model = quiet_model()
    d = latent(model)
    model.day = 4
    model.book.come_to_light(d, d.channel, model.day)
    d.relapses = 1
    model.book.come_to_light(d, d.channel, 10)
    assert model.book.discovery_delays == [4]
    assert d.discovered == 10


def test_a_petition_is_an_open_stage_at_an_office_and_leaves_the_queue():
    model = quiet_model()
    book = model.book
    d = waiting(model)
    book.petition(d, Status.GROUP_PETITION, 1, day=5, due=80)
    assert d.status is Status.GROUP_PETITION and d.level is Level.LETTERS_AND_VISITS
    assert d.status.is_open and d.id in book.open and d.ended is None
    assert not book.village_queue[d.village] and book.petition_cases == {d.id: d}
    assert (d.petitions, d.petition_office, d.petition_due, d.busy_until) == (1, 1, 80, 5)
    book.wait(d, Level.TOWNSHIP, 90)  # sent back down
    assert not book.petition_cases and d.id in book.township_queue[d.township]


def test_a_disputes_parties_follow_its_sides():
    model = quiet_model()
    d = latent(model)
    assert d.parties.tolist() == [*d.claimants.tolist(), *d.respondents.tolist()]
    assert d.parties is d.parties  # kept, not concatenated anew on every read
    d.claimants = np.array([5, 6])  # a side replaced: the parties follow
    assert d.parties.tolist() == [5, 6, *d.respondents.tolist()]
    d.respondents = np.empty(0, dtype=np.int64)
    assert d.parties.tolist() == [5, 6]
