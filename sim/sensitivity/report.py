"""Plots and the Markdown report of a sensitivity analysis."""

from __future__ import annotations

import io
import re

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pandas as pd

from sim.metrics import label


def slug(quantity: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "_", quantity).strip("_")


def title(quantity: str) -> str:
    """``baseline:escalation_rate`` -> ``baseline: Escalation rate (share of disputes)``."""
    where, _, outcome = quantity.rpartition(":")
    return f"{where}: {label(outcome)}" if where else label(outcome)


def short(key: str) -> str:
    """``behaviour.mediation.base_logit`` -> ``mediation.base_logit``."""
    return key.removeprefix("behaviour.")


def _png(fig: plt.Figure) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110)
    plt.close(fig)
    return buffer.getvalue()


def morris_png(morris: pd.DataFrame, quantity: str) -> bytes:
    """mu* against sigma: far right = influential, high = non-linear or interacting."""
    q = morris[morris["quantity"] == quantity]
    fig, ax = plt.subplots(figsize=(7, 5), constrained_layout=True)
    ax.scatter(q["mu_star"], q["sigma"], s=18)
    for row in q.nsmallest(8, "rank").itertuples():
        ax.annotate(short(row.parameter), (row.mu_star, row.sigma), fontsize=7)
    ax.set_xlabel("mu* (mean |elementary effect|)")
    ax.set_ylabel("sigma (spread of elementary effects)")
    ax.set_title(f"Morris screening: {title(quantity)}", fontsize=10)
    return _png(fig)


def sobol_png(sobol: pd.DataFrame, quantity: str) -> bytes:
    q = sobol[sobol["quantity"] == quantity].sort_values("ST", ascending=False)
    fig, ax = plt.subplots(figsize=(7, 4), constrained_layout=True)
    x = range(len(q))
    ax.bar([i - 0.2 for i in x], q["S1"], width=0.4, yerr=q["S1_conf"], label="S1 (first order)")
    ax.bar([i + 0.2 for i in x], q["ST"], width=0.4, yerr=q["ST_conf"], label="ST (total)")
    ax.set_xticks(list(x), [short(p) for p in q["parameter"]], rotation=30, ha="right", fontsize=8)
    ax.set_ylabel("Sobol' index")
    ax.set_title(f"Sobol' indices: {title(quantity)}", fontsize=10)
    ax.legend()
    return _png(fig)


def ranking_table(morris: pd.DataFrame, sobol: pd.DataFrame) -> pd.DataFrame:
    """One row per (quantity, parameter): Morris rank and mu*, Sobol' S1/ST where computed."""
    cols = ["quantity", "parameter", "S1", "S1_conf", "ST", "ST_conf"]
    merged = morris.merge(sobol[cols], on=["quantity", "parameter"], how="left")
    return merged.sort_values(["quantity", "rank"]).reset_index(drop=True)


def markdown(
    ranking: pd.DataFrame,
    quantities: list[str],
    top: list[str],
    robust: dict,
    header: list[str],
    noise: dict[str, float | None],
    rows_per_quantity: int = 8,
) -> str:
    lines = ["# Sensitivity analysis", "", *header, ""]
    lines += [
        "## Robustness of the recommended arm",
        "",
        f"Primary outcome `{robust['outcome']}` ({label(robust['outcome'])}). At the reference "
        f"point the arms rank {' > '.join(robust['reference_order'])}; recommended: "
        f"**{robust['recommended']}**.",
        f"Across {robust['points']} sampled parameter sets (Morris and Sobol' points) the "
        f"recommended arm stays first in **{robust['share_recommended_first']:.0%}** of them; "
        f"the whole order is unchanged in {robust['share_same_order']:.0%}. One seed per point: "
        "arms within seed noise of each other swap places by chance, so read the pairwise "
        "shares too.",
        "",
        f"| arm | reference mean | share of points where it is first | "
        f"share where {robust['recommended']} beats it |",
        "|---|---|---|---|",
        *[
            f"| {a} | {robust['reference_values'][a]:.4g} | {s:.0%} | "
            + ("" if a == robust["recommended"] else f"{robust['share_beats'][a]:.0%}")
            + " |"
            for a, s in robust["share_first_by_arm"].items()
        ],
        "",
        f"Sobol' indices computed for the top {len(top)} parameters by Morris: "
        + ", ".join(f"`{short(p)}`" for p in top)
        + ".",
        "",
    ]
    for q in quantities:
        part = ranking[ranking["quantity"] == q].head(rows_per_quantity)
        lines += _quantity_section(q, part, noise.get(q))
    return "\n".join(lines)


def _quantity_section(q: str, part: pd.DataFrame, sd: float | None) -> list[str]:
    """One quantity's heading, seed noise, plots and ranking table."""
    lines = [
        f"## `{q}`: {title(q)}",
        "",
        f"Seed noise at the reference point: sd {sd:.3g} across seeds (an elementary "
        "effect from noise alone is about 2 sd)."
        if sd is not None
        else "",
        "",
        f"![Morris](morris_{slug(q)}.png) ![Sobol](sobol_{slug(q)}.png)",
        "",
        "| rank | parameter | mu* | ±95% | sigma | S1 | ST |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in part.itertuples():
        s1 = "" if pd.isna(r.S1) else f"{r.S1:.2f}"
        st = "" if pd.isna(r.ST) else f"{r.ST:.2f}"
        lines.append(
            f"| {r.rank} | `{short(r.parameter)}` | {r.mu_star:.3g} | {r.mu_star_conf:.2g} | "
            f"{r.sigma:.3g} | {s1} | {st} |"
        )
    lines.append("")
    return lines
