"""Cost-effectiveness statistics against hand-computed values on small synthetic tables."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy.stats import t as t_dist

from sim.experiments.costeffect import (
    Status,
    cost_effectiveness,
    fieller,
    frontier,
    paired_units,
)
from sim.experiments.stats import arm_summary, paired_differences, ranking

T_975_3 = 3.1824463052837078  # Student t, 97.5% quantile, 3 degrees of freedom


def test_fieller_interval_by_hand():
    # cost differences y and escalations averted x in four paired replications
    y, x = [200.0, 260.0, 180.0, 160.0], [2.0, 4.0, 3.0, 3.0]
    # means 200 and 3; variances of the means: s_yy = (5600/3)/4, s_xx = (2/3)/4,
    # s_xy = (60/3)/4; t² = 3.18245² = 10.12796
    t2 = T_975_3**2
    a = 3.0**2 - t2 * (2 / 3) / 4  # 7.31201
    b = 200.0 * 3.0 - t2 * 20 / 4  # 549.360
    c = 200.0**2 - t2 * (5600 / 3) / 4  # 35273.6
    lo, hi = (b - math.sqrt(b * b - a * c)) / a, (b + math.sqrt(b * b - a * c)) / a
    assert (lo, hi) == pytest.approx((46.4845, 103.7780), abs=1e-3)
    r = fieller(y, x)
    assert r.estimable and r.value == pytest.approx(200 / 3)
    assert (r.lo, r.hi) == pytest.approx((lo, hi))


def test_fieller_is_the_set_of_ratios_a_paired_t_test_does_not_reject():
    rng = np.random.default_rng(5)
    x = rng.normal(4.0, 1.5, 12)
    y = 50.0 * x + rng.normal(0, 40.0, 12)
    r = fieller(y, x)
    crit = t_dist.ppf(0.975, x.size - 1)
    for ratio in np.linspace(r.value - 40, r.value + 40, 161):
        d = y - ratio * x  # "ratio is the true one" holds iff mean(d) = 0
        tstat = abs(d.mean()) / (d.std(ddof=1) / math.sqrt(d.size))
        inside = r.lo <= ratio <= r.hi
        if abs(tstat - crit) > 1e-6:
            assert inside == (tstat < crit)


def test_fieller_not_estimable_when_the_effect_interval_includes_zero():
    r = fieller([100.0, 120.0, 90.0, 110.0], [1.0, -1.0, 2.0, -1.5])
    assert not r.estimable and math.isnan(r.lo) and math.isnan(r.hi)
    assert not fieller([1.0], [1.0]).estimable  # one replication: no interval


def test_frontier_marks_strong_and_extended_dominance():
    costs = {"base": 0.0, "a": 100.0, "b": 150.0, "c": 320.0, "d": 200.0}
    effects = {"base": 0.0, "a": 10.0, "b": 12.0, "c": 30.0, "d": 5.0}
    # d costs more than a and averts less: dominated. b: base->a 10 a unit, a->b 25,
    # b->c 170/18 = 9.4 < 25, so a mix of a and c beats b: extendedly dominated.
    # Left: base -> a (10 a unit) -> c (220/20 = 11 a unit), rising.
    assert frontier(costs, effects) == {
        "base": Status.FRONTIER,
        "a": Status.FRONTIER,
        "b": Status.EXTENDED,
        "c": Status.FRONTIER,
        "d": Status.DOMINATED,
    }


BASE = [20, 22, 18, 20]  # escalations a year in the baseline, four replications
ARMS = {  # arm: (escalations per replication, extra cost a year)
    "noise": ([17, 24, 17, 20], 1e4),  # averts 3, -2, 1, 0: not distinguishable
    "cheap": ([15, 16, 14, 15], 1e5),  # averts 5, 6, 4, 5
    "mid": ([16, 17, 15, 16], 2e5),  # averts 4 a year for more than cheap: dominated
    "ext": ([14, 16, 12, 14], 3e5),  # averts 6: worse value than mixing cheap and big
    "big": ([10, 11, 9, 10], 4e5),  # averts 10
}


def _table(days: float = 365.0) -> pd.DataFrame:
    rows = []
    for arm, (esc, extra) in {"base": (BASE, 0.0), **ARMS}.items():
        for r, e in enumerate(esc):
            scale = days / 365.0  # counts of a shorter run, cost already a year
            rows.append(
                {
                    "arm": arm,
                    "replication": r,
                    "error": None,
                    "days": days,
                    "escalations": e * scale,
                    "cost_per_year": 1e6 + extra,
                }
            )
    return pd.DataFrame(rows)


def test_cost_effectiveness_table_by_hand():
    ce = cost_effectiveness(_table(), "base").set_index("arm")
    assert list(ce.index) == ["base", "noise", "cheap", "mid", "ext", "big"]  # by cost
    assert ce["status"].to_dict() == {
        "base": "baseline",
        "noise": "not distinguishable from the baseline",
        "cheap": "on the frontier",
        "mid": "dominated",
        "ext": "extendedly dominated",
        "big": "on the frontier",
    }
    cheap = ce.loc["cheap"]
    assert cheap["averted"] == 5 and cheap["cost"] == pytest.approx(1e5)
    assert cheap["averted_share"] == pytest.approx(5 / 20)
    # A constant extra cost: Fieller's bounds are the cost over the averted interval's ends.
    half = T_975_3 * np.std([5, 6, 4, 5], ddof=1) / 2
    assert cheap["ratio"] == pytest.approx(20_000)
    assert (cheap["ratio_lo"], cheap["ratio_hi"]) == pytest.approx(
        (1e5 / (5 + half), 1e5 / (5 - half))
    )
    assert not ce.loc["noise", "estimable"] and math.isnan(ce.loc["noise", "ratio"])
    # ICERs between successive frontier options: base -> cheap, cheap -> big
    assert cheap["icer"] == pytest.approx(20_000) and cheap["icer_from"] == "base"
    big = ce.loc["big"]
    assert big["icer_from"] == "cheap"
    assert big["icer"] == pytest.approx((4e5 - 1e5) / (10 - 5))
    assert (big["icer_lo"], big["icer_hi"]) == pytest.approx((60_000, 60_000))  # no noise
    assert math.isnan(ce.loc["mid", "icer"]) and ce.loc["mid", "icer_from"] == ""


def test_counts_of_shorter_runs_are_scaled_to_a_year():
    short = cost_effectiveness(_table(days=73.0), "base").set_index("arm")
    year = cost_effectiveness(_table(), "base").set_index("arm")
    assert short.loc["big", "averted"] == pytest.approx(year.loc["big", "averted"])
    assert short.loc["big", "ratio"] == pytest.approx(40_000)


def test_ensemble_members_are_the_paired_units():
    table = _table()
    table["member"] = table["replication"] // 2  # members 0 and 1, two replications each
    table["replication"] = table["replication"] % 2
    d = paired_units(table, "cheap", "base", ["escalations"])
    assert list(d.index) == [0, 1]
    assert d["escalations"].tolist() == pytest.approx([-5.5, -4.5])  # member means
    assert cost_effectiveness(table, "base").set_index("arm").loc["cheap", "n"] == 2


def test_an_arm_not_distinguishable_is_never_ranked_above_one_that_is():
    rows = []
    diffs = {"sure": [-0.010, -0.011, -0.009], "maybe": [-0.10, 0.05, -0.10]}
    for r, base in enumerate([0.10, 0.20, 0.30]):
        rows.append({"arm": "base", "replication": r, "error": None, "escalation_rate": base})
        for arm, d in diffs.items():
            rows.append(
                {"arm": arm, "replication": r, "error": None, "escalation_rate": base + d[r]}
            )
    table = pd.DataFrame(rows)
    summary = arm_summary(table, ["escalation_rate"])
    paired = paired_differences(table, "base", ["escalation_rate"])
    rank = ranking(summary, paired, "escalation_rate", "base").set_index("arm")
    # "maybe" has the larger mean effect (-0.05 vs -0.01) but its interval includes 0
    assert rank.loc["sure", "rank"] == 1 and rank.loc["sure", "tier"] == "better"
    assert rank.loc["maybe", "tier"] == "same" and rank.loc["maybe", "rank"] > 1


def test_a_cheaper_worse_arm_can_precede_the_baseline_on_the_frontier():
    table = _table()
    saver = table[table["arm"] == "base"].assign(
        arm="saver", escalations=lambda t: t["escalations"] + 5, cost_per_year=1e6 - 1e5
    )
    ce = cost_effectiveness(pd.concat([table, saver], ignore_index=True), "base")
    ce = ce.set_index("arm")
    assert list(ce.index[:2]) == ["saver", "base"]
    assert ce.loc["saver", "status"] == "on the frontier"
    # going from saver up to the baseline: 100,000 yuan more for 5 escalations fewer
    assert (
        ce.loc["base", "icer"] == pytest.approx(20_000) and ce.loc["base", "icer_from"] == "saver"
    )
    assert ce.loc["base", "status"] == "baseline"
