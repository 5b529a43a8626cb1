"""The book's disputes by id keep their ids as an array in the dict's own order
(``disputes.InOrder``), through arrivals, departures and returns."""

from __future__ import annotations

import copy
import pickle

import numpy as np

from sim.disputes import InOrder


def test_the_ids_follow_the_dicts_order_through_any_changes():
    entries, plain = InOrder(), {}
    rng = np.random.default_rng(1)
    for _ in range(3000):
        key = int(rng.integers(0, 200))  # keys come, go and come back (last)
        if rng.random() < 0.5:
            entries[key] = plain[key] = key  # type: ignore[assignment]
        else:
            entries.pop(key, None)
            plain.pop(key, None)
        if rng.random() < 0.3:  # read now and then: changes pile up between reads
            assert entries.ids().tolist() == list(plain)
    assert list(entries) == list(plain)


def test_a_copy_or_pickle_keeps_the_order():
    entries = InOrder()
    for key in (5, 3, 9, 1):
        entries[key] = key  # type: ignore[assignment]
    entries.pop(3)
    entries[3] = 3  # type: ignore[assignment]
    for other in (copy.deepcopy(entries), pickle.loads(pickle.dumps(entries))):
        assert other.ids().tolist() == list(other) == [5, 9, 1, 3]
