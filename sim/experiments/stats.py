"""Statistics on the experiment table: arm means, paired differences, P(better), ranking.

All intervals are 95% Student-t intervals. Arms are compared with the baseline pairwise:
replication r of every arm shares its seed with replication r of the baseline (common
random numbers), so the per-replication difference removes the world-to-world noise
both share, and its t-interval is the paired interval. The unpaired (Welch) interval is
reported beside it to show what pairing buys.

P(better) is the share of paired replications in which the arm did better than the
baseline in the metric's better direction (``sim.metrics.METRICS``), ties counted
half: an empirical probability that the arm beats the baseline in a new world like the
simulated ones, not a Bayesian posterior. For neutral metrics it is left empty.

An ensemble experiment (a ``member`` column: every arm run under each of the calibration
ensemble's parameter sets, with the same seeds) pairs on (member, replication) and pools
the members as clusters: each member's mean is one observation, so the t-interval over
member means carries both the random noise and the spread between parameter sets that
fit the targets about equally well. ``member_min``/``member_max`` give that spread.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy import stats as sps

from sim.arms import rank_arms
from sim.metrics import sign

LEVEL = 0.95


def t_interval(values: Sequence[float] | np.ndarray) -> tuple[float, float, float, float]:
    """Mean, lower, upper and half-width of the 95% t-interval (NaN bounds if n < 2)."""
    x = np.asarray(values, dtype=float)
    x = x[np.isfinite(x)]
    if x.size == 0:
        return (math.nan,) * 4
    mean = float(x.mean())
    if x.size < 2:
        return mean, math.nan, math.nan, math.nan
    half = float(sps.t.ppf(0.5 + LEVEL / 2, x.size - 1) * x.std(ddof=1) / math.sqrt(x.size))
    return mean, mean - half, mean + half, half


def welch_interval(a: np.ndarray, b: np.ndarray) -> tuple[float, float, float]:
    """Difference of means ``a - b`` with its unpaired (Welch) 95% interval."""
    a, b = np.asarray(a, float), np.asarray(b, float)
    a, b = a[np.isfinite(a)], b[np.isfinite(b)]
    diff = float(a.mean() - b.mean())
    va, vb = a.var(ddof=1) / a.size, b.var(ddof=1) / b.size
    se = math.sqrt(va + vb)
    if se == 0:
        return diff, diff, diff
    df = (va + vb) ** 2 / (va**2 / (a.size - 1) + vb**2 / (b.size - 1))
    half = float(sps.t.ppf(0.5 + LEVEL / 2, df) * se)
    return diff, diff - half, diff + half


def _ok(table: pd.DataFrame) -> pd.DataFrame:
    # Runs that raised carry no metrics; they are reported, not averaged.
    return table[table["error"].isna()] if "error" in table else table


def is_ensemble(table: pd.DataFrame) -> bool:
    return "member" in table and bool(table["member"].notna().any())


def _units(table: pd.DataFrame) -> list[str]:
    """The columns that identify one paired unit: the replication, within its member."""
    return ["member", "replication"] if is_ensemble(table) else ["replication"]


def _clusters(frame: pd.DataFrame) -> pd.DataFrame:
    """Independent observations for an interval: member means in an ensemble, else rows."""
    if "member" in (frame.index.names or ()):
        return frame.groupby(level="member").mean()
    return frame


def observations(rows: pd.DataFrame, metric: str) -> np.ndarray:
    """Independent values of ``metric`` for an interval: one per run, or the members'
    means in an ensemble (runs of one member share its parameters)."""
    values = pd.to_numeric(rows[metric], errors="coerce")
    if is_ensemble(rows):
        values = values.groupby(rows["member"]).mean()
    return values.dropna().to_numpy(float)


def arm_summary(table: pd.DataFrame, metrics: Sequence[str]) -> pd.DataFrame:
    """Per arm and metric: n (runs), mean, sd and the 95% interval of the mean (over member
    means in an ensemble, where sd is that of the member means)."""
    rows = []
    ok = _ok(table)
    for arm, group in ok.groupby("arm", sort=False):
        for metric in metrics:
            finite = observations(group, metric)
            mean, lo, hi, half = t_interval(finite)
            sd = float(finite.std(ddof=1)) if finite.size > 1 else math.nan
            rows.append(
                {
                    "arm": arm,
                    "metric": metric,
                    "n": int(pd.to_numeric(group[metric], errors="coerce").notna().sum()),
                    "mean": mean,
                    "sd": sd,
                    "lo": lo,
                    "hi": hi,
                    "half_width": half,
                }
            )
    return pd.DataFrame(rows)


def paired_frame(table: pd.DataFrame, arm: str, baseline: str, metric: str) -> pd.DataFrame:
    """Paired units (replications, within members in an ensemble) where both the arm and
    the baseline have a value: columns arm, base."""
    ok, units = _ok(table), _units(table)

    def pick(name: str) -> pd.Series:
        return ok.loc[ok["arm"] == name].set_index(units)[metric]

    both = pd.concat({"arm": pick(arm), "base": pick(baseline)}, axis=1, join="inner")
    return both.apply(pd.to_numeric, errors="coerce").dropna()


def paired_differences(table: pd.DataFrame, baseline: str, metrics: Sequence[str]) -> pd.DataFrame:
    """Per non-baseline arm and metric: the paired difference arm - baseline, its 95%
    interval, the relative change (ratio of means, delta-method interval), the unpaired
    interval and P(better)."""
    rows = []
    arms = [a for a in dict.fromkeys(table["arm"]) if a != baseline] if len(table) else []
    for arm in arms:
        for metric in metrics:
            pair = paired_frame(table, arm, baseline, metric)
            units = (pair["arm"] - pair["base"]).to_numpy(float)
            clusters = _clusters(pair)
            diff = (clusters["arm"] - clusters["base"]).to_numpy(float)
            mean, lo, hi, half = t_interval(diff)
            base_mean = float(pair["base"].mean()) if len(pair) else math.nan
            _, un_lo, un_hi = (
                welch_interval(clusters["arm"].to_numpy(), clusters["base"].to_numpy())
                if len(clusters) > 1
                else (mean, math.nan, math.nan)
            )
            spread = "member" in (pair.index.names or ()) and diff.size > 0
            better = sign(metric)
            rows.append(
                {
                    "arm": arm,
                    "metric": metric,
                    "n": int(units.size),
                    "diff_mean": mean,
                    "lo": lo,
                    "hi": hi,
                    "half_width": half,
                    "diff_sd": float(diff.std(ddof=1)) if diff.size > 1 else math.nan,
                    "base_mean": base_mean,
                    **dict(
                        zip(
                            ("rel_mean", "rel_lo", "rel_hi"),
                            ratio_interval(clusters),
                            strict=True,
                        )
                    ),
                    "unpaired_lo": un_lo,
                    "unpaired_hi": un_hi,
                    "p_better": p_better(units, better),
                    "member_min": float(diff.min()) if spread else math.nan,
                    "member_max": float(diff.max()) if spread else math.nan,
                }
            )
    return pd.DataFrame(rows, columns=PAIRED_COLUMNS)


PAIRED_COLUMNS = [
    "arm",
    "metric",
    "n",
    "diff_mean",
    "lo",
    "hi",
    "half_width",
    "diff_sd",
    "base_mean",
    "rel_mean",
    "rel_lo",
    "rel_hi",
    "unpaired_lo",
    "unpaired_hi",
    "p_better",
    "member_min",
    "member_max",
]


def ratio_interval(pair: pd.DataFrame) -> tuple[float, float, float]:
    """Relative change ``mean(arm) / mean(base) - 1`` with a 95% interval.

    The interval comes from the delta method on the log of the ratio of the two means,
    using the paired covariance, so it respects pairing and never reaches below -100%.
    NaN when either mean is not positive (e.g. no escalation in any replication).
    """
    a, b = pair["arm"].to_numpy(float), pair["base"].to_numpy(float)
    n = a.size
    ma, mb = (a.mean(), b.mean()) if n else (math.nan, math.nan)
    if n < 2 or not (ma > 0 and mb > 0):
        return (ma / mb - 1 if n and mb > 0 else math.nan), math.nan, math.nan
    cov = np.cov(a, b, ddof=1)
    var = (cov[0, 0] / ma**2 + cov[1, 1] / mb**2 - 2 * cov[0, 1] / (ma * mb)) / n
    half = float(sps.t.ppf(0.5 + LEVEL / 2, n - 1) * math.sqrt(max(var, 0.0)))
    log_ratio = math.log(ma / mb)
    return ma / mb - 1, math.exp(log_ratio - half) - 1, math.exp(log_ratio + half) - 1


def p_better(diff: np.ndarray, better: int) -> float:
    """Share of replications where the difference favours the arm; ties count half."""
    if better == 0 or diff.size == 0:
        return math.nan
    signed = np.sign(diff) * better
    return float(((signed > 0).sum() + 0.5 * (signed == 0).sum()) / diff.size)


def ranking(
    summary: pd.DataFrame, paired: pd.DataFrame, metric: str, baseline: str
) -> pd.DataFrame:
    """Arms (baseline included) ranked best first on ``metric``, in three tiers: arms
    whose paired interval shows them better than the baseline, then the baseline with
    the arms not distinguishable from it (interval includes 0), then the arms shown
    worse; within a tier by mean paired difference in the better direction (the
    baseline's is 0), ties in config order. So an arm that might have done nothing is
    never ranked above one shown to help. ``tier`` says which: better, same, worse."""
    direction = sign(metric, default=-1)  # neutral metrics rank lowest first, for want of one
    rows = [{"arm": baseline, "diff_mean": 0.0, "lo": 0.0, "hi": 0.0, "p_better": math.nan}]
    sel = paired[paired["metric"] == metric]
    rows += sel[["arm", "diff_mean", "lo", "hi", "p_better"]].to_dict("records")
    frame = pd.DataFrame(rows)
    frame["tier"] = [
        tier(lo, hi, direction) for lo, hi in zip(frame["lo"], frame["hi"], strict=True)
    ]
    means = summary[summary["metric"] == metric].set_index("arm")["mean"]
    frame["mean"] = frame["arm"].map(means)
    values = dict(zip(frame["arm"], frame["diff_mean"], strict=True))
    order = []
    for level in TIERS:
        names = frame.loc[frame["tier"] == level, "arm"].tolist()
        order += rank_arms({n: values[n] for n in names}, direction)
    frame = frame.set_index("arm").loc[order].reset_index()
    frame.insert(0, "rank", range(1, len(frame) + 1))
    return frame.drop(columns=["lo", "hi"])


TIERS = ("better", "same", "worse")


def tier(lo: float, hi: float, direction: int) -> str:
    """``better``/``worse`` when the paired interval [lo, hi] of arm - baseline excludes 0
    on the good/bad side of the metric's ``direction``; ``same`` when it includes 0 (or is
    undefined: too few replications to tell)."""
    if not (math.isfinite(lo) and math.isfinite(hi)) or lo <= 0 <= hi:
        return "same"
    return "better" if (lo > 0) == (direction > 0) else "worse"
