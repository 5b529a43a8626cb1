"""Disputes as first-class records, and the book that holds them.

A dispute is in exactly one ``Status`` at any time. Every status change goes through
``DisputeBook.move`` so the counters, the per-grid and per-village indexes and the
daily series stay consistent with the records (tests recount them every day).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from enum import Enum, IntEnum

import numpy as np


class DisputeType(Enum):
    FAMILY = "family"
    NEIGHBOUR = "neighbour"
    LAND = "land"
    DAMAGES_DEBT = "damages_debt"
    LABOUR = "labour"
    COLLECTIVE = "collective"


class Status(Enum):
    LATENT = "latent"
    KNOWN = "known"  # discovered, waiting for a mediator at its level
    IN_MEDIATION = "in_mediation"
    RESOLVED = "resolved"
    PETITION = "petition"
    SKIP_LEVEL_PETITION = "skip_level_petition"
    GROUP_PETITION = "group_petition"
    CRIMINAL = "criminal"

    @property
    def is_open(self) -> bool:
        return self in OPEN

    @property
    def is_bad_end(self) -> bool:
        return self in BAD_ENDS


OPEN = frozenset({Status.LATENT, Status.KNOWN, Status.IN_MEDIATION})
BAD_ENDS = frozenset(
    {Status.PETITION, Status.SKIP_LEVEL_PETITION, Status.GROUP_PETITION, Status.CRIMINAL}
)


class Level(IntEnum):
    """Who handles (or settled) a dispute, from the bottom of the pagoda up."""

    PARTIES = 0  # settled between the parties, never registered
    ON_THE_SPOT = 1  # by the grid worker
    VILLAGE = 2  # village people's-mediation committee
    TOWNSHIP = 3  # township comprehensive governance centre
    COUNTY = 4  # courts and county bodies: slow and final


class Complexity(IntEnum):
    SIMPLE = 0
    GENERAL = 1
    COMPLEX = 2


class Channel(Enum):
    SELF_REPORT = "self_report"
    NEIGHBOUR = "neighbour"
    GRID_VISIT = "grid_visit"
    CADRE_VISIT = "cadre_visit"
    CAMPAIGN = "campaign"
    DIRECT_FILING = "direct_filing"  # the parties go to a court, the police or arbitration


@dataclass(slots=True, eq=False)
class Dispute:
    id: int
    kind: DisputeType
    village: int
    township: int
    grid: int
    household_slot: int  # the claimant household's place in its grid's visit rotation
    claimants: np.ndarray  # the aggrieved side (one resident per household)
    respondents: np.ndarray  # the other side; empty when it is the government
    linked: np.ndarray  # residents tied to the claimants, who may share the grievance
    severity: float
    intensity: float
    complexity: Complexity
    arose: int
    status: Status = Status.LATENT
    level: Level | None = None
    channel: Channel | None = None
    discovered: int | None = None
    level_since: int = 0
    resolved: int | None = None
    ended: int | None = None
    failed_here: int = 0
    deadline_missed: bool = False
    busy_until: int = 0
    reached_county: bool = False
    relapse_hazard: float = 0.0
    relapses: int = 0
    history: list[tuple[int, str]] = field(default_factory=list)

    @property
    def parties(self) -> np.ndarray:
        return np.concatenate([self.claimants, self.respondents])


class DisputeBook:
    """Every dispute of a run, with counters kept as disputes move."""

    def __init__(self) -> None:
        self.all: list[Dispute] = []
        self.status_counts: Counter[Status] = Counter()
        self.latent_by_grid: dict[int, dict[int, Dispute]] = {}
        self.latent_by_village: dict[int, dict[int, Dispute]] = {}
        self.open: dict[int, Dispute] = {}
        self.recently_resolved: dict[int, Dispute] = {}

    def __len__(self) -> int:
        return len(self.all)

    def add(self, d: Dispute) -> None:
        self.all.append(d)
        self.status_counts[d.status] += 1
        self.open[d.id] = d
        self._index_latent(d)

    def move(self, d: Dispute, status: Status, day: int, level: Level | None = None) -> None:
        """Change a dispute's status (and level); the only way statuses change."""
        if d.status is Status.LATENT:
            self.latent_by_grid[d.grid].pop(d.id)
            self.latent_by_village[d.village].pop(d.id)
        self.status_counts[d.status] -= 1
        self.status_counts[status] += 1
        d.status = status
        if level is not None and level is not d.level:
            d.level, d.level_since, d.failed_here = level, day, 0
            d.reached_county |= level is Level.COUNTY
        d.history.append((day, status.value if level is None else f"{status.value}@{level.name}"))
        if status is Status.LATENT:
            self._index_latent(d)
        if status.is_open:
            self.open[d.id] = d
            self.recently_resolved.pop(d.id, None)
        else:
            self.open.pop(d.id, None)
            d.ended = day
        if status is Status.RESOLVED:
            d.resolved = day
            self.recently_resolved[d.id] = d

    def _index_latent(self, d: Dispute) -> None:
        self.latent_by_grid.setdefault(d.grid, {})[d.id] = d
        self.latent_by_village.setdefault(d.village, {})[d.id] = d

    def latent_in_grid(self, grid: int) -> list[Dispute]:
        return list(self.latent_by_grid.get(grid, {}).values())

    def latent_in_village(self, village: int) -> list[Dispute]:
        return list(self.latent_by_village.get(village, {}).values())
