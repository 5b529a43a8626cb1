"""Cost-effectiveness of policy arms against a baseline: yuan per escalation (or petition)
averted, with intervals, dominance and incremental ratios.

The convention is the health economists' (cost-effectiveness analysis with an efficiency
frontier): every arm's extra cost a year and outcomes averted a year are paired
differences from the baseline (replication r of every arm faces the same random world);
the ratio of their means is the yuan spent per outcome averted.

Intervals are Fieller's 95% interval for a ratio of two paired means (``fieller``). It
is bounded exactly when the denominator's own t-interval excludes 0, so an arm whose
effect is not distinguishable from no change gets no ratio: it is "not estimable".
Over a calibration ensemble the paired units are the members' means (as in
``sim.experiments.stats``), so the interval carries the members' spread too.

Dominance (``frontier``) works on the means, over the baseline and the arms whose effect
is distinguishable from the baseline's: sorted by cost, an option is *dominated* when a
cheaper (or equally costly) one averts at least as much, and *extendedly dominated* when
a mix of its two neighbours on the frontier would avert more for the same money (its
incremental ratio is higher than the next option's). Incremental cost-effectiveness
ratios (ICERs) are then taken between successive options left on the frontier, each with
its own Fieller interval from the paired differences between the two arms.

Public API (other tools, such as the policy search, reuse it):

- ``fieller(numerator, denominator)`` -> ``Ratio``: ratio of paired means with its interval;
- ``frontier(costs, effects)`` -> option name -> ``Status``;
- ``paired_units(table, arm, baseline, columns)`` -> per-unit differences arm - baseline;
- ``cost_effectiveness(table, baseline, outcome)`` -> one row per arm (``CE_COLUMNS``).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

import numpy as np
import pandas as pd
from scipy import stats as sps

from sim.experiments.stats import LEVEL, is_ensemble, t_interval

YEAR = 365.0
COST = "cost_per_year"  # yuan a year: the cost every arm is charged with
OUTCOMES = ("escalations", "petitions_filed")  # counts a planner wants averted


class Status(StrEnum):
    BASELINE = "baseline"
    FRONTIER = "on the frontier"
    DOMINATED = "dominated"
    EXTENDED = "extendedly dominated"
    NOT_DISTINGUISHABLE = "not distinguishable from the baseline"


@dataclass(frozen=True)
class Ratio:
    """Ratio of means ``mean(numerator) / mean(denominator)`` with its 95% Fieller interval.

    ``estimable`` is False when the denominator's interval includes 0: then ``lo`` and
    ``hi`` are NaN (the interval is unbounded or the whole line)."""

    value: float
    lo: float
    hi: float
    estimable: bool


NOT_ESTIMABLE = Ratio(math.nan, math.nan, math.nan, False)


def fieller(numerator: Sequence[float], denominator: Sequence[float]) -> Ratio:
    """Fieller's 95% interval for ``mean(y) / mean(x)`` from paired observations (y, x).

    The interval is the set of R with ``(ȳ - R x̄)² <= t² (s_yy - 2 R s_xy + R² s_xx)``,
    s the (co)variances of the means and t the Student quantile with n - 1 degrees of
    freedom: the R for which "ȳ - R x̄ = 0" is not rejected. It is a bounded interval
    exactly when ``x̄² > t² s_xx``, i.e. when the t-interval of x excludes 0.
    """
    y, x = np.asarray(numerator, float), np.asarray(denominator, float)
    keep = np.isfinite(y) & np.isfinite(x)
    y, x = y[keep], x[keep]
    n = y.size
    if n < 2:
        return NOT_ESTIMABLE
    my, mx = float(y.mean()), float(x.mean())
    cov = np.cov(y, x, ddof=1) / n
    syy, sxy, sxx = float(cov[0, 0]), float(cov[0, 1]), float(cov[1, 1])
    t2 = float(sps.t.ppf(0.5 + LEVEL / 2, n - 1)) ** 2
    a = mx * mx - t2 * sxx
    if a <= 0 or mx == 0:
        return NOT_ESTIMABLE
    b = mx * my - t2 * sxy
    c = my * my - t2 * syy
    root = math.sqrt(max(b * b - a * c, 0.0))
    return Ratio(my / mx, (b - root) / a, (b + root) / a, True)


def frontier(costs: Mapping[str, float], effects: Mapping[str, float]) -> dict[str, Status]:
    """Each option's place: on the frontier, dominated or extendedly dominated.

    ``costs`` and ``effects`` (outcomes averted; more is better) are means by option name,
    the baseline included (0, 0). Ties in cost keep the option averting more.
    """
    names = sorted(costs, key=lambda n: (costs[n], -effects[n]))
    status: dict[str, Status] = {}
    kept: list[str] = []
    for name in names:  # strong dominance: something no dearer averts at least as much
        if kept and effects[name] <= max(effects[k] for k in kept):
            status[name] = Status.DOMINATED
        else:
            kept.append(name)
    while True:  # extended dominance: incremental ratios must rise along the frontier
        ratios = [
            (costs[b] - costs[a]) / (effects[b] - effects[a]) for a, b in itertools.pairwise(kept)
        ]
        worse = next((i for i in range(len(ratios) - 1) if ratios[i] > ratios[i + 1]), None)
        if worse is None:
            break
        status[kept.pop(worse + 1)] = Status.EXTENDED
    status.update({name: Status.FRONTIER for name in kept})
    return status


def per_year(table: pd.DataFrame, column: str) -> pd.Series:
    """A count of the run scaled to a year (runs may be shorter or longer than 365 days)."""
    values = pd.to_numeric(table[column], errors="coerce")
    if column == COST or "days" not in table:
        return values
    return values * YEAR / pd.to_numeric(table["days"], errors="coerce")


def paired_units(
    table: pd.DataFrame, arm: str, baseline: str, columns: Sequence[str]
) -> pd.DataFrame:
    """Per paired unit, ``arm - baseline`` of each column a year: one row per replication,
    or per ensemble member (the mean over its replications) in an ensemble."""
    ok = table[table["error"].isna()] if "error" in table else table
    units = ["member", "replication"] if is_ensemble(ok) else ["replication"]
    frames = {}
    for name in (arm, baseline):
        rows = ok[ok["arm"] == name]
        frames[name] = pd.DataFrame(
            {c: per_year(rows, c).to_numpy() for c in columns},
            index=pd.MultiIndex.from_frame(rows[units]),
        )
    both = pd.concat({"arm": frames[arm], "base": frames[baseline]}, axis=1, join="inner")
    both = both.dropna()
    diff = both["arm"] - both["base"]
    if len(units) == 2:
        diff = diff.groupby(level="member").mean()
    return diff


CE_COLUMNS = [
    "arm",
    "outcome",
    "n",
    "cost",
    "cost_lo",
    "cost_hi",
    "averted",
    "averted_lo",
    "averted_hi",
    "averted_share",
    "ratio",
    "ratio_lo",
    "ratio_hi",
    "estimable",
    "status",
    "icer",
    "icer_lo",
    "icer_hi",
    "icer_from",
]


def cost_effectiveness(
    table: pd.DataFrame, baseline: str, outcome: str = "escalations", cost: str = COST
) -> pd.DataFrame:
    """One row per arm (``CE_COLUMNS``), cheapest first, the baseline included.

    ``cost``/``averted`` (a year, against the baseline) with 95% t-intervals;
    ``averted_share`` the share of the baseline's count averted; ``ratio`` the yuan per
    outcome averted with Fieller's interval (NaN and ``estimable`` False when the effect
    is not distinguishable from none); ``status`` a ``Status``; ``icer`` the incremental
    ratio against ``icer_from``, the previous option on the frontier (its interval NaN
    when the step's own extra effect is not distinguishable from none).
    """
    ok = table[table["error"].isna()] if "error" in table else table
    arms = [a for a in dict.fromkeys(ok["arm"]) if a != baseline]
    base_rows = ok[ok["arm"] == baseline]
    base_count = float(per_year(base_rows, outcome).mean()) if len(base_rows) else math.nan
    units = {arm: paired_units(ok, arm, baseline, [cost, outcome]) for arm in arms}
    rows = {baseline: _baseline_row(baseline, outcome, len(base_rows))}
    for arm, d in units.items():
        c_mean, c_lo, c_hi, _ = t_interval(d[cost])
        saved = -d[outcome]  # averted: the baseline's count minus the arm's
        e_mean, e_lo, e_hi, _ = t_interval(saved)
        ratio = fieller(d[cost], saved)
        rows[arm] = {
            "arm": arm,
            "outcome": outcome,
            "n": len(d),
            "cost": c_mean,
            "cost_lo": c_lo,
            "cost_hi": c_hi,
            "averted": e_mean,
            "averted_lo": e_lo,
            "averted_hi": e_hi,
            "averted_share": e_mean / base_count if base_count else math.nan,
            "ratio": ratio.value,
            "ratio_lo": ratio.lo,
            "ratio_hi": ratio.hi,
            "estimable": ratio.estimable,
            "status": Status.NOT_DISTINGUISHABLE,
            "icer": math.nan,
            "icer_lo": math.nan,
            "icer_hi": math.nan,
            "icer_from": "",
        }
    candidates = [baseline, *(a for a in arms if rows[a]["estimable"])]
    places = frontier(
        {a: rows[a]["cost"] for a in candidates}, {a: rows[a]["averted"] for a in candidates}
    )
    for arm, place in places.items():
        if arm != baseline:
            rows[arm]["status"] = place
    on_front = sorted(
        (a for a, s in places.items() if s is Status.FRONTIER), key=lambda a: rows[a]["cost"]
    )
    for before, arm in itertools.pairwise(on_front):
        icer = _incremental(units, before, arm, baseline, cost, outcome)
        # The point estimate stands even when the step's own effect is too noisy for an
        # interval: the frontier itself is drawn on the means.
        point = (rows[arm]["cost"] - rows[before]["cost"]) / (
            rows[arm]["averted"] - rows[before]["averted"]
        )
        rows[arm].update(icer=point, icer_lo=icer.lo, icer_hi=icer.hi, icer_from=before)
    frame = pd.DataFrame(list(rows.values()), columns=CE_COLUMNS)
    frame["status"] = frame["status"].astype(str)
    return frame.sort_values("cost", kind="stable", ignore_index=True)


def _baseline_row(baseline: str, outcome: str, n: int) -> dict:
    zero = dict.fromkeys(("cost", "cost_lo", "cost_hi", "averted", "averted_lo"), 0.0)
    return {
        **dict.fromkeys(CE_COLUMNS, math.nan),
        **zero,
        "arm": baseline,
        "outcome": outcome,
        "n": n,
        "averted_hi": 0.0,
        "averted_share": 0.0,
        "estimable": False,
        "status": Status.BASELINE,
        "icer_from": "",
    }


def _incremental(
    units: Mapping[str, pd.DataFrame], before: str, arm: str, baseline: str, cost: str, outcome: str
) -> Ratio:
    """Extra yuan per extra outcome averted going from ``before`` to ``arm`` (paired).
    Either may be the baseline (a cheaper, worse arm can precede it on the frontier)."""
    if before == baseline:
        return fieller(units[arm][cost], -units[arm][outcome])
    if arm == baseline:
        return fieller(-units[before][cost], units[before][outcome])
    both = pd.concat({"after": units[arm], "before": units[before]}, axis=1, join="inner")
    step = both["after"] - both["before"]
    return fieller(step[cost], -step[outcome])
