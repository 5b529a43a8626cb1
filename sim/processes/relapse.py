"""Resolved disputes can relapse; a follow-up visit lowers that (guangdong-7, 一案一回访)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from sim.disputes import Dispute, Level
from sim.processes import Process

if TYPE_CHECKING:
    from sim.model import GovernanceModel


class Relapse(Process):
    """Each recently resolved dispute may relapse today, until its window has passed."""

    rng: np.random.Generator

    def __init__(self, model: GovernanceModel, rng: np.random.Generator) -> None:
        super().__init__(model, rng)
        self.behaviour = model.params.behaviour.relapse
        follow_up = model.params.policy.escalation.follow_up_visits
        self.hazard_private = self._daily_hazard(self.behaviour.chance)
        self.hazard_registered = self._daily_hazard(
            self.behaviour.chance * (self.behaviour.follow_up_factor if follow_up else 1.0)
        )

    def _daily_hazard(self, chance: float) -> float:
        """The daily hazard that gives the window's total chance."""
        return 1.0 - (1.0 - chance) ** (1.0 / self.behaviour.window_days)

    def hazard(self, d: Dispute) -> float:
        """A resolution reached by a mediator gets the follow-up visit, if policy has one;
        a private settlement never does."""
        return self.hazard_private if d.level is Level.PARTIES else self.hazard_registered

    def step(self) -> None:
        model = self.model
        floor_share = model.behaviour.intensity.initial_share
        for d in list(model.book.recently_resolved.values()):
            assert d.resolved is not None
            if model.day - d.resolved >= self.behaviour.window_days:
                model.book.end_relapse_window(d)
            elif self.rng.random() < self.hazard(d):
                model.counts.relapses += 1
                model.book.relapse(d, model.day, d.severity * floor_share)
