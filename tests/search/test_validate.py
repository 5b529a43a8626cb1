"""Fresh-seed checks on hand-made runs: intervals, the honest front, the verdict, regret."""

from __future__ import annotations

import pandas as pd
import pytest

from sim.search.validate import (
    PRESET_PREFIX,
    ensemble_standing,
    honest_front,
    interval,
    preset_candidates,
    summary,
    verdict,
)

SEEDS = [1, 2, 3, 4]


def runs(rates: dict[str, list[float]], costs: dict[str, float], member: int = -1):
    rows = []
    for name, values in rates.items():
        for seed, rate in zip(SEEDS, values, strict=True):
            rows.append(
                {
                    "candidate": name,
                    "member": member,
                    "seed": seed,
                    "escalation_rate": rate,
                    "cost_per_year": costs[name] + seed,  # the same noise for everyone
                }
            )
    return pd.DataFrame(rows)


def test_interval_is_the_paired_t_interval():
    mean, low, high = interval([1.0, 2.0, 3.0])
    # mean 2, sd 1, t(0.975, 2) = 4.3027: half-width 4.3027 / sqrt(3) = 2.4841
    assert mean == 2.0
    assert low == pytest.approx(2.0 - 2.48414, abs=1e-4)
    assert high == pytest.approx(2.0 + 2.48414, abs=1e-4)


PRESET = PRESET_PREFIX + "a+b+c"
RATES = {
    "baseline": [0.20, 0.22, 0.18, 0.20],
    "good": [0.10, 0.12, 0.08, 0.10],  # better than the preset on every seed
    "dear": [0.11, 0.13, 0.09, 0.11],  # worse than good and dearer: off the front
    PRESET: [0.14, 0.15, 0.13, 0.14],
    PRESET_PREFIX + "x+y+z": [0.05, 0.05, 0.05, 0.05],  # best, but over the budget
}
COSTS = {"baseline": 0, "good": 500, "dear": 800, PRESET: 300, PRESET_PREFIX + "x+y+z": 5000}


def test_honest_front_verdict_and_summary():
    table = runs(RATES, COSTS)
    s = summary(table, list(RATES), ["escalation_rate", "extra_cost"])
    assert s.loc["good", "extra_cost"] == pytest.approx(500)
    assert s.loc["good", "esc_change"] == pytest.approx(-0.10)
    assert honest_front(table, ["good", "dear"]) == {"good": None, "dear": "good"}
    v = verdict(table, s, ["good"], budget=1000)
    assert v.recommended == "good"
    assert v.eligible_presets == [PRESET]  # the dear preset is over the budget
    assert v.runner_up == PRESET
    assert v.beats_all and v.closest() == PRESET
    # paired differences -0.04, -0.03, -0.05, -0.04: mean -0.04, sd 0.008165, t(3) 3.1824
    mean, _, high = v.beaten[PRESET]
    assert (mean, high) == (pytest.approx(-0.04), pytest.approx(-0.04 + 0.012991, abs=1e-5))


def test_no_win_when_the_interval_includes_zero():
    rates = {**RATES, PRESET: [0.09, 0.13, 0.09, 0.10]}
    table = runs(rates, COSTS)
    s = summary(table, list(rates), ["escalation_rate", "extra_cost"])
    v = verdict(table, s, ["good"], budget=1000)
    assert v.recommended == "good" and not v.beats_all


def test_ensemble_share_on_front_and_regret():
    a = runs(
        {"baseline": [0.2] * 4, "p": [0.10] * 4, "q": [0.12] * 4},
        {"baseline": 0, "p": 9, "q": 5},
        0,
    )
    b = runs(
        {"baseline": [0.2] * 4, "p": [0.15] * 4, "q": [0.11] * 4},
        {"baseline": 0, "p": 9, "q": 5},
        1,
    )
    st = ensemble_standing(pd.concat([a, b]), ["p", "q"], budget=100)
    assert st.loc["p", "on_front_share"] == 0.5  # dominated by q (cheaper, better) in member 1
    assert st.loc["q", "on_front_share"] == 1.0  # cheapest: always on the front
    assert st.loc["p", "regret_mean"] == pytest.approx((0.0 + 0.04) / 2)
    assert st.loc["q", "regret_max"] == pytest.approx(0.02)


def test_every_preset_combination_once():
    from sim.config import presets

    combos = preset_candidates()
    n = 1
    for group in ("policy/visits", "policy/staffing", "policy/escalation"):
        n *= len(presets(group))
    assert len(combos) == len({c.overrides for c in combos}) == n
