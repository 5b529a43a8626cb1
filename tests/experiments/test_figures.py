"""Figures a planner reads at a glance: units in words, whole-number ticks on counts,
an honest trust axis, labels that do not overlap or get cut, findings as titles."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from sim.experiments import figures as figs


def _paired(arms: list[str]) -> pd.DataFrame:
    rows = []
    for i, arm in enumerate(arms):
        rows.append({"arm": arm, "metric": "escalations", "diff_mean": -2.0 - 0.01 * i,
                     "lo": -3.0, "hi": -1.0, "rel_mean": -0.5})  # fmt: skip
        rows.append({"arm": arm, "metric": "cost_per_year", "diff_mean": 3.5e6 + 1e3 * i,
                     "lo": 3.0e6, "hi": 4.0e6, "rel_mean": 0.1})  # fmt: skip
    return pd.DataFrame(rows)


def test_cost_figure_is_in_million_yuan_with_labels_apart_and_a_finding_as_title(
    tmp_path, monkeypatch
):
    arms = [f"arm_with_a_long_name_{i}" for i in range(6)]  # all at nearly one point
    kept = []
    monkeypatch.setattr(figs, "_save", lambda fig, folder, name: kept.append(fig))
    made = figs.cost_plot(_paired(arms), 365, arms, tmp_path)
    (fig,) = kept
    ax = fig.axes[0]
    assert ax.get_ylabel() == "extra cost a year vs baseline (million yuan)"
    assert 3.0 < ax.get_ylim()[1] < 10  # 3.5 million yuan reads as 3.5, not 3.5e6
    assert made.title == ax.get_title()
    assert "3.5 million yuan a year more" in made.title and "averts" in made.title
    fig.canvas.draw()
    boxes = [t.get_window_extent() for t in ax.texts if t.get_text() in arms]
    assert len(boxes) == len(arms)
    overlaps = sum(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1 :])
    assert overlaps == 0
    plt.close(fig)


def test_trust_axis_spans_at_least_a_tenth_of_its_scale():
    lo, hi = figs.honest_trust_limits(pd.Series([0.5984, 0.5998]))
    assert hi - lo >= 0.1 - 1e-12 and lo <= 0.5984 and hi >= 0.5998
    lo, hi = figs.honest_trust_limits(np.array([0.0, 0.01]))
    assert lo == 0.0 and hi >= 0.1  # never below the scale
    lo, hi = figs.honest_trust_limits(np.array([0.2, 0.9]))
    assert lo <= 0.2 and hi >= 0.9  # a wide spread is shown whole


def test_units_in_words_and_whole_number_ticks_on_counts():
    assert figs.in_words("cost_per_year") == ("Cost (million yuan a year)", 1e6)
    assert figs.is_count("criminal_cases") and figs.is_count("group_petitions")
    assert not figs.is_count("mean_trust") and not figs.is_count("escalation_rate")
    fig, ax = plt.subplots()
    ax.plot([0, 1], [0, 2.2])
    figs.style_axis(ax, "criminal_cases", "y")
    ticks = ax.get_yticks()
    assert np.allclose(ticks, np.round(ticks))
    plt.close(fig)


def test_dose_response_legend_keeps_every_value_whole():
    label = figs._short(["policy.staffing.mediator_skill_sd", "policy.x.other_lever"],
                        "0.15, " + "a" * 80)  # fmt: skip
    assert "mediator_skill_sd=0.15" in label and label.endswith("a" * 80)


def test_difference_title_states_the_finding():
    paired = _paired(["weekly_visits"])
    assert figs.finding(paired, "escalations", ["weekly_visits"]) == (
        "weekly_visits cuts escalations by 50% against the baseline"
    )
    paired["hi"] = 1.0  # interval now includes zero
    assert figs.finding(paired, "escalations", ["weekly_visits"]).startswith("No arm changes")


def test_a_panel_that_is_zero_everywhere_says_so():
    assert figs.all_zero([0, 0.0, np.nan]) and not figs.all_zero([0, 1])
    fig, ax = plt.subplots()
    figs.say_all_zero(ax, "Criminal cases so far")
    assert "zero in every arm" in " ".join(t.get_text() for t in ax.texts)
    plt.close(fig)
