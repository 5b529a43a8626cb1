"""The county's people and places as arrays, indexed by resident, household, grid, village.

Residents are numbered household by household, households village by village and
villages township by township, so every unit is a contiguous block of the next one.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sim.ranges import ranges
from sim.world.network import SocialNetwork
from sim.world.types import VillageTraits


@dataclass
class World:
    # residents
    resident_household: np.ndarray
    resident_village: np.ndarray
    resident_lineage: np.ndarray
    # households
    household_first: np.ndarray  # first resident of each household
    household_size: np.ndarray
    household_village: np.ndarray
    household_grid: np.ndarray
    household_slot: np.ndarray  # position of the household within its grid (visit rotation)
    # grids (one grid worker each)
    grid_village: np.ndarray
    grid_size: np.ndarray  # households
    # villages
    village_township: np.ndarray
    village_first_household: np.ndarray
    village_households: np.ndarray
    village_first_resident: np.ndarray
    village_residents: np.ndarray
    village_tension: np.ndarray  # multiplier on dispute onset (local tension)
    # townships
    n_townships: int
    network: SocialNetwork
    # village types (sim.world.types): type index, name, and what the type changes
    village_type: np.ndarray
    village_names: tuple[str, ...]
    traits: VillageTraits

    def residents_of(self, households: np.ndarray) -> np.ndarray:
        """Every resident of ``households``, household by household."""
        return ranges(self.household_first[households], self.household_size[households])

    @property
    def n_residents(self) -> int:
        return int(self.resident_household.size)

    @property
    def n_households(self) -> int:
        return int(self.household_first.size)

    @property
    def n_villages(self) -> int:
        return int(self.village_township.size)

    @property
    def n_grids(self) -> int:
        return int(self.grid_village.size)

    def township_residents(self, township: int) -> tuple[int, int]:
        """First resident and count of a township (villages are contiguous)."""
        villages = np.flatnonzero(self.village_township == township)
        first = int(self.village_first_resident[villages[0]])
        return first, int(self.village_residents[villages].sum())
