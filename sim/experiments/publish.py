"""Write an experiment's outputs: tables, statistics, figures, report, provenance.

Layout under ``results/experiments/<name>/``: ``runs/`` (the store), ``table.parquet``
(one row per arm and replication), ``series.parquet`` (daily series), ``summary.csv``,
``paired.csv``, ``ranking.csv`` and ``costeffect.csv`` (statistics), ``figures/`` (PNG +
SVG), ``report.md``, ``report.html`` and ``provenance.json``. Each file is replaced in
one rename; the figures folder is built aside and swapped in, so a reader never sees a
mix of old and new figures.
"""

from __future__ import annotations

import json
import platform
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

import sim
from sim.experiments import figures as figs
from sim.experiments.costeffect import OUTCOMES, cost_effectiveness
from sim.experiments.design import ArmConfigs, Experiment
from sim.experiments.frontier_figure import frontier_plot
from sim.experiments.report import build_report, to_html, to_markdown
from sim.experiments.runner import ExperimentRun
from sim.experiments.stats import arm_summary, paired_differences, ranking
from sim.experiments.store import lever_columns, write_parquet_atomic
from sim.experiments.version import code_version
from sim.output.atomic import replaced_folder, write_text_atomic

# Always computed, for the cost figures, headline and cost-effectiveness, whatever the
# experiment lists.
ALWAYS = ("escalations", "cost_per_year", "petitions_filed")


def analyse(
    exp: Experiment, table: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Summary by arm, paired differences from the baseline and the ranking."""
    metrics = list(dict.fromkeys([*exp.metrics, *ALWAYS]))
    summary = arm_summary(table, metrics)
    paired = paired_differences(table, exp.baseline, metrics)
    rank = ranking(summary, paired, exp.primary_metric, exp.baseline)
    return summary, paired, rank


def provenance(
    exp: Experiment,
    run: ExperimentRun,
    overrides: list[str],
    executor: str,
    configs: ArmConfigs,
    ensemble: Path | None = None,
) -> dict:
    variants = next(iter(configs.values()))  # the first arm's configs, one per member
    first, members = variants[0], len(variants)
    seeds = sorted({s.seed for s in run.specs})
    return {
        "experiment": exp.name,
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S UTC"),
        "code_version": code_version(),
        "govsim": sim.__version__,
        "python": platform.python_version(),
        "scenario": first["scenario"]["name"],
        "days": first["days"],
        "replications": run.replications,
        "ensemble": str(ensemble) if ensemble else "none",
        "ensemble_members": members if ensemble else 0,
        "seeds": f"{seeds[0]}..{seeds[-1]}" if seeds else "none",
        "runs": len(run.specs),
        "runs_with_errors": int(run.table["error"].notna().sum()) if len(run.table) else 0,
        "command_line_overrides": " ".join(overrides) or "(none)",
        "executor": executor,
        "adaptive_rounds": [{"replications": r, "half_width": w} for r, w in run.rounds],
        "experiment_config": exp.source,
    }


def write_outputs(folder: Path, exp: Experiment, run: ExperimentRun, prov: dict) -> Path:
    """Write everything from the consolidated table; return the HTML report's path."""
    table, series = run.table, run.series
    write_parquet_atomic(table, folder / "table.parquet")
    if not series.empty:
        write_parquet_atomic(series, folder / "series.parquet")
    summary, paired, rank = analyse(exp, table)
    write_text_atomic(folder / "summary.csv", summary.to_csv(index=False))
    write_text_atomic(folder / "paired.csv", paired.to_csv(index=False))
    write_text_atomic(folder / "ranking.csv", rank.to_csv(index=False))
    ce = cost_effectiveness_tables(exp, table)
    write_text_atomic(
        folder / "costeffect.csv", pd.concat(ce.values(), ignore_index=True).to_csv(index=False)
    )
    arms = [a.name for a in exp.arms]
    with replaced_folder(folder / "figures") as staging:
        made = _figures(staging, exp, table, series, summary, paired, rank, arms, run.specs)
        if len(arms) > 1:
            made.insert(0, frontier_plot(ce["escalations"], staging))
    report = build_report(
        exp,
        summary,
        paired,
        rank,
        [(f, folder / "figures" / f"{f.name}.png") for f in made],
        prov,
        _errors(table),
        ce,
    )
    write_text_atomic(folder / "report.md", to_markdown(report))
    write_text_atomic(folder / "report.html", to_html(report, f"govsim experiment {exp.name}"))
    write_text_atomic(
        folder / "provenance.json",
        json.dumps(prov, indent=2, ensure_ascii=False, default=str) + "\n",
    )
    return folder / "report.html"


def cost_effectiveness_tables(exp: Experiment, table: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Cost-effectiveness against the baseline for each outcome a planner wants averted."""
    return {outcome: cost_effectiveness(table, exp.baseline, outcome) for outcome in OUTCOMES}


def _errors(table: pd.DataFrame) -> list[str]:
    if not len(table):
        return []
    bad = table[table["error"].notna()]
    return [
        f"{r.arm} replication {r.replication} (seed {r.seed}): {r.error}" for r in bad.itertuples()
    ]


def _figures(
    folder: Path,
    exp: Experiment,
    table: pd.DataFrame,
    series: pd.DataFrame,
    summary: pd.DataFrame,
    paired: pd.DataFrame,
    rank: pd.DataFrame,
    arms: list[str],
    specs: list,
) -> list[figs.Figure]:
    made = [figs.interval_plot(summary, exp.metrics, arms, exp.baseline, folder)]
    if len(arms) > 1:
        made.append(figs.difference_plot(paired, exp.primary_metric, arms[1:], folder))
    levers = lever_columns(specs)
    for lever in figs.numeric_levers(table, levers):
        made.append(figs.dose_response(table, lever, levers, exp.metrics, folder))
    if not series.empty:
        made.append(figs.series_plot(series, list(rank["arm"]), folder, exp.baseline))
    if len(arms) > 1:
        days = int(table["days"].dropna().iloc[0]) if table["days"].notna().any() else 365
        made.append(figs.cost_plot(paired, days, arms[1:], folder))
    return made
