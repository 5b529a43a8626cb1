"""Officials going to the households: how their visits bring latent disputes to light
(guangdong-7, grassroots-9; essays-063 for campaigns).

Grid-worker household visits are the main proactive channel: what a visit learns
depends on the household (its trust, how long the dispute has run, how visible its type
is) and on the worker's time (``schedules.Rotation``). A cadre visit day hears only
what residents bring to it, within the households the day reaches; a day that meets
only the village leaders hears what they pass on (走马观花…只与领导接触, grassroots-9).
A collective dispute can be found from any of its households. Screening campaigns sweep
every village. What the visits share with the residents' own reports (loudness,
visibility, openness, hearing) is ``discovery.Discovery``.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np

from sim import processes
from sim.agents import Resident
from sim.disputes import Channel, Dispute, DisputeType, Status
from sim.processes import MARGIN
from sim.processes.daily_chances import MANY
from sim.processes.discovery import Discovery
from sim.ranges import ranges
from sim.rng import Uniforms
from sim.schedules import CadreRounds

if TYPE_CHECKING:
    from sim.model import GovernanceModel

UNSEEN, SEVERAL = -2, -1  # GridWorkerVisits' home grid of a dispute not yet seen; of several


class GridWorkerVisits(Discovery):
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
        world = model.world
        assert np.array_equal(  # households' residents numbered in a row (``world.build``)
            world.household_first[1:], (world.household_first + world.household_size)[:-1]
        )
        # By dispute id, filled when first latent on a visit day: the grid and slot of
        # its one household in its village (``SEVERAL`` where it has none or several:
        # their grids and slots are kept in ``_several``).
        self._home_grid = np.zeros(0, dtype=np.int64)
        self._home_slot = np.zeros(0, dtype=np.int64)
        self._several: dict[int, tuple[np.ndarray, np.ndarray]] = {}

    def step(self) -> None:
        """Every grid worker visits at once (``schedules.Rotation``); then, in the order of
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
            self.listen(d)
        # Being visited builds the households' trust, once the day's visits are done.
        model.attitudes.visited(self._visited_residents(busy, first[busy], n[busy]))

    def _visited_residents(self, busy: np.ndarray, first: np.ndarray, n: np.ndarray) -> np.ndarray:
        """The residents of the households the ``busy`` grids' workers visited today, from
        slot ``first``, ``n`` households each, each resident once (the order does not
        matter to ``attitudes.visited``). A grid's households, and a household's
        residents, are numbered in a row: a worker's visits are one run of residents,
        or two where the rotation went round the grid back to its first household."""
        households = self.model.rotation.households[busy]
        base, end = self.grid_first[busy], first + n
        wrapped = end > households
        start = np.concatenate([base + first, base[wrapped]])
        stop = np.concatenate(
            [base + np.minimum(end, households), (base + end - households)[wrapped]]
        )
        world = self.model.world
        resident = world.household_first[start]
        size = world.household_first[stop - 1] + world.household_size[stop - 1] - resident
        return ranges(resident, size)

    def listen(self, d: Dispute) -> None:
        """A grid worker's visit reaches a household of ``d``: one draw, if ``d`` is still
        latent (an earlier worker's visit may have brought it to light today)."""
        if d.status is not Status.LATENT:
            return
        b = self.behaviour
        chance = b.visit_detection * self.openness(d, b.visit_trust_weight) * self.visible(d)
        if self.heard(d, chance):
            self.model.ladder.intake(d, Channel.GRID_VISIT)

    def reaches(self, d: Dispute, first: np.ndarray, n: np.ndarray) -> list[int]:
        """The grids, in order, whose visits today (from slot ``first``, ``n`` households)
        reach a household of ``d`` in its village."""
        sizes = self.model.rotation.households
        return sorted(
            {
                grid
                for grid, slot in self.home_slots(d)
                if (slot - first[grid]) % sizes[grid] < n[grid]
            }
        )

    def _within_visits(self, first: np.ndarray, n: np.ndarray) -> list[Dispute]:
        """Each latent dispute once for each grid of its village whose visits today
        reach one of its households (``reaches``), ordered by grid and then by the
        dispute's place among its village's latent disputes.

        Whether a visit reaches a household is read for every household of every latent
        dispute at once, from the grids and slots kept by dispute id (most disputes have
        one household). A grid lies in one village, so among one grid's disputes the
        order of the latent disputes taken village by village is their order in the
        village."""
        book = self.model.book
        # In the order they became latent: within a village (and so a grid), the
        # village's order; the order across villages does not matter (sorted by grid).
        ids = book.latent.ids()
        self._learn(ids)
        grid, slot = self._home_grid[ids], self._home_slot[ids]
        # A home per dispute (its place in ``ids``): the one of most, each of the others'.
        single = grid != SEVERAL
        place, grid, slot = np.flatnonzero(single), grid[single], slot[single]
        several = np.flatnonzero(~single)
        if several.size:
            homes = [self._several[i] for i in ids[several].tolist()]
            place = np.concatenate([place, np.repeat(several, [h[0].size for h in homes])])
            grid = np.concatenate([grid, *(h[0] for h in homes)])
            slot = np.concatenate([slot, *(h[1] for h in homes)])
        hit = (slot - first[grid]) % self.model.rotation.households[grid] < n[grid]
        grid, place = grid[hit], place[hit]
        if grid.size == 0:
            return []
        order = np.lexsort((place, grid))
        grid, place = grid[order], place[order]
        # A dispute's homes in one grid: listened for once.
        once = np.concatenate([[True], (grid[1:] != grid[:-1]) | (place[1:] != place[:-1])])
        return [book.open[i] for i in ids[place[once]].tolist()]

    def _learn(self, ids: np.ndarray) -> None:
        """Fill the home grid and slot of the disputes not seen before."""
        if ids.size and ids.max() >= self._home_grid.size:
            size = max(2 * self._home_grid.size, int(ids.max()) + 1)
            grow = size - self._home_grid.size
            self._home_grid = np.concatenate([self._home_grid, np.full(grow, UNSEEN)])
            self._home_slot = np.concatenate([self._home_slot, np.zeros(grow, np.int64)])
        new = ids[self._home_grid[ids] == UNSEEN]
        if new.size == 0:
            return
        world, book = self.model.world, self.model.book
        disputes = [book.open[i] for i in new.tolist()]
        # One claimant (most disputes): their household, read for all at once.
        one = np.array([d.claimants.size == 1 for d in disputes], dtype=bool)
        claimant = np.array([d.claimants[0] for d, o in zip(disputes, one, strict=True) if o])
        village = np.array([d.village for d, o in zip(disputes, one, strict=True) if o])
        household = world.resident_household[claimant.astype(np.int64)]
        grid = world.household_grid[household]
        # (a claimant living outside the dispute's village: no home there, asked as several)
        self._home_grid[new[one]] = np.where(world.grid_village[grid] == village, grid, SEVERAL)
        self._home_slot[new[one]] = world.household_slot[household]
        self._home_grid[new[~one]] = SEVERAL
        for i in new[self._home_grid[new] == SEVERAL].tolist():
            homes = self.home_slots(book.open[i])
            self._several[i] = (
                np.array([grid for grid, _ in homes], dtype=np.int64),
                np.array([slot for _, slot in homes], dtype=np.int64),
            )


