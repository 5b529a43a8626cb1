"""The four kinds of agents: residents, grid workers, mediators and cadres.

Residents' state (trust, grievance, where they live) lives in arrays the model owns, so
that what touches every resident runs vectorised; a resident is a Mesa agent from the
moment a dispute first involves them (``Residents``), and their decisions are the
methods of ``Resident``. A county of 59,000 residents meets a few hundred disputes a
year: the residents no dispute touches cost no Python object. Grid workers, mediators
and cadres are few and act as ordinary agents every day; their time (a grid worker's
rotation, a mediator's days, a cadre's visit days) is their entry of the arrays of
``sim.schedules``, so that a day's time of all of them is one step.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

import mesa
import numpy as np

from sim.disputes import Dispute, Level, Status

if TYPE_CHECKING:
    from sim.config.schema import ResponseBehaviour
    from sim.model import GovernanceModel


T = TypeVar("T", float, np.ndarray)  # one resident's (or dispute's) value, or many at once


class Resident(mesa.Agent):
    """A villager a dispute has involved; ``index`` points into the model's resident arrays.

    The decisions: whether to report a dispute and how much to tell a visitor
    (``report_chance``, ``openness``), to accept an agreement (``accept_logit``), to petition and
    where (``petition_chance``, ``petition_kind``) and to join a group petition
    (``join_group``). Petitioning is Epstein's rule with trust as legitimacy (S26): a
    resident acts on net grievance, grievance x (1 - trust) minus the risk they see.
    Decisions that several residents take together (the parties of a mediation, a
    group) read them all at once.
    """

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

    def net_grievance(self, risk: float) -> float:
        return self.grievance * (1.0 - self.trust) - risk

    def petition_chance(self, risk: float, rule: ResponseBehaviour) -> float:
        """Today's chance that I take my dispute to a letters-and-visits office."""
        excess = (self.net_grievance(risk) - rule.petition_threshold) / rule.petition_steepness
        return rule.petition_per_day * float(1.0 / (1.0 + np.exp(-excess)))

    def petition_kind(self, rule: ResponseBehaviour) -> Status:
        """Which office I go to: above the county when I trust the institutions very
        little (a skip-level petition), else the township's."""
        return Status.SKIP_LEVEL_PETITION if self.trust < rule.skip_level_trust else Status.PETITION

    # Telling of a dispute: the claimants' trust in the institutions decides how readily
    # they report it and how much they tell a visitor. These rules take trust (their
    # mean, or an array of it for many disputes at once: the same arithmetic).
    @staticmethod
    def report_chance(trust: T, per_day: float) -> T:
        """The daily chance of reporting my dispute unprompted, ``per_day`` at full
        trust (before the platform, the dispute's loudness and the village's custom)."""
        return per_day * trust

    @staticmethod
    def openness(trust: T, weight: float) -> T:
        """How far I tell a visitor (a grid worker, a cadre) of my dispute: 1 at full
        trust; ``weight``: how much trust matters to what that visitor hears."""
        return 1.0 - weight * (1.0 - trust)

    @staticmethod
    def accept_logit(model: GovernanceModel, parties: np.ndarray) -> float:
        """How much more readily the ``parties`` of a mediation accept an agreement, in
        log-odds: by how far their mean trust in the institutions is above its mean.
        The parties decide together, so the rule reads them all at once."""
        rule = model.behaviour.attitudes
        if rule.trust_acceptance_effect == 0:
            return 0.0
        trust = model.attitudes.mean_trust(parties)
        return rule.trust_acceptance_effect * (trust - rule.trust_mean)

    @staticmethod
    def join_group(model: GovernanceModel, residents: np.ndarray, risk: float, threshold: float):
        """Of ``residents`` (a dispute's claimants and their ties), those ready to join a
        group petition: each decides by the same rule, applied to all at once (numbers
        are safety, so ``risk`` is the group's)."""
        return residents[model.attitudes.net_grievance(residents, risk) > threshold]


class Residents:
    """Every resident by index; the ``Resident`` agent of one is created the first time
    a dispute involves them (``involve``) or they are asked to decide (``[index]``)."""

    def __init__(self, model: GovernanceModel) -> None:
        self.model = model
        self.agents: dict[int, Resident] = {}

    def __len__(self) -> int:
        return self.model.world.n_residents

    def __getitem__(self, index: int) -> Resident:
        agent = self.agents.get(index)
        if agent is None:
            agent = self.agents[index] = Resident(self.model, index)
        return agent

    def involve(self, residents: np.ndarray) -> None:
        agents, model = self.agents, self.model
        for index in residents.tolist():
            if index not in agents:  # ``self[index]``, without a call per resident
                agents[index] = Resident(model, index)


