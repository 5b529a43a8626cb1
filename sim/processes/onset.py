"""Disputes arise between residents (docs/SOURCES.md: S2, S10 type mix).

Daily counts per village and type are Poisson with a rate set by the type's onset per
household, the village's size and its local tension. Everything here draws from the
onset stream alone and reads only the world, never policy-driven state, so that two
policy arms with one seed see the same disputes arise on the same days.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from sim.config.schema import DisputeTypeParams
from sim.disputes import Complexity, Dispute, DisputeType
from sim.processes import Process
from sim.world import TieKind
from sim.world.types import same_lineage

if TYPE_CHECKING:
    from sim.model import GovernanceModel

TYPES = tuple(DisputeType)

# Which tie the other party is found through, by type (assumption; the documents name the
# parties: family inside the household, neighbours next door, land with kin and neighbours).
RESPONDENT_TIES = {
    DisputeType.FAMILY: (TieKind.HOUSEHOLD, TieKind.KIN),
    DisputeType.NEIGHBOUR: (TieKind.NEIGHBOUR, TieKind.KIN),
    DisputeType.LAND: (TieKind.NEIGHBOUR, TieKind.KIN),
    DisputeType.DAMAGES_DEBT: (TieKind.NEIGHBOUR, TieKind.KIN, TieKind.CROSS_VILLAGE),
    DisputeType.LABOUR: (TieKind.CROSS_VILLAGE, TieKind.NEIGHBOUR),
}


class Onset(Process):
    """Draws each day's new disputes and enters them in the dispute book, latent."""

    rng: np.random.Generator

    def __init__(self, model: GovernanceModel, rng: np.random.Generator) -> None:
        super().__init__(model, rng)
        self.behaviour, self.world = model.behaviour, model.world
        self.type_params = [getattr(self.behaviour.disputes, t.value) for t in TYPES]
        per_household = np.array([tp.onset_per_household_year for tp in self.type_params])
        households = self.world.village_households * self.world.village_tension
        surge = model.params.scenario.onset_multiplier  # a bad year, a requisition surge
        # Each village's type multiplies each dispute type's onset (1 in an ordinary village).
        self.daily_rate = (
            np.outer(households, per_household) * self.world.traits.onset * surge / 365.0
        )
        self.next_id = 0
        # The village facts a new dispute reads, as lists: read one at a time, a list
        # item is several times cheaper than a numpy scalar (same values).
        self._first_household = self.world.village_first_household.tolist()
        self._households = self.world.village_households.tolist()
        self._township = self.world.village_township.tolist()

    def step(self) -> None:
        # Every dispute is drawn as without prevention; village rules then strike some
        # out with their own stream (thinning), so the onset stream never shifts.
        rules = self.model.village_rules
        for d in self.arise(self.model.day):
            if rules.prevents(d):
                self.model.counts.disputes_prevented += 1
            else:
                self.admit(d)

    def admit(self, d: Dispute) -> None:
        """``d`` arises, latent (whichever process drew it): in the book, and its parties
        become ``Resident`` agents."""
        self.model.book.add(d)
        self.model.residents.involve(d.parties)

    def arise(self, day: int) -> list[Dispute]:
        """Today's new disputes, in village and type order."""
        counts = self.rng.poisson(self.daily_rate)
        villages, types = np.nonzero(counts)
        new = []
        for village, t, n in zip(
            villages.tolist(), types.tolist(), counts[villages, types].tolist(), strict=True
        ):
            kind, tp = TYPES[t], self.type_params[t]
            for _ in range(n):
                new.append(self._draw(village, kind, tp, day))
        return new

    def draw(self, village: int, kind: DisputeType, day: int, rng: np.random.Generator) -> Dispute:
        """A new dispute of ``kind`` in ``village``, its details drawn from ``rng`` (another
        process's stream: ``projects.Projects``), numbered with the others."""
        return self._draw(village, kind, self.type_params[TYPES.index(kind)], day, rng)

    def _draw(
        self,
        village: int,
        kind: DisputeType,
        tp: DisputeTypeParams,
        day: int,
        rng: np.random.Generator | None = None,
    ) -> Dispute:
        world, rng = self.world, (self.rng if rng is None else rng)
        first, households = self._first_household[village], self._households[village]
        home = first + int(rng.integers(households))
        if tp.households_involved > 1:
            # A hamlet of neighbouring households facing the same requisition.
            k = min(tp.households_involved, households)
            start = min(max(home - k // 2, first), first + households - k)
            homes = np.arange(start, start + k)
            claimants = world.household_first[homes] + (
                rng.random(k) * world.household_size[homes]
            ).astype(int)
            respondents = np.empty(0, dtype=np.int64)
        else:
            claimant = world.household_first[home] + int(rng.integers(world.household_size[home]))
            claimants = np.array([claimant])
            respondents = np.array([self._respondent(claimant, kind, village)])
        concentration = self.behaviour.intensity.severity_concentration
        severity = float(
            rng.beta(tp.severity_mean * concentration, (1 - tp.severity_mean) * concentration)
        )
        d = Dispute(
            id=self.next_id,
            kind=kind,
            village=village,
            township=self._township[village],
            grid=int(world.household_grid[home]),
            household_slot=int(world.household_slot[home]),
            claimants=claimants,
            respondents=respondents,
            same_lineage=same_lineage(world, claimants, respondents),
            linked=world.network.ties_of_group(claimants),
            severity=severity,
            intensity=severity * self.behaviour.intensity.initial_share,
            complexity=self.complexity_of(severity),
            arose=day,
            level_since=day,
        )
        self.next_id += 1
        return d

    def complexity_of(self, severity: float) -> Complexity:
        thresholds = self.behaviour.mediation
        return complexity_of(severity, thresholds.simple_below, thresholds.complex_above)

    def _respondent(self, claimant: int, kind: DisputeType, village: int) -> int:
        net, rng = self.world.network, self.rng
        # ``net.ties(claimant, tie)`` for each tie kind in turn, the row read once.
        lo, hi = net.indptr[claimant], net.indptr[claimant + 1]
        row, kinds = net.indices[lo:hi], net.kinds[lo:hi]
        for tie in RESPONDENT_TIES[kind]:
            options = row[kinds == tie]
            if options.size:
                return int(options[rng.integers(options.size)])
        first, n = self.world.village_first_resident[village], self.world.village_residents[village]
        other = first + int(rng.integers(n - 1))
        return other + (other >= claimant)


def complexity_of(severity: float, simple_below: float, complex_above: float) -> Complexity:
    if severity < simple_below:
        return Complexity.SIMPLE
    return Complexity.COMPLEX if severity > complex_above else Complexity.GENERAL
