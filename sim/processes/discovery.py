"""How latent disputes come to light (guangdong-7, grassroots-9), and what the ways of
coming to light share (``Discovery``).

Parties report (more often when they trust the institutions, more with an online
platform); the dispute's ties in the village tell the grid worker (a tip needs a tie
who knows, and a grid worker with time to listen); or the parties skip the grassroots
and file with county bodies (a court, the police, arbitration): ``Reports``. Loud,
intense disputes come to light sooner on every channel. Latent disputes may also be
settled between the parties, the bottom of Michelson's dispute pagoda (S25,
docs/SOURCES.md). Officials going to the households (grid workers' visits, cadres'
visit days, screening campaigns) are ``sim.processes.visits``.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np

from sim import processes
from sim.agents import Resident
from sim.disputes import Channel, Dispute, DisputeType, Level, Status
from sim.processes import MARGIN, Process
from sim.processes.daily_chances import DailyChances
from sim.rng import Uniforms
from sim.world.types import settle_factor

if TYPE_CHECKING:
    from sim.model import GovernanceModel


class Discovery(Process):
    """What the four discovery processes (``Reports``; the grid workers' and cadres'
    visits and the campaigns of ``visits``) share: how loud and how visible a dispute
    is, how open its parties are, which households it touches, and the chance that
    someone listening hears of it. All four draw from the discovery stream, in the order
    of the day; whatever they bring to light goes to ``model.ladder.intake``."""

    rng: Uniforms

    def __init__(self, model: GovernanceModel, rng: Uniforms) -> None:
        super().__init__(model, rng)
        self.behaviour = model.params.behaviour.discovery
        self._homes: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        self._home_slots: dict[int, list[tuple[int, int]]] = {}
        self._knowers: dict[int, int] = {}

    def loudness(self, d: Dispute) -> float:
        return 1.0 + self.behaviour.visibility * d.intensity

    def visible(self, d: Dispute) -> float:
        """How visible the dispute is to a visitor or a neighbour: family matters are kept
        inside the household, and a new dispute becomes known around it over weeks."""
        b = self.behaviour
        kind = b.family_visibility if d.kind is DisputeType.FAMILY else 1.0
        age = self.model.day - d.arose
        return kind * (1.0 - 0.5 * math.exp(-age / b.ripening_days))

    def openness(self, d: Dispute, weight: float) -> float:
        """How far the parties' trust lets them tell an outsider (1 at trust 1)."""
        return Resident.openness(self.model.attitudes.mean_trust(d.claimants), weight)

    def homes(self, d: Dispute) -> tuple[np.ndarray, np.ndarray]:
        """The grids and rotation slots of the dispute's claimant households (all of a
        collective dispute's households)."""
        cached = self._homes.get(d.id)
        if cached is None:
            world = self.model.world
            households = world.resident_household[d.claimants]
            if households.size > 1:  # one claimant's household is already "unique"
                households = np.unique(households)
            cached = (world.household_grid[households], world.household_slot[households])
            self._homes[d.id] = cached
        return cached

    def home_slots(self, d: Dispute) -> list[tuple[int, int]]:
        """``(grid, slot)`` of each claimant household within the dispute's village."""
        cached = self._home_slots.get(d.id)
        if cached is None:
            grids, slots = self.homes(d)
            here = self.model.world.grid_village[grids] == d.village
            cached = list(zip(grids[here].tolist(), slots[here].tolist(), strict=True))
            self._home_slots[d.id] = cached
        return cached

    def knowers(self, d: Dispute) -> int:
        """The claimants' ties living in the dispute's village: who can tip the grid worker."""
        n = self._knowers.get(d.id)
        if n is None:
            n = int((self.model.world.resident_village[d.linked] == d.village).sum())
            self._knowers[d.id] = n
        return n

    def heard(self, d: Dispute, chance: float) -> bool:
        """One draw: does a listener with this base ``chance`` hear of ``d``?"""
        return self.rng.random() < min(1.0, chance * self.loudness(d))

    def through_rule(
        self,
        disputes: list[Dispute],
        maybe: np.ndarray,
        claimant: np.ndarray,
        trust: np.ndarray,
        draws: int,
        decide: Callable[[int], None],
    ) -> None:
        """The batched day of latent ``disputes``, each drawing ``draws`` numbers: in their
        order, those where something ``maybe`` happens go through the rule
        (``decide(j)``), and the others' draws are skipped. What the rule does changes
        only its own dispute, and residents' trust: once a dispute has come to light or
        settled, the disputes about to be skipped are first checked for a claimant whose
        trust is no longer the ``trust`` their chance read (such a one is decided too)."""
        model, rng, n = self.model, self.rng, len(disputes)
        latent, still_latent = Status.LATENT, model.book.status_counts[Status.LATENT]
        todo, k, start = [*np.flatnonzero(maybe).tolist(), n], 0, rng.drawn
        i, events = 0, False  # i: the next dispute not yet passed
        while i < n:
            j = todo[k]
            if events and j > i:
                moved = model.attitudes.trust[claimant[i:j]] != trust[i:j]
                if moved.any():
                    j = i + int(moved.argmax())
            if j == n:
                break
            rng.skip(start + draws * j - rng.drawn)
            decide(j)
            if disputes[j].status is not latent:  # came to light or settled
                events, still_latent = True, still_latent - 1
            i = j + 1
            if todo[k] == j:  # (else it was a dispute whose trust moved)
                k += 1
        rng.skip(start + draws * n - rng.drawn)
        # Nothing but the disputes' own events changed who is latent (their draws stand).
        assert model.book.status_counts[latent] == still_latent


