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
from adjustText import adjust_text

from sim.experiments.costeffect import Status
from sim.experiments.figures import BASELINE_COLOUR, OKABE_ITO, Figure, _save

GREY = "#999999"
STYLE = {  # status -> colour (the figures' colour-blind-safe palette), marker, filled
    str(Status.BASELINE): (BASELINE_COLOUR, "s", True),
    str(Status.FRONTIER): (OKABE_ITO[4], "o", True),
    str(Status.DOMINATED): (GREY, "o", False),
    str(Status.EXTENDED): (OKABE_ITO[1], "o", False),
    str(Status.NOT_DISTINGUISHABLE): (GREY, "D", False),
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
    # Labels placed apart from each other and from the points (adjustText), with a
    # leader line back to their point, as on the other cost figure.
    x, y = ce["averted"].to_numpy(float), ce["cost"].to_numpy(float) / 1e6
    ok = np.isfinite(x) & np.isfinite(y)
    texts = [
        ax.text(xi, yi, arm, fontsize=7)
        for arm, xi, yi in zip(ce["arm"][ok], x[ok], y[ok], strict=True)
    ]
    if texts:
        adjust_text(
            texts,
            x=x[ok],
            y=y[ok],
            ax=ax,
            arrowprops={"arrowstyle": "-", "color": "#888888", "lw": 0.5},
        )
    front = ce[ce["status"].isin([str(Status.BASELINE), str(Status.FRONTIER)])]
    front = front.sort_values("cost")
    ax.plot(front["averted"], front["cost"] / 1e6, color=OKABE_ITO[4], lw=1, ls="--")
    on = [a for a in front["arm"] if (ce.set_index("arm").loc[a, "status"]) == Status.FRONTIER]
    ax.set_title(
        f"On the frontier: {', '.join(on)}"
        if on
        else "No arm is on the frontier beside the baseline",
        fontsize=10,
    )
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
