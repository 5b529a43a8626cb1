"""The run figure: the daily life of disputes, escalations and trust."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pandas as pd


def plot_run(series: pd.DataFrame, title: str, path: Path) -> None:
    """Three panels: open disputes by status, bad outcomes so far, mean trust."""
    fig, axes = plt.subplots(3, 1, figsize=(8, 8), sharex=True, constrained_layout=True)
    day = series["day"]
    axes[0].stackplot(
        day,
        series["latent"],
        series["waiting"],
        series["in_mediation"],
        labels=["latent", "waiting", "in mediation"],
        alpha=0.8,
    )
    axes[0].set_ylabel("open disputes")
    axes[0].legend(loc="upper left", fontsize=8)
    for column, label in (
        ("petitions", "petitions (individual + skip-level)"),
        ("group_petitions", "group petitions"),
        ("criminal_cases", "civil turned criminal"),
    ):
        axes[1].step(day, series[column], where="post", label=label)
    axes[1].set_ylabel("cumulative count")
    axes[1].legend(loc="upper left", fontsize=8)
    axes[2].plot(day, series["mean_trust"], color="tab:green")
    axes[2].set_ylabel("mean trust")
    axes[2].set_xlabel("day")
    fig.suptitle(title)
    fig.savefig(path, dpi=110)
    plt.close(fig)
