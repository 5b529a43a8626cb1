"""Mediation at each level, with limited capacity (S9 service times; assumptions).

Village mediators are agents (``agents.Mediator``) with a monthly budget of days. The
township centre's joint mediation (三调联动) succeeds more often but runs few cases at
once; county bodies (courts, police, arbitration) hear a few cases at once per 10,000
residents, slowly and finally, and their service time lengthens when cases queue;
disputes queued there keep intensifying and aggrieving (``responses``). A mediation's
chance of success falls with severity and intensity, rises with skill, and depends on
the type. The per-case subsidy (以案定补) is paid once per dispute, on a successful
mediation (S50, S51).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np

from sim.agents import Mediator, Resident
from sim.disputes import OPEN, Complexity, Dispute, Level, Status
from sim.processes import Process
from sim.processes.onset import TYPES
from sim.rng import Uniforms
from sim.schedules import MediatorTime
from sim.world.types import lineage_difficulty

if TYPE_CHECKING:
    from sim.model import GovernanceModel


class MediationAttempts:
    """How long a mediation takes, whether it succeeds, and what follows: the rule every
    level shares (grid workers on the spot, village mediators, township centres).

    Not a daily step: it is consulted when an attempt starts or ends, wherever that
    happens in the day, and draws from the mediation stream in that order.
    """

    def __init__(self, model: GovernanceModel, rng: Uniforms) -> None:
        self.model, self.rng = model, rng
        self.behaviour = model.params.behaviour.mediation
        self.difficulty = {
            t: getattr(model.params.behaviour.disputes, t.value).difficulty for t in TYPES
        }
        self.service_days = {
            Complexity.SIMPLE: self.behaviour.service_days_simple,
            Complexity.GENERAL: self.behaviour.service_days_general,
            Complexity.COMPLEX: self.behaviour.service_days_complex,
        }
        self.effort = {
            Complexity.SIMPLE: self.behaviour.effort_days_simple,
            Complexity.GENERAL: self.behaviour.effort_days_general,
            Complexity.COMPLEX: self.behaviour.effort_days_complex,
        }
        self.largest_effort = max(self.effort.values())

    def dispute_logit(self, d: Dispute, skill: float) -> float:
        """Log-odds of agreement from the dispute and the mediator's skill alone (what an
        elder's informal attempt uses too, ``informal.Elders``)."""
        rule = self.behaviour
        return (
            rule.base_logit
            + rule.skill_effect * (skill - 0.5)
            - rule.severity_effect * d.severity
            - rule.intensity_effect * d.intensity
            - self.difficulty[d.kind]
        )

    def success_probability(
        self, d: Dispute, skill: float, level: Level, pressure: float = 0.0
    ) -> float:
        """``pressure``: log-odds added by officials pressing the parties to agree."""
        rule = self.behaviour
        logit = (
            self.dispute_logit(d, skill)
            - lineage_difficulty(self.model.world, d)
            + Resident.accept_logit(self.model, d.parties)
            + pressure
        )
        if level is Level.TOWNSHIP:
            logit += rule.township_bonus
        elif level is Level.ON_THE_SPOT:
            logit -= rule.on_the_spot_penalty
        return 1.0 / (1.0 + math.exp(-logit))

    def finish_day(self, d: Dispute) -> int:
        """The day a mediation of ``d`` started today concludes."""
        return self.model.day + self.service_days[d.complexity]

    def effort_days(self, d: Dispute) -> float:
        """Days of a mediator's time a mediation of ``d`` takes."""
        return self.effort[d.complexity]

    def conclude(self, d: Dispute, skill: float, level: Level, paid_per_case: bool = True) -> bool:
        """End one mediation attempt; True if it reached an agreement.

        On agreement the dispute is resolved at ``level`` (and a volunteer's committee
        earns the per-case subsidy, once per dispute); on failure it sharpens, the
        parties lose trust, and the escalation ladder decides where it goes next.
        """
        model = self.model
        if d.status is not Status.IN_MEDIATION:
            return False  # the parties petitioned or fought while it was under way
        model.counts.mediation_attempts += 1
        pressure = model.evaluation.pressure_logit(level)
        u = self.rng.random()
        if u < self.success_probability(d, skill, level, pressure):
            # Pressed: the parties would not have agreed without the pressure.
            pressed = pressure > 0 and u >= self.success_probability(d, skill, level)
            model.evaluation.concluded(d, agreed=True, pressed=pressed)
            model.counts.mediation_successes += 1
            if paid_per_case and not d.subsidised:
                d.subsidised = True
                model.ledger.per_case(level, d.complexity)
            self.agreed(d, level)
            return True
        model.evaluation.concluded(d, agreed=False, pressed=False)
        model.book.fail(d, model.behaviour.intensity.failed_mediation_jump)
        model.attitudes.failed(d)
        model.ladder.after_failure(d)
        return False

    def agreed(self, d: Dispute, level: Level) -> None:
        """The parties agree (or the county decides): resolved, and the parties' trust grows."""
        self.model.book.resolve(d, level, self.model.day)
        self.model.attitudes.resolved(d)


