"""Resolved disputes can relapse; a follow-up visit lowers that (guangdong-7, 一案一回访)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from sim.disputes import Dispute, Level, Status

if TYPE_CHECKING:
    from sim.model import GovernanceModel


class Relapse:
    def __init__(self, model: GovernanceModel, rng: np.random.Generator) -> None:
        self.model, self.rng = model, rng
        self.p = model.params.behaviour.relapse
        self.follow_up = model.params.policy.escalation.follow_up_visits

    def on_resolved(self, d: Dispute) -> None:
        """Set the daily relapse hazard so the window's total chance is as configured."""
        chance = self.p.chance
        if self.follow_up and d.level is not Level.PARTIES:
            chance *= self.p.follow_up_factor
            self.model.tally["follow_up_visits"] += 1
        d.relapse_hazard = 1.0 - (1.0 - chance) ** (1.0 / self.p.window_days)

    def apply(self) -> None:
        m = self.model
        for d in list(m.book.recently_resolved.values()):
            if m.day - d.resolved >= self.p.window_days:
                m.book.recently_resolved.pop(d.id)
            elif self.rng.random() < d.relapse_hazard:
                m.tally["relapses"] += 1
                d.relapses += 1
                d.failed_here, d.deadline_missed, d.level = 0, False, None
                d.intensity = max(d.intensity, d.severity * m.behaviour.intensity.initial_share)
                m.book.move(d, Status.LATENT, m.day)
