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
        src = np.concatenate([self.edge_a, self.edge_b])
        dst = np.concatenate([self.edge_b, self.edge_a])
        kinds = np.concatenate([self.edge_kind, self.edge_kind])
        order = np.argsort(src, kind="stable")
        self.indices = dst[order].astype(np.int32)
        self.kinds = kinds[order].astype(np.int8)
        self.indptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(np.bincount(src, minlength=n), out=self.indptr[1:])

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
        return np.setdiff1d(linked, residents, assume_unique=True)

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
    keep = a != b
    a, b, kind = a[keep], b[keep], kind[keep]
    lo, hi = np.minimum(a, b).astype(np.int64), np.maximum(a, b).astype(np.int64)
    order = np.argsort(kind, kind="stable")  # the higher-priority kind comes first
    key = lo[order] * n + hi[order]
    _, first = np.unique(key, return_index=True)
    pick = order[first]
    return lo[pick].astype(np.int32), hi[pick].astype(np.int32), kind[pick].astype(np.int8)
