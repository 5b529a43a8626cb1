"""The experiment browser's data: finished experiments under ``results/experiments/``,
their headline table and figures, read from what each experiment stored.

Nothing is recomputed: the effects, intervals and P(better) are the rows of the
experiment's ``paired.csv``, the baseline values those of ``summary.csv``, the figures
the PNGs under ``figures/``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from sim.metrics import label

FINISHED = ("paired.csv", "summary.csv", "provenance.json")  # written last by publish


def experiments(results: Path) -> list[str]:
    """Names of the finished experiments under ``results/experiments/``, sorted."""
    folder = results / "experiments"
    if not folder.is_dir():
        return []
    return sorted(
        p.name for p in folder.iterdir() if p.is_dir() and all((p / f).is_file() for f in FINISHED)
    )


def provenance(results: Path, name: str) -> dict:
    path = results / "experiments" / name / "provenance.json"
    return json.loads(path.read_text(encoding="utf-8"))


def paired(results: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(results / "experiments" / name / "paired.csv")


def headline(
    results: Path, name: str, metrics: list[str] | None = None, arms: list[str] | None = None
) -> pd.DataFrame:
    """One row per arm and metric: the baseline's value, the arm's paired effect with its
    95% interval, P(better) and the extra cost a year against the baseline."""
    p = paired(results, name)
    cost = p[p["metric"] == "cost_per_year"].set_index("arm")["diff_mean"]
    rows = p[p["metric"] != "cost_per_year"]
    if metrics:
        rows = rows[rows["metric"].isin(metrics)]
    if arms:
        rows = rows[rows["arm"].isin(arms)]
    return pd.DataFrame(
        {
            "arm": rows["arm"],
            "metric": rows["metric"].map(label),
            "baseline": rows["base_mean"].map(_number),
            "effect (arm - baseline)": rows["diff_mean"].map(_number),
            "95% interval": [
                "" if pd.isna(lo) or pd.isna(hi) else f"{_number(lo)} to {_number(hi)}"
                for lo, hi in zip(rows["lo"], rows["hi"], strict=True)
            ],
            "relative": rows["rel_mean"].map(lambda v: "" if pd.isna(v) else f"{v:+.0%}"),
            "P(better)": rows["p_better"].map(lambda v: "" if pd.isna(v) else f"{v:.0%}"),
            "extra cost a year (million yuan)": rows["arm"].map(
                lambda a: "" if a not in cost.index else f"{cost[a] / 1e6:+.3f}"
            ),
        }
    ).reset_index(drop=True)


def _number(v: float) -> str:
    if pd.isna(v):
        return ""
    return f"{v:.3g}" if abs(v) < 1000 else f"{v:,.0f}"


def metric_names(results: Path, name: str) -> list[str]:
    """The metrics the experiment compared (cost appears as its own column)."""
    p = paired(results, name)
    return [m for m in dict.fromkeys(p["metric"]) if m != "cost_per_year"]


def arm_names(results: Path, name: str) -> list[str]:
    return list(dict.fromkeys(paired(results, name)["arm"]))


def figures(results: Path, name: str) -> list[Path]:
    """The experiment's PNG figures, in name order."""
    return sorted((results / "experiments" / name / "figures").glob("*.png"))
