"""What a planner reads: arms in words, one policy per arm, the opening paragraph."""

from __future__ import annotations

import pandas as pd
import pytest

from sim.config import load_params
from sim.experiments.costeffect import cost_effectiveness
from sim.experiments.dedupe import canonical, merge_same_policies
from sim.experiments.design import compose_arms, load_experiment, parse_experiment
from sim.experiments.planner import SAME, ce_table, headline_table, opening
from sim.experiments.stats import arm_summary, paired_differences, ranking
from sim.experiments.words import describe
from sim.run import run_simulation
from tests.experiments.test_costeffect import ARMS, _table


def test_overrides_are_described_in_words():
    assert describe(["policy/visits=weekly", "policy.staffing.mediators_per_village=1"]) == (
        "cadre visits every week, grid workers screening households, 1 mediator per village"
    )
    assert describe(["policy.visits.cadre_visit_interval_days=null"]) == "no routine cadre visits"
    assert describe(["policy.visits.other_duties_share=0.8"]) == (
        "grid workers spend 80% of their time on other duties"
    )
    # a key without a dictionary entry is described from the schema's documentation
    assert describe(["policy.escalation.max_failed_attempts_village=1"]).endswith(": 1")
    assert "=" not in describe(["policy.escalation.max_failed_attempts_village=1"])
    assert describe([]) == "the default policy (Fengqiao county)"


def test_grid_arms_that_are_one_policy_are_merged_and_said_so():
    exp = load_experiment("mediator_staffing")
    merged, configs, notes = merge_same_policies(exp, compose_arms(exp))
    names = [a.name for a in merged.arms]
    assert "mediators0_volunteer" in names and "mediators0_full_time" not in names
    assert len(names) == len(exp.arms) - 1 and set(configs) == set(names)
    assert len(notes) == 1 and "same policy as mediators0_volunteer" in notes[0]
    assert merged.notes == notes


def test_keys_set_aside_as_unread_do_not_change_a_run():
    # The dedupe rule claims the model never reads a village mediator's status, skill or
    # time when there are none: two such configs must give the same numbers.
    base = ["scenario=village", "scenario.n_villages=2", "days=60"]
    volunteer, p1 = load_params([*base, "policy.staffing.mediators_per_village=0"])
    full_time, p2 = load_params(
        [*base, "policy/staffing=trained_full_time", "policy.staffing.mediators_per_village=0"]
    )
    assert volunteer != full_time and canonical(volunteer)[0] == canonical(full_time)[0]
    assert run_simulation(p1).metrics == run_simulation(p2).metrics
    one, _ = load_params([*base, "policy.staffing.mediators_per_village=1"])
    one_ft, _ = load_params([*base, "policy/staffing=trained_full_time"])
    assert canonical(one)[0] != canonical(one_ft)[0]  # with mediators, status matters


def _synthetic():
    exp = parse_experiment(
        "synthetic",
        {
            "question": "q",
            "scenario": "county",
            "baseline": "base",
            "replications": 4,
            "seed_base": 0,
            "primary_metric": "escalations",
            "arms": [{"name": n, "words": f"policy {n}"} for n in ["base", *ARMS]],
        },
    )
    table = _table()
    paired = paired_differences(table, "base", ["escalations", "cost_per_year"])
    rank = ranking(arm_summary(table, ["escalations"]), paired, "escalations", "base")
    ce = {"escalations": cost_effectiveness(table, "base")}
    return exp, paired, rank, ce


def test_the_opening_paragraph_states_finding_size_cost_and_certainty():
    exp, paired, rank, ce = _synthetic()
    text = opening(exp, paired, rank, ce, ensemble_members=0)
    assert text.startswith("**In short.** 5 policies were compared with the baseline, policy base")
    assert "Best on escalations: **big**" in text
    assert "averts about 10 escalations a year" in text and "50% of the baseline's" in text
    assert "0.40 million yuan a year more [95% CI 0.40 to 0.40]" in text
    assert "40,000 yuan per escalation averted [" in text
    assert "better than the baseline in 100% of the paired replications" in text
    assert "cheapest policy on the cost-effectiveness frontier, **cheap**" in text
    assert "1 of them is not distinguishable from the baseline" in text


def test_headline_shows_the_baseline_row_and_marks_arms_without_a_clear_effect():
    exp, paired, rank, ce = _synthetic()
    _, rows = headline_table(exp, paired, rank, ce)
    by_arm = {row[1].split("**")[1]: row for row in rows}
    assert by_arm["base"][3] == "baseline"
    assert by_arm["noise"][3] == SAME
    assert by_arm["big"][0] == "1" and by_arm["big"][2].startswith("−50%")
    assert int(by_arm["noise"][0]) > max(int(by_arm[a][0]) for a in ("cheap", "mid", "ext", "big"))


@pytest.mark.parametrize("members", [0, 3])
def test_opening_says_how_sure_over_replications_or_members(members):
    exp, paired, rank, ce = _synthetic()
    paired = paired.assign(member_min=-12.0, member_max=-8.0)
    text = opening(exp, paired, rank, ce, ensemble_members=members)
    if members:
        assert "every one of the 3 calibrated parameter sets agrees" in text
    else:
        assert "run with --ensemble" in text


def test_cost_effectiveness_rows_say_what_a_negative_ratio_means():
    exp = _synthetic()[0]
    table = _table()
    worse = table[table["arm"] == "cheap"].assign(
        arm="mid", escalations=lambda t: t["escalations"] + 8
    )
    table = pd.concat([table[table["arm"] != "mid"], worse], ignore_index=True)
    _, rows = ce_table(exp, {"escalations": cost_effectiveness(table, "base")})
    by_arm = {row[0].split("**")[1]: row for row in rows}
    # "mid" now averts -3 (more escalations than the baseline) for more money
    assert by_arm["mid"][3] == "costs more and averts fewer: dominated by the baseline"
    assert by_arm["cheap"][3].startswith("20,000 [")
    assert by_arm["noise"][3].startswith("not estimable")
    assert by_arm["base"][5] == "baseline"


def test_the_opening_says_when_the_only_policy_did_worse():
    exp, _, _, _ = _synthetic()
    table = _table()
    table = table[table["arm"].isin(["base", "cheap"])]
    table.loc[table["arm"] == "cheap", "escalations"] += 10  # now 5 more than the baseline
    one = parse_experiment(
        "one", {**exp.source, "arms": [{"name": "base"}, {"name": "cheap", "words": "x"}]}
    )
    paired = paired_differences(table, "base", ["escalations"])
    rank = ranking(arm_summary(table, ["escalations"]), paired, "escalations", "base")
    text = opening(one, paired, rank, {"escalations": cost_effectiveness(table, "base")}, 0)
    assert "It did not do measurably better on escalations" in text
    assert "**cheap** did worse: about 5.0 more escalations a year" in text
    assert "25% more than the baseline, for 0.10 million yuan a year more" in text
