"""Villages that differ: which type each village is, and what its type changes.

A village's type (``ordinary``, ``requisition``, ``hollow``, ``clan``, ``peri_urban``)
comes from a planner's table or, for a generated county, from the scenario's mix. The
type's parameters become per-village arrays (``VillageTraits``) that the world builder
and the processes read: who lives at home, how many lineages and ties, how often each
type of dispute arises, how readily disputes are reported, settled within a lineage or
mediated across lineages. An ordinary village's traits are all neutral (multipliers of
1), so an all-ordinary county is the calibrated one, draw for draw.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from sim.config.schema import ScenarioParams
from sim.config.village_schema import VILLAGE_TYPES, TypeOnset
from sim.disputes import DisputeType

if TYPE_CHECKING:
    from sim.disputes import Dispute
    from sim.world.world import World

ONSET_ORDER = tuple(t.value for t in DisputeType)  # the onset matrix's columns


@dataclass(frozen=True)
class VillageTraits:
    """Per-village arrays of the type parameters (index = village)."""

    onset: np.ndarray  # (villages, dispute types): multiplier on each type's onset
    at_home_share: np.ndarray
    lineages: np.ndarray  # lineages per village
    kin_ties: np.ndarray  # multipliers on kin and on neighbour / closure ties
    other_ties: np.ndarray
    report: np.ndarray  # multiplier on reports and tips
    same_lineage_settle: np.ndarray  # multiplier on private settlement within a lineage
    cross_lineage_difficulty: np.ndarray  # log-odds lost between lineages


def type_codes(scenario: ScenarioParams) -> np.ndarray:
    """Each village's type, as an index into ``VILLAGE_TYPES``."""
    if scenario.table is not None:
        return np.array([VILLAGE_TYPES.index(row.type) for row in scenario.table], dtype=np.int64)
    return mixed_types(scenario)


def mixed_types(scenario: ScenarioParams) -> np.ndarray:
    """Types for a generated county: counts from the shares (largest remainder), dealt
    to villages township by township (each township's first village, then each one's
    second...), so that every type is spread over the townships. No randomness: the
    mix never shifts the world stream."""
    n, townships = scenario.n_villages, scenario.n_townships
    shares = np.array([getattr(scenario.mix, t) for t in VILLAGE_TYPES[1:]])
    exact = shares * n
    counts = np.floor(exact).astype(np.int64)
    short = min(n, round(float(exact.sum()))) - int(counts.sum())
    for i in np.argsort(-(exact - counts), kind="stable")[: max(short, 0)]:
        counts[i] += 1
    labels = np.zeros(n, dtype=np.int64)  # ordinary, then each other type in order
    labels[n - counts.sum() :] = np.repeat(np.arange(1, len(VILLAGE_TYPES)), counts)
    township = np.arange(n) * townships // n
    rank = np.arange(n) - np.searchsorted(township, township)  # position within its township
    deal = np.lexsort((township, rank))  # first villages of every township first
    out = np.zeros(n, dtype=np.int64)
    out[deal] = labels
    return out


def village_traits(scenario: ScenarioParams, codes: np.ndarray) -> VillageTraits:
    params = [getattr(scenario.types, t) for t in VILLAGE_TYPES]

    def per_village(read) -> np.ndarray:
        return np.array([read(params[c]) for c in codes], dtype=float)

    def onset_row(onset: TypeOnset) -> list[float]:
        return [getattr(onset, name) for name in ONSET_ORDER]

    return VillageTraits(
        onset=np.array([onset_row(params[c].onset) for c in codes], dtype=float).reshape(
            codes.size, len(ONSET_ORDER)
        ),
        at_home_share=per_village(lambda p: p.at_home_share),
        lineages=per_village(
            lambda p: scenario.lineages_per_village if p.lineages is None else p.lineages
        ).astype(np.int64),
        kin_ties=per_village(lambda p: p.kin_ties_multiplier),
        other_ties=per_village(lambda p: p.other_ties_multiplier),
        report=per_village(lambda p: p.report_multiplier),
        same_lineage_settle=per_village(lambda p: p.same_lineage_settle_multiplier),
        cross_lineage_difficulty=per_village(lambda p: p.cross_lineage_difficulty),
    )


def same_lineage(world: World, claimants: np.ndarray, respondents: np.ndarray) -> bool | None:
    """Whether a dispute's two sides are of one lineage (None: no respondent, as in a
    collective dispute with the government). Fixed for the dispute's life, so it is asked
    once, when the dispute arises (``Dispute.same_lineage``)."""
    if respondents.size == 0:
        return None
    lineage = world.resident_lineage
    return bool(lineage[claimants[0]] == lineage[respondents[0]])


def settle_factor(world: World, d: Dispute) -> float:
    """Multiplier on the parties' daily chance of settling privately: higher within a
    lineage of a clan village, where its elders settle the matter."""
    return float(world.traits.same_lineage_settle[d.village]) if d.same_lineage else 1.0


def lineage_difficulty(world: World, d: Dispute) -> float:
    """Log-odds of mediation lost when the sides are of different lineages (each backed
    by its kin), in a village whose type says so."""
    gap = float(world.traits.cross_lineage_difficulty[d.village])
    return gap if gap and d.same_lineage is False else 0.0
