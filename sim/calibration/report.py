"""The calibration report: fitted against target for every statistic, with intervals
across replications, the fitted parameters and the convergence of the study.

Both the base config ("before") and the best trial ("after") are re-run on check seeds
that the study never saw, so the report shows an out-of-sample fit.
"""

from __future__ import annotations

import io
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import optuna
import pandas as pd

from sim.calibration.objective import aggregate, objective
from sim.calibration.study import completed
from sim.calibration.targets import TargetSet
from sim.output.atomic import write_bytes_atomic, write_text_atomic
from sim.uncertainty.space import ParameterSpec

Replications = list[dict[str, float | None]]


def interval(reps: Replications, name: str) -> tuple[float | None, float | None, float | None]:
    """Mean and 2.5-97.5 percentiles of a statistic across replications."""
    values = np.array([r[name] for r in reps if r[name] is not None], dtype=float)
    if values.size == 0:
        return None, None, None
    lo, hi = np.percentile(values, [2.5, 97.5])
    return float(values.mean()), float(lo), float(hi)


def fit_table(targets: TargetSet, before: Replications, after: Replications) -> pd.DataFrame:
    rows = []
    for t in targets.targets:
        b_mean, _, _ = interval(before, t.statistic)
        mean, lo, hi = interval(after, t.statistic)
        rows.append(
            {
                "target": t.name,
                "statistic": t.statistic,
                "low": t.low,
                "high": t.high,
                "upper_bound": t.upper_bound,
                "confidence": t.confidence,
                "default": b_mean,
                "fitted": mean,
                "fitted_lo": lo,
                "fitted_hi": hi,
                "inside": t.inside(mean) if mean is not None else not t.required,
                "reported": t.reported,
                "source": t.source,
            }
        )
    return pd.DataFrame(rows)


def convergence_png(study: optuna.Study) -> bytes:
    trials = completed(study)
    number = [t.number for t in trials]
    value = np.array([t.value for t in trials])
    fig, ax = plt.subplots(figsize=(7, 4), constrained_layout=True)
    ax.scatter(number, value, s=8, alpha=0.5, label="trial")
    ax.step(number, np.minimum.accumulate(value), where="post", color="tab:red", label="best")
    ax.set_yscale("log")
    ax.set_xlabel("trial")
    ax.set_ylabel("objective (log scale)")
    ax.set_title("Calibration convergence")
    ax.legend()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110)
    plt.close(fig)
    return buffer.getvalue()


def _fmt(x: float | None, digits: int = 4) -> str:
    return "n/a" if x is None or (isinstance(x, float) and np.isnan(x)) else f"{x:.{digits}g}"


def fit_section(
    table: pd.DataFrame,
    targets: TargetSet,
    before: Replications,
    after: Replications,
    n_check: int,
    names: tuple[str, str] = ("default", "calibrated"),
) -> list[str]:
    """The fit table as Markdown lines: each target's band against the two parameter
    sets' means on the check seeds (``names``: what the two sets are called)."""
    obj_before = objective(aggregate(before), targets)
    obj_after = objective(aggregate(after), targets)
    lines = [
        f"Objective on {n_check} check seeds (not used by the study): "
        f"{names[0]} {obj_before:.4g} → {names[1]} {obj_after:.4g}. "
        f"{int(table['inside'].sum())} of {len(table)} targets inside their band.",
        "",
        "## Fit: target against model",
        "",
        f"{names[1].capitalize()} = mean over the check replications; interval = 2.5-97.5 "
        "percentiles across replications. Bands marked ≤ sit below an official figure "
        "that is an upper bound.",
        "",
        f"| target | statistic | band | {names[0]} | {names[1]} | interval | inside "
        "| reported | source |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for row in table.itertuples():
        band = f"[{row.low:g}, {row.high:g}]" + (" ≤" if row.upper_bound else "")
        lines.append(
            f"| {row.target} | `{row.statistic}` | {band} | {_fmt(row.default)} | "
            f"{_fmt(row.fitted)} | {_fmt(row.fitted_lo)}-{_fmt(row.fitted_hi)} | "
            f"{'yes' if row.inside else '**no**'} | {row.reported} | {row.source} |"
        )
    return lines


def markdown(
    table: pd.DataFrame,
    targets: TargetSet,
    before: Replications,
    after: Replications,
    specs: list[ParameterSpec],
    defaults: dict[str, float],
    fitted: dict[str, float],
    ensemble: list[dict[str, float]],
    provenance: str,
    n_check: int,
) -> str:
    lines = [
        "# Calibration report",
        "",
        provenance.replace("\n", "  \n"),
        "",
        *fit_section(table, targets, before, after, n_check),
    ]
    lines += [
        "",
        "## Fitted parameters",
        "",
        f"Ensemble: {len(ensemble)} parameter sets within the tolerance of the best (range shown).",
        "",
        "| parameter | default | fitted | search range | ensemble range |",
        "|---|---|---|---|---|",
    ]
    for s in specs:
        if s.is_dummy:
            continue
        vals = [m[s.key] for m in ensemble if s.key in m]
        spread = f"{_fmt(min(vals))}-{_fmt(max(vals))}" if vals else "n/a"
        lines.append(
            f"| `{s.key}` | {_fmt(defaults[s.key])} | {_fmt(fitted[s.key])} | "
            f"[{s.low:g}, {s.high:g}]{' log' if s.log else ''} | {spread} |"
        )
    lines += ["", "## Convergence", "", "![convergence](convergence.png)", ""]
    return "\n".join(lines)


def write_report(folder: Path, table: pd.DataFrame, text: str, study: optuna.Study) -> None:
    write_text_atomic(folder / "fit.csv", table.to_csv(index=False))
    write_bytes_atomic(folder / "convergence.png", convergence_png(study))
    write_text_atomic(folder / "report.md", text)
