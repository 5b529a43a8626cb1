"""Petitions (信访) as a process a dispute passes through (S42, the 2022 Regulations on
Letters and Visits Work; assumptions for the chances).

A petition is filed with a letters-and-visits office: an individual petition with the
township office, a skip-level petition above the county (transferred back down to the
county, 交办) and a group petition with the county. The office accepts it within 15 days
and handles it within 60 (a complex one within 90: Arts. 22, 23, 34) and then answers:
it resolves the matter, sends it back down to township mediation (属地管理), or answers
without satisfying the petitioner, who may ask the next level up for a review and then a
re-examination (30 days each, Arts. 35, 36); after re-examination the claim is closed
and the dispute goes back to mediation, but no office takes it again. A petition
counts once per filing (件次), repeats included.

Two levers act on hard cases (a repeat, skip-level or group petition): case ownership
(包案, Art. 18: a named cadre answers by a deadline, more often resolving it, and takes
a case still unresolved back down to township mediation himself) and a
relief fund that closes a hard case with money (five-papers), while its yearly budget
lasts. Both cost (``sim.costs``).

``LettersAndVisits`` is the offices' rule, consulted when a petition is filed (like the
escalation ladder); ``Petitions`` is the daily step that answers the petitions due.
Every draw comes from the petitions stream.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np

from sim.disputes import Channel, Complexity, Dispute, Level, Status
from sim.processes import Process

if TYPE_CHECKING:
    from sim.model import GovernanceModel

TOWNSHIP_OFFICE, COUNTY_OFFICE = 0, 1
HANDLING, REVIEW, RE_EXAMINATION = 0, 1, 2  # rounds of one claim


class LettersAndVisits:
    """The township and county letters-and-visits offices: where a petition goes, when it
    is answered and what the answer is. Not a daily step (``Petitions`` is)."""

    def __init__(self, model: GovernanceModel, rng: np.random.Generator) -> None:
        self.model, self.rng = model, rng
        self.rule = model.params.policy.petitions
        self.behaviour = model.params.behaviour.petitions
        self.difficulty = model.attempts.difficulty  # the type's mediation difficulty
        self.skip_level_trust = model.params.behaviour.responses.skip_level_trust
        self.fund_left = self.rule.relief_fund_yuan

    # --- filing ------------------------------------------------------------------------
    def file(self, d: Dispute, kind: Status, petitioners: np.ndarray) -> None:
        """``petitioners`` take ``d`` to an office (a first petition: round 1), unless
        officials intercept them or talk them down first (``policy.evaluation``)."""
        model = self.model
        if model.evaluation.intercepts(d, kind, petitioners):
            return
        if d.status is Status.LATENT:
            model.book.come_to_light(d, Channel.PETITION, model.day)
        d.petition_round = HANDLING
        self._lodge(d, kind, int(petitioners.size))

    def _lodge(self, d: Dispute, kind: Status, people: int) -> None:
        """File round ``d.petition_round`` of the claim, brought by ``people`` residents."""
        model, rule, counts = self.model, self.rule, self.model.counts
        round_ = d.petition_round
        first = kind is Status.PETITION and round_ == HANDLING
        office = TOWNSHIP_OFFICE if first else COUNTY_OFFICE
        if round_ == HANDLING:
            days = rule.acceptance_days + rule.handling_days
            days += rule.extension_days if d.complexity is Complexity.COMPLEX else 0
        else:
            days = rule.review_days
        due = model.day + days
        if rule.case_ownership and self.hard(d, kind):
            if not d.owned:
                d.owned = True
                counts.owned_cases += 1
            due = min(due, model.day + rule.ownership_deadline_days)
        model.book.petition(d, kind, office, model.day, due)
        counts.petitions_filed[kind.value] += 1
        model.evaluation.registered(d)
        if kind is Status.GROUP_PETITION:
            d.group_size = people
            counts.group_petitioners += people
        if round_ > HANDLING:
            counts.repeat_petitions += 1
        model.attitudes.petitioned(d)

    def hard(self, d: Dispute, kind: Status) -> bool:
        """A hard case (疑难信访): a group or skip-level petition, or a repeat."""
        return kind is not Status.PETITION or d.petition_round > HANDLING

    # --- answering ---------------------------------------------------------------------
    def resolve_chance(self, d: Dispute) -> float:
        logit = self.behaviour.resolve_logit - self.difficulty[d.kind]
        if d.owned:
            logit += self.rule.ownership_bonus_logit
        return 1.0 / (1.0 + math.exp(-logit))

    def answer(self, d: Dispute) -> None:
        """The office (or the owning cadre) answers ``d`` today."""
        model, counts, rule = self.model, self.model.counts, self.rule
        u_resolve, u_relief, u_route = self.rng.random(3)
        if u_resolve < self.resolve_chance(d):
            counts.petitions_resolved += 1
            self._resolve(d)
            return
        if (
            self.hard(d, d.status)
            and self.fund_left >= rule.relief_per_case > 0
            and u_relief < rule.relief_acceptance
        ):
            self.fund_left -= rule.relief_per_case
            counts.relief_cases += 1
            self._resolve(d)
            return
        model.attitudes.petition_rejected(d)
        round_ = d.petition_round
        if round_ + 1 >= rule.max_rounds:
            d.petition_closed = True  # re-examined: the claim is not accepted again
            self._send_back(d)
            return
        if d.owned or u_route < self.behaviour.send_back_share:
            # An owning cadre takes an unresolved case back down to township mediation
            # himself (带案下访) rather than leave the petitioner to ask for a review.
            self._send_back(d)
            return
        lead = int(d.claimants[0])
        trust = float(model.attitudes.trust[lead])
        # u_route is uniform on [send_back_share, 1) here: rescale it for the next choice.
        u = (u_route - self.behaviour.send_back_share) / (1.0 - self.behaviour.send_back_share)
        if u < min(1.0, self.behaviour.repeat_chance * 2.0 * (1.0 - trust)):
            d.petition_round = round_ + 1
            kind = d.status
            if kind is Status.PETITION and trust < self.skip_level_trust:
                kind = Status.SKIP_LEVEL_PETITION
            # A group returns with as many people as before; otherwise the lead claimant.
            self._lodge(d, kind, d.group_size if kind is Status.GROUP_PETITION else 1)
        else:
            self._send_back(d)

    def _resolve(self, d: Dispute) -> None:
        model = self.model
        model.book.resolve(d, Level.LETTERS_AND_VISITS, model.day)
        model.attitudes.resolved(d)

    def _send_back(self, d: Dispute) -> None:
        """Back down to township mediation (the village under a hold-at-village rule)."""
        model = self.model
        model.counts.petitions_sent_back += 1
        level = Level.VILLAGE if model.ladder.rule.hold_at_village else Level.TOWNSHIP
        model.ladder.place(d, level)

    def new_year(self) -> None:
        self.fund_left = self.rule.relief_fund_yuan


class Petitions(Process):
    """Each day the offices answer the petitions whose day has come; the relief fund is
    refilled at the start of each year."""

    def step(self) -> None:
        model = self.model
        offices = model.offices
        if model.day and model.day % 365 == 0:
            offices.new_year()
        due = [d for d in model.book.petition_cases.values() if d.petition_due <= model.day]
        for d in due:
            if d.status.is_open and d.id in model.book.petition_cases:
                offices.answer(d)
