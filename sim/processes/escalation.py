"""Escalation rules: where a discovered dispute enters and when it moves up (guangdong-7, S8).

A dispute the parties filed with county bodies themselves starts at the county; the
rules below govern every other one.

The ladder is a policy lever (Covasim-style: ``__init__`` stores the rule, the methods
act): a maximum number of failed attempts and of days at each level, fast-track of
severe disputes straight to the township, and a hold-at-village rule that passes nothing
upward. Feedback deadlines (7 days simple, 30 days complex) are promises to the parties,
separate from the day limits (``Deadlines``). After a failed village attempt the parties
themselves may take the dispute to the township (Michelson's pagoda, S25); a
hold-at-village county sends them back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from sim.disputes import Channel, Complexity, Dispute, Level, Status
from sim.processes import Process

if TYPE_CHECKING:
    from sim.model import GovernanceModel

NEXT_LEVEL = {
    Level.ON_THE_SPOT: Level.VILLAGE,
    Level.VILLAGE: Level.TOWNSHIP,
    Level.TOWNSHIP: Level.COUNTY,
}


class EscalationLadder:
    """Where a dispute goes: where it enters when it comes to light, and where it goes
    after a failed mediation. Not a daily step (the daily deadline checks are
    ``Deadlines``); its only draws, the parties' appeals, come from the appeal stream."""

    def __init__(self, model: GovernanceModel, rng: np.random.Generator) -> None:
        self.model, self.rng = model, rng
        self.rule = model.params.policy.escalation
        self.on_the_spot_max_severity = [s.on_the_spot_max_severity for s in model.local.staffing]
        self.appeal_chance = model.params.behaviour.responses.appeal_after_village_failure
        # Failed attempts a level may make before the dispute is passed up.
        self.attempts_allowed = {
            Level.ON_THE_SPOT: 1,
            Level.VILLAGE: self.rule.max_failed_attempts_village,
            Level.TOWNSHIP: self.rule.max_failed_attempts_township,
        }

    # --- entry -----------------------------------------------------------------------
    def intake(self, d: Dispute, channel: Channel) -> None:
        """A latent dispute has come to light through ``channel``: route it at once.

        A mild dispute found by a grid worker (on a visit, or from a neighbour's tip) is
        settled on the spot by that grid worker there and then; a failed attempt goes to
        the village committee through ``after_failure``.
        """
        model = self.model
        model.book.come_to_light(d, channel, model.day)
        model.evaluation.came_to_light(d, channel)
        if channel is Channel.DIRECT_FILING:
            model.counts.direct_filings += 1
            self.place(d, Level.COUNTY)
            return
        rule = self.rule
        if (
            not (rule.hold_at_village or d.held)
            and rule.fast_track_severity is not None
            and (d.severity >= rule.fast_track_severity)
        ):
            self.place(d, Level.TOWNSHIP)
            return
        found_by_grid_worker = channel in (Channel.GRID_VISIT, Channel.NEIGHBOUR)
        if found_by_grid_worker and d.severity <= self.on_the_spot_max_severity[d.village]:
            model.worker_of_grid[d.grid].settle_on_the_spot(d)
            return
        self.place(d, Level.VILLAGE)

    def place(self, d: Dispute, level: Level) -> None:
        """Hand the dispute to ``level``'s queue (county bodies take theirs up in turn)."""
        model = self.model
        model.book.wait(d, level, model.day)
        if level is Level.COUNTY:
            model.counts.county_cases += 1

    # --- after a failed mediation ----------------------------------------------------
    def after_failure(self, d: Dispute) -> None:
        level = d.level
        assert level is not None  # the level the attempt failed at
        if level is Level.VILLAGE and self.may_pass_up(d) and self.parties_appeal():
            self.model.counts.appeals_to_township += 1
            self.pass_up(d)
            return
        limit = self.attempts_allowed.get(level)
        if limit is not None and d.failed_here >= limit and self.may_pass_up(d):
            if level is not Level.ON_THE_SPOT:  # on the spot, failing once means the village
                self.model.counts.passed_up_attempts += 1
            self.pass_up(d)
        else:
            self.place(d, level)

    def parties_appeal(self) -> bool:
        """The parties reject the village's attempt and go to the township themselves."""
        return self.appeal_chance > 0 and self.rng.random() < self.appeal_chance

    def may_pass_up(self, d: Dispute) -> bool:
        """Whether ``d`` may leave its level: not from a village that holds everything
        (the hold-at-village rule) or holds this dispute (``policy.evaluation``)."""
        if d.level is Level.ON_THE_SPOT:
            return True  # the village committee is still the village
        return d.level is Level.TOWNSHIP or not (self.rule.hold_at_village or d.held)

    def pass_up(self, d: Dispute) -> None:
        assert d.level is not None
        self.place(d, NEXT_LEVEL[d.level])


