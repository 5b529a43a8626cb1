"""Resolved disputes can relapse; the follow-up visit (一案一回访, guangdong-7) lowers that,
builds the parties' trust and lets the grid worker hear of a relapse at once.

The follow-up visit is the grid worker's errand: it takes household visits from the
rotation (``agents.GridWorker.spare_visits``), so a worker without time misses it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from sim import processes
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
        self.highest = max(self.hazards.values())  # no draw at or above it is a relapse

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
        """Each recently resolved dispute in turn, as ``today`` says. Most of them draw one
        number and nothing happens: a draw at or above the highest hazard cannot be a
        relapse. So the day's draws are looked at as one array, and only the disputes
        where something may happen (the window ends, the follow-up visit falls due, the
        draw is below the highest hazard) go through ``today``; the others' draws are
        skipped: the same draws, in the same order, and the same events."""
        rng = self.rng
        book = self.model.book
        disputes = list(book.recently_resolved.values())
        if len(disputes) < processes.BATCH_FROM:
            for d in disputes:
                self.today(d)
            return
        ids = book.recently_resolved.ids()
        age = self.model.day - book.resolved_on[ids]
        draws = age < self.behaviour.window_days  # one draw each, while within the window
        first = np.cumsum(draws) - draws  # where its draw comes among today's
        due = age == self.promises.follow_up_delay_days
        if not self.follow_up:
            due[:] = False
        start, extra, total = rng.drawn, 0, int(draws.sum())
        todo, k = self._maybe(rng.peek(total), first, draws, due, 0), 0
        while k < len(todo):
            i, at, drawing = todo[k]
            k += 1
            rng.skip(start + at + extra - rng.drawn)
            self.today(disputes[i])
            used = rng.drawn - (start + at + extra)
            if used > drawing:
                # A followed-up relapse's second draw: later disputes draw one further on.
                extra += used - drawing
                if i + 1 < len(disputes):
                    rest = rng.peek(total - int(first[i + 1]))
                    todo, k = self._maybe(rest, first, draws, due, i + 1), 0
        rng.skip(start + total + extra - rng.drawn)

    def _maybe(
        self, u: np.ndarray, first: np.ndarray, draws: np.ndarray, due: np.ndarray, j: int
    ) -> list[tuple[int, int, int]]:
        """From the ``j``-th dispute on (``u``: the draws from its draw on), those whose
        window ends, whose follow-up visit falls due or whose draw is below the highest
        hazard: each one's place, where its draw comes among today's, and its draws."""
        first, draws, due = first[j:], draws[j:], due[j:]
        maybe = ~draws | due
        if u.size:
            maybe |= u[np.minimum(first - first[0], u.size - 1)] < self.highest
        places = np.flatnonzero(maybe)
        return list(
            zip(
                (places + j).tolist(),
                first[places].tolist(),
                draws[places].astype(np.int64).tolist(),
                strict=True,
            )
        )

    def today(self, d: Dispute) -> None:
        """The day of one recently resolved dispute (draws from the relapse stream: one,
        and one more when a followed-up dispute relapses)."""
        model = self.model
        assert d.resolved is not None
        age = model.day - d.resolved
        if age >= self.behaviour.window_days:
            model.book.end_relapse_window(d)
            return
        delay = self.promises.follow_up_delay_days
        if self.follow_up and age == delay and d.level is not Level.PARTIES:
            self.visit(d)
        if self.rng.random() < self.hazard(d):
            model.counts.relapses += 1
            caught = d.followed_up and self.rng.random() < self.behaviour.follow_up_catch
            model.book.relapse(d, model.day, d.severity * model.behaviour.intensity.initial_share)
            if caught:
                model.counts.relapses_caught += 1
                model.ladder.intake(d, Channel.GRID_VISIT)
