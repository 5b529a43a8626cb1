"""The villages of a planner's table, as the world builder needs them.

The table was read and checked before the run (``sim.config.villages``): its rows come
township by township, each with a name, township, registered residents, households and
type. Here they become arrays; the only randomness is how a village's residents at home
are shared among its households (the world stream, like a generated county's sizes).
"""

from __future__ import annotations

import numpy as np

from sim.config.village_schema import VillageRow


def table_townships(rows: tuple[VillageRow, ...]) -> np.ndarray:
    """Each village's township index, townships numbered in the order they first appear."""
    order: dict[str, int] = {}
    return np.array([order.setdefault(row.township, len(order)) for row in rows], dtype=np.int64)


def table_household_sizes(
    rows: tuple[VillageRow, ...], at_home_share: np.ndarray, rng: np.random.Generator
) -> np.ndarray:
    """Residents of every household, village by village: each village's residents at home
    (registered residents times the type's at-home share, at least one per household)
    dealt at random among its households, one each first."""
    sizes = []
    for row, share in zip(rows, at_home_share, strict=True):
        at_home = max(row.households, round(row.residents * float(share)))
        extra = rng.multinomial(
            at_home - row.households, np.full(row.households, 1 / row.households)
        )
        sizes.append(1 + extra)
    return np.concatenate(sizes).astype(np.int64)
