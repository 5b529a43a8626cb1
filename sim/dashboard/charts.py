"""The live charts of the two panes: both policies on shared axes, and B minus A.

Figures are ``matplotlib.figure.Figure`` objects made per frame (no pyplot state, so
two browser sessions never draw on each other's figure).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import MaxNLocator

from sim.dashboard.pair import LIVE, OPEN_STATUSES
from sim.experiments.figures import OKABE_ITO, honest_trust_limits

PANE_STYLE = {"A": "-", "B": "--"}  # the same colour is the same measure; dashes are B
# Okabe-Ito colours (sim.experiments.figures.OKABE_ITO) by measure.
STATUS_COLOURS = dict(zip(OPEN_STATUSES, ("#0072B2", "#E69F00", "#56B4E9", "#D55E00"), strict=True))
COUNT_COLOURS = {"escalations": "#CC79A7", "petitions": "#009E73"}


class LiveCharts:
    """Open disputes by status, escalations and petitions so far, and trust: policy A
    (solid) and policy B (dashed) on the same axes, over the whole run's days; and the
    running paired difference, B minus A. The figures are made once per pair of models
    and only their lines' data change each frame (making axes costs more than drawing)."""

    def __init__(self, names: dict[str, str], days: int) -> None:
        self.days = max(days, 1)
        self.live = Figure(figsize=(11, 3.1), layout="constrained")
        self.counts_ax, self.escalations_ax, self.trust_ax = self.live.subplots(1, 3)
        self.lines: dict[tuple[str, str], Line2D] = {}
        for pane, style in PANE_STYLE.items():
            for column, colour in {**STATUS_COLOURS, **COUNT_COLOURS}.items():
                ax = self.counts_ax if column in STATUS_COLOURS else self.escalations_ax
                (self.lines[pane, column],) = ax.plot([], [], ls=style, color=colour, lw=1.3)
            (self.lines[pane, "mean_trust"],) = self.trust_ax.plot(
                [], [], ls=style, color=OKABE_ITO[0]
            )
        self.counts_ax.set_title("Open disputes by status", fontsize=9)
        self.counts_ax.set_ylabel("disputes")
        self.escalations_ax.set_title("Escalations and petitions so far", fontsize=9)
        self.escalations_ax.set_ylabel("count")
        self.trust_ax.set_title("Mean trust in local government", fontsize=9)
        self.trust_ax.set_ylabel("trust (0-1 scale)")
        self.diff = Figure(figsize=(11, 2.4), layout="constrained")
        self.diff_ax, self.diff_trust_ax = self.diff.subplots(1, 2, width_ratios=[2, 1])
        self.diff_lines = {
            "open": self.diff_ax.plot([], [], color="#0072B2", label="open disputes")[0],
            **{
                c: self.diff_ax.plot([], [], color=colour, label=LIVE[c][0].lower())[0]
                for c, colour in COUNT_COLOURS.items()
            },
            "mean_trust": self.diff_trust_ax.plot([], [], color=OKABE_ITO[0])[0],
        }
        self.diff_ax.set_title(
            f"{names['B']} minus {names['A']} (same world, same days)", fontsize=9
        )
        self.diff_ax.set_ylabel("difference (count)")
        self.diff_trust_ax.set_title("Trust, B minus A", fontsize=9)
        self.diff_trust_ax.set_ylabel("points (of 100)")
        for ax in (self.diff_ax, self.diff_trust_ax):
            ax.axhline(0, color="black", lw=0.7)
        for ax in (self.counts_ax, self.escalations_ax, self.diff_ax):
            ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        for ax in self.axes:
            ax.set_xlim(0, self.days)
            ax.set_xlabel("day", fontsize=8)
            ax.tick_params(labelsize=8)
        # One key per panel: colours are measures, solid is policy A and dashed policy B.
        panes = [
            Line2D([], [], color="#555555", ls=s, label=names[p]) for p, s in PANE_STYLE.items()
        ]
        for ax, colours in ((self.counts_ax, STATUS_COLOURS), (self.escalations_ax, COUNT_COLOURS)):
            measures = [
                Line2D([], [], color=c, label=LIVE[m][0].lower()) for m, c in colours.items()
            ]
            ax.legend(handles=measures, fontsize=6, loc="upper left", frameon=False)
        self.trust_ax.legend(handles=panes, fontsize=7, loc="upper left", frameon=False)
        self.diff_ax.legend(fontsize=7, frameon=False, loc="upper left")
        # Lay the figures out once, with room for three-digit counts, then keep that
        # layout: re-solving it every frame cost more than drawing the lines.
        for ax in (self.counts_ax, self.escalations_ax, self.diff_ax):
            ax.set_ylim(-100, 999)
        for fig in (self.live, self.diff):
            fig.draw_without_rendering()
            fig.set_layout_engine("none")

    @property
    def axes(self) -> tuple[Axes, ...]:
        return (
            self.counts_ax,
            self.escalations_ax,
            self.trust_ax,
            self.diff_ax,
            self.diff_trust_ax,
        )

    def update(self, series: pd.DataFrame, diff: pd.DataFrame) -> None:
        """Put the run so far on the lines and rescale the value axes."""
        for (pane, column), line in self.lines.items():
            rows = series[series["pane"] == pane]
            line.set_data(rows["day"], rows[column])
        self.diff_lines["open"].set_data(diff["day"], diff[list(OPEN_STATUSES)].sum(axis=1))
        for column in COUNT_COLOURS:
            self.diff_lines[column].set_data(diff["day"], diff[column])
        self.diff_lines["mean_trust"].set_data(diff["day"], diff["mean_trust"] * 100)
        # Value axes follow the data (the layout was solved with fixed limits, which
        # switched autoscaling off): counts from zero, differences around zero.
        for ax in (self.counts_ax, self.escalations_ax):
            ax.set_ylim(0, max(1.0, _data_max(ax)) * 1.15)
        for ax, least in ((self.diff_ax, 1.0), (self.diff_trust_ax, 0.5)):
            reach = max(least, _data_max(ax, absolute=True)) * 1.15
            ax.set_ylim(-reach, reach)
        if len(series):
            self.trust_ax.set_ylim(*honest_trust_limits(series["mean_trust"]))


def _data_max(ax: Axes, absolute: bool = False) -> float:
    """The largest value (or largest absolute value) on an axes' lines; 0 if none."""
    arrays = [np.asarray(line.get_ydata(), dtype=float) for line in ax.get_lines()]
    values = np.concatenate(arrays) if arrays else np.zeros(0)
    values = np.abs(values) if absolute else values
    values = values[np.isfinite(values)]
    return float(values.max()) if values.size else 0.0
