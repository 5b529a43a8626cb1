"""Trust in the institutions and grievance, held as arrays over all residents (assumption).

Resolutions build the parties' trust, failures and missed deadlines erode it; grievance
grows while a dispute waits and jumps when mediation fails. A share of every change
spills over to the parties' ties. Daily, trust drifts back to its initial level and
grievance fades: two vectorised lines over all residents.
"""

from __future__ import annotations

import numpy as np

from sim.config.schema import AttitudeBehaviour
from sim.disputes import Dispute
from sim.world import SocialNetwork


class Attitudes:
    def __init__(
        self, p: AttitudeBehaviour, network: SocialNetwork, rng: np.random.Generator
    ) -> None:
        self.p, self.network = p, network
        a = p.trust_mean * p.trust_concentration
        self.initial_trust = rng.beta(a, p.trust_concentration - a, network.n)
        self.trust = self.initial_trust.copy()
        self.grievance = np.zeros(network.n)

    def relax(self) -> None:
        p = self.p
        self.trust += p.trust_relax_per_day * (self.initial_trust - self.trust)
        self.grievance *= 1.0 - p.grievance_decay_per_day

    def waiting(self, d: Dispute) -> None:
        """A day without help: the claimants' grievance grows with the dispute's intensity."""
        self._add_grievance(d, self.p.grievance_wait_per_day * d.intensity)

    def failed(self, d: Dispute) -> None:
        self._add_grievance(d, self.p.grievance_failed_jump)
        self._scale_trust(d, -self.p.trust_loss_failed)

    def missed_deadline(self, d: Dispute) -> None:
        self._add_grievance(d, self.p.grievance_deadline_jump)
        self._scale_trust(d, -self.p.trust_loss_failed)

    def resolved(self, d: Dispute) -> None:
        parties = d.parties
        self.grievance[parties] *= 1.0 - self.p.grievance_relief_resolved
        self._scale_trust(d, self.p.trust_gain_resolved)

    def net_grievance(self, residents: np.ndarray, risk: float) -> np.ndarray:
        """Epstein's rule with trust as legitimacy: grievance x (1 - trust) - risk."""
        return self.grievance[residents] * (1.0 - self.trust[residents]) - risk

    def _add_grievance(self, d: Dispute, amount: float) -> None:
        g = self.grievance
        g[d.claimants] = np.minimum(1.0, g[d.claimants] + amount)
        if d.linked.size:
            g[d.linked] = np.minimum(1.0, g[d.linked] + self.p.spillover * amount)

    def _scale_trust(self, d: Dispute, share: float) -> None:
        # A gain moves trust a share of the way to 1; a loss takes a share of it away.
        for who, weight in ((d.parties, 1.0), (d.linked, self.p.spillover)):
            if who.size == 0:
                continue
            t = self.trust[who]
            self.trust[who] = t + weight * share * ((1.0 - t) if share > 0 else t)