class VillageMediation(Process):
    """Village mediators finish the cases whose time is up, then take new ones from
    their villages' queues (a case that failed today may be taken again at once).

    Only mediators with something to do are asked, in their order: those with cases
    under way, then those whose villages have disputes waiting; everyone's time comes
    in every day, in one step over the mediators' time arrays (``time``;
    ``Mediator.take_cases`` for one mediator, the same rule)."""

    def __init__(self, model: GovernanceModel, rng: np.random.Generator | None = None) -> None:
        super().__init__(model, rng)
        self.time = MediatorTime()  # every mediator's days, filled as they are staffed
        self._staff: list[Mediator] | None = None
        self._serving: list[list[int]] = []  # by village: the mediators serving it, in order

    def step(self) -> None:
        staff = self._mediators()
        with_cases = self.time.with_cases
        for i in sorted(with_cases):
            m = staff[i]
            m.conclude_cases()
            if not m.cases:
                with_cases.discard(i)
        self.time.add_day()
        queues = self.model.book.village_queue
        ready = {i for v, queue in enumerate(queues) if queue for i in self._serving[v]}
        for i in sorted(ready):
            staff[i].take_waiting()

    def _mediators(self) -> list[Mediator]:
        if self._staff is None:  # mediators are staffed after the processes are built
            self._staff = list(self.model.mediators)
            self._serving = [[] for _ in range(self.model.world.n_villages)]
            for i, m in enumerate(self._staff):
                assert m.slot == i  # a mediator's place here is their slot in ``time``
                for v in m.villages:
                    self._serving[v].append(i)
        return self._staff


class Centres(Process):
    """Township centres conclude due cases and take new ones; county bodies decide their
    due cases (every case they take ends resolved there) and take queued ones into
    free slots, more slowly the longer the queue."""

    def __init__(self, model: GovernanceModel, rng: np.random.Generator | None = None) -> None:
        super().__init__(model, rng)
        staffing = model.params.policy.staffing
        self.township_cases: list[list[Dispute]] = [[] for _ in range(model.world.n_townships)]
        self.township_slots = staffing.township_centre_slots
        self.township_skill = staffing.township_skill
        rule = model.params.behaviour.mediation
        self.county_slots = max(
            1, round(rule.county_slots_per_10k * model.world.n_residents / 10_000)
        )
        self.county_service_days = rule.county_service_days
        self.county_congestion = rule.county_congestion

    def county_service(self, queued: int) -> int:
        """Days a county case started today takes: longer the more cases queue per slot."""
        load = self.county_congestion * queued / self.county_slots
        return max(1, round(self.county_service_days * (1.0 + load)))

    def step(self) -> None:
        model = self.model
        book, attempts, day = model.book, model.attempts, model.day
        queues = book.township_queue
        for township, cases in enumerate(self.township_cases):
            if not cases and not queues[township]:
                continue  # an idle centre with nothing waiting has nothing to do
            due = [d for d in cases if d.busy_until <= day]
            cases[:] = [d for d in cases if d.busy_until > day]
            for d in due:
                attempts.conclude(d, self.township_skill, Level.TOWNSHIP)
            while len(cases) < self.township_slots and queues[township]:
                case = book.next_township_case(township)
                assert case is not None  # its queue holds one
                book.start(case, Level.TOWNSHIP, day, attempts.finish_day(case))
                cases.append(case)
        due = [d for d in book.county_cases if d.busy_until <= day]
        book.county_cases[:] = [
            d for d in book.county_cases if d.busy_until > day and d.status in OPEN
        ]
        for d in due:
            if d.status is Status.IN_MEDIATION:
                attempts.agreed(d, Level.COUNTY)
        while len(book.county_cases) < self.county_slots:
            case = book.next_county_case()
            if case is None:
                break
            behind = len(book.county_queue) - 1  # the cases still queued behind this one
            book.start_county_case(case, day, day + self.county_service(behind))
        model.counts.county_queued += len(book.county_queue)
        model.counts.township_queued += sum(len(q) for q in book.township_queue)
