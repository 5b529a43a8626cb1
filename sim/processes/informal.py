"""Respected elders settle disputes informally (乡贤, 五老; essays-063, guangdong-7).

Veteran cadres, soldiers, teachers, workers and Party members live in the village and
hear of quarrels among their neighbours before any official does. Each day an elder
may hear of a latent dispute and step in once; whether the parties come to terms
follows the mediation rule (severity, intensity and type make it harder, the elder's
skill easier) without its trust term: the parties defer to the elder, not to the
institutions. A settlement is the parties' own (``Level.PARTIES``): it never comes to
officials' notice, relieves the parties' grievance and, like any private settlement,
does nothing for their trust in the institutions (``attitudes.resolved``). A failed
attempt leaves the dispute as it was, latent; the elders do not try it again.

Elders give a few cases a month. Collective disputes over requisition and demolition
are with the government itself and beyond an elder's standing. All draws come from the
elders stream; a county without elders draws nothing.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np

from sim.disputes import Dispute, DisputeType, Level
from sim.processes import Process

if TYPE_CHECKING:
    from sim.model import GovernanceModel

# Disputes with the government, not between villagers (assumption).
BEYOND_ELDERS = frozenset({DisputeType.COLLECTIVE})


class Elders(Process):
    """Each village's elders hear of latent disputes and settle some of them."""

    rng: np.random.Generator

    def __init__(self, model: GovernanceModel, rng: np.random.Generator) -> None:
        super().__init__(model, rng)
        self.policy = policy = model.params.policy.prevention
        self.elders = policy.elders_per_village
        # Chance that at least one of the village's elders hears of a dispute today.
        self.hearing = 1.0 - (1.0 - policy.elder_hearing_per_day) ** self.elders
        self.monthly_cases = self.elders * policy.elder_cases_per_month
        # Elders' cases are budgeted over the same month as cadres' governance days.
        self.days_per_month = model.params.policy.visits.days_per_month
        self.cases_left = np.full(model.world.n_villages, self.monthly_cases)
        self.tried: set[int] = set()  # disputes the elders have stepped into

    @property
    def active(self) -> bool:
        return self.elders > 0

    def success_probability(self, d: Dispute) -> float:
        """The mediation rule at the elder's skill, without the parties' trust term."""
        logit = self.model.attempts.dispute_logit(d, self.policy.elder_skill)
        return 1.0 / (1.0 + math.exp(-logit))

    def step(self) -> None:
        if not self.active:
            return
        model = self.model
        if model.day % self.days_per_month == 0:
            self.cases_left[:] = self.monthly_cases
        for village in range(model.world.n_villages):
            for d in model.book.latent_in_village(village):
                if d.kind in BEYOND_ELDERS or d.id in self.tried:
                    continue
                if self.cases_left[village] < 1:
                    break
                if self.rng.random() >= self.hearing:
                    continue
                self.tried.add(d.id)
                self.cases_left[village] -= 1
                model.counts.elder_attempts += 1
                if self.rng.random() < self.success_probability(d):
                    self.settle(d)

    def settle(self, d: Dispute) -> None:
        """The parties come to terms before the elder: resolved between themselves."""
        model = self.model
        model.book.resolve(d, Level.PARTIES, model.day)
        model.attitudes.resolved(d)
        model.counts.elder_settlements += 1  # each paid a case subsidy (sim.costs)