class Reports(Discovery):
    """Each latent dispute may be reported, tipped off, filed directly, or settled
    privately between the parties today (``today``)."""

    def __init__(self, model: GovernanceModel, rng: Uniforms) -> None:
        super().__init__(model, rng)
        visits = model.params.policy.visits
        self.platform = self.behaviour.platform_multiplier if visits.online_platform else 1.0
        # A grid worker with time to listen, by village (sim.village_policy).
        self.attentive = [1.0 - local.other_duties_share for local in model.local.visits]
        self.batch = DailyChances(self)

    def tip_chance(self, d: Dispute, loud: float) -> float:
        """Today's chance that one of the claimants' ties in the village tells the grid
        worker: ``neighbour_tip_per_day`` when ``tip_reference_ties`` of them know, more
        when more do (a collective dispute is known to many), none without a tie."""
        n = self.knowers(d)
        attentive = self.attentive[d.village]
        if n == 0 or attentive <= 0:
            return 0.0
        one = min(1.0, self.behaviour.neighbour_tip_per_day * attentive * loud * self.visible(d))
        return 1.0 - (1.0 - one) ** (n / self.behaviour.tip_reference_ties)

    def settle_chance(self, d: Dispute) -> float:
        """Today's chance that the parties settle between themselves."""
        return self.behaviour.self_settle_per_day * settle_factor(self.model.world, d)

    def found_chances(self, d: Dispute) -> tuple[float, float, float]:
        """Today's chances of a report, a neighbour's tip and a direct filing."""
        model, chances = self.model, self.behaviour
        loud = self.loudness(d)
        trust = model.attitudes.mean_trust(d.claimants)
        reporting = model.world.traits.report[d.village]  # by village type (1: ordinary)
        p_self = min(
            1.0,
            Resident.report_chance(trust, chances.self_report_per_day)
            * self.platform
            * loud
            * reporting,
        )
        p_tip = min(1.0, self.tip_chance(d, loud) * reporting)
        p_file = min(1.0, chances.direct_filing_per_day * loud * model.advisers.filing_factor(d))
        return p_self, p_tip, p_file

    def today(self, d: Dispute) -> None:
        """One latent dispute's day: three draws (settle, found, channel), always."""
        model = self.model
        u_settle, u_found, u_channel = self.rng.random(), self.rng.random(), self.rng.random()
        if u_settle < self.settle_chance(d):
            model.book.resolve(d, Level.PARTIES, model.day)
            model.attitudes.resolved(d)
            return
        p_self, p_tip, p_file = self.found_chances(d)
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

    def step(self) -> None:
        """Every latent dispute's day (``today``), in the order of the open disputes. On
        most of them nothing happens: their draws are looked at as one array against
        their chances computed as arrays (``DailyChances``), and only the disputes where
        something may happen go through ``today`` (``through_rule``); the others' draws
        are skipped."""
        model, rng = self.model, self.rng
        disputes = list(model.book.latent.values())  # in the open disputes' order
        if len(disputes) < processes.BATCH_FROM:
            for d in disputes:
                self.today(d)
            return
        n = len(disputes)
        u = rng.peek(3 * n).reshape(n, 3)
        chances = self.batch.chances(disputes, model.book.latent.ids())
        maybe = (u[:, 0] < chances.settle + MARGIN) | (u[:, 1] < chances.found + MARGIN)
        self.through_rule(
            disputes, maybe, chances.claimant, chances.trust, 3, lambda j: self.today(disputes[j])
        )
