"""The staff's time as arrays: grid workers' visit rotations (``Rotation``), mediators'
days (``MediatorTime``) and cadres' rounds of village visit days (``CadreRounds``).

Each grid worker, mediator and cadre (``sim.agents``) reads and spends their own entry;
holding everyone's in one array lets a day's visits or a day's time of all of them be
one numpy step, with the arithmetic of the one-agent rule. The daily processes that
use them: ``processes.visits`` (rotations and cadres' rounds) and
``processes.mediation`` (mediators' days).
"""

from __future__ import annotations

from itertools import repeat
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from sim.model import GovernanceModel


class Rotation:
    """Every grid worker's visit rotation as arrays indexed by grid: the next household
    slot to visit and the household visits owed (``GridWorker`` reads and spends its own).
    Visits a day and working days are each grid's village's (``sim.village_policy``)."""

    def __init__(self, model: GovernanceModel, households: np.ndarray) -> None:
        local = [model.local.visits[v] for v in model.world.grid_village]
        self.working_days = np.array([v.working_days_per_week for v in local], dtype=np.int64)
        self.per_day = np.array(
            [v.households_visited_per_day * (1 - v.other_duties_share) for v in local]
        )
        self.households = households.astype(np.int64)
        self.next_slot = np.zeros(households.size, dtype=np.int64)
        self.owed = np.zeros(households.size)

    def visit(self, day: int, grids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The visits of ``grids``' workers on ``day``: the first slot visited and how many
        (none on a rest day). A day adds a day's visits to those owed; whole visits are
        made, up to the grid's households, when at least one is owed."""
        first = self.next_slot[grids]
        working = day % 7 < self.working_days[grids]  # a rest day adds nothing, visits none
        owed = self.owed[grids] + np.where(working, self.per_day[grids], 0.0)
        n = np.where(
            working & (owed >= 1), np.minimum(owed.astype(np.int64), self.households[grids]), 0
        )
        self.owed[grids] = owed - n
        self.next_slot[grids] = (first + n) % self.households[grids]
        return first, n


class MediatorTime:
    """Every village mediator's time budget as arrays indexed by the mediator's slot
    (their order of staffing): days a day, the cap unused days carry over to, and the
    days left (``Mediator`` reads and spends its own); and the slots of the mediators
    with cases under way, the only ones with cases to finish."""

    def __init__(self) -> None:
        self.n = 0
        self.per_day, self.cap, self.left = np.zeros(0), np.zeros(0), np.zeros(0)
        self.with_cases: set[int] = set()

    def add(self, per_day: float, cap: float, left: float) -> int:
        """A new mediator's time; returns their slot."""
        if self.n == self.left.size:  # staffing adds one at a time: grow by doubling
            size = max(16, 2 * self.n)
            self.per_day, self.cap, self.left = (
                np.concatenate([a, np.zeros(size - a.size)])
                for a in (self.per_day, self.cap, self.left)
            )
        slot = self.n
        self.per_day[slot], self.cap[slot], self.left[slot] = per_day, cap, left
        self.n += 1
        return slot

    def add_day(self) -> None:
        """A day's time comes in for every mediator, up to their cap (the rule of
        ``Mediator.take_cases``, ``min(cap, left + per_day)``, for all at once)."""
        n = self.n
        np.minimum(self.cap[:n], self.left[:n] + self.per_day[:n], out=self.left[:n])


class CadreRounds:
    """Every cadre's routine village visits as arrays, a place for each village in the
    order of the cadres and of each cadre's villages: the village, its cadre, the day
    it is next due (``NEVER`` without routine visits) and its interval; and each cadre's
    governance days left this month. On most days few villages are due, so a day's
    visits of every cadre look at the due days as one array (``visit``)."""

    NEVER = np.iinfo(np.int64).max

    def __init__(self) -> None:
        self._enrolled: list[tuple[int, int, int, int]] = []  # village, cadre, due, interval
        self.first: list[int] = [0]  # each cadre's first place, and the end of the last
        self.village = np.zeros(0, dtype=np.int64)
        self.cadre = np.zeros(0, dtype=np.int64)
        self.due = np.zeros(0, dtype=np.int64)
        self.interval = np.zeros(0, dtype=np.int64)
        self.days_left = np.zeros(0)

    def enrol(self, villages: tuple[int, ...], intervals: list[int | None]) -> int:
        """A new cadre's villages; the cadre's index. First visits are staggered, so that
        a township's villages are not all seen on one day (village modulo interval)."""
        cadre = len(self.first) - 1
        self._enrolled += [
            (village, cadre, village % interval if interval else self.NEVER, interval or 0)
            for village, interval in zip(villages, intervals, strict=True)
        ]
        self.first.append(len(self._enrolled))
        return cadre

    def _arrays(self) -> None:
        """Take the cadres enrolled since the last look into the arrays (a new cadre has
        no days left until a month begins)."""
        known = self.due.size
        if known < len(self._enrolled) or self.days_left.size < len(self.first) - 1:
            village, cadre, due, interval = (
                np.array(self._enrolled[known:], dtype=np.int64).reshape(-1, 4).T
            )
            self.village = np.concatenate([self.village, village])
            self.cadre = np.concatenate([self.cadre, cadre])
            self.due = np.concatenate([self.due, due])
            self.interval = np.concatenate([self.interval, interval])
            more = len(self.first) - 1 - self.days_left.size
            self.days_left = np.concatenate([self.days_left, np.zeros(more)])

    def days_left_of(self, cadre: int) -> float:
        self._arrays()
        return float(self.days_left[cadre])

    def next_visits(self, cadre: int) -> dict[int, int | None]:
        self._arrays()
        places = slice(self.first[cadre], self.first[cadre + 1])
        due = zip(self.village[places].tolist(), self.due[places].tolist(), strict=True)
        return {village: (None if day == self.NEVER else day) for village, day in due}

    def visit(self, model: GovernanceModel, cadre: int | None = None) -> list[int]:
        """Today's visit days of one ``cadre`` (None: of every cadre, in their order): the
        villages visited, in order. Each village due today is next due an interval
        later; its cadre visits it if a governance day is left this month, else the visit
        is missed. A month's first day refills the days.

        One after another, a cadre with ``x`` days left visits its ``k``-th village due
        today (from 0) if ``x - k >= 1``: each visit takes one day, and none is taken
        once fewer than one is left. (``x - k`` is what ``k`` subtractions of one leave,
        exactly: each is exact in floating point for ``x >= 1``.)"""
        self._arrays()
        visits, day, counts = model.params.policy.visits, model.day, model.counts
        first, end = (0, self.due.size) if cadre is None else self.first[cadre : cadre + 2]
        if day % visits.days_per_month == 0:
            refill = visits.cadre_governance_days_per_month
            self.days_left[slice(None) if cadre is None else cadre] = refill
        due = np.flatnonzero(self.due[first:end] <= day) + first
        if due.size == 0:
            return []
        self.due[due] += self.interval[due]
        owner = self.cadre[due]  # in order: the places are the cadres' in turn
        new_owner = np.flatnonzero(np.concatenate([[True], owner[1:] != owner[:-1]]))
        runs = np.diff(np.append(new_owner, due.size))  # each cadre's villages due today
        ordinal = np.arange(due.size) - np.repeat(new_owner, runs)
        visited = self.days_left[owner] - ordinal >= 1
        owners = owner[new_owner]
        self.days_left[owners] -= np.add.reduceat(visited.astype(np.int64), new_owner)
        n_visited = int(visited.sum())
        counts.cadre_visit_days += n_visited
        counts.cadre_visits_missed += due.size - n_visited
        villages = self.village[due[visited]].tolist()
        model.visit_log.extend(zip(repeat(day, len(villages)), villages, strict=True))
        return villages
