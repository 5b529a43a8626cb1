"""The search report: one page a planner reads, a front figure and a convergence figure."""

from __future__ import annotations

import io
import math
from typing import Any

import matplotlib
import optuna
import pandas as pd
from matplotlib.figure import Figure
from optuna.trial import TrialState

from sim.search.evaluate import BASELINE
from sim.search.pipeline import Findings
from sim.search.space import EXTRA_COST, Search
from sim.search.validate import PRESET_PREFIX

matplotlib.use("Agg")
import matplotlib.pyplot as plt


def million(yuan: float) -> str:
    return f"{yuan / 1e6:+.2f}"


def _png(fig: Figure) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight")
    plt.close(fig)
    return buf.getvalue()


def front_png(study: optuna.Study, found: Findings, search: Search) -> bytes:
    """Search trials (search seeds, grey), then fresh-seed means with 95% intervals:
    presets within the budget (squares), front candidates (circles), the recommendation."""
    fig, ax = plt.subplots(figsize=(7.5, 4.8))
    done = study.get_trials(deepcopy=False, states=(TrialState.COMPLETE,))
    cost_i = search.objectives.index(EXTRA_COST)
    ax.scatter(
        [t.values[cost_i] / 1e6 for t in done],
        [t.values[0] * 100 for t in done],
        s=10, c="0.75", label="search trials (search seeds)",
    )  # fmt: skip
    s = found.summary
    for name, row in s.iterrows():
        name = str(name)
        style: dict[str, Any]
        preset = name.startswith(PRESET_PREFIX)
        if name == BASELINE:
            style = {"marker": "D", "color": "black", "label": "today's policy"}
        elif name == found.verdict.recommended:
            style = {"marker": "*", "color": "tab:red", "label": "recommended", "ms": 14}
        elif preset:
            style = {
                "marker": "s",
                "color": "tab:blue",
                "alpha": 0.5,
                "label": "preset combination",
            }
        else:
            style = {"marker": "o", "color": "tab:orange", "label": "front candidate"}
        x = row[EXTRA_COST] / 1e6
        xerr = [[x - row["cost_low"] / 1e6], [row["cost_high"] / 1e6 - x]]
        ax.errorbar(x, row["escalation_rate"] * 100, xerr=xerr, ls="none", **style)
    ax.axvline(search.budget / 1e6, color="tab:red", ls="--", lw=1, label="budget")
    # The region a planner compares: up to twice the budget, up to the worst fresh rate
    # (trials far outside stay in trials.csv).
    ax.set_xlim(min(-0.05, s[EXTRA_COST].min() / 1e6 - 0.05), 2 * max(search.budget, 1e5) / 1e6)
    ax.set_ylim(0, max(1.3 * s["escalation_rate"].max() * 100, 1.0))
    handles, labels = ax.get_legend_handles_labels()
    unique = dict(zip(labels, handles, strict=True))
    ax.legend(unique.values(), unique.keys(), fontsize=8, loc="upper right")
    ax.set_xlabel("extra cost over today's policy (million yuan a year)")
    ax.set_ylabel("escalation rate (% of disputes)")
    ax.set_title("Escalations against extra cost; fresh seeds with 95% intervals")
    return _png(fig)


def convergence_png(hv: list[tuple[int, float]]) -> bytes:
    fig, ax = plt.subplots(figsize=(5, 3))
    ax.plot([g for g, _ in hv], [v for _, v in hv], marker="o")
    ax.set_xlabel("generation")
    ax.set_ylabel("hypervolume (scaled)")
    ax.set_title("Convergence of the front within the budget")
    return _png(fig)


def _change(row: pd.Series) -> str:
    if row.name == BASELINE or math.isnan(row["esc_change"]):
        return "(today)"
    return (
        f"{row['esc_change'] * 100:+.2f} points [{row['esc_low'] * 100:+.2f}, "
        f"{row['esc_high'] * 100:+.2f}]"
    )


def _cost(row: pd.Series) -> str:
    if row.name == BASELINE or math.isnan(row[EXTRA_COST]):
        return "0 (today)"
    if math.isnan(row["cost_low"]):  # one fresh seed: a cost, but no interval
        return f"{million(row[EXTRA_COST])} [no interval: one seed]"
    return f"{million(row[EXTRA_COST])} [{million(row['cost_low'])}, {million(row['cost_high'])}]"


