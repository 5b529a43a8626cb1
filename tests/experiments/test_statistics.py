"""Experiment statistics against hand-computed values, and what pairing buys."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy.stats import t as t_dist

from sim.experiments.stats import (
    arm_summary,
    p_better,
    paired_differences,
    ranking,
    t_interval,
    welch_interval,
)

# Three replications of a baseline and two arms; escalation_rate: lower is better.
TABLE = pd.DataFrame(
    {
        "arm": ["base"] * 3 + ["a"] * 3 + ["b"] * 3,
        "replication": [0, 1, 2] * 3,
        "error": [None] * 9,
        "escalation_rate": [0.10, 0.20, 0.30, 0.08, 0.17, 0.29, 0.12, 0.22, 0.30],
    }
)
T_975_2 = 4.302652729911275  # Student t, 97.5% quantile, 2 degrees of freedom


def test_t_interval_matches_hand_computation():
    mean, lo, hi, half = t_interval([1.0, 2.0, 3.0])
    assert mean == 2.0
    assert half == pytest.approx(T_975_2 * 1.0 / math.sqrt(3))
    assert (lo, hi) == pytest.approx((2.0 - half, 2.0 + half))
    assert math.isnan(t_interval([5.0])[2])  # no interval from one replication


def test_arm_summary_means_and_intervals():
    s = arm_summary(TABLE, ["escalation_rate"]).set_index("arm")
    assert s.loc["base", "mean"] == pytest.approx(0.2)
    assert s.loc["base", "sd"] == pytest.approx(0.1)
    assert s.loc["base", "half_width"] == pytest.approx(T_975_2 * 0.1 / math.sqrt(3))
    assert s.loc["a", "n"] == 3


def test_paired_difference_interval_and_probability_of_beating_the_baseline():
    p = paired_differences(TABLE, "base", ["escalation_rate"]).set_index("arm")
    # arm a: differences -0.02, -0.03, -0.01 -> mean -0.02, sd 0.01
    assert p.loc["a", "diff_mean"] == pytest.approx(-0.02)
    assert p.loc["a", "half_width"] == pytest.approx(T_975_2 * 0.01 / math.sqrt(3))
    assert p.loc["a", "p_better"] == 1.0  # lower in every replication
    # arm b: differences +0.02, +0.02, 0.0 -> worse twice, one tie (counts half)
    assert p.loc["b", "p_better"] == pytest.approx(0.5 / 3)
    # the unpaired (Welch) interval of the same data is far wider
    assert p.loc["a", "unpaired_hi"] - p.loc["a", "unpaired_lo"] > 5 * 2 * p.loc["a", "half_width"]
    assert p.loc["a", "rel_mean"] == pytest.approx(0.18 / 0.2 - 1)


def test_welch_and_p_better_by_hand():
    diff, lo, hi = welch_interval(np.array([1.0, 2.0, 3.0]), np.array([0.0, 1.0, 2.0]))
    half = t_dist.ppf(0.975, 4) * math.sqrt(1 / 3 + 1 / 3)  # equal variances: df = 4
    assert diff == 1.0
    assert (lo, hi) == pytest.approx((1.0 - half, 1.0 + half))
    assert p_better(np.array([1.0, -1.0, 0.0, 2.0]), +1) == pytest.approx(2.5 / 4)
    assert math.isnan(p_better(np.array([1.0]), 0))


def test_ranking_puts_the_best_arm_first():
    summary = arm_summary(TABLE, ["escalation_rate"])
    paired = paired_differences(TABLE, "base", ["escalation_rate"])
    order = ranking(summary, paired, "escalation_rate", "base")["arm"].tolist()
    assert order == ["a", "base", "b"]


# Two ensemble members x three replications; in member 1 the arm's effect is larger.
ENSEMBLE = pd.DataFrame(
    {
        "arm": ["base"] * 6 + ["a"] * 6,
        "member": [0, 0, 0, 1, 1, 1] * 2,
        "replication": [0, 1, 2] * 4,
        "error": [None] * 12,
        "escalation_rate": [
            *(0.10, 0.20, 0.30, 0.10, 0.20, 0.30),  # baseline, members 0 and 1
            *(0.09, 0.19, 0.29, 0.05, 0.15, 0.25),  # arm a, members 0 and 1
        ],
    }
)


def test_ensemble_pools_members_as_clusters():
    p = paired_differences(ENSEMBLE, "base", ["escalation_rate"]).set_index("arm").loc["a"]
    # member means of the paired differences: -0.01 and -0.05
    assert p["diff_mean"] == pytest.approx(-0.03)
    assert p["n"] == 6  # paired units: (member, replication)
    # the interval is over the two member means (1 degree of freedom), not the six units
    assert p["half_width"] == pytest.approx(12.706204736174707 * 0.04 / math.sqrt(2) / math.sqrt(2))
    assert (p["member_min"], p["member_max"]) == pytest.approx((-0.05, -0.01))
    # treating the six units as independent would hide the spread between members
    naive = (
        paired_differences(
            ENSEMBLE.drop(columns="member").assign(replication=list(range(6)) * 2),
            "base",
            ["escalation_rate"],
        )
        .set_index("arm")
        .loc["a"]
    )
    assert p["half_width"] > 3 * naive["half_width"]
    assert math.isnan(naive["member_min"])  # no ensemble, no member spread
    s = arm_summary(ENSEMBLE, ["escalation_rate"]).set_index("arm")
    assert s.loc["a", "mean"] == pytest.approx(0.17) and s.loc["a", "n"] == 6
    assert s.loc["a", "sd"] == pytest.approx(math.sqrt(2) * 0.02)  # sd of member means
