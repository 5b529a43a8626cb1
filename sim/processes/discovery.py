"""How latent disputes come to light (assumption; essays-063 for campaign sweeps).

Parties report (more often when they trust the institutions, more with an online
platform), neighbours tell the grid worker (when the grid worker has time to listen),
or the parties skip the grassroots and file with county bodies (a court, the police,
arbitration); loud, intense disputes come to light sooner on every channel. Grid-worker
household visits and cadre visit days are acts of those agents; screening campaigns
sweep every village.
Latent disputes may also be settled between the parties, the bottom of Michelson's
dispute pagoda (S25, docs/SOURCES.md).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from sim.disputes import Channel, Dispute, Level, Status

if TYPE_CHECKING:
    from sim.model import GovernanceModel


class Discovery:
    def __init__(self, model: GovernanceModel, rng: np.random.Generator) -> None:
        self.model, self.rng = model, rng
        self.p = model.params.behaviour.discovery
        visits = model.params.policy.visits
        self.platform = self.p.platform_multiplier if visits.online_platform else 1.0
        self.attentive = 1.0 - visits.other_duties_share  # a grid worker with time to listen

    def loudness(self, d: Dispute) -> float:
        return 1.0 + self.p.visibility * d.intensity

    def reports_and_tips(self) -> None:
        """Each latent dispute may be reported, tipped off, or settled privately today."""
        m = self.model
        for d in list(m.book.open.values()):
            if d.status is not Status.LATENT:
                continue
            u_settle, u_found, u_channel = self.rng.random(3)
            if u_settle < self.p.self_settle_per_day:
                m.mediation.resolve(d, Level.PARTIES)
                continue
            loud = self.loudness(d)
            trust = float(m.attitudes.trust[d.claimants].mean())
            p_self = min(1.0, self.p.self_report_per_day * trust * self.platform * loud)
            p_tip = min(1.0, self.p.neighbour_tip_per_day * self.attentive * loud)
            p_file = min(1.0, self.p.direct_filing_per_day * loud)
            if u_found < 1 - (1 - p_self) * (1 - p_tip) * (1 - p_file):
                # The channel is drawn in proportion to the competing daily chances.
                u = u_channel * (p_self + p_tip + p_file)
                channel = (
                    Channel.SELF_REPORT
                    if u < p_self
                    else Channel.NEIGHBOUR
                    if u < p_self + p_tip
                    else Channel.DIRECT_FILING
                )
                m.escalation.intake(d, channel, m)

    def detects_on_visit(self, d: Dispute) -> bool:
        return self.rng.random() < min(1.0, self.p.visit_detection * self.loudness(d))

    def heard_on_visit(self, d: Dispute, chance: float) -> bool:
        return self.rng.random() < min(1.0, chance * self.loudness(d))

    def campaign(self) -> None:
        """A county-ordered sweep: every village screened once, by a cadre day each."""
        m = self.model
        interval = m.params.policy.visits.campaign_interval_days
        if interval is None or m.day % interval != interval - 1:
            return
        m.tally["campaigns"] += 1
        m.tally["campaign_days"] += m.world.n_villages
        for d in list(m.book.open.values()):
            if d.status is Status.LATENT and self.heard_on_visit(d, self.p.campaign_hearing):
                m.escalation.intake(d, Channel.CAMPAIGN, m)