class Deadlines(Process):
    """Daily checks of two separate rules.

    The ladder's day limits: a dispute waiting at village or township longer than its
    level allows is passed up. The feedback deadline is a promise to the parties made when
    the dispute came to light (guangdong-7): on its day, if the dispute has been taken up
    (a mediation started) and the grid worker has the time to tell the parties, it is
    kept and their trust grows; otherwise it is missed, their grievance grows and, if
    the dispute is still only waiting, they may take it to county bodies themselves
    (the ``promises`` stream draws that). Disputes the parties filed with county bodies
    carry no promise.
    """

    rng: np.random.Generator

    def __init__(self, model: GovernanceModel, rng: np.random.Generator) -> None:
        super().__init__(model, rng)
        self.promises = model.behaviour.promises

    def step(self) -> None:
        model = self.model
        ladder, rule, day = model.ladder, model.ladder.rule, model.day
        simple, filed, waiting = Complexity.SIMPLE, Channel.DIRECT_FILING, Status.WAITING
        below_county = (Level.VILLAGE, Level.TOWNSHIP)
        # Checking one dispute changes no other's status, so the latent ones (most of
        # the open) can be left out at once rather than one by one in the loop.
        latent = Status.LATENT
        for d in [d for d in model.book.open.values() if d.status is not latent]:
            # The promise's conditions are plain reads, so their order is free.
            if not (d.deadline_missed or d.deadline_kept) and d.channel is not filed:
                assert d.discovered is not None  # open and not latent: it was discovered
                deadline = (
                    rule.feedback_deadline_simple_days
                    if d.complexity is simple
                    else rule.feedback_deadline_complex_days
                )
                if deadline is not None and day - d.discovered >= deadline:
                    self.feedback_due(d)
            if d.status is not waiting or d.level not in below_county:
                continue
            limit = rule.max_days_village if d.level is Level.VILLAGE else rule.max_days_township
            if limit is not None and day - d.level_since >= limit and ladder.may_pass_up(d):
                model.counts.passed_up_days += 1
                ladder.pass_up(d)

    def feedback_due(self, d: Dispute) -> None:
        """The promised feedback is due today: kept or missed."""
        model, promises = self.model, self.promises
        assert d.discovered is not None
        taken_up = d.status is Status.IN_MEDIATION or any(
            day >= d.discovered and what.startswith(Status.IN_MEDIATION.value)
            for day, what in d.history
        )
        worker = model.worker_of_grid[d.grid]
        if taken_up and worker.spare_visits(promises.feedback_visits):
            model.book.keep_deadline(d)
            model.counts.kept_deadlines += 1
            model.attitudes.kept_promise(d)
            return
        model.book.miss_deadline(d)
        model.counts.missed_deadlines += 1
        model.attitudes.missed_deadline(d)
        if (
            d.status is Status.WAITING
            and d.level is not Level.COUNTY
            and self.rng.random() < promises.exit_after_missed
        ):
            model.counts.deadline_exits += 1
            model.ladder.place(d, Level.COUNTY)