class CadreVisits(Discovery):
    """On a village's visit day its cadre spends a governance day there. A day spent
    door to door reaches ``cadre_households_per_visit_day`` households, whose parties
    bring their dispute if they trust the institutions; a day with the village leaders
    only hears what the leaders pass on (``cadre_visit_quality`` splits the day)."""

    def __init__(self, model: GovernanceModel, rng: Uniforms) -> None:
        super().__init__(model, rng)
        self.rounds = CadreRounds()  # every cadre's visit days (each ``Cadre`` enrols)
        self._reached: dict[tuple[int, int], float] = {}  # by village and households
        self._reached_one = np.zeros(0)  # by village, of one household
        self._ripening = np.zeros(0)  # ``visible`` by age, before the type's factor

    def step(self) -> None:
        """Every cadre's visit days at once (``schedules.CadreRounds``), in the order of the
        cadres; then, in each village visited, each latent dispute is listened for
        (``listen``), one draw each. What a visit brings to light changes no cadre's
        visit days, so this is the order of cadres visiting one after another.

        On most of the disputes nothing is heard: their draws are looked at as one array
        against their chances computed as arrays (the rule's operations in its order),
        and only the disputes whose draw falls below (or within ``MARGIN`` of) their
        chance go through ``listen``; the others' draws are skipped. A dispute of
        several claimants (their mean trust is the rule's to compute) or seen before it
        arose always goes through ``listen`` (``through_rule``)."""
        model, rng = self.model, self.rng
        villages = self.rounds.visit(model)
        disputes: list[Dispute] = []
        where: list[int] = []
        for village in villages:
            here = model.book.latent_by_village.get(village)
            if here:
                disputes += here.values()
                where += [village] * len(here)
        n = len(disputes)
        if n < processes.BATCH_FROM:
            for d, village in zip(disputes, where, strict=True):
                self.listen(d, village)
            return
        claimant, chance = self._chances(disputes, where)
        maybe = rng.peek(n) < chance + MARGIN
        trust = model.attitudes.trust[claimant]
        self.through_rule(
            disputes, maybe, claimant, trust, 1, lambda j: self.listen(disputes[j], where[j])
        )

    def reached(self, d: Dispute, village: int) -> float:
        """How likely a visit day in ``village`` reaches the parties of ``d``: door to door,
        any of its households among those visited; with the leaders, what they pass on."""
        return self._reach(village, len(self.homes(d)[0]))

    def _reach(self, village: int, households: int) -> float:
        """``reached`` of a dispute of ``households`` households in ``village``."""
        reached = self._reached.get((village, households))
        if reached is None:
            b, visits = self.behaviour, self.model.local.visits[village]
            quality = visits.cadre_visit_quality
            in_village = int(self.model.world.village_households[village])
            share = min(1.0, visits.cadre_households_per_visit_day / in_village)
            reached = (
                quality * (1.0 - (1.0 - share) ** households) + (1.0 - quality) * b.leader_relay
            )
            self._reached[(village, households)] = reached
        return reached

    def listen(self, d: Dispute, village: int) -> None:
        """A cadre's visit day in ``village`` may hear of the latent dispute ``d``: one draw."""
        b = self.behaviour
        chance = (
            b.cadre_hearing
            * self.reached(d, village)
            * self.openness(d, b.cadre_trust_weight)
            * self.visible(d)
        )
        if self.heard(d, chance):
            self.model.ladder.intake(d, Channel.CADRE_VISIT)

    def _chances(self, disputes: list[Dispute], where: list[int]) -> tuple[np.ndarray, np.ndarray]:
        """The claimant whose trust each dispute's chance reads (``MANY``: several) and
        the chance that ``heard`` compares the draw with (1 where ``listen`` must be asked):
        the operations of ``listen`` and ``heard``, in their order, as arrays."""
        b = self.behaviour
        claimant = np.array(
            [int(d.claimants[0]) if d.claimants.size == 1 else MANY for d in disputes],
            dtype=np.int64,
        )
        # One claimant, one household (several claimants: ``listen`` is asked).
        if self._reached_one.size == 0:
            villages = range(self.model.world.n_villages)
            self._reached_one = np.array([self._reach(v, 1) for v in villages])
        reached = self._reached_one[where]
        kind = np.array(
            [b.family_visibility if d.kind is DisputeType.FAMILY else 1.0 for d in disputes]
        )
        age = self.model.day - np.array([d.arose for d in disputes], dtype=np.int64)
        loud = 1.0 + b.visibility * np.array([d.intensity for d in disputes])
        openness = Resident.openness(self.model.attitudes.trust[claimant], b.cadre_trust_weight)
        visible = kind * self._ripened(age)
        chance = np.minimum(1.0, b.cadre_hearing * reached * openness * visible * loud)
        chance[(claimant == MANY) | (age < 0)] = 1.0
        return claimant, chance

    def _ripened(self, age: np.ndarray) -> np.ndarray:
        """``visible`` by age, before the type's factor: a table built with ``math.exp``
        (as the rule computes it), longer as the run goes on."""
        oldest = int(age.max())
        if oldest >= self._ripening.size:
            ripening = self.behaviour.ripening_days
            self._ripening = np.array(
                [1.0 - 0.5 * math.exp(-a / ripening) for a in range(2 * oldest + 1)]
            )
        return self._ripening[np.maximum(age, 0)]


class Campaigns(Discovery):
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
