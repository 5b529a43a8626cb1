"""Mediation at each level, with limited capacity (S9 service times; assumptions).

Village mediators are agents (``agents.Mediator``). The township centre's joint
mediation (三调联动) succeeds more often but runs few cases at once; the county
(courts) takes every case, slowly, and its judgement is final. A mediation's chance of
success falls with severity and intensity, rises with skill, and depends on the type.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np

from sim.disputes import Complexity, Dispute, Level, Status
from sim.processes.onset import TYPES

if TYPE_CHECKING:
    from sim.model import GovernanceModel


class Mediation:
    def __init__(self, model: GovernanceModel, rng: np.random.Generator) -> None:
        self.model, self.rng = model, rng
        self.p = model.params.behaviour.mediation
        staffing = model.params.policy.staffing
        n_villages, n_townships = model.world.n_villages, model.world.n_townships
        self.village_queue: list[dict[int, Dispute]] = [{} for _ in range(n_villages)]
        self.township_queue: list[dict[int, Dispute]] = [{} for _ in range(n_townships)]
        self.township_cases: list[list[Dispute]] = [[] for _ in range(n_townships)]
        self.township_slots = staffing.township_centre_slots
        self.township_skill = staffing.township_skill
        self.county_cases: list[Dispute] = []
        self.difficulty = {
            t: getattr(model.params.behaviour.disputes, t.value).difficulty for t in TYPES
        }
        self.service = {
            Complexity.SIMPLE: self.p.service_days_simple,
            Complexity.GENERAL: self.p.service_days_general,
            Complexity.COMPLEX: self.p.service_days_complex,
        }

    # --- success -------------------------------------------------------------------
    def success_probability(self, d: Dispute, skill: float, level: Level) -> float:
        p = self.p
        logit = (
            p.base_logit
            + p.skill_effect * (skill - 0.5)
            - p.severity_effect * d.severity
            - p.intensity_effect * d.intensity
            - self.difficulty[d.kind]
        )
        if level is Level.TOWNSHIP:
            logit += p.township_bonus
        elif level is Level.ON_THE_SPOT:
            logit -= p.on_the_spot_penalty
        return 1.0 / (1.0 + math.exp(-logit))

    # --- queues --------------------------------------------------------------------
    def enqueue(self, d: Dispute, level: Level) -> None:
        """Put a dispute in the waiting queue of ``level``."""
        m = self.model
        m.book.move(d, Status.KNOWN, m.day, level)
        if level is Level.VILLAGE:
            self.village_queue[d.village][d.id] = d
        elif level is Level.TOWNSHIP:
            self.township_queue[d.township][d.id] = d
        else:  # the county takes every case at once
            self.start(d, Level.COUNTY)
            d.busy_until = m.day + self.p.county_service_days
            self.county_cases.append(d)
            m.tally["county_cases"] += 1

    def dequeue(self, d: Dispute) -> None:
        """Take a dispute out of whichever waiting queue holds it."""
        self.village_queue[d.village].pop(d.id, None)
        self.township_queue[d.township].pop(d.id, None)

    def next_village_case(self, villages: tuple[int, ...]) -> Dispute | None:
        """The next case for a mediator serving ``villages``.

        Each village queue is first come, first served; a mediator serving several
        villages takes, among their heads, the dispute longest at village level.
        """
        best = None
        for v in villages:
            head = next(iter(self.village_queue[v].values()), None)
            if head is not None and (
                best is None or (head.level_since, head.id) < (best.level_since, best.id)
            ):
                best = head
        return best

    def start(self, d: Dispute, level: Level) -> None:
        m = self.model
        self.dequeue(d)
        m.book.move(d, Status.IN_MEDIATION, m.day, level)
        d.busy_until = m.day + self.service[d.complexity]

    # --- the township centre and the county -----------------------------------------
    def run_centres(self) -> None:
        """Township centres and the county conclude due cases and take new ones."""
        m = self.model
        for t, cases in enumerate(self.township_cases):
            due = [d for d in cases if d.busy_until <= m.day]
            cases[:] = [d for d in cases if d.busy_until > m.day]
            for d in due:
                self.conclude(d, self.township_skill, Level.TOWNSHIP)
            queue = self.township_queue[t]
            while len(cases) < self.township_slots and queue:
                d = next(iter(queue.values()))
                self.start(d, Level.TOWNSHIP)
                cases.append(d)
        due = [d for d in self.county_cases if d.busy_until <= m.day]
        self.county_cases = [d for d in self.county_cases if d.busy_until > m.day]
        for d in due:
            if d.status is Status.IN_MEDIATION:
                self.resolve(d, Level.COUNTY)

    # --- outcomes ------------------------------------------------------------------
    def conclude(self, d: Dispute, skill: float, level: Level, paid_per_case: bool = True) -> bool:
        """End one mediation attempt; True if it reached an agreement."""
        m = self.model
        if d.status is not Status.IN_MEDIATION:
            return False  # the parties petitioned or fought while it was under way
        m.tally["mediation_attempts"] += 1
        if paid_per_case:
            m.ledger.per_case(level, d.complexity)
        if self.rng.random() < self.success_probability(d, skill, level):
            m.tally["mediation_successes"] += 1
            self.resolve(d, level)
            return True
        m.tally["mediation_failures"] += 1
        d.failed_here += 1
        d.intensity = min(1.0, d.intensity + m.behaviour.intensity.failed_mediation_jump)
        m.attitudes.failed(d)
        m.escalation.after_failure(d, m)
        return False

    def resolve(self, d: Dispute, level: Level) -> None:
        m = self.model
        self.dequeue(d)
        m.book.move(d, Status.RESOLVED, m.day, level)
        m.attitudes.resolved(d)
        m.relapse.on_resolved(d)
