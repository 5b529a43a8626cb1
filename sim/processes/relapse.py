"""Resolved disputes can relapse; the follow-up visit (一案一回访, guangdong-7) lowers that,
builds the parties' trust and lets the grid worker hear of a relapse at once.

The follow-up visit is the grid worker's errand: it takes household visits from the
rotation (``agents.GridWorker.spare_visits``), so a worker without time misses it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sim.disputes import Channel, Dispute, Level
from sim.processes import Process
from sim.rng import Uniforms

if TYPE_CHECKING:
    from sim.model import GovernanceModel


class Relapse(Process):
    """Each recently resolved dispute may have its follow-up visit today, and may
    relapse, until its window has passed."""

    rng: Uniforms

    def __init__(self, model: GovernanceModel, rng: Uniforms) -> None:
        super().__init__(model, rng)
        self.behaviour = model.params.behaviour.relapse
        self.promises = model.params.behaviour.promises
        self.follow_up = model.params.policy.escalation.follow_up_visits
        # Daily hazards by (pressed on the parties, followed up, checked by a legal
        # adviser): an agreement pressed on the parties holds less well
        # (policy.evaluation), a checked one better (policy.prevention).
        chance, follow = self.behaviour.chance, self.behaviour.follow_up_factor
        pressed_factor = model.params.policy.evaluation.pressed_relapse_factor
        advised = model.params.policy.prevention.adviser_relapse_factor
        self.hazards = {
            (pressed, followed, checked): self._daily_hazard(
                min(
                    1.0,
                    chance
                    * (pressed_factor if pressed else 1.0)
                    * (follow if followed else 1.0)
                    * (advised if checked else 1.0),
                )
            )
            for pressed in (False, True)
            for followed in (False, True)
            for checked in (False, True)
        }

    def _daily_hazard(self, chance: float) -> float:
        """The daily hazard that gives the window's total chance."""
        return 1.0 - (1.0 - chance) ** (1.0 / self.behaviour.window_days)

    def hazard(self, d: Dispute) -> float:
        """Lower once the follow-up visit has been made (never for a private settlement)
        and where a legal adviser checked a mediated agreement; higher for an agreement
        pressed on the parties."""
        return self.hazards[d.pressed, d.followed_up, self.model.advisers.checked(d)]

    def visit(self, d: Dispute) -> None:
        """The follow-up visit falls due: the grid worker goes if they have the time."""
        model = self.model
        if model.worker_of_grid[d.grid].spare_visits(self.promises.follow_up_visits_per_case):
            model.book.follow_up(d)
            model.counts.follow_ups += 1
            model.attitudes.kept_promise(d)
        else:
            model.counts.follow_ups_missed += 1

    def step(self) -> None:
        model = self.model
        floor_share = model.behaviour.intensity.initial_share
        delay = self.promises.follow_up_delay_days
        # Looked up once: this loop runs over every dispute resolved within the window.
        day, window, draw, hazard = (
            model.day,
            self.behaviour.window_days,
            self.rng.random,
            self.hazard,
        )
        for d in list(model.book.recently_resolved.values()):
            assert d.resolved is not None
            age = day - d.resolved
            if age >= window:
                model.book.end_relapse_window(d)
                continue
            if self.follow_up and age == delay and d.level is not Level.PARTIES:
                self.visit(d)
            if draw() < hazard(d):
                model.counts.relapses += 1
                caught = d.followed_up and draw() < self.behaviour.follow_up_catch
                model.book.relapse(d, model.day, d.severity * floor_share)
                if caught:
                    model.counts.relapses_caught += 1
                    model.ladder.intake(d, Channel.GRID_VISIT)
