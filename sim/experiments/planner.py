"""The parts of an experiment report a planner reads first: the opening paragraph, the
headline table (every arm in words, the baseline row shown, percentages, a verdict) and
the cost-effectiveness table.

Numbers are formatted the way a planner reads them: changes in percent, money in million
yuan a year, counts a year, a ratio in yuan per outcome averted. An arm whose interval
includes no change is "not distinguishable from the baseline", whatever its mean says.
"""

from __future__ import annotations

import math

import pandas as pd

from sim.experiments.costeffect import Status
from sim.experiments.design import Experiment
from sim.metrics import METRICS

SAME = "not distinguishable from the baseline"
VERDICT = {"better": "better than the baseline", "same": SAME, "worse": "worse than the baseline"}


def pct(v: float, signed: bool = True, digits: int = 0) -> str:
    if v is None or not math.isfinite(v):
        return "n/a"
    text = f"{v * 100:+.{digits}f}%" if signed else f"{v * 100:.{digits}f}%"
    return text.replace("-", "−")


def million(v: float, signed: bool = True) -> str:
    if v is None or not math.isfinite(v):
        return "n/a"
    text = f"{v / 1e6:+.2f}" if signed else f"{v / 1e6:.2f}"
    return text.replace("-", "−")


def count(v: float, signed: bool = False) -> str:
    if v is None or not math.isfinite(v):
        return "n/a"
    digits = 0 if abs(v) >= 10 else 1
    text = f"{v:+,.{digits}f}" if signed else f"{v:,.{digits}f}"
    return text.replace("-", "−")


def yuan(v: float) -> str:
    if v is None or not math.isfinite(v):
        return "n/a"
    return f"{v:,.0f}".replace("-", "−")


def lower_first(text: str) -> str:
    """Words that open an arm's description, lowered to sit inside a sentence (an
    acronym or a name in capitals stays)."""
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text


def _ratio_text(row: pd.Series) -> str:
    if row["status"] == Status.BASELINE:
        return "—"
    if not row["estimable"]:
        return "not estimable (effect not distinguishable from none)"
    if row["averted"] < 0:  # shown to do worse than the baseline
        if row["cost"] >= 0:
            return "costs more and averts fewer: dominated by the baseline"
        return f"saves {_bracket(row, 'ratio')} per extra one"
    if row["cost"] < 0:
        return "saves money and averts more: dominates the baseline"
    return _bracket(row, "ratio")


def _bracket(row: pd.Series, name: str) -> str:
    return f"{yuan(row[name])} [{yuan(row[name + '_lo'])}, {yuan(row[name + '_hi'])}]"


def ce_table(exp: Experiment, ce: dict[str, pd.DataFrame]) -> tuple[list[str], list[list[str]]]:
    """Cost-effectiveness rows, cheapest arm first (the baseline included)."""
    esc = ce["escalations"].set_index("arm")
    pet = ce["petitions_filed"].set_index("arm") if "petitions_filed" in ce else None
    header = [
        "arm",
        "extra cost, million yuan a year [95% CI]",
        "escalations averted a year [95% CI]",
        "yuan per escalation averted [95% CI]",
        "yuan per petition averted [95% CI]",
        "place",
        "incremental yuan per escalation averted (ICER) [95% CI]",
    ]
    rows = []
    for arm, r in esc.iterrows():
        words = exp.arm(str(arm)).words
        icer = "—"
        if r["icer_from"] and math.isfinite(r["icer_lo"]):
            icer = f"{_bracket(r, 'icer')} vs {r['icer_from']}"
        elif r["icer_from"]:
            icer = (
                f"{yuan(r['icer'])} vs {r['icer_from']}; no interval (the extra effect is not "
                "distinguishable from none)"
            )
        if r["status"] == Status.BASELINE:
            rows.append([f"**{arm}** (baseline): {words}", *["—"] * 4, "baseline", "—"])
            continue
        rows.append(
            [
                f"**{arm}**: {words}",
                f"{million(r['cost'])} [{million(r['cost_lo'])}, {million(r['cost_hi'])}]",
                f"{count(r['averted'], True)} [{count(r['averted_lo'], True)}, "
                f"{count(r['averted_hi'], True)}] ({pct(r['averted_share'])})",
                _ratio_text(r),
                _ratio_text(pet.loc[arm]) if pet is not None and arm in pet.index else "n/a",
                str(r["status"]),
                icer,
            ]
        )
    return header, rows


