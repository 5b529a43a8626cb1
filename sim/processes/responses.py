"""What aggrieved residents do when help does not come (Epstein's rule, S26).

Each day, for each open dispute: it intensifies while unattended; the claimants'
grievance grows; an intense interpersonal dispute may turn criminal (民转刑), more readily
when its parties are aggrieved; a group petition forms when enough linked residents share
the grievance; a claimant with high grievance and low trust petitions, skipping levels
when trust is very low; not while officials watch them after an interception
(``policy.evaluation``). Petitions are filed with the letters-and-visits offices
(``model.offices``, sim.processes.petitions), which handle them from then on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sim.agents import Resident
from sim.disputes import PETITIONING, Dispute, Status
from sim.processes import Process
from sim.processes.onset import TYPES
from sim.rng import Uniforms

if TYPE_CHECKING:
    from sim.model import GovernanceModel


class Responses(Process):
    rng: Uniforms

    def __init__(self, model: GovernanceModel, rng: Uniforms) -> None:
        super().__init__(model, rng)
        self.behaviour = model.params.behaviour.responses
        self.risk = self.behaviour.risk_aversion * self.behaviour.deterrence
        disputes = model.params.behaviour.disputes
        self.growth = model.params.behaviour.intensity.growth_per_day
        self.type_params = {t: getattr(disputes, t.value) for t in TYPES}
        self.group_cap = model.params.behaviour.petitions.group_cap
        # Per type, keyed by the member's identity: hashing an Enum member runs Python
        # code, and these are read for every open dispute every day.
        self._step = {
            id(t): min(1.0, self.growth * p.intensification) for t, p in self.type_params.items()
        }
        self._violent = {id(t): p.can_turn_criminal for t, p in self.type_params.items()}
        # Statuses by identity, for the same reason (a dispute at an office is not
        # petitioned again).
        self._petitioning = frozenset(map(id, PETITIONING))

    def step(self) -> None:
        model = self.model
        waiting, mediating = model.attitudes.waiting, Status.IN_MEDIATION
        for d in list(model.book.open.values()):
            if d.status is not mediating:
                self.intensify(d)
                waiting(d)
            self.respond(d)

    def intensify(self, d: Dispute) -> None:
        """Intensity grows a type's daily share of the way to 1 (at most all of it)."""
        d.intensity += self._step[id(d.kind)] * (1.0 - d.intensity)

    def respond(self, d: Dispute) -> None:
        """The parties' response today, if any; one uniform draw per option.

        Violence can break out whatever the dispute's state; an open dispute (latent,
        waiting or under mediation: parties petition while a court or a centre works on
        their case too) may be taken to a letters-and-visits office, by a group of linked
        residents who share the grievance or by the lead claimant. A dispute already at an
        office is not petitioned again, nor one whose claim was closed after
        re-examination."""
        model, rule, draw = self.model, self.behaviour, self.rng.random
        u_group, u_crime, u_petition = draw(), draw(), draw()
        if self.turns_criminal(d, u_crime):
            model.book.end_badly(d, Status.CRIMINAL, model.day)
            model.attitudes.turned_criminal(d)
            return
        if d.petition_closed or id(d.status) in self._petitioning or d.watched_until > model.day:
            return  # at an office, closed, or watched after an interception (稳控)
        if u_group < rule.group_per_day:  # a group forms today if enough are ready
            group = model.attitudes.claimants_and_ties(d)
            group_risk = self.risk * rule.group_risk_share  # safety in numbers
            ready = Resident.join_group(model, group, group_risk, rule.group_threshold)
            if ready.size >= rule.group_min_size:
                model.offices.file(d, Status.GROUP_PETITION, ready[: self.group_cap])
                return
        if u_petition >= rule.petition_per_day:
            return  # above the most any claimant's chance can be: nobody petitions today
        lead = model.residents[int(d.claimants[0])]
        if u_petition < lead.petition_chance(self.risk, rule):
            model.offices.file(d, lead.petition_kind(rule), d.claimants[:1])

    def turns_criminal(self, d: Dispute, u: float) -> bool:
        """民转刑: an intense dispute of a type that produces violence turns criminal, more
        readily the more aggrieved its most aggrieved party is."""
        rule = self.behaviour
        if not self._violent[id(d.kind)] or d.intensity <= rule.criminal_intensity:
            return False
        excess = (d.intensity - rule.criminal_intensity) / (1.0 - rule.criminal_intensity)
        grievance = float(self.model.attitudes.grievance[d.parties].max())
        hazard = rule.criminal_per_day * excess * (1.0 + rule.criminal_grievance_weight * grievance)
        return u < hazard
