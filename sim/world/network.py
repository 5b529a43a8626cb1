"""The village social network as typed edge arrays (compressed sparse rows).

Ties are held as numpy arrays rather than a networkx graph: a county has about
400,000 ties and building them into networkx alone takes longer (1.6 s measured here)
than simulating the county's whole year. ``to_networkx()`` gives the same network as
a ``networkx.Graph`` with a ``kind`` attribute per tie, for analysis and tests.
"""

from __future__ import annotations

from enum import IntEnum

import networkx as nx
import numpy as np


class TieKind(IntEnum):
    """Kinds of ties, in priority order: a pair tied twice keeps the first kind."""

    HOUSEHOLD = 0
    KIN = 1
    NEIGHBOUR = 2
    CROSS_VILLAGE = 3


class SocialNetwork:
    """Undirected ties between residents ``0..n-1``, each tie of one ``TieKind``."""

    def __init__(self, n: int, a: np.ndarray, b: np.ndarray, kind: np.ndarray) -> None:
        self.n = n
        self.edge_a, self.edge_b, self.edge_kind = _deduplicate(n, a, b, kind)
        self.indptr, self.indices, self.kinds = _rows(n, self.edge_a, self.edge_b, self.edge_kind)

    @property
    def n_ties(self) -> int:
        return int(self.edge_a.size)

    def degree(self) -> np.ndarray:
        return np.diff(self.indptr)

    def ties(self, resident: int, kind: TieKind | None = None) -> np.ndarray:
        """The residents tied to ``resident`` (of one kind, if given)."""
        lo, hi = self.indptr[resident], self.indptr[resident + 1]
        if kind is None:
            return self.indices[lo:hi]
        return self.indices[lo:hi][self.kinds[lo:hi] == kind]

    def ties_of_group(self, residents: np.ndarray) -> np.ndarray:
        """Everyone tied to any of ``residents``, without repeats, excluding them."""
        parts = [self.indices[self.indptr[r] : self.indptr[r + 1]] for r in residents]
        linked = np.unique(np.concatenate(parts)) if parts else np.empty(0, np.int32)
        # What ``np.setdiff1d(linked, residents, assume_unique=True)`` keeps, without its
        # sort-based search: a dispute has one claimant, or a hamlet's few.
        others = np.ones(linked.size, dtype=bool)
        for r in residents.tolist():
            others &= linked != r
        return linked[others]

    def to_networkx(self) -> nx.Graph:
        """The network as a networkx graph; ties carry ``kind`` (a ``TieKind`` name)."""
        graph = nx.Graph()
        graph.add_nodes_from(range(self.n))
        names = [k.name.lower() for k in TieKind]
        graph.add_edges_from(
            (int(a), int(b), {"kind": names[k]})
            for a, b, k in zip(self.edge_a, self.edge_b, self.edge_kind, strict=True)
        )
        return graph


def _deduplicate(n: int, a: np.ndarray, b: np.ndarray, kind: np.ndarray):
    """Each pair once, ordered by (lower end, higher end), of its highest-priority kind.

    Pair and kind are packed in one integer and sorted in place: a pair's first entry
    then has its lowest kind, and repeats of one pair and kind are identical. One
    integer array instead of the index arrays of a stable arg-sort keeps a city's
    build within memory.
    """
    keep = a != b
    if not keep.all():
        a, b, kind = a[keep], b[keep], kind[keep]
    packed = np.minimum(a, b).astype(np.int64)
    packed *= n
    packed += np.maximum(a, b)
    packed *= len(TieKind)
    packed += kind
    packed.sort()
    pair = packed // len(TieKind)
    first = np.empty(packed.size, dtype=bool)
    first[:1] = True
    np.not_equal(pair[1:], pair[:-1], out=first[1:])
    del pair
    packed = packed[first]
    kinds = (packed % len(TieKind)).astype(np.int8)
    packed //= len(TieKind)
    return (packed // n).astype(np.int32), (packed % n).astype(np.int32), kinds


def _rows(n: int, a: np.ndarray, b: np.ndarray, kind: np.ndarray):
    """Compressed sparse rows of the ties ``a < b``, sorted by ``(a, b)``: each resident's
    ties to higher-numbered residents first, then to lower-numbered ones, each in tie
    order (the order of a stable sort of both ends by resident)."""
    up = np.bincount(a, minlength=n)
    down = np.bincount(b, minlength=n)
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(up + down, out=indptr[1:])
    indices = np.empty(2 * a.size, dtype=np.int32)
    kinds = np.empty(2 * a.size, dtype=np.int8)
    # Ties are sorted by ``a``: a tie's rank within its lower end's block is its offset.
    slot = indptr[:-1] - (np.cumsum(up) - up)  # a resident's row start less its block start
    slot = slot[a] + np.arange(a.size)
    indices[slot], kinds[slot] = b, kind
    order = np.argsort(b, kind="stable")
    higher = b[order]
    slot = indptr[:-1] + up - (np.cumsum(down) - down)
    slot = slot[higher] + np.arange(a.size)
    indices[slot], kinds[slot] = a[order], kind[order]
    return indptr, indices, kinds
