"""One village's households, laid out by the world's own structure and coloured by the
state of the disputes they are in, with the day's grid-worker visits, the village
mediators' cases and cadre visit days marked.

Households sit along a village lane, cut into grids (one grid worker each) and held in
stretches by lineages; the view draws one block per grid (or per lineage) with the
households in lane order, ten to a row. A fixed layout, not a force layout: it costs
nothing per frame and the same household stays in the same place all run.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from sim.disputes import PETITIONING, Status
from sim.model import GovernanceModel

PER_ROW = 10  # households per row inside a block
RECENT_DAYS = 30  # a dispute resolved this recently still colours its households

# Okabe-Ito colour-blind-safe palette; the worse state wins when a household is in several.
STATES = (
    ("no dispute", "#DDDDDD"),
    ("resolved (30 days)", "#009E73"),
    ("not yet known", "#F0E442"),
    ("in mediation", "#56B4E9"),
    ("waiting", "#E69F00"),
    ("petitioning", "#D55E00"),
    ("criminal case", "#000000"),
)
STATE_INDEX = {name: i for i, (name, _) in enumerate(STATES)}


@dataclass(frozen=True)
class Layout:
    """Where each of a village's households is drawn."""

    households: np.ndarray  # world household ids, lane order
    x: np.ndarray
    y: np.ndarray
    blocks: list[tuple[str, float, float]]  # label, x of its centre, y of its top


def layout(model: GovernanceModel, village: int, by: str = "grids") -> Layout:
    """Blocks of households by grid or by lineage (``by``), in lane order within each."""
    world = model.world
    first = int(world.village_first_household[village])
    households = np.arange(first, first + int(world.village_households[village]))
    if by == "lineages":
        key = world.resident_lineage[world.household_first[households]]
        name = "lineage"
    else:
        key = world.household_grid[households]
        name = "grid"
    x, y = np.zeros(households.size), np.zeros(households.size)
    blocks, left = [], 0.0
    for n, value in enumerate(np.unique(key)):  # lane order: ids grow along the lane
        members = np.flatnonzero(key == value)
        pos = np.arange(members.size)
        x[members] = left + pos % PER_ROW
        y[members] = -(pos // PER_ROW)
        blocks.append((f"{name} {n + 1}", left + (PER_ROW - 1) / 2, 0.0))
        left += PER_ROW + 2
    return Layout(households, x, y, blocks)


def household_states(model: GovernanceModel, village: int) -> dict[int, int]:
    """Household id -> index into ``STATES`` of the worst dispute it is a party to."""
    world, book, day = model.world, model.book, model.day
    recent = (d for d in book.recently_resolved.values() if day - (d.resolved or 0) <= RECENT_DAYS)
    out: dict[int, int] = {}
    for d in (*book.open.values(), *recent):
        if d.village != village:
            continue
        state = _state(d.status)
        for h in world.resident_household[d.parties]:
            out[int(h)] = max(out.get(int(h), 0), state)
    return out


def _state(status: Status) -> int:
    if status is Status.CRIMINAL:
        return STATE_INDEX["criminal case"]
    if status in PETITIONING:
        return STATE_INDEX["petitioning"]
    names = {
        Status.WAITING: "waiting",
        Status.IN_MEDIATION: "in mediation",
        Status.LATENT: "not yet known",
        Status.RESOLVED: "resolved (30 days)",
    }
    return STATE_INDEX[names[status]]


def visited_today(model: GovernanceModel, village: int, slots_before: list[int]) -> set[int]:
    """Households of the village the grid workers visited on the last day stepped: each
    worker's rotation moved from ``slots_before`` to where it is now."""
    world, out = model.world, set()
    for worker in model.worker_of_grid:
        if worker.village != village or not slots_before:
            continue
        start, size = slots_before[worker.grid], worker.households
        n = (worker.next_slot - start) % size
        slots = {(start + i) % size for i in range(n)}
        grid_households = np.flatnonzero(world.household_grid == worker.grid)
        out |= {int(h) for h in grid_households if int(world.household_slot[h]) in slots}
    return out


class VillageView:
    """The village view of one model: households coloured by dispute state, the last
    day's grid-worker visits outlined, the village mediators with their open cases and
    a cadre visit day marked. Laid out once; ``update`` recolours it each frame."""

    def __init__(self, model: GovernanceModel, village: int, by: str = "grids") -> None:
        self.model, self.village = model, village
        self.place = place = layout(model, village, by)
        self.fig = Figure(figsize=(6.2, 3.6), layout="constrained")
        ax = self.ax = self.fig.add_subplot()
        self.houses = ax.scatter(
            place.x,
            place.y,
            c=[STATES[0][1]] * len(place.x),
            marker="s",
            s=42,
            edgecolors="none",
            linewidths=1.4,
        )
        for label, cx, top in place.blocks:
            ax.text(cx, top + 1.0, label, ha="center", va="bottom", fontsize=8)
        bottom = float(place.y.min()) - 2.0
        self.mediators = [
            m for m in model.mediators if village in m.villages and len(m.villages) == 1
        ]
        xs = [i * 2.0 for i in range(len(self.mediators))]
        self.mediator_marks = ax.scatter(
            xs,
            [bottom] * len(xs),
            marker="o",
            s=80,
            color="white",
            edgecolors="#CC79A7",
            linewidths=1.5,
        )
        self.mediator_counts = [ax.text(x + 0.6, bottom, "0", va="center", fontsize=7) for x in xs]
        self.cadre_mark = ax.scatter(
            [len(xs) * 2.0 + 2], [bottom], marker="*", s=160, color="#0072B2"
        )
        self.title = ax.set_title("", fontsize=9)
        ax.set_axis_off()
        ax.set_aspect("equal")
        ax.set_xlim(-1, max(float(place.x.max()) + 1, 12))
        ax.set_ylim(bottom - 1.5, 2.5)
        handles = [
            Line2D([], [], marker="s", ls="", color=c, label=n, markeredgecolor="#999999")
            for n, c in STATES
        ]
        handles += [
            Line2D(
                [],
                [],
                marker="s",
                ls="",
                color="white",
                markeredgecolor="black",
                label="grid worker visited today",
            ),
            Line2D([], [], marker="o", ls="", color="#CC79A7", label="village mediator (cases)"),
            Line2D(
                [], [], marker="*", ls="", color="#0072B2", markersize=10, label="cadre visit today"
            ),
        ]
        self.fig.legend(handles=handles, loc="outside right center", fontsize=7, frameon=False)
        self.fig.draw_without_rendering()  # the layout is fixed: solve it once
        self.fig.set_layout_engine("none")

    def update(self, slots_before: list[int]) -> None:
        model, village, place = self.model, self.village, self.place
        states = household_states(model, village)
        visited = visited_today(model, village, slots_before)
        self.houses.set_facecolor([STATES[states.get(int(h), 0)][1] for h in place.households])
        self.houses.set_edgecolor(
            ["#000000" if int(h) in visited else "none" for h in place.households]
        )
        busy = [len(m.cases) for m in self.mediators]
        self.mediator_marks.set_facecolor(["#CC79A7" if b else "white" for b in busy])
        for text, b in zip(self.mediator_counts, busy, strict=True):
            text.set_text(str(b))
        cadre_today = (model.day - 1, village) in model.visit_log
        cadre_days = sum(1 for _, v in model.visit_log if v == village)
        self.cadre_mark.set_visible(cadre_today)
        self.title.set_text(
            f"Village {village + 1}, day {model.day}: {len(place.households)} households; "
            f"cadre visit days so far {cadre_days}" + (" (one today ★)" if cadre_today else "")
        )
