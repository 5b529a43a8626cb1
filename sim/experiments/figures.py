"""Experiment figures from the table and its statistics (never from a live model).

Each figure is saved as PNG (for the HTML report) and SVG (for print). Bands and error
bars are 95% t-intervals of the mean over replications.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from sim.experiments.stats import observations, t_interval
from sim.metrics import SERIES, label

MAX_SERIES_ARMS = 8  # more lines than this are unreadable on one panel
# Panels of the daily series: registered series under their labels, and all petitions.
SERIES_PANELS = (
    ("open_backlog", SERIES["open_backlog"].label),
    ("petitions_all", "Petitions so far (incl. group)"),
    ("criminal_cases", SERIES["criminal_cases"].label),
    ("mean_trust", SERIES["mean_trust"].label),
)


@dataclass(frozen=True)
class Figure:
    name: str  # file stem under figures/
    title: str
    caption: str


def _save(fig: plt.Figure, folder: Path, name: str) -> None:
    for ext in ("png", "svg"):
        fig.savefig(folder / f"{name}.{ext}", dpi=110)
    plt.close(fig)


def _grid(n: int, width: float = 4.2, height: float = 3.0) -> tuple[plt.Figure, np.ndarray]:
    cols = min(n, 3)
    rows = -(-n // cols)
    fig, axes = plt.subplots(
        rows, cols, figsize=(width * cols, height * rows), constrained_layout=True, squeeze=False
    )
    for ax in axes.flat[n:]:
        ax.set_visible(False)
    return fig, axes.ravel()


def interval_plot(
    summary: pd.DataFrame, metrics: Sequence[str], arms: Sequence[str], baseline: str, folder: Path
) -> Figure:
    """One panel per metric: each arm's mean with its 95% interval; baseline mean dashed."""
    fig, axes = _grid(len(metrics), height=0.35 * len(arms) + 1.2)
    y = np.arange(len(arms))[::-1]
    for ax, metric in zip(axes, metrics, strict=False):
        s = summary[summary["metric"] == metric].set_index("arm").reindex(arms)
        err = np.vstack([s["mean"] - s["lo"], s["hi"] - s["mean"]])
        for i, arm in enumerate(arms):
            ax.errorbar(
                s["mean"].iloc[i],
                y[i],
                xerr=np.nan_to_num(err[:, i : i + 1]),
                fmt="o",
                ms=4,
                capsize=3,
                color="black" if arm == baseline else "tab:blue",
            )
        if baseline in s.index:
            ax.axvline(s.loc[baseline, "mean"], color="black", ls="--", lw=0.8)
        ax.set_yticks(y, arms, fontsize=7)
        ax.set_title(label(metric), fontsize=9)
    fig.suptitle("Mean by arm with 95% interval (dashed: baseline)")
    _save(fig, folder, "intervals")
    return Figure(
        "intervals",
        "Outcomes by arm",
        "Mean with its 95% interval (over replications, or over ensemble members' means); "
        "the dashed line is the baseline.",
    )


def difference_plot(paired: pd.DataFrame, metric: str, arms: Sequence[str], folder: Path) -> Figure:
    """Paired vs unpaired 95% intervals of the difference from the baseline."""
    p = paired[paired["metric"] == metric].set_index("arm").reindex(arms).dropna(how="all")
    fig, ax = plt.subplots(figsize=(7, 0.45 * len(p) + 1.5), constrained_layout=True)
    y = np.arange(len(p))[::-1]
    ax.errorbar(
        p["diff_mean"],
        y + 0.12,
        xerr=np.nan_to_num([p["diff_mean"] - p["unpaired_lo"], p["unpaired_hi"] - p["diff_mean"]]),
        fmt="o",
        color="tab:gray",
        capsize=3,
        label="unpaired (Welch)",
    )
    ax.errorbar(
        p["diff_mean"],
        y - 0.12,
        xerr=np.nan_to_num([p["diff_mean"] - p["lo"], p["hi"] - p["diff_mean"]]),
        fmt="o",
        color="tab:red",
        capsize=3,
        label="paired (same worlds)",
    )
    ax.axvline(0, color="black", lw=0.8)
    ax.set_yticks(y, list(p.index), fontsize=8)
    ax.set_xlabel(f"difference from baseline: {label(metric)}")
    ax.legend(fontsize=8)
    _save(fig, folder, "differences")
    return Figure(
        "differences",
        f"Difference from the baseline: {label(metric)}",
        "Paired intervals use each replication's difference from the baseline in the "
        "same random world (pooled by member over an ensemble); unpaired intervals ignore "
        "the pairing.",
    )


def numeric_levers(table: pd.DataFrame, levers: Sequence[str]) -> list[str]:
    """Levers with at least three distinct numeric values: candidates for dose-response."""
    out = []
    for lever in levers:
        values = table[lever].dropna()
        if values.map(lambda v: isinstance(v, bool)).any():
            continue
        numeric = pd.to_numeric(values, errors="coerce").dropna()
        if len(numeric) == len(values) and numeric.nunique() >= 3:
            out.append(lever)
    return out


