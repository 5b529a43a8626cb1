"""Bad search input: one line naming key, value and what is allowed; exit 2; nothing written."""

from __future__ import annotations

import pytest
import yaml

from sim.cli import main
from sim.search.space import load_search
from tests.conftest import one_error_line

GOOD = {
    "question": "which visits?",
    "scenario": "village",
    "days": 30,
    "budget": 50000,
    "objectives": ["escalation_rate", "extra_cost"],
    "levers": {"policy/visits": {"choices": ["monthly", "weekly"]}},
}


def write(tmp_path, **changes):
    raw = {**GOOD, **changes}
    path = tmp_path / "probe.yaml"
    path.write_text(yaml.safe_dump(raw), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("changes", "argv", "says"),
    [
        ({}, ["--budget", "-1"], "--budget=-1: must be a number of yuan a year >= 0"),
        (
            {"levers": {"policy.visits.cadre_visit_speed": {"low": 1, "high": 3}}},
            [],
            "lever 'policy.visits.cadre_visit_speed' is not in the config schema",
        ),
        ({"levers": {}}, [], "the search space is empty"),
        (
            {"levers": {"policy/visits": {"choices": []}}},
            [],
            "lever 'policy/visits': choices is empty",
        ),
        (
            {"levers": {"policy.staffing.mediators_per_village": {"low": 2, "high": 2}}},
            [],
            "range [2, 2] is empty",
        ),
        (
            {"levers": {"policy.staffing.mediators_per_village": {"low": -1, "high": 2}}},
            [],
            "outside the schema",
        ),
        (
            {"levers": {"policy/visits": {"choices": ["weekly", "hourly"]}}},
            [],
            "'hourly' is not a preset",
        ),
        (
            {"levers": {"policy.staffing.mediator_type": {"choices": ["volunteer", "robot"]}}},
            [],
            "mediator_type",
        ),
        ({"objectives": ["extra_cost"]}, [], "must start with escalation_rate"),
        ({"budget": -5}, [], "budget=-5: must be a number of yuan a year >= 0"),
        ({}, ["--trials", "0"], "--trials=0: must be at least 1"),
        ({}, ["--cluster", "nosuch"], "--cluster=nosuch: no file"),
        ({}, ["--cluster", "local", "--workers", "2"], "--cluster=local: not with --workers"),
    ],
)
def test_bad_input_is_one_line_and_writes_nothing(capsys, tmp_path, changes, argv, says):
    results = tmp_path / "results"
    path = write(tmp_path, **changes)
    code = main(["search", "--file", str(path), "--results", str(results), *argv])
    assert code == 2
    assert says in one_error_line(capsys)
    assert not results.exists()


def test_unknown_search_names_the_shipped_ones(capsys, tmp_path):
    assert main(["search", "nowhere", "--results", str(tmp_path / "r")]) == 2
    line = one_error_line(capsys)
    assert "unknown search 'nowhere'" in line and "county" in line
    assert not (tmp_path / "r").exists()


def test_shipped_search_configs_parse_and_list(capsys):
    assert main(["search", "--list"]) == 0
    out = capsys.readouterr().out
    assert "county:" in out and "village:" in out


@pytest.mark.parametrize(
    "name",
    [
        pytest.param("county", marks=pytest.mark.slow),
        pytest.param("county_mixed", marks=pytest.mark.slow),
        "village",
    ],
)
def test_every_choice_of_the_shipped_searches_composes(name):
    from sim.search.space import check_choices, load_search

    search = load_search(name)
    check_choices(search)  # raises on a choice the validator rejects
    assert search.objectives[:2] == ("escalation_rate", "extra_cost")


def test_optional_objectives_take_their_metric_direction():
    from sim.search.space import parse_search

    raw = {
        **GOOD,
        "objectives": ["escalation_rate", "extra_cost", "petitions_per_10k", "mean_trust"],
    }
    search = parse_search("probe", raw)
    assert search.directions() == ["minimize", "minimize", "minimize", "maximize"]


def test_candidates_and_preset_combinations_are_described_in_a_planners_words():
    from sim.search.validate import preset_candidates

    levers = {lv.key: lv for lv in load_search("county").levers}
    assert levers["policy/visits"].words("weekly") == (
        "cadre visits every week, grid workers screening households"
    )
    assert levers["policy.staffing.mediators_per_village"].words(2) == "2 mediators per village"
    share = levers["policy.visits.other_duties_share"].words(0.36612)
    assert share == "grid workers spend 37% of their time on other duties"
    combo = next(c for c in preset_candidates() if c.name == "preset:weekly+fengqiao+ladder")
    assert combo.words == (
        "cadre visits every week, grid workers screening households, two volunteer mediators "
        "per village, the escalation ladder with feedback deadlines and follow-up visits"
    )


def test_a_preset_adjusted_by_another_lever_says_so():
    """Two volunteer mediators per village, then 0 per village, would contradict itself."""
    from sim.search.study import candidate_of

    search = load_search("county")
    params = {"policy/staffing": "fengqiao", "policy.staffing.mediators_per_village": 0}
    words = candidate_of(search, params).words
    assert words == (
        "two volunteer mediators per village, except as set next; 0 mediators per village"
    )
    alone = candidate_of(search, {"policy/staffing": "fengqiao", "policy/visits": "weekly"})
    assert "two volunteer mediators per village" in alone.words
