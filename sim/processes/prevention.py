"""Prevention: village rules with a points system, and a legal adviser for every village.

Village rules and points for good conduct (村规民约, 积分制; S55) make some disputes
among villagers never arise. They act as a thinning of onset: onset draws every
dispute from its own stream exactly as without rules, and the rules then strike out
each preventable one with chance ``rules_onset_reduction``, drawing one number per
arising dispute from a stream of their own. So two arms with one seed face the same
disputes, except those the rules prevented (common random numbers hold), and a larger
reduction prevents a superset of what a smaller one prevents.

A legal adviser for every village (一村一法律顾问; essays-063, S52) draws nothing: the
adviser changes how often the parties go to a court, the police or arbitration
themselves (``discovery.Reports``) and how long a mediated agreement holds, by checking
it (``relapse.Relapse``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from sim.disputes import Dispute, DisputeType, Level

if TYPE_CHECKING:
    from sim.model import GovernanceModel

# Disputes among villagers that village rules bind (assumption): labour disputes are with
# employers, often outside the village, and collective ones with the government.
PREVENTABLE = frozenset(
    {DisputeType.FAMILY, DisputeType.NEIGHBOUR, DisputeType.LAND, DisputeType.DAMAGES_DEBT}
)
# Agreements a mediator reached, which a legal adviser can check.
MEDIATED = frozenset({Level.ON_THE_SPOT, Level.VILLAGE, Level.TOWNSHIP})


class VillageRules:
    """Which of the disputes onset draws the village rules prevent. Not a daily step:
    onset asks it about each dispute as it arises."""

    def __init__(self, model: GovernanceModel, rng: np.random.Generator) -> None:
        self.model, self.rng = model, rng
        policy = model.params.policy.prevention
        self.active = policy.village_rules
        self.reduction = policy.rules_onset_reduction

    def prevents(self, d: Dispute) -> bool:
        """True if the rules keep ``d`` from arising. One draw per arising dispute while
        the rules are in force, whatever its type, so the draws line up across arms."""
        if not self.active:
            return False
        u = self.rng.random()
        return d.kind in PREVENTABLE and u < self.reduction


class LegalAdvisers:
    """What a village's legal adviser changes; consulted by discovery and relapse."""

    def __init__(self, model: GovernanceModel) -> None:
        policy = model.params.policy.prevention
        self.active = policy.legal_advisers
        self.filing = policy.adviser_filing_factor if self.active else 1.0

    def filing_factor(self, d: Dispute) -> float:
        """Multiplier on the parties' daily chance of filing with county bodies."""
        return self.filing

    def checked(self, d: Dispute) -> bool:
        """Whether an adviser checked ``d``'s agreement (its relapse chance is then
        ``adviser_relapse_factor`` times lower): one a mediator reached, not a private
        settlement or a judgement."""
        return self.active and d.level in MEDIATED