def headline_table(
    exp: Experiment, paired: pd.DataFrame, rank: pd.DataFrame, ce: dict[str, pd.DataFrame]
) -> tuple[list[str], list[list[str]]]:
    """Every arm in rank order, the baseline row included: the primary metric's change in
    percent with its interval, the verdict, escalations averted a year, cost and P(better)."""
    primary = exp.primary_metric
    get = paired.set_index(["arm", "metric"])
    esc = ce["escalations"].set_index("arm")
    header = [
        "rank",
        "arm",
        f"{METRICS[primary].label}: change [95% CI]",
        "verdict",
        "escalations averted a year [95% CI]",
        "extra cost, million yuan a year",
        "P(better)",
    ]
    rows = []
    for r in rank.itertuples():
        words = exp.arm(r.arm).words
        if r.arm == exp.baseline:
            base = get.xs(primary, level="metric")["base_mean"].mean() if len(get) else math.nan
            rows.append(
                [
                    str(r.rank),
                    f"**{r.arm}** (baseline): {words}",
                    f"— (mean {_level(primary, base)})",
                    "baseline",
                    "—",
                    "—",
                    "—",
                ]
            )
            continue
        p = get.loc[(r.arm, primary)]
        change = (
            f"{pct(p.rel_mean)} [{pct(p.rel_lo)}, {pct(p.rel_hi)}]"
            if math.isfinite(p.rel_mean)
            else f"{p.diff_mean:+.3g} [{p.lo:+.3g}, {p.hi:+.3g}]"
        )
        e = esc.loc[r.arm] if r.arm in esc.index else None
        rows.append(
            [
                str(r.rank),
                f"**{r.arm}**: {words}",
                change,
                VERDICT[r.tier],
                "n/a"
                if e is None
                else f"{count(e['averted'], True)} [{count(e['averted_lo'], True)}, "
                f"{count(e['averted_hi'], True)}]",
                "n/a" if e is None else million(e["cost"]),
                pct(p.p_better, signed=False),
            ]
        )
    return header, rows


def _level(metric: str, v: float) -> str:
    if METRICS[metric].unit.startswith("share"):
        return pct(v, signed=False, digits=1)
    return f"{v:.3g}"


def opening(
    exp: Experiment,
    paired: pd.DataFrame,
    rank: pd.DataFrame,
    ce: dict[str, pd.DataFrame],
    ensemble_members: int,
) -> str:
    """One paragraph in plain words: the finding, its size (escalations averted a year and
    in percent), its cost in million yuan a year, and how sure we are."""
    others = [a for a in exp.arms if a.name != exp.baseline]
    base = exp.arm(exp.baseline)
    intro = (
        f"**In short.** {len(others)} "
        f"polic{'y was' if len(others) == 1 else 'ies were'} compared with the baseline, "
        f"{lower_first(base.words)} (**{base.name}**)"
    )
    better = rank[rank["tier"] == "better"]
    esc = ce["escalations"].set_index("arm")
    n_same = int((rank["tier"] == "same").sum()) - 1  # the baseline is in that tier
    same = (
        (
            " It is not distinguishable from the baseline."
            if len(others) == 1
            else f" {n_same} of them {'is' if n_same == 1 else 'are'} not distinguishable "
            "from the baseline."
        )
        if n_same
        else ""
    )
    if better.empty:
        outcome = METRICS[exp.primary_metric].label.lower()
        if len(others) == 1:
            return (
                f"{intro}. It did not do measurably better on {outcome} (its 95% interval "
                f"includes no change or shows harm).{same}{_worse(exp, rank, esc)}"
            )
        return (
            f"{intro}. None did measurably better on {outcome} (every 95% interval includes "
            f"no change or shows harm).{same}{_worse(exp, rank, esc)}"
        )
    return _best(exp, paired, better, esc, ensemble_members, intro) + same


