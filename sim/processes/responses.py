"""What aggrieved residents do when help does not come (Epstein's rule, S26).

Each day, for each open dispute: it intensifies while unattended; the claimants'
grievance grows; a group petition forms when enough linked residents share the
grievance; an intense interpersonal dispute may turn criminal (民转刑); a claimant with
high grievance and low trust petitions, skipping levels when trust is very low.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from sim.disputes import Dispute, Status
from sim.processes import Process
from sim.processes.onset import TYPES

if TYPE_CHECKING:
    from sim.model import GovernanceModel


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + np.exp(-x))


class Responses(Process):
    rng: np.random.Generator

    def __init__(self, model: GovernanceModel, rng: np.random.Generator) -> None:
        super().__init__(model, rng)
        self.behaviour = model.params.behaviour.responses
        self.risk = self.behaviour.risk_aversion * self.behaviour.deterrence
        disputes = model.params.behaviour.disputes
        self.growth = model.params.behaviour.intensity.growth_per_day
        self.type_params = {t: getattr(disputes, t.value) for t in TYPES}

    def step(self) -> None:
        model = self.model
        for d in list(model.book.open.values()):
            if d.status is not Status.IN_MEDIATION:
                self.intensify(d)
                model.attitudes.waiting(d)
            outcome = self.choose(d)
            if outcome is not None:
                model.book.end_badly(d, outcome, model.day)

    def intensify(self, d: Dispute) -> None:
        rate = self.growth * self.type_params[d.kind].intensification
        d.intensity += min(1.0, rate) * (1.0 - d.intensity)

    def choose(self, d: Dispute) -> Status | None:
        """The claimants' response today, if any; one uniform draw per option."""
        rule, att = self.behaviour, self.model.attitudes
        u_group, u_crime, u_petition = self.rng.random(3)
        group = np.concatenate([d.claimants, d.linked])
        ready = int((att.net_grievance(group, self.risk) > rule.group_threshold).sum())
        if ready >= rule.group_min_size and u_group < rule.group_per_day:
            return Status.GROUP_PETITION
        if self.type_params[d.kind].can_turn_criminal and d.intensity > rule.criminal_intensity:
            excess = (d.intensity - rule.criminal_intensity) / (1.0 - rule.criminal_intensity)
            if u_crime < rule.criminal_per_day * excess:
                return Status.CRIMINAL
        lead = d.claimants[:1]
        net = float(att.net_grievance(lead, self.risk)[0])
        if u_petition < rule.petition_per_day * _sigmoid(
            (net - rule.petition_threshold) / rule.petition_steepness
        ):
            trust = float(att.trust[lead[0]])
            return Status.SKIP_LEVEL_PETITION if trust < rule.skip_level_trust else Status.PETITION
        return None
