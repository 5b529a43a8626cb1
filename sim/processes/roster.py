"""The open disputes of a day side by side, for the residents' responses (``responses``).

Each open dispute involves residents: its claimants, their ties and its respondents.
``Roster`` keeps them for all open disputes, in the book's order, as one table, so that
the day's waiting and the checks of what the parties might do run over arrays instead
of one Python call per dispute. The book's open disputes keep their order from day to
day, and new (or reopened) ones come last, so the table is carried over: the day drops
the disputes no longer open and appends the new ones, and only those are looked at one
by one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from sim.disputes import Dispute

if TYPE_CHECKING:
    from sim.processes.attitudes import Attitudes

CLAIMANT, TIE, RESPONDENT = 0, 1, 2  # a resident's role in a dispute


@dataclass(frozen=True, slots=True)
class Kind:
    """What the responses need of a dispute's type."""

    violent: bool  # can turn criminal
    growth: float  # daily share of the way to intensity 1 while unattended


class Roster:
    """The open disputes' residents as columns (resident, weight, role), with per-dispute
    arrays; ``update`` brings it to the day's open disputes, then the arrays describe
    them in order:

    - ``who``, ``weight``, ``who_at``, ``who_size``: claimants and their ties, the
      weight of each in a change of attitude, where each dispute's start, how many;
    - ``parties``, ``parties_at``: claimants and respondents;
    - ``lead``: the claimant who petitions alone; ``violent``, ``growth``: of its type;
    - ``alone``: none of its residents is in another open dispute, and no claimant is
      among their own ties (``attitudes.weights``), so that its day changes and reads
      only its own residents' attitudes.
    """

    def __init__(self, attitudes: Attitudes, kinds: dict[int, Kind], n_residents: int) -> None:
        self.attitudes, self.kinds = attitudes, kinds
        self.ids = np.empty(0, dtype=np.int64)
        self.resident = np.empty(0, dtype=np.int64)  # the columns: each dispute's residents,
        self.column_weight = np.empty(0)  # their weights (0 for respondents)
        self.role = np.empty(0, dtype=np.int8)  # and roles
        self.size = np.empty(0, dtype=np.int64)  # columns of each dispute
        self.lead = np.empty(0, dtype=np.int64)
        self.violent = np.empty(0, dtype=bool)
        self.growth = np.empty(0)
        self.apart = np.empty(0, dtype=bool)
        # How many open disputes name each resident (more than one: shared).
        self.disputes_of = np.zeros(n_residents, dtype=np.int32)
        self._arrange()

    def update(self, disputes: list[Dispute]) -> None:
        """The roster of ``disputes`` (the book's open disputes, in its order)."""
        ids = np.fromiter((d.id for d in disputes), np.int64, len(disputes))
        kept = np.isin(self.ids, ids)
        n_kept = int(kept.sum())
        if not np.array_equal(ids[:n_kept], self.ids[kept]):  # a dispute reopened: anew
            kept[:], n_kept = False, 0
        self._keep(kept)
        self._append(disputes[n_kept:])
        self.ids = ids
        self._arrange()

    def _keep(self, kept: np.ndarray) -> None:
        columns = np.repeat(kept, self.size)
        owner = np.repeat(np.arange(kept.size), self.size)
        self._count(self.resident[~columns], owner[~columns], -1)
        for name in ("resident", "column_weight", "role"):
            setattr(self, name, getattr(self, name)[columns])
        for name in ("size", "lead", "violent", "growth", "apart"):
            setattr(self, name, getattr(self, name)[kept])

    def _append(self, disputes: list[Dispute]) -> None:
        """The new disputes' columns, built for all of them at once."""
        if not disputes:
            return
        attitudes, kinds = self.attitudes, self.kinds
        who = [attitudes.claimants_and_ties(d) for d in disputes]
        weights = [attitudes.weights(d) for d in disputes]
        kind = [kinds[id(d.kind)] for d in disputes]
        sizes = [(d.claimants.size, d.linked.size, d.respondents.size) for d in disputes]
        resident = np.concatenate(
            [x for w, d in zip(who, disputes, strict=True) for x in (w, d.respondents)]
        )
        # A weight of 1 stands in where the weights are not used (not ``apart``).
        weight = [
            (w if w is not None else np.ones(g.size), np.zeros(d.respondents.size))
            for w, g, d in zip(weights, who, disputes, strict=True)
        ]
        self._count(resident, np.repeat(np.arange(len(disputes)), np.sum(sizes, axis=1)), 1)
        self.resident = np.concatenate([self.resident, resident])
        self.column_weight = np.concatenate(
            [self.column_weight, *(x for pair in weight for x in pair)]
        )
        roles = np.tile(np.array([CLAIMANT, TIE, RESPONDENT], dtype=np.int8), len(disputes))
        self.role = np.concatenate([self.role, np.repeat(roles, np.ravel(sizes))])
        self.size = np.concatenate([self.size, np.sum(sizes, axis=1)])
        self.lead = np.concatenate([self.lead, [int(d.claimants[0]) for d in disputes]])
        self.violent = np.concatenate([self.violent, [k.violent for k in kind]])
        self.growth = np.concatenate([self.growth, [k.growth for k in kind]])
        self.apart = np.concatenate([self.apart, [w is not None for w in weights]])

    def _count(self, resident: np.ndarray, owner: np.ndarray, step: int) -> None:
        """Count each of these disputes once for each resident it names (a respondent is
        often among the claimant's ties too)."""
        n = self.disputes_of.size
        named = np.unique(owner * n + resident) % n
        np.add.at(self.disputes_of, named, step)

    def _arrange(self) -> None:
        n = self.size.size
        start = np.cumsum(self.size) - self.size
        who, parties = self.role != RESPONDENT, self.role != TIE
        self.who, self.weight = self.resident[who], self.column_weight[who]
        self.who_size = np.add.reduceat(who, start, dtype=np.int64) if n else start
        self.who_at = np.cumsum(self.who_size) - self.who_size
        self.parties = self.resident[parties]
        parties_size = np.add.reduceat(parties, start, dtype=np.int64) if n else start
        self.parties_at = np.cumsum(parties_size) - parties_size
        shared = self.disputes_of[self.resident] > 1
        self.alone = self.apart & ~(np.logical_or.reduceat(shared, start) if n else start > 0)
