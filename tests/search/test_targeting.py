"""Levers for one village type (``policy.staffing.by_type.<type>.<lever>``) in a search:
read through the county lever's type and bounds, checked before anything runs, composed
by the model's loader and costed village by village."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
import yaml

from sim.cli import main
from sim.experiments.store import RunStore
from sim.search.evaluate import BASELINE, Candidate, Composer, objective_values, run, specs_for
from sim.search.evaluate import table as run_table
from sim.search.space import SearchError, check_choices, load_search, parse_search
from tests.conftest import one_error_line

REQ_MEDIATORS = "policy.staffing.by_type.requisition.mediators_per_village"
GOOD = {
    "question": "how many mediators where?",
    "scenario": "village_mixed",
    "days": 30,
    "budget": 200000,
    "objectives": ["escalation_rate", "extra_cost"],
    "levers": {REQ_MEDIATORS: {"low": 0, "high": 8}},
}


def search_with(levers: dict, **changes):
    return parse_search("probe", {**GOOD, **changes, "levers": levers})


def test_a_per_type_lever_takes_the_county_levers_type_bounds_and_words():
    (lever,) = search_with({REQ_MEDIATORS: {"low": 0, "high": 8}}).levers
    assert lever.integer and (lever.low, lever.high) == (0, 8)
    assert lever.override(5) == f"{REQ_MEDIATORS}=5"
    assert lever.words(5) == "5 mediators per village in villages under land requisition"
    assert lever.label == "mediators per village, villages under land requisition"
    choice = search_with({"policy.staffing.by_type.clan.mediator_type": {"choices": ["full_time"]}})
    assert choice.levers[0].words("full_time") == "full-time mediators in lineage villages"
    share = "policy.visits.by_type.hollow.other_duties_share"
    (lever,) = search_with({share: {"low": 0.3, "high": 1.0}}).levers
    assert not lever.integer  # a share, as the county's other_duties_share
    # The county lever's bounds hold: a share above 1, a negative count are refused.
    with pytest.raises(SearchError, match=r"range \[0.3, 1.5\] outside the schema's \[0.0, 1.0\]"):
        search_with({share: {"low": 0.3, "high": 1.5}})
    with pytest.raises(SearchError, match=r"outside the schema's \[0, 1000\]"):
        search_with({REQ_MEDIATORS: {"low": -1, "high": 3}})


def test_the_candidates_override_composes_into_that_type_only():
    search = search_with({REQ_MEDIATORS: {"low": 0, "high": 8}}, baseline=["regime=reactive"])
    check_choices(search)  # both ends compose with the loader
    lever = search.levers[0]
    cfg = Composer(search).config(Candidate("c", (lever.override(6),)))
    staffing = cfg["policy"]["staffing"]
    assert staffing["by_type"] == {"requisition": {"mediators_per_village": 6}}
    assert staffing["mediators_per_village"] == 1  # the reactive county's elsewhere


@pytest.mark.parametrize(
    ("lever", "spec", "says"),
    [
        (
            "policy.staffing.by_type.farm.mediators_per_village",
            {"low": 0, "high": 3},
            "lever policy.staffing.by_type.farm.mediators_per_village: 'farm' is not a "
            "village type; allowed: ordinary, requisition, hollow, clan, peri_urban",
        ),
        (
            "policy.staffing.by_type.requisition.township_centre_slots",
            {"low": 1, "high": 6},
            "'township_centre_slots' cannot differ by village (it acts for a township or the "
            "county, or is no lever); allowed: mediators_per_village, mediator_type",
        ),
        (
            "policy.staffing.by_type.requisition",
            {"low": 1, "high": 6},
            "must be policy.staffing.by_type.<type>.<lever>",
        ),
        (
            "policy.staffing.by_type.requisition.mediator_type",
            {"choices": ["volunteer", "robot"]},
            "mediator_type='robot': must be one of volunteer, full_time",
        ),
        (
            "policy.staffing.by_type.clan.mediator_type",
            {"low": 0, "high": 1},
            "lever 'policy.staffing.by_type.clan.mediator_type', the county's "
            "policy.staffing.mediator_type: not a numeric parameter",
        ),
        (
            "policy.staffing.by_village.Nowhere.mediators_per_village",
            {"low": 0, "high": 2},
            "policy.staffing.by_village.Nowhere: no such village; villages: village_1",
        ),
    ],
)
def test_a_bad_type_or_lever_is_one_line_and_writes_nothing(capsys, tmp_path, lever, spec, says):
    path = tmp_path / "probe.yaml"
    path.write_text(yaml.safe_dump({**GOOD, "levers": {lever: spec}}), encoding="utf-8")
    results = tmp_path / "results"
    assert main(["search", "--file", str(path), "--results", str(results)]) == 2
    assert says in one_error_line(capsys)
    assert not results.exists()


def test_a_candidates_cost_counts_the_staff_of_its_village_type(tmp_path):
    """Paired on the same seeds: two more trained full-time mediators in the requisition
    village (one of five in ``village_mixed``) cost two salaries a year more."""
    search = search_with(
        {REQ_MEDIATORS: {"low": 1, "high": 3}},
        baseline=["policy/staffing=trained_full_time"],
    )
    composer = Composer(search)
    seeds = [11, 12]
    one, three = (Candidate(f"c{n}", (f"{REQ_MEDIATORS}={n}",)) for n in (1, 3))
    specs = specs_for(composer, [Candidate(BASELINE, ()), one, three], seeds)
    store = RunStore(tmp_path / "runs")
    with ThreadPoolExecutor(1) as pool:
        run(specs, store, pool, progress=False)
    runs = run_table(specs, store)
    cost = {c.name: objective_values(runs, c.name, ["extra_cost"])[0] for c in (one, three)}
    salary = composer.config(one)["costs"]["full_time_mediator_salary"]
    # Per-case subsidies move a little with the staff; the salaries are the difference.
    assert cost["c3"] - cost["c1"] == pytest.approx(2 * salary, rel=0.05)
    assert cost["c1"] == pytest.approx(0, abs=0.05 * salary)  # the preset's one mediator


def test_the_mixed_county_search_is_shipped_with_per_type_levers(capsys):
    search = load_search("county_mixed")
    assert search.scenario == "county_mixed"
    keys = [lv.key for lv in search.levers]
    assert REQ_MEDIATORS in keys
    assert "policy.visits.by_type.requisition.cadre_visit_interval_days" in keys
    assert main(["search", "--list"]) == 0
    assert "county_mixed:" in capsys.readouterr().out


def test_a_cost_on_one_fresh_seed_is_shown_not_taken_for_todays():
    import pandas as pd

    from sim.search.report import _cost

    one_seed = pd.Series({"extra_cost": 250000.0, "cost_low": float("nan")}, name="trial-0")
    assert _cost(one_seed) == "+0.25 [no interval: one seed]"
    today = pd.Series({"extra_cost": 0.0, "cost_low": float("nan")}, name="baseline")
    assert _cost(today) == "0 (today)"
