"""Escalation rules: where a discovered dispute enters and when it moves up (guangdong-7, S8).

A dispute the parties filed with county bodies themselves starts at the county; the
rules below govern every other one.

The ladder is a policy lever (Covasim-style: ``__init__`` stores the rule, the methods
act): a maximum number of failed attempts and of days at each level, fast-track of
severe disputes straight to the township, a hold-at-village rule that passes nothing
upward, and feedback deadlines (7 days simple, 30 days complex) whose miss raises the
parties' grievance and passes the dispute up. After a failed village attempt the parties
themselves may take the dispute to the township (Michelson's pagoda, S25); a
hold-at-village county sends them back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from sim.config.schema import EscalationParams
from sim.disputes import Channel, Complexity, Dispute, Level, Status

if TYPE_CHECKING:
    from sim.model import GovernanceModel

NEXT_LEVEL = {
    Level.ON_THE_SPOT: Level.VILLAGE,
    Level.VILLAGE: Level.TOWNSHIP,
    Level.TOWNSHIP: Level.COUNTY,
}


class EscalationLadder:
    def __init__(
        self,
        rule: EscalationParams,
        on_the_spot_max_severity: float,
        appeal_chance: float,
        rng: np.random.Generator,
    ) -> None:
        self.rule = rule
        self.on_the_spot_max_severity = on_the_spot_max_severity
        self.appeal_chance = appeal_chance
        self.rng = rng

    # --- entry -----------------------------------------------------------------------
    def intake(self, d: Dispute, channel: Channel, model: GovernanceModel) -> None:
        """A latent dispute has come to light through ``channel``: route it."""
        if d.relapses == 0:
            model.discovery_delays.append(model.day - d.arose)
        d.channel, d.discovered = channel, model.day
        model.tally["discoveries"] += 1
        if channel is Channel.DIRECT_FILING:
            model.tally["direct_filings"] += 1
            model.mediation.enqueue(d, Level.COUNTY)
            return
        rule = self.rule
        if (
            not rule.hold_at_village
            and rule.fast_track_severity is not None
            and (d.severity >= rule.fast_track_severity)
        ):
            model.tally["fast_tracked"] += 1
            model.mediation.enqueue(d, Level.TOWNSHIP)
            return
        found_by_grid_worker = channel in (Channel.GRID_VISIT, Channel.NEIGHBOUR)
        if found_by_grid_worker and d.severity <= self.on_the_spot_max_severity:
            # A failed attempt goes to the village committee through after_failure.
            model.worker_of_grid[d.grid].settle_on_the_spot(d)
            return
        model.mediation.enqueue(d, Level.VILLAGE)

    # --- after a failed mediation ----------------------------------------------------
    def after_failure(self, d: Dispute, model: GovernanceModel) -> None:
        level = d.level
        if level is Level.VILLAGE and self.may_pass_up(level) and self.parties_appeal():
            model.tally["appeals_to_township"] += 1
            self.pass_up(d, model)
            return
        limit = {
            Level.ON_THE_SPOT: 1,
            Level.VILLAGE: self.rule.max_failed_attempts_village,
            Level.TOWNSHIP: self.rule.max_failed_attempts_township,
        }.get(level)
        if limit is not None and d.failed_here >= limit and self.may_pass_up(level):
            self.pass_up(d, model)
        else:
            model.mediation.enqueue(d, level)

    def parties_appeal(self) -> bool:
        """The parties reject the village's attempt and go to the township themselves."""
        return self.appeal_chance > 0 and self.rng.random() < self.appeal_chance

    def may_pass_up(self, level: Level) -> bool:
        if level is Level.ON_THE_SPOT:
            return True  # the village committee is still the village
        return level is Level.TOWNSHIP or not self.rule.hold_at_village

    def pass_up(self, d: Dispute, model: GovernanceModel) -> None:
        model.tally[f"passed_up_from_{d.level.name.lower()}"] += 1
        model.mediation.dequeue(d)
        model.mediation.enqueue(d, NEXT_LEVEL[d.level])

    # --- daily deadline checks -------------------------------------------------------
    def apply(self, model: GovernanceModel) -> None:
        """Pass up waiting disputes past their level's day limit or feedback deadline."""
        rule, day = self.rule, model.day
        for d in list(model.book.open.values()):
            if d.status is not Status.KNOWN or d.level not in (Level.VILLAGE, Level.TOWNSHIP):
                continue
            deadline = (
                rule.feedback_deadline_simple_days
                if d.complexity is Complexity.SIMPLE
                else rule.feedback_deadline_complex_days
            )
            missed = (
                deadline is not None and not d.deadline_missed and day - d.discovered >= deadline
            )
            if missed:
                d.deadline_missed = True
                model.tally["missed_deadlines"] += 1
                model.attitudes.missed_deadline(d)
            limit = rule.max_days_village if d.level is Level.VILLAGE else rule.max_days_township
            overdue = limit is not None and day - d.level_since >= limit
            if (missed or overdue) and self.may_pass_up(d.level):
                self.pass_up(d, model)
