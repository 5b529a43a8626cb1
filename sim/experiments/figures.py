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
from adjustText import adjust_text
from matplotlib.ticker import FuncFormatter, MaxNLocator

from sim.experiments.stats import observations, t_interval
from sim.metrics import SERIES, label

MAX_SERIES_ARMS = 8  # more lines than this are unreadable on one panel
# Okabe & Ito's colour-blind-safe palette; black is kept for the baseline in every figure.
OKABE_ITO = (
    "#000000",
    "#E69F00",
    "#56B4E9",
    "#009E73",
    "#0072B2",
    "#D55E00",
    "#CC79A7",
    "#F0E442",
)
BASELINE_COLOUR = OKABE_ITO[0]
COUNT_UNITS = ("(disputes)", "(petitions)", "(count)", "(cases)", "(visits)", "(people)")
TRUST_SPAN = 0.1  # a trust axis spans at least a tenth of its 0-1 scale
MILLION = 1e6
# Panels of the daily series: registered series under their labels, and all petitions.
SERIES_PANELS = (
    ("open_backlog", SERIES["open_backlog"].label, SERIES["open_backlog"].unit),
    ("petitions_all", "Petitions so far (incl. group)", "petitions"),
    ("criminal_cases", SERIES["criminal_cases"].label, SERIES["criminal_cases"].unit),
    ("mean_trust", SERIES["mean_trust"].label, SERIES["mean_trust"].unit),
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


def arm_colours(arms: Sequence[str], baseline: str | None) -> dict[str, str]:
    """Black for the baseline, the palette's other colours in turn for the other arms."""
    others = [a for a in arms if a != baseline]
    out = {a: OKABE_ITO[1 + i % (len(OKABE_ITO) - 1)] for i, a in enumerate(others)}
    return {**out, **({baseline: BASELINE_COLOUR} if baseline else {})}


def honest_trust_limits(values: pd.Series | np.ndarray, span: float = TRUST_SPAN):
    """Axis limits for trust (0-1 scale) that span at least ``span``: a change of a
    thousandth must not fill the panel as if trust had collapsed."""
    finite = np.asarray(values, dtype=float)
    finite = finite[np.isfinite(finite)]
    if not finite.size:
        return 0.0, 1.0
    lo, hi = float(finite.min()), float(finite.max())
    half = max(span / 2, (hi - lo) / 2 * 1.1)
    centre = min(max((lo + hi) / 2, half), 1 - half)
    return max(0.0, centre - half), min(1.0, centre + half)


def is_count(metric: str) -> bool:
    return label(metric).endswith(COUNT_UNITS)


def in_words(metric: str) -> tuple[str, float]:
    """A metric's label with its unit in words a planner reads, and the scale to apply:
    yuan become million yuan."""
    text = label(metric)
    if "(yuan" in text:
        return text.replace("(yuan", "(million yuan"), MILLION
    return text, 1.0


def style_axis(ax: plt.Axes, metric: str, axis: str = "x", values=None) -> None:
    """Integer ticks for counts and an honest span for trust on ``axis``."""
    target = ax.xaxis if axis == "x" else ax.yaxis
    if is_count(metric):
        target.set_major_locator(MaxNLocator(integer=True))
    if "trust" in metric and "sd" not in metric and values is not None:
        (ax.set_xlim if axis == "x" else ax.set_ylim)(*honest_trust_limits(values))


def all_zero(values) -> bool:
    v = np.asarray(values, dtype=float)
    return bool(v.size) and bool(np.all(np.nan_to_num(v) == 0))


def say_all_zero(ax: plt.Axes, title: str) -> None:
    """A panel with nothing to show says so instead of drawing a flat line at zero."""
    ax.set_title(title, fontsize=9)
    ax.text(
        0.5,
        0.5,
        "zero in every arm and replication",
        ha="center",
        va="center",
        transform=ax.transAxes,
        fontsize=8,
        color="#555555",
    )
    ax.set_xticks([])
    ax.set_yticks([])


def interval_plot(
    summary: pd.DataFrame, metrics: Sequence[str], arms: Sequence[str], baseline: str, folder: Path
) -> Figure:
    """One panel per metric: each arm's mean with its 95% interval; baseline mean dashed."""
    fig, axes = _grid(len(metrics), height=0.35 * len(arms) + 1.2)
    y = np.arange(len(arms))[::-1]
    colours = arm_colours(arms, baseline)
    for ax, metric in zip(axes, metrics, strict=False):
        s = summary[summary["metric"] == metric].set_index("arm").reindex(arms)
        title, scale = in_words(metric)
        if all_zero(s[["mean", "lo", "hi"]].to_numpy()):
            say_all_zero(ax, title)
            continue
        s = s[["mean", "lo", "hi"]] / scale
        err = np.vstack([s["mean"] - s["lo"], s["hi"] - s["mean"]])
        for i, arm in enumerate(arms):
            ax.errorbar(
                s["mean"].iloc[i],
                y[i],
                xerr=np.nan_to_num(err[:, i : i + 1]),
                fmt="o",
                ms=4,
                capsize=3,
                color=colours[arm],
            )
        if baseline in s.index:
            ax.axvline(s.loc[baseline, "mean"], color=BASELINE_COLOUR, ls="--", lw=0.8)
        ax.set_yticks(y, arms, fontsize=7)
        ax.set_title(title, fontsize=9)
        style_axis(ax, metric, "x", s.to_numpy().ravel())
    fig.suptitle("Mean by arm with 95% interval (black, dashed: the baseline)")
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
    headline = finding(paired, metric, arms)
    ax.set_title(headline, fontsize=10)
    _save(fig, folder, "differences")
    return Figure(
        "differences",
        headline,
        "Paired intervals use each replication's difference from the baseline in the "
        "same random world (pooled by member over an ensemble); unpaired intervals ignore "
        "the pairing.",
    )


def finding(paired: pd.DataFrame, metric: str, arms: Sequence[str]) -> str:
    """The difference figure's title as a finding: the arm whose paired 95% interval
    lies furthest from zero, with its relative change against the baseline."""
    p = paired[paired["metric"] == metric].set_index("arm").reindex(arms).dropna(how="all")
    clear = p[(p["lo"] > 0) | (p["hi"] < 0)]
    what = label(metric).split(" (")[0].lower()
    if clear.empty:
        return f"No arm changes {what} clearly (every 95% interval includes zero)"
    arm = clear["diff_mean"].abs().idxmax()
    row = clear.loc[arm]
    rel = row.get("rel_mean", np.nan)
    verb = "raises" if row["diff_mean"] > 0 else "cuts"
    size = f"by {abs(rel):.0%}" if np.isfinite(rel) else f"by {abs(row['diff_mean']):.3g}"
    return f"{arm} {verb} {what} {size} against the baseline"


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
    whole_x = pd.to_numeric(ok[lever]).eq(pd.to_numeric(ok[lever]).round()).all()
    fig, axes = _grid(len(metrics))
    for ax, metric in zip(axes, metrics, strict=False):
        title, scale = in_words(metric)
        if all_zero(pd.to_numeric(ok[metric], errors="coerce")):
            say_all_zero(ax, title)
            continue
        for line, group in ok.groupby("_line", sort=False):
            stats = [(x, *t_interval(observations(g, metric))) for x, g in group.groupby(lever)]
            if len(stats) < 2:
                continue  # a single point is no curve (e.g. a one-off preset arm)
            x, mean, lo, hi, _ = map(np.array, zip(*sorted(stats), strict=True))
            ax.plot(x, mean / scale, marker="o", ms=3, label=_short(others, line))
            ax.fill_between(x, lo / scale, hi / scale, alpha=0.2)
        ax.set_title(title, fontsize=9)
        ax.set_xlabel(lever.split(".")[-1], fontsize=8)
        lines = [np.asarray(line.get_ydata(), dtype=float) for line in ax.get_lines()]
        style_axis(ax, metric, "y", np.concatenate(lines) if lines else None)
        if whole_x:
            ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    handles, labels = axes[0].get_legend_handles_labels()
    if others and handles:
        fig.legend(
            handles,
            labels,
            loc="outside lower center",
            fontsize=7,
            ncols=1 if max(map(len, labels)) > 60 else 2,
        )
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
    # Whole values, never cut: a cut label once showed 0.15 and 0.05 both as "=0".
    parts = line.split(", ")
    return ", ".join(f"{o.split('.')[-1]}={v}" for o, v in zip(others, parts, strict=False))


def series_plot(
    series: pd.DataFrame, arms: Sequence[str], folder: Path, baseline: str | None = None
) -> Figure:
    """Daily series by arm: mean over replications with a 95% band."""
    daily = series.copy()
    daily["petitions_all"] = daily["petitions"] + daily["group_petitions"]
    shown = list(arms)[:MAX_SERIES_ARMS]
    if baseline is not None and baseline in arms and baseline not in shown:
        shown[-1] = baseline  # the baseline is always drawn, always in black
    colours = arm_colours(shown, baseline)
    fig, axes = _grid(len(SERIES_PANELS), width=5.0)
    for ax, (column, title, unit) in zip(axes, SERIES_PANELS, strict=False):
        if all_zero(daily[column]):
            say_all_zero(ax, title)
            continue
        for arm in shown:
            g = daily[daily["arm"] == arm].groupby("day")[column]
            mean, sd, n = g.mean(), g.std(ddof=1), g.count()
            half = 1.96 * sd / np.sqrt(n)  # normal band: close to t for the usual 10+ reps
            ax.plot(mean.index, mean, lw=1.2, label=arm, color=colours[arm])
            ax.fill_between(mean.index, mean - half, mean + half, alpha=0.15, color=colours[arm])
        ax.set_title(title, fontsize=9)
        ax.set_xlabel("day", fontsize=8)
        ax.set_ylabel(unit, fontsize=8)
        if column == "mean_trust":
            ax.set_ylim(*honest_trust_limits(daily.loc[daily["arm"].isin(shown), column]))
        else:
            ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes[0].legend(fontsize=7)
    _save(fig, folder, "series")
    more = f" (first {MAX_SERIES_ARMS} arms by rank)" if len(arms) > MAX_SERIES_ARMS else ""
    return Figure("series", "Daily series", f"Mean over replications with a 95% band{more}.")


def cost_finding(averted: pd.Series, extra_million: pd.Series) -> str:
    """The cost figure's title: the arm averting most escalations, and at what cost."""
    ok = averted[np.isfinite(averted) & np.isfinite(extra_million)]
    if ok.empty:
        return "Cost against escalations averted"
    arm = ok.idxmax()
    if ok[arm] < 0.5:  # not one escalation a year: no arm to recommend on this figure
        lo, hi = extra_million[ok.index].min(), extra_million[ok.index].max()
        return (
            "No arm averts an escalation a year; extra cost ranges from "
            f"{_million(lo)} to {_million(hi)} million yuan a year"
        )
    cost = extra_million[arm]
    more = "more" if cost >= 0 else "less"
    return (
        f"{arm} averts most escalations: {ok[arm]:.0f} a year, "
        f"for {_million(abs(cost))} million yuan a year {more}"
    )


def _million(value: float) -> str:
    """A sum in million yuan with the digits it needs: 3.5, 0.38, 12."""
    return (
        f"{value:.2f}" if abs(value) < 1 else f"{value:.1f}" if abs(value) < 10 else f"{value:.0f}"
    )


def cost_plot(paired: pd.DataFrame, days: int, arms: Sequence[str], folder: Path) -> Figure:
    """Extra cost a year against escalations averted a year, both paired with the baseline."""
    per_year = 365.0 / days
    esc = paired[paired["metric"] == "escalations"].set_index("arm").reindex(arms)
    cost = paired[paired["metric"] == "cost_per_year"].set_index("arm").reindex(arms)
    fig, ax = plt.subplots(figsize=(7.5, 5.5), constrained_layout=True)
    x = -esc["diff_mean"] * per_year
    y = cost["diff_mean"] / MILLION
    xerr = np.nan_to_num(
        [(esc["hi"] - esc["diff_mean"]) * per_year, (esc["diff_mean"] - esc["lo"]) * per_year]
    )
    yerr = np.nan_to_num([cost["diff_mean"] - cost["lo"], cost["hi"] - cost["diff_mean"]]) / MILLION
    colours = arm_colours(list(arms), None)
    for arm, xerr_arm, yerr_arm in zip(arms, xerr.T, yerr.T, strict=True):
        ax.errorbar(
            x[arm],
            y[arm],
            xerr=xerr_arm[:, None],
            yerr=yerr_arm[:, None],
            fmt="o",
            capsize=3,
            color=colours[arm],
        )
    ax.axhline(0, color="black", lw=0.8)
    ax.axvline(0, color="black", lw=0.8)
    ax.set_xlabel("escalations averted a year vs baseline (disputes)")
    ax.set_ylabel("extra cost a year vs baseline (million yuan)")
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}"))
    # Labels placed apart from each other and from the points (adjustText), with a
    # leader line back to their point.
    texts = [
        ax.text(x[arm], y[arm], arm, fontsize=7, color=colours[arm])
        for arm in arms
        if np.isfinite(x[arm]) and np.isfinite(y[arm])
    ]
    if texts:
        adjust_text(
            texts,
            x=x.to_numpy(float),
            y=y.to_numpy(float),
            ax=ax,
            arrowprops={"arrowstyle": "-", "color": "#888888", "lw": 0.5},
        )
    title = cost_finding(x, y)
    ax.set_title(title, fontsize=10)
    _save(fig, folder, "cost")
    return Figure(
        "cost",
        title,
        "Paired differences from the baseline with 95% intervals; up and to the left "
        "is worse, down and to the right better.",
    )