def _worse(exp: Experiment, rank: pd.DataFrame, esc: pd.DataFrame) -> str:
    """The arms shown worse than the baseline: their extra escalations and cost."""
    parts = []
    for arm in rank.loc[rank["tier"] == "worse", "arm"]:
        e = esc.loc[arm]
        parts.append(
            f" **{arm}** did worse: about {count(-e['averted'])} more escalations a year "
            f"[95% CI {count(-e['averted_hi'])} to {count(-e['averted_lo'])}], "
            f"{pct(-e['averted_share'], signed=False)} more than the baseline, for "
            f"{money(e['cost'], e['cost_lo'], e['cost_hi'])}."
        )
    return "".join(parts)


def _best(
    exp: Experiment,
    paired: pd.DataFrame,
    better: pd.DataFrame,
    esc: pd.DataFrame,
    ensemble_members: int,
    intro: str,
) -> str:
    best = better.iloc[0]["arm"]
    e = esc.loc[best]
    get = paired.set_index(["arm", "metric"])
    sure = _how_sure(get, best, exp.primary_metric, ensemble_members)
    text = (
        f"{intro}. Best on {METRICS[exp.primary_metric].label.lower()}: **{best}**, "
        f"{lower_first(exp.arm(best).words)}. It averts about {count(e['averted'])} "
        "escalations a year "
        f"[95% CI {count(e['averted_lo'])} to {count(e['averted_hi'])}], "
        f"{pct(e['averted_share'], signed=False)} of the baseline's, for "
        f"{money(e['cost'], e['cost_lo'], e['cost_hi'])}"
        + (f", {_per_escalation(e)}" if e["estimable"] else "")
        + f". {sure}"
    )
    cheap = _best_buy(esc, best)
    if cheap is not None:
        c = esc.loc[cheap]
        text += (
            f" The cheapest policy on the cost-effectiveness frontier, **{cheap}** "
            f"({lower_first(exp.arm(cheap).words)}), averts {count(c['averted'])} a year "
            f"({pct(c['averted_share'], signed=False)}) for "
            f"{money(c['cost'], c['cost_lo'], c['cost_hi'])}, {_per_escalation(c)}."
        )
    return text


def money(mean: float, lo: float, hi: float) -> str:
    """ "3.57 million yuan a year more [3.55, 3.58]" (or "less" for a saving)."""
    more = "more" if mean >= 0 else "less"
    sign = 1 if mean >= 0 else -1
    ends = sorted((sign * lo, sign * hi))
    return (
        f"{million(sign * mean, signed=False)} million yuan a year {more} "
        f"[95% CI {million(ends[0], signed=False)} to {million(ends[1], signed=False)}]"
    )


def _per_escalation(row: pd.Series) -> str:
    return (
        f"{yuan(row['ratio'])} yuan per escalation averted "
        f"[{yuan(row['ratio_lo'])} to {yuan(row['ratio_hi'])}]"
    )


def _how_sure(get: pd.DataFrame, arm: str, metric: str, members: int) -> str:
    p = get.loc[(arm, metric)]
    did = f"It did better than the baseline in {pct(p.p_better, signed=False)} of the paired "
    if members:
        lo, hi = p.member_min, p.member_max
        agree = (hi < 0 or lo > 0) and math.isfinite(lo)
        return (
            did + f"replications, and {'every one' if agree else 'not every one'} of the "
            f"{members} calibrated parameter sets agrees on the direction."
        )
    return (
        did + f"replications ({int(p.n)}); the interval reflects the model's randomness, "
        "not its parameters (run with --ensemble for that)."
    )


def _best_buy(esc: pd.DataFrame, best: str) -> str | None:
    """The cheapest arm on the frontier other than the best one and the baseline."""
    front = esc[(esc["status"] == str(Status.FRONTIER)) & (esc.index != best)]
    front = front[front["averted"] > 0]
    return None if front.empty else str(front["cost"].idxmin())
