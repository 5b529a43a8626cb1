"""The four kinds of agents: residents, grid workers, mediators and cadres.

Residents are Mesa agents whose state (trust, grievance) lives in arrays the model
owns, so that what touches every resident runs vectorised; they are asked to decide
only when a dispute concerns them. Grid workers, mediators and cadres are few and act
as ordinary agents every day.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import mesa

from sim.disputes import Dispute, Level

if TYPE_CHECKING:
    from sim.model import GovernanceModel


class Resident(mesa.Agent):
    """A villager; ``index`` points into the model's resident arrays."""

    model: GovernanceModel

    def __init__(self, model: GovernanceModel, index: int) -> None:
        super().__init__(model)
        self.index = index

    @property
    def trust(self) -> float:
        return float(self.model.attitudes.trust[self.index])

    @property
    def grievance(self) -> float:
        return float(self.model.attitudes.grievance[self.index])

    @property
    def village(self) -> int:
        return int(self.model.world.resident_village[self.index])


class GridWorker(mesa.Agent):
    """Covers one grid: visits households on a rotation, settles trivial matters."""

    model: GovernanceModel

    def __init__(self, model: GovernanceModel, grid: int, village: int, households: int) -> None:
        super().__init__(model)
        self.grid, self.village, self.households = grid, village, households
        self.next_slot = 0
        self.visits_owed = 0.0  # fractional visits carried to the next working day

    def visit_households(self) -> list[Dispute]:
        """On a working day, visit the next households of the rotation; the latent
        disputes of the households visited (whether a visit brings one to light is up to
        ``discovery.GridWorkerVisits``)."""
        model = self.model
        visits = model.params.policy.visits
        if model.day % 7 >= visits.working_days_per_week:
            return []
        self.visits_owed += visits.households_visited_per_day * (1 - visits.other_duties_share)
        n = min(int(self.visits_owed), self.households)
        self.visits_owed -= n
        if n == 0:
            return []
        first = self.next_slot
        self.next_slot = (first + n) % self.households
        return [
            d
            for d in model.book.latent_in_grid(self.grid)
            if (d.household_slot - first) % self.households < n
        ]

    def settle_on_the_spot(self, d: Dispute) -> bool:
        """Try to settle a small dispute where it was found; True if it was settled."""
        model = self.model
        model.book.start(d, Level.ON_THE_SPOT, model.day)
        skill = model.params.policy.staffing.grid_worker_skill
        return model.attempts.conclude(d, skill, Level.ON_THE_SPOT)


class Mediator(mesa.Agent):
    """A people's mediator serving one village, or every village for a roving one."""

    model: GovernanceModel

    def __init__(
        self,
        model: GovernanceModel,
        villages: tuple[int, ...],
        skill: float,
        full_time: bool,
        capacity: int,
    ) -> None:
        super().__init__(model)
        self.villages, self.skill = villages, skill
        self.full_time, self.capacity = full_time, capacity
        self.cases: list[Dispute] = []

    def conclude_cases(self) -> None:
        """Finish the cases whose service time is up."""
        model = self.model
        done = [d for d in self.cases if d.busy_until <= model.day]
        self.cases = [d for d in self.cases if d.busy_until > model.day]
        for d in done:
            model.attempts.conclude(d, self.skill, Level.VILLAGE, paid_per_case=not self.full_time)

    def take_cases(self) -> None:
        """Start mediating the longest-waiting disputes of my villages, up to capacity."""
        model = self.model
        while len(self.cases) < self.capacity:
            d = model.book.next_village_case(self.villages)
            if d is None:
                return
            model.book.start(d, Level.VILLAGE, model.day, model.attempts.finish_day(d))
            self.cases.append(d)


class Cadre(mesa.Agent):
    """A township official with a few governance days a month for village visits."""

    model: GovernanceModel

    def __init__(self, model: GovernanceModel, township: int, villages: tuple[int, ...]) -> None:
        super().__init__(model)
        self.township, self.villages = township, villages
        interval = model.params.policy.visits.cadre_visit_interval_days
        # Stagger first visits so that a township's villages are not all seen on one day.
        self.next_visit = {v: (v % interval if interval else None) for v in villages}
        self.days_left = 0.0

    def visit_villages(self) -> list[int]:
        """The villages I spend a governance day in today: those whose visit day it is,
        while this month's governance days last (``discovery.CadreVisits`` listens there)."""
        model = self.model
        visits = model.params.policy.visits
        if model.day % visits.days_per_month == 0:
            self.days_left = visits.cadre_governance_days_per_month
        interval = visits.cadre_visit_interval_days
        if interval is None:
            return []
        visited = []
        for village, due in self.next_visit.items():
            if due is None or model.day < due:
                continue
            self.next_visit[village] = due + interval
            if self.days_left < 1:
                model.counts.cadre_visits_missed += 1
                continue
            self.days_left -= 1
            model.counts.cadre_visit_days += 1
            model.visit_log.append((model.day, village))
            visited.append(village)
        return visited
