"""The day's waits of the open disputes that share residents, made in their turn.

Disputes that share a resident (``roster.Roster.alone`` is false) must wait and respond
in the book's order: a dispute decides on what the disputes before it left that day.
Dispute by dispute, that is an array call or two for each of them every day, and almost
none of them acts. ``SharedWaits`` holds the day's waits of those disputes as columns
(their claimants and ties, weights and intensities, in order) and makes them a stretch
at a time: ``wait_through`` makes every wait up to a given dispute at once, each
resident's waits in order (``attitudes.Attitudes.wait_in_turn``), and ``all_made`` lets
the caller read attitudes as they would be once all the remaining waits were made,
then puts them back, bit for bit.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import numpy as np

from sim.disputes import Dispute
from sim.ranges import ranges

if TYPE_CHECKING:
    from sim.processes.attitudes import Attitudes
    from sim.processes.roster import Roster


class SharedWaits:
    """The waits of the day's disputes at ``shared`` (places in the book, in order; those
    under mediation do not wait), of which the first ``done`` are made (``begin``)."""

    def __init__(self, attitudes: Attitudes, roster: Roster) -> None:
        self.attitudes, self.roster = attitudes, roster
        self._marked = np.zeros(attitudes.grievance.size, dtype=bool)  # kept all False

    def begin(
        self, disputes: list[Dispute], shared: np.ndarray, waits: np.ndarray, intensity: np.ndarray
    ) -> None:
        """The day's disputes, the places of those sharing residents, whether each waits
        today and its intensity; no wait made yet."""
        roster = self.roster
        self.disputes, self.shared = disputes, shared
        waiting = shared[waits[shared]]
        size = roster.who_size[waiting]
        columns = ranges(roster.who_at[waiting], size)
        self.who, self.weight = roster.who[columns], roster.weight[columns]
        self.intensity = np.repeat(intensity[waiting], size)
        # Columns whose resident may be named twice: a resident of several open disputes,
        # or any of a dispute whose claimant is among its own ties.
        apart = roster.apart[waiting]
        self.repeats = roster.shared[self.who] | np.repeat(~apart, size)
        # The columns of ``shared[:j + 1]`` end at ``end[j]``.
        self.end = np.cumsum(np.where(waits[shared], roster.who_size[shared], 0))
        # Disputes whose claimant is among their ties wait by the rule (places in ``shared``).
        self.tangled = np.flatnonzero(waits[shared] & ~roster.apart[shared]).tolist()
        self.done = 0

    def wait_through(self, j: int) -> None:
        """Make the waits of ``shared[done : j + 1]`` (all that are left if ``j`` is past
        the last)."""
        j = min(j, self.shared.size - 1)
        if j < self.done:
            return
        start = self.end[self.done - 1] if self.done else 0
        while self.tangled and self.tangled[0] <= j:
            k = self.tangled.pop(0)
            self._make(start, self.end[k - 1] if k else 0)
            self.attitudes.waiting(self.disputes[self.shared[k]])
            start = self.end[k]
        self._make(start, self.end[j])
        self.done = j + 1

    def _make(self, start: int, stop: int) -> None:
        cut = slice(start, stop)
        self.attitudes.wait_in_turn(
            self.who[cut], self.weight[cut], self.intensity[cut], self.repeats[cut]
        )

    @contextmanager
    def all_made(self, read: np.ndarray) -> Iterator[None]:
        """Within the block, the attitudes of the residents ``read`` are as after every
        remaining wait (the claimants' ties of a dispute whose claimant is among its own
        ties counted at full weight: more than the rule gives them, never less). Only
        they are changed, and they are put back as they were when the block ends."""
        attitudes, start = self.attitudes, self.end[self.done - 1] if self.done else 0
        marked = self._marked
        marked[read] = True
        cut = start + np.flatnonzero(marked[self.who[start:]])
        marked[read] = False
        who = self.who[cut]
        grievance, trust = attitudes.grievance[who], attitudes.trust[who]
        attitudes.wait_in_turn(who, self.weight[cut], self.intensity[cut], self.repeats[cut])
        try:
            yield
        finally:
            attitudes.grievance[who], attitudes.trust[who] = grievance, trust
