"""The world build is fast without changing a byte: the network's arrays of a county are
pinned, and its rows equal a plain arg-sort construction on random ties."""

from __future__ import annotations

import hashlib

import numpy as np
import pytest

from sim.run import build_model
from sim.world import network
from sim.world.network import SocialNetwork, TieKind
from tests.conftest import params


def digest(obj) -> str:
    """sha256 of every array attribute of ``obj`` (name, dtype and bytes), first 16 hex."""
    h = hashlib.sha256()
    for name in sorted(vars(obj)):
        value = getattr(obj, name)
        if isinstance(value, np.ndarray):
            h.update(name.encode() + str(value.dtype).encode() + value.tobytes())
    return h.hexdigest()[:16]


def test_the_county_world_and_network_are_byte_for_byte_as_pinned():
    # Pinned from the build before its speed work (per-tie arg-sorts, per-village loops).
    world = build_model(params("scenario=county"), seed=0).world
    assert digest(world) == "70fd261deec00f71"
    assert digest(world.network) == "8c5dda354ded58f3"


def plain_rows(n: int, a: np.ndarray, b: np.ndarray, kind: np.ndarray):
    """Each resident's higher ties then lower ones, each in tie order: a stable arg-sort."""
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(a, minlength=n) + np.bincount(b, minlength=n), out=indptr[1:])
    ends = np.concatenate([a, b])
    order = np.argsort(ends, kind="stable")  # a's entries (higher ties) come first
    return indptr, np.concatenate([b, a])[order], np.concatenate([kind, kind])[order]


def test_the_county_is_as_pinned_when_every_chunked_step_runs_over_many_chunks(monkeypatch):
    # A city runs the chunked steps (unique ties, rows, friends of friends and their
    # draws, closure kinds) over many chunks; tiny chunks make the county do so too.
    monkeypatch.setattr(network, "CHUNK", 61)  # the one chunk size, build's steps too
    world = build_model(params("scenario=county"), seed=0).world
    assert digest(world.network) == "8c5dda354ded58f3"


@pytest.mark.parametrize("chunk", [network.CHUNK, 3])
def test_rows_equal_a_plain_stable_sort_on_random_ties(monkeypatch, chunk):
    # Chunks of 3 split runs of repeated ties and rows between chunks.
    monkeypatch.setattr(network, "CHUNK", chunk)
    rng = np.random.default_rng(5)
    for n in (1, 7, 300):
        m = rng.integers(0, 4 * n)
        a = rng.integers(0, n, m).astype(np.int32)
        b = rng.integers(0, n, m).astype(np.int32)
        kind = rng.integers(0, len(TieKind), m).astype(np.int8)
        net = SocialNetwork(n, a, b, kind)
        expected = plain_rows(n, net.edge_a, net.edge_b, net.edge_kind)
        for got, want in zip((net.indptr, net.indices, net.kinds), expected, strict=True):
            assert got.dtype == want.dtype
            np.testing.assert_array_equal(got, want)
        assert (net.edge_a < net.edge_b).all()
        pairs = net.edge_a.astype(np.int64) * n + net.edge_b
        assert (np.diff(pairs) > 0).all()  # each pair once, in order
        lo, hi = np.minimum(a, b), np.maximum(a, b)
        for i in rng.choice(net.n_ties, min(net.n_ties, 20), replace=False):
            same = (lo == net.edge_a[i]) & (hi == net.edge_b[i])
            assert net.edge_kind[i] == kind[same].min()  # the highest-priority kind


def test_one_residents_ties_of_group_are_the_general_rules_answer():
    # Random ties with repeats and ties to oneself: for one resident, the shortcut gives
    # what the general rule (unique ties of everyone, less the group) gives, same dtype.
    rng = np.random.default_rng(3)
    n = 300
    a, b = rng.integers(n, size=3000), rng.integers(n, size=3000)
    net = SocialNetwork(n, a, b, rng.integers(4, size=3000))
    for r in range(n):
        row = net.indices[net.indptr[r] : net.indptr[r + 1]]
        general = np.setdiff1d(np.unique(row), [r])
        got = net.ties_of_group(np.array([r]))
        assert got.dtype == row.dtype and np.array_equal(got, general.astype(row.dtype))
    pair = net.ties_of_group(np.array([5, 9]))  # the general way, for a group
    both = np.concatenate([net.ties(5), net.ties(9)])
    assert np.array_equal(pair, np.setdiff1d(np.unique(both), [5, 9]))