def headline(found: Findings, search: Search) -> list[str]:
    v, s = found.verdict, found.summary
    if v.recommended is None:
        return [
            "No candidate of the search stayed within the budget on fresh seeds: nothing is "
            "recommended. Try a larger budget or more trials."
        ]
    rec, base = s.loc[v.recommended], s.loc[BASELINE]
    rel = rec["esc_change"] / base["escalation_rate"] if base["escalation_rate"] else math.nan
    per_year = (
        -rec["esc_change"] * found.fresh.query("candidate == @BASELINE")["disputes_total"].mean()
    ) * 365.0 / search.days  # fmt: skip
    lines = [
        f"**Recommended** ({v.recommended}): {found.words.get(v.recommended, '')}.",
        "",
        f"On {search.fresh_replications} fresh seeds it changes the escalation rate by "
        f"{_change(rec)} ({'no escalations today' if math.isnan(rel) else f'{rel:+.0%}'}, "
        f"about {per_year:.0f} escalations a year averted) "
        f"for {_cost(rec)} million yuan a year more than today's policy "
        f"({search.baseline_words}), paired 95% intervals.",
        "",
    ]
    closest = v.closest()
    k = len(v.eligible_presets)
    if v.beats_all and closest is not None:
        m, _, high = v.beaten[closest]
        lines.append(
            f"It has a lower escalation rate than every one of the {k} combinations of the "
            f"shipped presets (visits x staffing x escalation) within the budget: the "
            f"closest, {found.words.get(closest, closest)}, by {-m * 100:.2f} points "
            f"(interval upper end {high * 100:+.2f})."
        )
    elif closest is not None:
        m, low, high = v.beaten[closest]
        lines.append(
            f"**No policy was found that beats every preset combination within the budget**: "
            f"against {found.words.get(closest, closest)} the difference is "
            f"{m * 100:+.2f} points [{low * 100:+.2f}, {high * 100:+.2f}] ({k} combinations "
            "within the budget)."
            + (" That preset combination did better on fresh seeds: prefer it." if m > 0 else "")
        )
    else:
        lines.append("No combination of the shipped presets stays within the budget.")
    return lines


def markdown(
    study: optuna.Study, found: Findings, search: Search, hv, command: str, accounting: str
) -> str:
    s = found.summary
    lines = [
        f"# Which policy for {search.budget / 1e6:.2f} million yuan a year more: {search.name}",
        "",
        search.question,
        "",
        *headline(found, search),
        "",
        "| policy | escalation rate | change vs today (points) | extra cost (million yuan/yr) |",
        "|---|---:|---:|---:|",
    ]
    rows = [BASELINE, found.verdict.recommended, found.verdict.runner_up]
    for name in dict.fromkeys(r for r in rows if r):
        row = s.loc[name]
        words = search.baseline_words if name == BASELINE else found.words.get(name, name)
        lines.append(f"| {words} | {row['escalation_rate']:.2%} | {_change(row)} | {_cost(row)} |")
    lines += ["", "![front](front.png)", "", "## The front on fresh seeds", ""]
    lines += front_table(found)
    lines += ["", "## Where the recommendation fails", ""]
    lines += [f"- {where}: {text}" for where, text in found.prim.items()] or [
        "- not examined (no ensemble members or no runner-up)."
    ]
    lines += ["", "## Convergence", "", "![convergence](convergence.png)", ""]
    lines.append(
        "Hypervolume of the front within the budget after each generation: "
        + ", ".join(f"{g}: {v:.3f}" for g, v in hv)
    )
    lines += ["", "## Reproduce", "", f"    {command}", "", accounting, ""]
    return "\n".join(lines)


def front_table(found: Findings) -> list[str]:
    st = found.standing
    out = [
        "| candidate | levers | escalation rate | extra cost | stays on the front | "
        "members on front | mean regret (points) |",
        "|---|---|---:|---:|---|---:|---:|",
    ]
    for c in found.front:
        row = found.summary.loc[c.name]
        by = found.dropped.get(c.name)
        stays = "yes" if by is None else f"no: beaten by {by}"
        share = regret = "-"
        if c.name in st.index:
            share = f"{st.loc[c.name, 'on_front_share']:.0%} of {st.loc[c.name, 'members']}"
            regret = f"{st.loc[c.name, 'regret_mean'] * 100:.2f}"
        out.append(
            f"| {c.name} | {c.words} | {row['escalation_rate']:.2%} | {_cost(row)} | {stays} | "
            f"{share} | {regret} |"
        )
    return out
