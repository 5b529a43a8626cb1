"""How latent disputes come to light (guangdong-7, grassroots-9; essays-063 for campaigns).

Parties report (more often when they trust the institutions, more with an online
platform); the dispute's ties in the village tell the grid worker (a tip needs a tie
who knows, and a grid worker with time to listen); or the parties skip the grassroots
and file with county bodies (a court, the police, arbitration). Grid-worker household
visits are the main proactive channel: what a visit learns depends on the household
(its trust, how long the dispute has run, how visible its type is) and on the worker's
time (``agents.GridWorker``). A cadre visit day hears only what residents bring to it,
within the households the day reaches; a day that meets only the village leaders hears
what they pass on (走马观花…只与领导接触, grassroots-9). A collective dispute can be
found from any of its households. Loud, intense disputes come to light sooner on every
channel. Screening campaigns sweep every village.
Latent disputes may also be settled between the parties, the bottom of Michelson's
dispute pagoda (S25, docs/SOURCES.md).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np

from sim.agents import Cadre, Resident
from sim.disputes import Channel, Dispute, DisputeType, Level, Status
from sim.processes import Process
from sim.processes.daily_chances import MARGIN, DailyChances
from sim.rng import Uniforms
from sim.world.types import settle_factor

if TYPE_CHECKING:
    from sim.model import GovernanceModel


class _Discovery(Process):
    """What the four discovery processes share: how loud and how visible a dispute is,
    how open its parties are, which households it touches, and the chance that someone
    listening hears of it. All four draw from the discovery stream, in the order of the
    day; whatever they bring to light goes to ``model.ladder.intake``."""

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


class Reports(_Discovery):
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
        something may happen go through ``today``; the others' draws are skipped.

        An event changes only its own dispute, and residents' trust: once one has
        happened, the disputes about to be skipped are first checked for a claimant
        whose trust is no longer what their chance read (such a one goes through
        ``today``)."""
        model, rng = self.model, self.rng
        latent = Status.LATENT
        disputes = [d for d in model.book.open.values() if d.status is latent]
        n, still_latent = len(disputes), model.book.status_counts[latent]
        u = rng.peek(3 * n).reshape(n, 3)
        chances = self.batch.chances(disputes)
        claimant, trust = chances.claimant, chances.trust
        maybe = (u[:, 0] < chances.settle + MARGIN) | (u[:, 1] < chances.found + MARGIN)
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
            rng.skip(start + 3 * j - rng.drawn)
            self.today(disputes[j])
            if disputes[j].status is not latent:  # came to light or settled
                events, still_latent = True, still_latent - 1
            i = j + 1
            if todo[k] == j:  # (else it was a dispute whose trust moved)
                k += 1
        rng.skip(start + 3 * n - rng.drawn)
        # Nothing but the disputes' own events changed who is latent (their draws stand).
        assert model.book.status_counts[latent] == still_latent


class GridWorkerVisits(_Discovery):
    """Grid workers visit households on their rotation; a visit to a household of a
    latent dispute may bring it to light, more often when the household trusts the
    institutions, the dispute has run a while and its type shows. Being visited builds
    the household's trust (``attitudes.visited``), once the day's visits are done."""

    def __init__(self, model: GovernanceModel, rng: Uniforms) -> None:
        super().__init__(model, rng)
        sizes = model.world.grid_size
        # Grids are contiguous blocks of households, in slot order.
        self.grid_first = np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(np.int64)
        self.grids = np.arange(sizes.size)

    def step(self) -> None:
        """Every grid worker visits at once (``agents.Rotation``); then, in the order of
        the grid workers and, within a village, of the latent disputes there, each latent
        dispute with a household among a worker's visits today is listened for: the
        draws and their order are those of workers visiting one after another."""
        model = self.model
        rotation = model.rotation
        first, n = rotation.visit(model.day, self.grids)
        busy = np.flatnonzero(n)
        if busy.size == 0:
            return
        for d in self._within_visits(first, n):
            if d.status is not Status.LATENT:
                continue  # an earlier worker's visit brought it to light today
            b = self.behaviour
            chance = b.visit_detection * self.openness(d, b.visit_trust_weight) * self.visible(d)
            if self.heard(d, chance):
                model.ladder.intake(d, Channel.GRID_VISIT)
        # Being visited builds the households' trust, once the day's visits are done.
        sizes = rotation.households[busy]
        count = n[busy]
        offsets = np.arange(int(count.sum())) - np.repeat(np.cumsum(count) - count, count)
        slots = (np.repeat(first[busy], count) + offsets) % np.repeat(sizes, count)
        households = np.repeat(self.grid_first[busy], count) + slots
        model.attitudes.visited(model.world.residents_of(households))

    def _within_visits(self, first: np.ndarray, n: np.ndarray) -> list[Dispute]:
        """Each latent dispute once for each grid of its village whose visits today
        reach one of its households, ordered by grid and then by the dispute's place
        among its village's latent disputes."""
        pairs: list[tuple[int, int, Dispute]] = []
        # Plain Python numbers: most disputes have one household, and a scalar test per
        # household is cheaper than array operations on one element.
        starts, counts = first.tolist(), n.tolist()
        sizes = self.model.rotation.households.tolist()
        for disputes in self.model.book.latent_by_village.values():
            for rank, d in enumerate(disputes.values()):
                homes = self.home_slots(d)
                if len(homes) == 1:  # most disputes: one household, one grid
                    grid, slot = homes[0]
                    if (slot - starts[grid]) % sizes[grid] < counts[grid]:
                        pairs.append((grid, rank, d))
                    continue
                hit = {
                    grid
                    for grid, slot in homes
                    if (slot - starts[grid]) % sizes[grid] < counts[grid]
                }
                pairs.extend((grid, rank, d) for grid in sorted(hit))
        pairs.sort(key=lambda p: (p[0], p[1]))
        return [d for _, _, d in pairs]


class CadreVisits(_Discovery):
    """On a village's visit day its cadre spends a governance day there. A day spent
    door to door reaches ``cadre_households_per_visit_day`` households, whose parties
    bring their dispute if they trust the institutions; a day with the village leaders
    only hears what the leaders pass on (``cadre_visit_quality`` splits the day)."""

    def step(self) -> None:
        model, b = self.model, self.behaviour
        cadre: Cadre
        for cadre in model.cadres:
            for village in cadre.visit_villages():
                visits = model.local.visits[village]
                quality = visits.cadre_visit_quality
                households = int(model.world.village_households[village])
                share = min(1.0, visits.cadre_households_per_visit_day / households)
                for d in model.book.latent_in_village(village):
                    k = len(self.homes(d)[0])
                    reached = (
                        quality * (1.0 - (1.0 - share) ** k) + (1.0 - quality) * b.leader_relay
                    )
                    chance = (
                        b.cadre_hearing
                        * reached
                        * self.openness(d, b.cadre_trust_weight)
                        * self.visible(d)
                    )
                    if self.heard(d, chance):
                        model.ladder.intake(d, Channel.CADRE_VISIT)


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
