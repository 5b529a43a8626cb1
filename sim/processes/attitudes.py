"""Trust in the institutions and grievance, held as arrays over all residents (assumption).

Resolutions build the parties' trust, failures and missed deadlines erode it; grievance
grows while a dispute waits and jumps when mediation fails. A share of every change
spills over to the parties' ties. Daily, trust drifts back to its initial level and
grievance fades: two vectorised lines over all residents.

The arrays are the residents' state, which other processes change through the event
methods below when something happens to a dispute (as they change disputes through the
dispute book); ``step`` is the daily drift.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from sim.disputes import Dispute
from sim.processes import Process

if TYPE_CHECKING:
    from sim.model import GovernanceModel


class Attitudes(Process):
    def __init__(self, model: GovernanceModel, rng: np.random.Generator) -> None:
        """``rng`` (the world stream) draws only the initial trust, here."""
        super().__init__(model, rng)
        self.behaviour = behaviour = model.behaviour.attitudes
        n = model.world.network.n
        a = behaviour.trust_mean * behaviour.trust_concentration
        self.initial_trust = rng.beta(a, behaviour.trust_concentration - a, n)
        self.trust = self.initial_trust.copy()
        self.grievance = np.zeros(n)

    def step(self) -> None:
        """Trust drifts back to its initial level; grievance fades."""
        behaviour = self.behaviour
        self.trust += behaviour.trust_relax_per_day * (self.initial_trust - self.trust)
        self.grievance *= 1.0 - behaviour.grievance_decay_per_day

    def waiting(self, d: Dispute) -> None:
        """A day without help: the claimants' grievance grows with the dispute's intensity."""
        self._add_grievance(d, self.behaviour.grievance_wait_per_day * d.intensity)

    def failed(self, d: Dispute) -> None:
        self._add_grievance(d, self.behaviour.grievance_failed_jump)
        self._scale_trust(d, -self.behaviour.trust_loss_failed)

    def missed_deadline(self, d: Dispute) -> None:
        self._add_grievance(d, self.behaviour.grievance_deadline_jump)
        self._scale_trust(d, -self.behaviour.trust_loss_failed)

    def kept_promise(self, d: Dispute, share: float) -> None:
        """Promised feedback or a follow-up visit came on time: the parties' trust gains
        ``share`` of its gap to 1 (their ties a spillover share of that)."""
        self._scale_trust(d, share)

    def resolved(self, d: Dispute) -> None:
        parties = d.parties
        self.grievance[parties] *= 1.0 - self.behaviour.grievance_relief_resolved
        self._scale_trust(d, self.behaviour.trust_gain_resolved)

    def net_grievance(self, residents: np.ndarray, risk: float) -> np.ndarray:
        """Epstein's rule with trust as legitimacy: grievance x (1 - trust) - risk."""
        return self.grievance[residents] * (1.0 - self.trust[residents]) - risk

    def _add_grievance(self, d: Dispute, amount: float) -> None:
        g = self.grievance
        g[d.claimants] = np.minimum(1.0, g[d.claimants] + amount)
        if d.linked.size:
            g[d.linked] = np.minimum(1.0, g[d.linked] + self.behaviour.spillover * amount)

    def _scale_trust(self, d: Dispute, share: float) -> None:
        # A gain moves trust a share of the way to 1; a loss takes a share of it away.
        for who, weight in ((d.parties, 1.0), (d.linked, self.behaviour.spillover)):
            if who.size == 0:
                continue
            t = self.trust[who]
            self.trust[who] = t + weight * share * ((1.0 - t) if share > 0 else t)
