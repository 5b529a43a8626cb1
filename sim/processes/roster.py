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
    - ``parties``, ``parties_at``, ``parties_size``: claimants and respondents;
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
        # How many open disputes name each resident, and whether more than one (shared:
        # read for every column each day, a quarter the size of the counts).
        self.disputes_of = np.zeros(n_residents, dtype=np.int32)
        self.shared = np.zeros(n_residents, dtype=bool)
        self._arrange()

    def update(self, disputes: list[Dispute], ids: np.ndarray | None = None) -> None:
        """The roster of ``disputes`` (the book's open disputes, in its order), whose
        numbers ``ids`` are, if given (the book's keys: read without a Python step each)."""
        if ids is None:
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
        """The new disputes' columns, built for all of them at once: their claimants,
        ties and respondents in one concatenation, and the weights, lead claimants and
        which are ``apart`` from those columns (what ``attitudes.claimants_and_ties``
        and ``attitudes.weights`` give dispute by dispute, without a Python step and
        an array of each)."""
        if not disputes:
            return
        kind = [self.kinds[id(d.kind)] for d in disputes]
        sizes = np.array(
            [(d.claimants.size, d.linked.size, d.respondents.size) for d in disputes],
            dtype=np.int64,
        ).reshape(-1, 3)
        resident = np.concatenate(
            [x for d in disputes for x in (d.claimants, d.linked, d.respondents)]
        )
        roles = np.tile(np.array([CLAIMANT, TIE, RESPONDENT], dtype=np.int8), len(disputes))
        role = np.repeat(roles, sizes.ravel())
        per_dispute = sizes.sum(axis=1)
        owner = np.repeat(np.arange(len(disputes)), per_dispute)
        apart = self._apart(resident, role, owner, len(disputes))
        # Claimants weigh 1 and respondents 0; ties weigh the spillover share where the
        # weights are used (``apart``), else 1 stands in.
        weight = (role == CLAIMANT).astype(float)
        ties = role == TIE
        weight[ties] = np.where(apart[owner[ties]], self.attitudes.behaviour.spillover, 1.0)
        self._count(resident, owner, 1)
        # Their claimants and ties will have a grievance when they wait: into the fade now
        # (``attitudes.wait_apart``), once, rather than checked at every wait.
        self.attitudes.may_grieve(resident[role != RESPONDENT])
        self.resident = np.concatenate([self.resident, resident])
        self.column_weight = np.concatenate([self.column_weight, weight])
        self.role = np.concatenate([self.role, role])
        self.size = np.concatenate([self.size, per_dispute])
        first = np.cumsum(per_dispute) - per_dispute  # a dispute's first claimant leads
        self.lead = np.concatenate([self.lead, resident[first]])
        self.violent = np.concatenate([self.violent, [k.violent for k in kind]])
        self.growth = np.concatenate([self.growth, [k.growth for k in kind]])
        self.apart = np.concatenate([self.apart, apart])

    def _apart(
        self, resident: np.ndarray, role: np.ndarray, owner: np.ndarray, n_disputes: int
    ) -> np.ndarray:
        """For each dispute, whether none of its claimants is among its ties."""
        key = owner * self.disputes_of.size + resident  # a resident within one dispute
        claimant = role == CLAIMANT
        among_ties = np.isin(key[claimant], key[role == TIE])
        apart = np.ones(n_disputes, dtype=bool)
        apart[owner[claimant][among_ties]] = False
        return apart

    def _count(self, resident: np.ndarray, owner: np.ndarray, step: int) -> None:
        """Count each of these disputes once for each resident it names (a respondent is
        often among the claimant's ties too)."""
        n = self.disputes_of.size
        named = np.unique(owner * n + resident) % n
        # Each (dispute, resident) once; a resident of several of these disputes comes
        # once per dispute, so the counts must add up (``np.add.at``, not ``+=``).
        np.add.at(self.disputes_of, named, step)
        self.shared[named] = self.disputes_of[named] > 1

    def _arrange(self) -> None:
        n = self.size.size
        start = np.cumsum(self.size) - self.size
        who, parties = self.role != RESPONDENT, self.role != TIE
        self.who, self.weight = self.resident[who], self.column_weight[who]
        self.who_size = np.add.reduceat(who, start, dtype=np.int64) if n else start
        self.who_at = np.cumsum(self.who_size) - self.who_size
        self.parties = self.resident[parties]
        self.parties_size = np.add.reduceat(parties, start, dtype=np.int64) if n else start
        self.parties_at = np.cumsum(self.parties_size) - self.parties_size
        shared = self.shared[self.resident]
        self.alone = self.apart & ~(np.logical_or.reduceat(shared, start) if n else start > 0)
