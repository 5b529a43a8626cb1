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

from sim.agents import Cadre, GridWorker
from sim.disputes import Channel, Dispute, Level, Status
from sim.processes import Process

if TYPE_CHECKING:
    from sim.model import GovernanceModel


class _Discovery(Process):
    """What the four discovery processes share: how loud a dispute is, and the chance
    that someone listening hears of it. All four draw from the discovery stream, in the
    order of the day; whatever they bring to light goes to ``model.ladder.intake``."""

    rng: np.random.Generator

    def __init__(self, model: GovernanceModel, rng: np.random.Generator) -> None:
        super().__init__(model, rng)
        self.behaviour = model.params.behaviour.discovery

    def loudness(self, d: Dispute) -> float:
        return 1.0 + self.behaviour.visibility * d.intensity

    def heard(self, d: Dispute, chance: float) -> bool:
        """One draw: does a listener with this base ``chance`` hear of ``d``?"""
        return self.rng.random() < min(1.0, chance * self.loudness(d))


class Reports(_Discovery):
    """Each latent dispute may be reported, tipped off, filed directly, or settled
    privately between the parties today."""

    def __init__(self, model: GovernanceModel, rng: np.random.Generator) -> None:
        super().__init__(model, rng)
        visits = model.params.policy.visits
        self.platform = self.behaviour.platform_multiplier if visits.online_platform else 1.0
        self.attentive = 1.0 - visits.other_duties_share  # a grid worker with time to listen

    def step(self) -> None:
        model, chances = self.model, self.behaviour
        for d in list(model.book.open.values()):
            if d.status is not Status.LATENT:
                continue
            u_settle, u_found, u_channel = self.rng.random(3)
            if u_settle < chances.self_settle_per_day:
                model.book.resolve(d, Level.PARTIES, model.day)
                model.attitudes.resolved(d)
                continue
            loud = self.loudness(d)
            trust = float(model.attitudes.trust[d.claimants].mean())
            p_self = min(1.0, chances.self_report_per_day * trust * self.platform * loud)
            p_tip = min(1.0, chances.neighbour_tip_per_day * self.attentive * loud)
            p_file = min(1.0, chances.direct_filing_per_day * loud)
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
                model.ladder.intake(d, channel)


class GridWorkerVisits(_Discovery):
    """Grid workers visit households on their rotation; a visit may bring a latent
    dispute of the household to light."""

    def step(self) -> None:
        chance = self.behaviour.visit_detection
        worker: GridWorker
        for worker in self.model.grid_workers:
            for d in worker.visit_households():
                if self.heard(d, chance):
                    self.model.ladder.intake(d, Channel.GRID_VISIT)


class CadreVisits(_Discovery):
    """On a village's visit day its cadre spends a governance day there, listening for
    latent disputes."""

    def step(self) -> None:
        chance = self.behaviour.cadre_hearing
        cadre: Cadre
        for cadre in self.model.cadres:
            for village in cadre.visit_villages():
                for d in self.model.book.latent_in_village(village):
                    if self.heard(d, chance):
                        self.model.ladder.intake(d, Channel.CADRE_VISIT)


class Campaigns(_Discovery):
    """A county-ordered sweep: every village screened once, by a cadre day each."""

    def step(self) -> None:
        model = self.model
        interval = model.params.policy.visits.campaign_interval_days
        if interval is None or model.day % interval != interval - 1:
            return
        model.counts.campaign_days += model.world.n_villages
        for d in list(model.book.open.values()):
            if d.status is Status.LATENT and self.heard(d, self.behaviour.campaign_hearing):
                model.ladder.intake(d, Channel.CAMPAIGN)
