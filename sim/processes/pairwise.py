"""Block-by-block passes over the residents that also sum, in numpy's order of addition.

numpy sums a float array pairwise: it halves the array (the first half cut to a
multiple of 8) until a part is at most 128 long, and adds the parts' sums back up the
same way. A pass that goes block by block for its own reasons (the daily trust drift,
whose blocks stay in the cache) can sum on the way: if its blocks are parts of that
halving, each block's ``np.add.reduce`` is numpy's sum of that part, and adding them
back up the same way gives numpy's sum of the whole array to the last bit, with no
second read of it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

LEAF = 128  # numpy's pairwise block: parts this long are summed without halving


class PairwiseBlocks:
    """The parts of ``n`` values, each at most ``most`` long, that numpy's pairwise sum
    halves an array of ``n`` into; ``total`` adds their sums as numpy adds them."""

    def __init__(self, n: int, most: int) -> None:
        if most < LEAF:  # numpy would sum such a part whole: it is not one of its parts
            raise ValueError(f"blocks of {most}: at least {LEAF} values each")
        self.n, self.most = n, most
        self.ranges = list(self._split(0, n))

    def total(self, sums: Sequence[float]) -> float:
        """The sum of all values, from each block's sum (in the order of ``ranges``)."""
        return self._add(self.n, iter(sums))

    def _split(self, start: int, n: int) -> Iterator[tuple[int, int]]:
        if n <= self.most:
            yield start, start + n
            return
        half = _half(n)
        yield from self._split(start, half)
        yield from self._split(start + half, n - half)

    def _add(self, n: int, sums: Iterator[float]) -> float:
        if n <= self.most:
            return next(sums)
        half = _half(n)
        return self._add(half, sums) + self._add(n - half, sums)


def _half(n: int) -> int:
    """Where numpy's pairwise sum cuts ``n`` values: half, down to a multiple of 8."""
    half = n // 2
    return half - half % 8