class GridWorker(mesa.Agent):
    """Covers one grid: visits households on a rotation, settles trivial matters, and
    spends visits on promised feedback and follow-ups (which slow the rotation)."""

    model: GovernanceModel

    def __init__(self, model: GovernanceModel, grid: int, village: int, households: int) -> None:
        super().__init__(model)
        self.grid, self.village, self.households = grid, village, households
        self.rotation = model.rotation
        self.visits_per_day = float(self.rotation.per_day[grid])  # this village's levers
        self.backlog = self.visits_per_day * model.behaviour.promises.errand_backlog_days

    # My place in the rotation and the visits I owe are my entries of the county's
    # ``schedules.Rotation`` arrays, so that a day's visits of every grid worker are one
    # step.
    @property
    def next_slot(self) -> int:
        return int(self.rotation.next_slot[self.grid])

    @next_slot.setter
    def next_slot(self, slot: int) -> None:
        self.rotation.next_slot[self.grid] = slot

    @property
    def visits_owed(self) -> float:
        """Household visits available: a working day adds a day's worth; feedback and
        follow-ups spend them ahead (it may go negative, down to the allowed backlog)."""
        return float(self.rotation.owed[self.grid])

    @visits_owed.setter
    def visits_owed(self, visits: float) -> None:
        self.rotation.owed[self.grid] = visits

    def visit_households(self) -> tuple[int, int]:
        """On a working day, visit the next households of the rotation: ``(first, n)``,
        the first slot visited and how many (``visits.GridWorkerVisits`` decides what
        the visits bring to light, for every grid worker at once)."""
        first, n = self.rotation.visit(self.model.day, np.array([self.grid]))
        return (int(first[0]), int(n[0]))

    def spare_visits(self, visits: float) -> bool:
        """Spend ``visits`` household visits on an errand (feedback, a follow-up) if the
        backlog of visits I owe allows it; True if I went."""
        if self.visits_per_day <= 0 or self.visits_owed - visits < -self.backlog:
            return False
        self.visits_owed -= visits
        return True

    def settle_on_the_spot(self, d: Dispute) -> bool:
        """Try to settle a small dispute where it was found; True if it was settled."""
        model = self.model
        model.book.start(d, Level.ON_THE_SPOT, model.day)
        skill = model.local.staffing[self.village].grid_worker_skill
        return model.attempts.conclude(d, skill, Level.ON_THE_SPOT)


class Mediator(mesa.Agent):
    """A people's mediator serving one village, or every village for a roving one.

    Mediators' time is a budget: a volunteer gives a few days a month beside farm work,
    a full-time mediator most of the month; each case takes days of that time by its
    complexity, spent when the case is taken up. Unused days carry over up to a month.
    """

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
        # A village's own mediator works under its village's levers; a roving one the county's.
        staffing = (
            model.local.staffing[villages[0]]
            if len(villages) == 1
            else model.params.policy.staffing
        )
        per_month = (
            staffing.full_time_days_per_month if full_time else staffing.volunteer_days_per_month
        )
        self.time = model.village_mediation.time
        self.slot = self.time.add(
            per_day=per_month / model.params.policy.visits.days_per_month,
            cap=max(per_month, model.attempts.largest_effort),
            left=per_month,  # the first month's time
        )

    # My time is my entry of the village mediation's ``schedules.MediatorTime`` arrays,
    # so that a day's time comes in for every mediator in one step.
    @property
    def days_per_day(self) -> float:
        return float(self.time.per_day[self.slot])

    @property
    def days_cap(self) -> float:
        return float(self.time.cap[self.slot])

    @property
    def days_left(self) -> float:
        return float(self.time.left[self.slot])

    @days_left.setter
    def days_left(self, days: float) -> None:
        self.time.left[self.slot] = days

    def conclude_cases(self) -> None:
        """Finish the cases whose service time is up."""
        model = self.model
        day = model.day
        for d in self.cases:
            if d.busy_until <= day:
                break
        else:
            return  # none is due (most days of a case): no lists to build
        done = [d for d in self.cases if d.busy_until <= day]
        self.cases = [d for d in self.cases if d.busy_until > day]
        for d in done:
            model.attempts.conclude(d, self.skill, Level.VILLAGE, paid_per_case=not self.full_time)

    def take_cases(self) -> None:
        """Today's time comes in; start mediating the longest-waiting disputes of my
        villages while I have cases free and the days the next one takes."""
        self.days_left = min(self.days_cap, self.days_left + self.days_per_day)
        self.take_waiting()

    def take_waiting(self) -> None:
        """Start mediating the longest-waiting disputes of my villages while I have cases
        free and the days the next one takes (today's time already in)."""
        model = self.model
        while len(self.cases) < self.capacity:
            d = model.book.next_village_case(self.villages)
            if d is None:
                return
            effort = model.attempts.effort_days(d)
            if effort > self.days_left:
                model.counts.mediator_time_short += 1
                return
            self.days_left -= effort
            model.book.start(d, Level.VILLAGE, model.day, model.attempts.finish_day(d))
            self.cases.append(d)
            self.time.with_cases.add(self.slot)


class Cadre(mesa.Agent):
    """A township official with a few governance days a month for village visits. My
    villages' visit days and my days left are my entries of the county's
    ``schedules.CadreRounds`` arrays, so that a day's visits of every cadre are one step."""

    model: GovernanceModel

    def __init__(self, model: GovernanceModel, township: int, villages: tuple[int, ...]) -> None:
        super().__init__(model)
        self.township, self.villages = township, villages
        self.rounds = model.cadre_visits.rounds
        # Each village's own interval (null: no routine visits there).
        intervals = [model.local.visits[v].cadre_visit_interval_days for v in villages]
        self.index = self.rounds.enrol(villages, intervals)

    @property
    def days_left(self) -> float:
        """Governance days left this month."""
        return self.rounds.days_left_of(self.index)

    @property
    def next_visit(self) -> dict[int, int | None]:
        """Each of my villages' next visit day (None: no routine visits there)."""
        return self.rounds.next_visits(self.index)

    def visit_villages(self) -> list[int]:
        """The villages I spend a governance day in today: those whose visit day it is,
        while this month's governance days last (``visits.CadreVisits`` listens there)."""
        return self.rounds.visit(self.model, self.index)
