"""The cost-effectiveness frontier: extra cost a year against escalations averted a year,
each arm with its 95% intervals on both axes, the frontier drawn through the options no
other beats, dominated and indistinguishable arms drawn hollow."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from sim.experiments.costeffect import Status
from sim.experiments.figures import Figure, _save

STYLE = {
    str(Status.BASELINE): ("black", "s", True),
    str(Status.FRONTIER): ("tab:blue", "o", True),
    str(Status.DOMINATED): ("tab:gray", "o", False),
    str(Status.EXTENDED): ("tab:orange", "o", False),
    str(Status.NOT_DISTINGUISHABLE): ("tab:gray", "D", False),
}


def frontier_plot(ce: pd.DataFrame, folder: Path) -> Figure:
    """``ce``: ``costeffect.cost_effectiveness`` for escalations (baseline row included)."""
    fig, ax = plt.subplots(figsize=(7.5, 5.2), constrained_layout=True)
    for status, (color, marker, filled) in STYLE.items():
        part = ce[ce["status"] == status]
        if part.empty:
            continue
        x, y = part["averted"], part["cost"] / 1e6
        ax.errorbar(
            x,
            y,
            xerr=np.nan_to_num([x - part["averted_lo"], part["averted_hi"] - x]),
            yerr=np.nan_to_num([y - part["cost_lo"] / 1e6, part["cost_hi"] / 1e6 - y]),
            fmt=marker,
            color=color,
            mfc=color if filled else "white",
            capsize=3,
            lw=0.8,
            label=status,
        )
    # Labels alternate above and below in order of cost: arms of nearly equal cost (the
    # usual near-tie on the frontier) would otherwise print over each other.
    for i, row in enumerate(ce.sort_values("cost").itertuples()):
        ax.annotate(
            row.arm,
            (row.averted, row.cost / 1e6),
            fontsize=7,
            xytext=(4, 5 if i % 2 == 0 else -11),
            textcoords="offset points",
        )
    front = ce[ce["status"].isin([str(Status.BASELINE), str(Status.FRONTIER)])]
    front = front.sort_values("cost")
    ax.plot(front["averted"], front["cost"] / 1e6, color="tab:blue", lw=1, ls="--")
    ax.axhline(0, color="black", lw=0.6)
    ax.axvline(0, color="black", lw=0.6)
    ax.set_xlabel("escalations averted a year vs baseline")
    ax.set_ylabel("extra cost vs baseline (million yuan a year)")
    ax.legend(fontsize=7, loc="upper left")
    _save(fig, folder, "frontier")
    return Figure(
        "frontier",
        "Cost-effectiveness frontier",
        "Each arm's escalations averted and extra cost a year against the baseline, with "
        "95% paired intervals on both axes. The dashed line joins the options on the "
        "frontier (no other option, or mix of two, averts more for less); its slope is the "
        "incremental cost per escalation averted. Hollow: dominated, or not distinguishable "
        "from the baseline.",
    )
