"""Requisition and demolition projects (征地拆迁) as shocks, and the social-stability risk
assessment (社会稳定风险评估, five-papers) that may precede them.

On each day of ``scenario.projects.days`` a project starts in every requisition village.
From then on it raises collective disputes over compensation and resettlement at a rate
(per household) that fades exponentially over ``duration_days``: months, not a day. A
risk assessment before the project (``policy.projects``) averts a share of them, at a
cost per village and project (``costs.risk_assessment``).

Everything here draws from the projects stream alone, never the onset stream: the
county's other disputes are the same with or without projects. Candidate disputes are
drawn as if there were no assessment and each is then averted by a draw of its own,
so two arms that differ only in the assessment share every dispute it does not avert
(common random numbers).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np

from sim.config.village_schema import VILLAGE_TYPES
from sim.disputes import DisputeType
from sim.processes import Process

if TYPE_CHECKING:
    from sim.model import GovernanceModel


class Projects(Process):
    """Each day: the disputes of the projects under way in requisition villages."""

    rng: np.random.Generator

    def __init__(self, model: GovernanceModel, rng: np.random.Generator) -> None:
        super().__init__(model, rng)
        world, projects = model.world, model.params.scenario.projects
        self.villages = np.flatnonzero(world.village_type == VILLAGE_TYPES.index("requisition"))
        self.starts = sorted(set(projects.days)) if self.villages.size else []
        self.duration = projects.duration_days
        self.base_rate = (
            world.village_households[self.villages] * projects.collective_per_household_year / 365
        )
        policy = model.params.policy.projects
        self.assessed = policy.risk_assessment
        self.averts = policy.assessment_averts if policy.risk_assessment else 0.0

    def fade(self, day: int) -> float:
        """Sum over the projects started by ``day`` of their remaining pull (1 at the start)."""
        return sum(math.exp(-(day - s) / self.duration) for s in self.starts if s <= day)

    def step(self) -> None:
        model = self.model
        day = model.day
        if not self.starts or day < self.starts[0]:
            return
        if self.assessed and day in self.starts:
            model.counts.risk_assessments += int(self.villages.size)
        counts = self.rng.poisson(self.base_rate * self.fade(day))
        for village, n in zip(self.villages, counts, strict=True):
            for _ in range(int(n)):
                d = model.onset.draw(int(village), DisputeType.COLLECTIVE, day, self.rng)
                model.counts.project_disputes += 1
                if self.rng.random() < self.averts:
                    model.counts.project_disputes_averted += 1
                    continue
                model.onset.admit(d)