def dose_response(
    table: pd.DataFrame, lever: str, levers: Sequence[str], metrics: Sequence[str], folder: Path
) -> Figure:
    """Metric against a numeric lever; one line (with band) per setting of the others."""
    ok = table[table["error"].isna()].copy()
    ok = ok[ok[lever].notna()]
    others = [lv for lv in levers if lv != lever and ok[lv].astype(str).nunique() > 1]
    # str() each value: under pandas 3, astype(str) leaves missing values as NA, not text.
    ok["_line"] = (
        ok[others].apply(lambda row: ", ".join(str(v) for v in row), axis=1) if others else "all"
    )
    fig, axes = _grid(len(metrics))
    for ax, metric in zip(axes, metrics, strict=False):
        for line, group in ok.groupby("_line", sort=False):
            stats = [(x, *t_interval(observations(g, metric))) for x, g in group.groupby(lever)]
            if len(stats) < 2:
                continue  # a single point is no curve (e.g. a one-off preset arm)
            x, mean, lo, hi, _ = map(np.array, zip(*sorted(stats), strict=True))
            ax.plot(x, mean, marker="o", ms=3, label=_short(others, line))
            ax.fill_between(x, lo, hi, alpha=0.2)
        ax.set_title(label(metric), fontsize=9)
        ax.set_xlabel(lever.split(".")[-1], fontsize=8)
    handles, labels = axes[0].get_legend_handles_labels()
    if others and handles:
        fig.legend(handles, labels, loc="outside lower center", fontsize=7, ncols=3)
    name = f"dose_{lever.split('.')[-1]}"
    _save(fig, folder, name)
    return Figure(
        name,
        f"Dose-response: {lever.split('.')[-1]}",
        "Mean with 95% band at each lever value; one line per setting of the other levers.",
    )


def _short(others: Sequence[str], line: str) -> str:
    if not others:
        return "all"
    parts = line.split(", ")
    return ", ".join(f"{o.split('.')[-1]}={v}" for o, v in zip(others, parts, strict=False))[:70]


def series_plot(series: pd.DataFrame, arms: Sequence[str], folder: Path) -> Figure:
    """Daily series by arm: mean over replications with a 95% band."""
    daily = series.copy()
    daily["petitions_all"] = daily["petitions"] + daily["group_petitions"]
    shown = list(arms)[:MAX_SERIES_ARMS]
    fig, axes = _grid(len(SERIES_PANELS), width=5.0)
    for ax, (column, title) in zip(axes, SERIES_PANELS, strict=False):
        for arm in shown:
            g = daily[daily["arm"] == arm].groupby("day")[column]
            mean, sd, n = g.mean(), g.std(ddof=1), g.count()
            half = 1.96 * sd / np.sqrt(n)  # normal band: close to t for the usual 10+ reps
            ax.plot(mean.index, mean, lw=1.2, label=arm)
            ax.fill_between(mean.index, mean - half, mean + half, alpha=0.15)
        ax.set_title(title, fontsize=9)
        ax.set_xlabel("day", fontsize=8)
    axes[0].legend(fontsize=7)
    _save(fig, folder, "series")
    more = f" (first {MAX_SERIES_ARMS} arms by rank)" if len(arms) > MAX_SERIES_ARMS else ""
    return Figure("series", "Daily series", f"Mean over replications with a 95% band{more}.")


def cost_plot(paired: pd.DataFrame, days: int, arms: Sequence[str], folder: Path) -> Figure:
    """Extra cost a year against escalations averted a year, both paired with the baseline."""
    per_year = 365.0 / days
    esc = paired[paired["metric"] == "escalations"].set_index("arm").reindex(arms)
    cost = paired[paired["metric"] == "cost_per_year"].set_index("arm").reindex(arms)
    fig, ax = plt.subplots(figsize=(7, 5), constrained_layout=True)
    x = -esc["diff_mean"] * per_year
    xerr = np.nan_to_num(
        [(esc["hi"] - esc["diff_mean"]) * per_year, (esc["diff_mean"] - esc["lo"]) * per_year]
    )
    yerr = np.nan_to_num([cost["diff_mean"] - cost["lo"], cost["hi"] - cost["diff_mean"]])
    ax.errorbar(x, cost["diff_mean"], xerr=xerr, yerr=yerr, fmt="o", capsize=3)
    for arm in arms:
        ax.annotate(
            arm,
            (x[arm], cost.loc[arm, "diff_mean"]),
            fontsize=7,
            xytext=(4, 4),
            textcoords="offset points",
        )
    ax.axhline(0, color="black", lw=0.8)
    ax.axvline(0, color="black", lw=0.8)
    ax.set_xlabel("escalations averted a year vs baseline")
    ax.set_ylabel("extra cost a year vs baseline (yuan)")
    _save(fig, folder, "cost")
    return Figure(
        "cost",
        "Cost against escalations averted",
        "Paired differences from the baseline with 95% intervals; up and to the left "
        "is worse, down and to the right better.",
    )
