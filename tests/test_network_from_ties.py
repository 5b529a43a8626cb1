"""``SocialNetwork.from_ties`` is the constructor that lets go of the raw ties early (the
world build's memory peak): it must give the very same network and empty its list."""

from __future__ import annotations

import numpy as np

from sim.world.network import SocialNetwork, TieKind


def test_from_ties_gives_the_constructors_network_and_empties_its_list():
    rng = np.random.default_rng(11)
    for n in (1, 9, 400):
        m = int(rng.integers(0, 5 * n))
        a = rng.integers(0, n, m).astype(np.int32)
        b = rng.integers(0, n, m).astype(np.int32)
        kind = rng.integers(0, len(TieKind), m).astype(np.int8)
        raw = [a.copy(), b.copy(), kind.copy()]
        want = SocialNetwork(n, a, b, kind)
        for mine, copy in zip((a, b, kind), raw, strict=True):
            np.testing.assert_array_equal(mine, copy)  # the constructor leaves them be
        for with_kinds in (True, False):
            ties = [x.copy() for x in raw]
            got = SocialNetwork.from_ties(n, ties, with_kinds=with_kinds)
            assert ties == []  # the caller no longer holds the raw ties
            names = ["edge_a", "edge_b", "edge_kind", "indptr", "indices"]
            for name in names + (["kinds"] if with_kinds else []):
                x, y = getattr(got, name), getattr(want, name)
                assert x.dtype == y.dtype, name
                np.testing.assert_array_equal(x, y, err_msg=name)
            if not with_kinds:
                assert got.kinds.size == 0
