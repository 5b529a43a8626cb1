"""Today's discovery chances of every latent dispute at once, as arrays.

``discovery.Reports`` draws three numbers for each latent dispute every day, and on
most of them nothing happens. It looks at the day's draws as one array against the
chances computed here, and only a dispute whose draw falls below (or within ``processes.MARGIN``
of) its chance goes through ``Reports.today``, which decides exactly as the rules say.

The arrays follow ``Reports.settle_chance`` and ``Reports.found_chances`` operation by
operation, so they are those numbers (numpy's +, -, *, / and minimum on float64 round as
Python's float operations do; ``visible`` is read from a table built with ``math.exp``)
except the neighbours' tip, whose power numpy may round differently in the last bits:
``MARGIN`` is far wider than that, and a few more disputes than needed go through
``today`` (one in a billion dispute-days).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from sim.agents import Resident
from sim.disputes import Dispute, DisputeType

if TYPE_CHECKING:
    from sim.processes.discovery import Reports

# What never changes for a dispute, a row by its id, filled when it is first latent:
AROSE, KIND, KNOWERS, SETTLE, CLAIMANT, REPORTING, ATTENTIVE, FILING = range(8)
MANY = -1  # CLAIMANT of a dispute with several claimants: their mean trust is not one read


@dataclass(frozen=True)
class Chances:
    """Today's chances of a day's latent disputes, one entry each, in their order."""

    settle: np.ndarray  # ``Reports.settle_chance``
    self_report: np.ndarray  # ``Reports.found_chances``, each of the three
    tip: np.ndarray
    filing: np.ndarray
    found: np.ndarray  # of any of the three (1 where the rules must be asked)
    claimant: np.ndarray  # the claimant whose trust the chance read (``MANY``: several)
    trust: np.ndarray  # that trust


class DailyChances:
    """The chances ``Reports`` computes for one dispute, for a day's latent disputes."""

    def __init__(self, reports: Reports) -> None:
        self.reports = reports
        self._rows = np.zeros((0, 8))
        self._known = np.zeros(0, dtype=bool)
        self._visible = np.zeros(0)  # ``Reports.visible`` by age, before the type's factor

    def chances(self, disputes: list[Dispute], ids: np.ndarray | None = None) -> Chances:
        """Each dispute's chances today (``ids``: their numbers, if at hand). The chance to
        come to light is certain where the rules must be asked: a dispute of several
        claimants (their mean trust is computed one dispute at a time) or one seen a day
        before it arose."""
        reports = self.reports
        b = reports.behaviour
        age, rows = self._rows_of(disputes, ids)
        claimant = rows[:, CLAIMANT].astype(np.int64)
        trust = reports.model.attitudes.trust[claimant]
        loud = 1.0 + b.visibility * np.array([d.intensity for d in disputes])
        visible = rows[:, KIND] * self._visible_at(age)
        reporting, attentive = rows[:, REPORTING], rows[:, ATTENTIVE]
        p_self = np.minimum(
            1.0,
            Resident.report_chance(trust, b.self_report_per_day)
            * reports.platform
            * loud
            * reporting,
        )
        one = np.minimum(1.0, b.neighbour_tip_per_day * attentive * loud * visible)
        tip = 1.0 - (1.0 - one) ** (rows[:, KNOWERS] / b.tip_reference_ties)
        tip[(rows[:, KNOWERS] == 0) | (attentive <= 0)] = 0.0
        p_tip = np.minimum(1.0, tip * reporting)
        p_file = np.minimum(1.0, b.direct_filing_per_day * loud * rows[:, FILING])
        found = 1 - (1 - p_self) * (1 - p_tip) * (1 - p_file)
        found[(claimant == MANY) | (age < 0)] = 1.0
        return Chances(rows[:, SETTLE], p_self, p_tip, p_file, found, claimant, trust)

    def _rows_of(
        self, disputes: list[Dispute], ids: np.ndarray | None
    ) -> tuple[np.ndarray, np.ndarray]:
        """Each dispute's age today and its row (filled for disputes not seen before)."""
        if ids is None:
            ids = np.array([d.id for d in disputes], dtype=np.int64)
        if ids.size and ids.max() >= self._known.size:
            size = max(2 * self._known.size, int(ids.max()) + 1)
            self._rows = np.resize(self._rows, (size, 8))
            self._known = np.concatenate([self._known, np.zeros(size - self._known.size, bool)])
        for i in np.flatnonzero(~self._known[ids]).tolist():
            d = disputes[i]
            self._rows[d.id] = self._row(d)
            self._known[d.id] = True
        rows = self._rows[ids]
        return self.reports.model.day - rows[:, AROSE].astype(np.int64), rows

    def _row(self, d: Dispute) -> list[float]:
        reports = self.reports
        b, model = reports.behaviour, reports.model
        return [
            d.arose,
            b.family_visibility if d.kind is DisputeType.FAMILY else 1.0,
            reports.knowers(d),
            reports.settle_chance(d),
            int(d.claimants[0]) if d.claimants.size == 1 else MANY,
            model.world.traits.report[d.village],
            reports.attentive[d.village],
            model.advisers.filing_factor(d),
        ]

    def _visible_at(self, age: np.ndarray) -> np.ndarray:
        """``Reports.visible`` by age, before the type's factor: a table built with
        ``math.exp`` (as the rule computes it), longer as the run goes on."""
        oldest = int(age.max()) if age.size else 0
        if oldest >= self._visible.size:
            ripening = self.reports.behaviour.ripening_days
            self._visible = np.array(
                [1.0 - 0.5 * math.exp(-a / ripening) for a in range(2 * oldest + 1)]
            )
        return self._visible[np.maximum(age, 0)]
