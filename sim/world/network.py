"""The village social network as typed edge arrays (compressed sparse rows).

Ties are held as numpy arrays rather than a networkx graph: a county has about
400,000 ties and building them into networkx alone takes longer (1.6 s measured here)
than simulating the county's whole year. ``to_networkx()`` gives the same network as
a ``networkx.Graph`` with a ``kind`` attribute per tie, for analysis and tests.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from enum import IntEnum
from functools import partial

import networkx as nx
import numpy as np
import scipy.sparse


class TieKind(IntEnum):
    """Kinds of ties, in priority order: a pair tied twice keeps the first kind."""

    HOUSEHOLD = 0
    KIN = 1
    NEIGHBOUR = 2
    CROSS_VILLAGE = 3


_KIND_BITS = 2  # bits holding a TieKind in a packed tie
# Ties per chunk of the steps that need a temporary per tie: 2 MB per 64-bit array,
# reused while it stays in cache (1 << 20 and 1 << 22 measured slower, 1 << 16 no faster).
CHUNK = 1 << 18


class SocialNetwork:
    """Undirected ties between residents ``0..n-1``, each tie of one ``TieKind``."""

    def __init__(
        self, n: int, a: np.ndarray, b: np.ndarray, kind: np.ndarray, with_kinds: bool = True
    ) -> None:
        self._index(n, _deduplicate(n, [a, b, kind]), with_kinds)

    @classmethod
    def from_ties(
        cls,
        n: int,
        ties: list[np.ndarray],
        with_kinds: bool = True,
        pool: ThreadPoolExecutor | None = None,
    ) -> SocialNetwork:
        """``SocialNetwork(n, *ties)`` for ``ties = [a, b, kind]``, emptying that list once
        the ties are packed: a caller's names would keep a city's raw ties (hundreds of
        MB) alive while they are sorted and the rows built, where the build peaks. With a
        ``pool``, its threads share the filling of the rows."""
        net = cls.__new__(cls)
        net._index(n, _deduplicate(n, ties, pool), with_kinds, pool)
        return net

    def _index(
        self,
        n: int,
        edges: tuple[np.ndarray, np.ndarray, np.ndarray],
        with_kinds: bool,
        pool: ThreadPoolExecutor | None = None,
    ) -> None:
        self.n = n
        self.edge_a, self.edge_b, self.edge_kind = edges
        self.indptr, self.indices, self.kinds = _rows(
            n, self.edge_a, self.edge_b, self.edge_kind if with_kinds else None, pool
        )

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
        if residents.size == 1:  # most disputes have one claimant: their row, in order
            # A row holds each tie once and none to oneself (``_deduplicate``), so sorting
            # it is what the general way below gives.
            r = int(residents[0])
            return np.sort(self.indices[self.indptr[r] : self.indptr[r + 1]])
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


def _deduplicate(n: int, ties: list[np.ndarray], pool: ThreadPoolExecutor | None = None):
    """Each pair of ``ties = [a, b, kind]`` once, ordered by (lower end, higher end), of
    its highest-priority kind; the list is emptied once the ties are packed.

    Pair and kind are packed in one integer (lower end, higher end and kind in bit
    fields, so unpacking is shifts and masks rather than divisions) and sorted in place:
    a pair's first entry then has its lowest kind, and repeats of one pair and kind are
    identical. One integer array instead of the index arrays of a stable arg-sort keeps
    a city's build within memory; the steps after the sort write into that array or
    into the narrow arrays they return (a city's ties are hundreds of MB each copy).
    With a ``pool``, its threads pack and unpack chunks side by side.
    """
    end_bits = max(int(n - 1).bit_length(), 1)
    if 2 * end_bits + _KIND_BITS > 63:  # far beyond any run the memory estimate lets through
        raise ValueError(f"{n:,} residents: more than packed 64-bit ties can number")
    a, b, kind = ties
    packed = np.empty(a.size, dtype=np.int64)
    n_self = sum(each(pool, partial(_pack, a, b, kind, end_bits, packed), chunks(a.size)))
    ties.clear()
    del a, b, kind
    packed.sort()
    packed = packed[n_self:]
    kinds = np.empty(packed.size, dtype=np.int8)

    def kind_of(part: slice) -> None:
        np.bitwise_and(packed[part], (1 << _KIND_BITS) - 1, out=kinds[part], casting="unsafe")
        packed[part] >>= _KIND_BITS  # a change of kind alone is a repeat of the pair

    each(pool, kind_of, chunks(packed.size))
    count = _keep_first(packed, kinds)
    packed = packed[:count]
    kinds.resize(count, refcheck=False)  # shrinks in place: no copy of the kept kinds
    lower, higher = np.empty(count, dtype=np.int32), np.empty(count, dtype=np.int32)

    def ends(part: slice) -> None:
        np.right_shift(packed[part], end_bits, out=lower[part], casting="unsafe")
        np.bitwise_and(packed[part], (1 << end_bits) - 1, out=higher[part], casting="unsafe")

    each(pool, ends, chunks(count))
    return lower, higher, kinds


def _pack(
    a: np.ndarray, b: np.ndarray, kind: np.ndarray, end_bits: int, packed: np.ndarray, part: slice
) -> int:
    """Pack a chunk of ties into ``packed``; a tie to oneself is -1 (it sorts first and is
    cut off, with no copies of the ends). How many of those."""
    out = packed[part]
    # (lower << end_bits) + higher, as lower * (2**end_bits - 1) + a + b: in place, with no
    # array of the higher ends.
    np.minimum(a[part], b[part], out=out)
    out *= (1 << end_bits) - 1
    out += a[part]
    out += b[part]
    out <<= _KIND_BITS
    out |= kind[part]
    self_ties = a[part] == b[part]
    n_self = int(np.count_nonzero(self_ties))
    if n_self:
        np.putmask(out, self_ties, -1)
    return n_self


def each[T, R](
    pool: ThreadPoolExecutor | None, work: Callable[[T], R], parts: Iterable[T]
) -> list[R]:
    """``work`` done on each of ``parts`` (chunks of ties, or of rows), by the pool's
    threads side by side if given, else here; the results in order."""
    return list((pool.map if pool else map)(work, parts))


def _keep_first(packed: np.ndarray, kinds: np.ndarray) -> int:
    """Move each run of equal sorted ``packed``'s first entry (and its kind) to the
    front, in place, and return how many there are.

    Chunk by chunk: a city's masks, place numbers and kept copies at full size would be
    hundreds of MB of fresh memory, which this machine's kernel hands out slower than
    numpy fills it; a chunk's are reused. A chunk only writes below its own end, so
    later chunks still read the sorted values.
    """
    kept = 0
    previous = None
    for chunk in chunks(packed.size):
        part, lo = packed[chunk], chunk.start
        first = np.empty(part.size, dtype=bool)
        first[0] = previous is None or part[0] != previous
        np.not_equal(part[1:], part[:-1], out=first[1:])
        previous = part[-1]  # a copy: this chunk's writes may reach that place
        # Through place numbers: numpy takes them several times faster than it
        # compresses by a boolean mask with repeats scattered through it.
        keep = np.flatnonzero(first)
        keep += lo
        packed[kept : kept + keep.size] = packed[keep]
        kinds[kept : kept + keep.size] = kinds[keep]
        kept += keep.size
    return kept


def chunks(size: int) -> Iterator[slice]:
    """Slices of ``0..size-1`` of ``CHUNK`` each: temporaries per chunk are reused, where a
    city's full-size ones would be fresh memory, which this machine's kernel hands out
    slower than numpy fills it."""
    return (slice(lo, lo + CHUNK) for lo in range(0, size, CHUNK))


def _rows(
    n: int,
    a: np.ndarray,
    b: np.ndarray,
    kind: np.ndarray | None,
    pool: ThreadPoolExecutor | None = None,
):
    """Compressed sparse rows of the ties ``a < b``, sorted by ``(a, b)``: each resident's
    ties to higher-numbered residents first, then to lower-numbered ones, each in tie
    order. Without ``kind`` the rows hold no kinds (an empty array). With a ``pool``,
    its threads fill chunks of rows side by side (each chunk writes only its rows)."""
    up = _counts(a, n)
    # 32-bit row pointers where they fit: scipy then keeps 32-bit indices (less to move).
    pointer = np.int32 if 2 * a.size < np.iinfo(np.int32).max else np.int64
    up_first: np.ndarray = np.zeros(n + 1, dtype=pointer)
    np.cumsum(up, out=up_first[1:])
    # The same ties by their higher end: the transpose of the sparse matrix of ties,
    # whose conversion keeps each column's entries in row order (a counting sort, not
    # an arg-sort), so each resident's lower ties come in the order of ``a``.
    data = kind if kind is not None else np.zeros(a.size, dtype=np.int8)
    by_higher = scipy.sparse.csr_array((data, b, up_first), shape=(n, n)).tocsc()
    # A row starts after the earlier rows' higher and lower ties.
    indptr = np.add(up_first, by_higher.indptr, dtype=np.int64)
    indices = np.empty(2 * a.size, dtype=np.int32)
    kinds = np.empty(2 * a.size if kind is not None else 0, dtype=np.int8)
    halves = (
        (up, up_first, b, kind),
        (np.diff(by_higher.indptr), by_higher.indptr, by_higher.indices, by_higher.data),
    )
    # Rows in chunks of about ``CHUNK`` ties, so each chunk's mask and places are reused.
    step = max(1, CHUNK * n // max(indices.size, 1))

    def fill(lo: int) -> None:
        _interleave(lo, min(lo + step, n), indptr, halves, indices, kinds)

    each(pool, fill, range(0, n, step))
    return indptr, indices, kinds


def _counts(a: np.ndarray, n: int) -> np.ndarray:
    """``np.bincount(a, minlength=n)`` for sorted ``a``, a chunk at a time: each chunk
    spans a short stretch of values, and numpy's bincount would first copy all of ``a``
    into 64 bits (a city's 20 M ties: 160 MB of fresh memory)."""
    up = np.zeros(n, dtype=np.int64)
    for part in chunks(a.size):
        values = a[part]
        lo = int(values[0])
        counted = np.bincount(values - lo)
        up[lo : lo + counted.size] += counted
    return up


def _interleave(lo: int, hi: int, indptr: np.ndarray, halves, indices, kinds) -> None:
    """Rows ``lo..hi-1``: each row's higher ties, then its lower ones (``halves``: each
    half's count per row, row pointers, other ends and kinds, already in row order)."""
    # Both halves are already in row order, so the rows interleave them: a mask marks
    # the higher-tie places (each row's first ``up``), its negation the lower ones, and
    # each half is copied to its places in order (no per-tie sort or offset arithmetic).
    # The mask is the running sum of +1 where a row's higher ties start and -1 where
    # they end: an ``np.repeat`` of a city's millions of short runs took three times as
    # long. Rows with higher ties start at distinct places (one end may be another's start).
    up = halves[0][0][lo:hi]
    start = (indptr[lo:hi] - indptr[lo])[up > 0]
    step = np.zeros(int(indptr[hi] - indptr[lo]) + 1, dtype=np.int8)
    step[start] = 1
    step[start + up[up > 0]] -= 1
    higher = np.cumsum(step[:-1], out=step[:-1]).view(bool)
    rows = slice(indptr[lo], indptr[hi])
    for mask, (_, first, ends, kind) in zip((higher, ~higher), halves, strict=True):
        # Places as numbers, not the mask itself: numpy copies through an index array
        # about twice as fast as through a boolean mask (a city's rows, measured).
        place = np.flatnonzero(mask)
        part = slice(first[lo], first[hi])
        indices[rows][place] = ends[part]
        if kinds.size:
            kinds[rows][place] = kind[part]
