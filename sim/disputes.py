"""Disputes as first-class records, and the book that holds them.

A dispute is in exactly one ``Status`` at any time. The book's methods are the
dispute's state changes (come to light, wait, start a mediation, fail an attempt,
resolve, end badly, relapse); all of them go through ``DisputeBook.move``, so the
counters, the waiting queues, the per-grid and per-village indexes and the daily
series stay consistent with the records (tests recount them every day).
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
    WAITING = "waiting"  # discovered, waiting for a mediator at its level
    IN_MEDIATION = "in_mediation"
    RESOLVED = "resolved"
    # A petition is a process the dispute passes through (sim.processes.petitions): a
    # letters-and-visits office handles it, and it ends resolved, sent back down to
    # mediation or repeated a level higher. Only a criminal case ends a dispute badly.
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


PETITIONING = frozenset({Status.PETITION, Status.SKIP_LEVEL_PETITION, Status.GROUP_PETITION})
OPEN = frozenset({Status.LATENT, Status.WAITING, Status.IN_MEDIATION}) | PETITIONING
BAD_ENDS = frozenset({Status.CRIMINAL})


class Level(IntEnum):
    """Who handles (or settled) a dispute, from the bottom of the pagoda up."""

    PARTIES = 0  # settled between the parties, never registered
    ON_THE_SPOT = 1  # by the grid worker
    VILLAGE = 2  # village people's-mediation committee
    TOWNSHIP = 3  # township comprehensive governance centre
    COUNTY = 4  # courts and county bodies: slow and final
    LETTERS_AND_VISITS = 5  # a letters-and-visits (信访) office handling a petition


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
    PETITION = "petition"  # an unreported dispute reaches a letters-and-visits office


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
    same_lineage: bool | None  # the sides are of one lineage; None: no respondent
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
    deadline_kept: bool = False  # the promised feedback came on time (once per discovery)
    followed_up: bool = False  # the follow-up visit after the last resolution was made
    subsidised: bool = False  # a per-case subsidy was paid for it (once per dispute)
    busy_until: int = 0
    reached_county: bool = False
    relapses: int = 0
    mediated: bool = False  # a mediator (on the spot, village, township) has taken it up
    petitions: int = 0  # petition events (件次) it produced, repeats included
    group_size: int = 0  # people in its last group petition
    petition_office: int = 0  # the office handling its petition: 0 township, 1 county
    petition_round: int = 0  # 0 handling, 1 review (复查), 2 re-examination (复核)
    petition_due: int = 0  # the day the office (or the owning cadre) answers
    petition_closed: bool = False  # re-examined: the same claim is no longer accepted (Art. 36)
    owned: bool = False  # a named cadre owns the case (包案)
    # Officials' responses to their assessment (sim.processes.evaluation):
    assessed: bool = False  # whether to hide and hold it was decided (once per dispute)
    hidden: bool = False  # kept off the mediation ledger until a mediator settles it
    held: bool = False  # the village never passes it up (小事不出村 taken to the extreme)
    pressed: bool = False  # its last agreement came only from pressure on the parties
    watched_until: int = 0  # after an interception its parties are watched (稳控) until then
    intercepted: int = 0  # petitions brought over it that officials intercepted
    history: list[tuple[int, str]] = field(default_factory=list)
    _parties: tuple[np.ndarray, np.ndarray, np.ndarray] | None = field(
        default=None, init=False, repr=False
    )

    @property
    def parties(self) -> np.ndarray:
        """The claimants followed by the respondents (not to be written into). Kept
        while neither side is replaced: it is read for disputes every day, and a new
        concatenation each time cost a city about 0.2 s of its year."""
        kept, claimants, respondents = self._parties, self.claimants, self.respondents
        if kept is None or kept[0] is not claimants or kept[1] is not respondents:
            kept = self._parties = (
                claimants,
                respondents,
                np.concatenate([claimants, respondents]),
            )
        return kept[2]


class InOrder(dict[int, Dispute]):
    """Disputes by id in the order they came in (a ``dict``), whose ids are also kept as
    an array (``ids``): read every day for thousands of disputes, the keys converted one
    by one cost a city about 0.2 s of its year. Entries are set with ``[id] = d`` and
    taken out with ``pop``, the only changes the book makes.

    Each coming in is numbered; an id listed stands while it is here under the same
    number, so an id that left (and maybe came back, last) drops out of its old place."""

    def __init__(self) -> None:
        super().__init__()
        self._entry = np.zeros(0, dtype=np.int64)  # by id: its coming in's number, 0 if out
        self._entries = 0
        self._listed = np.zeros((2, 0), dtype=np.int64)  # ids and their numbers, in order
        self._new: list[tuple[int, int]] = []  # come in since ``_listed`` was brought up

    def __setitem__(self, key: int, d: Dispute) -> None:
        if key not in self:  # a new key comes last; a present one keeps its place
            if key >= self._entry.size:
                more = max(self._entry.size, key + 1 - self._entry.size)
                self._entry = np.concatenate([self._entry, np.zeros(more, dtype=np.int64)])
            self._entries += 1
            self._entry[key] = self._entries
            self._new.append((key, self._entries))
        super().__setitem__(key, d)

    def pop(self, key: int, *default: Dispute | None) -> Dispute | None:  # type: ignore[override]
        if key in self:
            self._entry[key] = 0
        return super().pop(key, *default)

    def __reduce__(self):  # a copy or pickle is built anew from the entries, in order
        return _in_order, (list(self.items()),)

    def ids(self) -> np.ndarray:
        """The keys in order, as ``np.fromiter(self, np.int64)`` gives them."""
        listed = self._listed
        if self._new:
            listed = np.concatenate([listed, np.array(self._new, dtype=np.int64).T], axis=1)
            self._new.clear()
        self._listed = listed = listed[:, self._entry[listed[0]] == listed[1]]
        return listed[0]


def _in_order(items: list[tuple[int, Dispute]]) -> InOrder:
    entries = InOrder()
    for key, d in items:
        entries[key] = d
    return entries


class DisputeBook:
    """Every dispute of a run, the queues waiting for mediators, and counters kept as
    disputes move.

    Village and township disputes wait in first-come, first-served queues, one per
    village and one per township; county bodies have one queue for the county
    (``county_queue``) and the cases they are hearing, in the order they started
    (``county_cases``).
    """

    def __init__(self, n_villages: int, n_townships: int) -> None:
        self.all: list[Dispute] = []
        self.status_counts: Counter[Status] = Counter()
        self.latent_by_grid: dict[int, dict[int, Dispute]] = {}
        self.latent_by_village: dict[int, dict[int, Dispute]] = {}
        self.open = InOrder()
        self.recently_resolved = InOrder()
        # The latent disputes, in the order they became latent: the open disputes' order
        # too (a dispute becomes latent only as it enters the open ones, new or relapsed).
        self.latent = InOrder()
        self.village_queue: list[dict[int, Dispute]] = [{} for _ in range(n_villages)]
        self.township_queue: list[dict[int, Dispute]] = [{} for _ in range(n_townships)]
        self.county_queue: dict[int, Dispute] = {}
        self.county_cases: list[Dispute] = []
        self.petition_cases: dict[int, Dispute] = {}  # at a letters-and-visits office
        self.discovery_delays: list[int] = []  # days from onset to first discovery
        # By dispute id, kept by ``move`` (the only place statuses change), so that a
        # daily step reads its disputes' states as one array rather than a Python step
        # each: whether under mediation, and the day last resolved.
        self.mediating = np.zeros(0, dtype=bool)
        self.resolved_on = np.zeros(0, dtype=np.int64)

    def __len__(self) -> int:
        return len(self.all)

    # --- state changes ---------------------------------------------------------------
    def add(self, d: Dispute) -> None:
        """A new dispute arises, latent."""
        self.all.append(d)
        if d.id >= self.mediating.size:  # room for twice as many, or at least this one
            more = max(self.mediating.size, d.id + 1 - self.mediating.size)
            self.mediating = np.concatenate([self.mediating, np.zeros(more, dtype=bool)])
            self.resolved_on = np.concatenate([self.resolved_on, np.zeros(more, dtype=np.int64)])
        self.mediating[d.id] = d.status is Status.IN_MEDIATION
        self.status_counts[d.status] += 1
        self.open[d.id] = d
        self._index_latent(d)

    def come_to_light(self, d: Dispute, channel: Channel, day: int) -> None:
        """A latent dispute is discovered through ``channel`` (it is routed by the caller)."""
        if d.relapses == 0:
            self.discovery_delays.append(day - d.arose)
        d.channel, d.discovered = channel, day

    def wait(self, d: Dispute, level: Level, day: int) -> None:
        """The dispute waits for a mediator at ``level`` (village or township), last in line.

        At the county it waits in the county's queue for a slot (``start_county_case``).
        """
        self.dequeue(d)
        self.move(d, Status.WAITING, day, level)
        if level is Level.VILLAGE:
            self.village_queue[d.village][d.id] = d
        elif level is Level.TOWNSHIP:
            self.township_queue[d.township][d.id] = d
        elif level is Level.COUNTY:
            self.county_queue[d.id] = d

    def start(self, d: Dispute, level: Level, day: int, until: int | None = None) -> None:
        """A mediation starts at ``level``; it is under way until day ``until`` (if given)."""
        self.dequeue(d)
        self.move(d, Status.IN_MEDIATION, day, level)
        d.mediated |= level in (Level.ON_THE_SPOT, Level.VILLAGE, Level.TOWNSHIP)
        if until is not None:
            d.busy_until = until

    def start_county_case(self, d: Dispute, day: int, until: int) -> None:
        """County bodies take a queued case into a free slot and decide it on day ``until``."""
        self.start(d, Level.COUNTY, day, until)
        self.county_cases.append(d)

    def fail(self, d: Dispute, intensity_jump: float) -> None:
        """A mediation attempt failed at the dispute's level; the dispute sharpens."""
        d.failed_here += 1
        d.intensity = min(1.0, d.intensity + intensity_jump)

    def miss_deadline(self, d: Dispute) -> None:
        """The dispute's feedback deadline passed (it counts once per discovery)."""
        d.deadline_missed = True

    def keep_deadline(self, d: Dispute) -> None:
        """The parties had their promised feedback on time (once per discovery)."""
        d.deadline_kept = True

    def follow_up(self, d: Dispute) -> None:
        """The follow-up visit after the dispute's resolution was made."""
        d.followed_up = True

    def resolve(self, d: Dispute, level: Level, day: int) -> None:
        """Resolved at ``level`` (``Level.PARTIES``: settled privately, never registered)."""
        self.dequeue(d)
        self.move(d, Status.RESOLVED, day, level)

    def end_badly(self, d: Dispute, outcome: Status, day: int) -> None:
        """The dispute ends as a criminal case (民转刑)."""
        self.dequeue(d)
        self.move(d, outcome, day)

    def petition(self, d: Dispute, kind: Status, office: int, day: int, due: int) -> None:
        """The claimants petition (``kind``) to ``office``, which answers on day ``due``.

        The dispute leaves any mediation queue or mediation under way (its handler drops
        it at its next check: ``busy_until`` is today) and is handled by the
        letters-and-visits office until it is resolved, sent back down (``wait``) or
        repeated higher."""
        self.dequeue(d)
        d.busy_until = day
        self.move(d, kind, day, Level.LETTERS_AND_VISITS)
        d.petitions += 1
        d.petition_office, d.petition_due = office, due
        self.petition_cases[d.id] = d

    def relapse(self, d: Dispute, day: int, intensity_floor: float) -> None:
        """A resolved dispute flares up again: latent, with no level and a fresh start."""
        d.relapses += 1
        d.failed_here, d.deadline_missed, d.level = 0, False, None
        d.deadline_kept = d.followed_up = d.pressed = False
        d.intensity = max(d.intensity, intensity_floor)
        self.move(d, Status.LATENT, day)

    def end_relapse_window(self, d: Dispute) -> None:
        """The dispute has stayed resolved long enough not to relapse any more."""
        self.recently_resolved.pop(d.id)

    def move(self, d: Dispute, status: Status, day: int, level: Level | None = None) -> None:
        """Change a dispute's status (and level); the only way statuses change."""
        if d.status is Status.LATENT:
            self.latent_by_grid[d.grid].pop(d.id)
            self.latent_by_village[d.village].pop(d.id)
            self.latent.pop(d.id)
        self.status_counts[d.status] -= 1
        self.status_counts[status] += 1
        d.status = status
        self.mediating[d.id] = status is Status.IN_MEDIATION
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
            d.resolved = self.resolved_on[d.id] = day
            self.recently_resolved[d.id] = d

    def dequeue(self, d: Dispute) -> None:
        """Take a dispute out of whichever waiting queue holds it."""
        self.village_queue[d.village].pop(d.id, None)
        self.township_queue[d.township].pop(d.id, None)
        self.county_queue.pop(d.id, None)
        self.petition_cases.pop(d.id, None)

    def _index_latent(self, d: Dispute) -> None:
        self.latent[d.id] = d
        self.latent_by_grid.setdefault(d.grid, {})[d.id] = d
        self.latent_by_village.setdefault(d.village, {})[d.id] = d

    # --- queries -------------------------------------------------------------------
    def latent_in_village(self, village: int) -> list[Dispute]:
        return list(self.latent_by_village.get(village, {}).values())

    def next_village_case(self, villages: tuple[int, ...]) -> Dispute | None:
        """The next case for a mediator serving ``villages``.

        Each village queue is first come, first served; a mediator serving several
        villages takes, among their heads, the dispute longest at village level.
        """
        best = None
        for v in villages:
            head = next(iter(self.village_queue[v].values()), None)
            if head is not None and (
                best is None or (head.level_since, head.id) < (best.level_since, best.id)
            ):
                best = head
        return best

    def next_county_case(self) -> Dispute | None:
        """The county's longest-queued case."""
        return next(iter(self.county_queue.values()), None)

    def next_township_case(self, township: int) -> Dispute | None:
        """The township centre's longest-waiting dispute."""
        return next(iter(self.township_queue[township].values()), None)
