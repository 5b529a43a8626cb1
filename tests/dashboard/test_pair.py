"""The dashboard's model side, without a browser: two panes on one world, controls
read from the schema, the village view's layout and the experiment browser's table."""

from __future__ import annotations

import copy
import typing

import pandas as pd
import pytest
from matplotlib.figure import Figure

from sim.config import ConfigError, load_params, params_from_dict
from sim.config.walk import get_value, leaves, set_value
from sim.dashboard import browse, levers
from sim.dashboard.levers import default_presets, policy_groups, policy_levers, regime_presets
from sim.dashboard.pair import LIVE, Pair, Settings
from sim.dashboard.village import STATE_INDEX, VillageView, household_states, layout
from tests.dashboard.conftest import EXPERIMENT

SMALL = ("scenario=village", "scenario.n_villages=2", "days=60")


def _pair(seed: int, a: str = "regime=fengqiao", b: str = "regime=reactive") -> Pair:
    return Pair(Settings((*SMALL, f"seed={seed}"), (a,), (b,)))


def test_both_panes_face_the_same_disputes_and_part_under_different_policies():
    parted = 0
    for seed in (1, 2, 3):
        pair = _pair(seed)
        assert pair.step(60) == 60 and pair.day == 60 and pair.finished
        assert pair.step(5) == 0  # never past the configured days
        assert pair.onsets(0) == pair.onsets(1) and pair.onsets(0)  # same world, same days
        series = pair.series()
        a, b = (series[series["pane"] == p].reset_index(drop=True) for p in "AB")
        parted += not a[list(LIVE)].equals(b[list(LIVE)])
        diff = pair.difference()
        assert diff["mean_trust"].tolist() == pytest.approx(
            (b["mean_trust"] - a["mean_trust"]).tolist()
        )
    assert parted == 3  # Fengqiao and reactive policies never run identically


def test_the_same_policy_in_both_panes_runs_identically():
    pair = _pair(4, "regime=fengqiao", "regime=fengqiao")
    pair.step(60)
    assert (pair.difference()[list(LIVE)] == 0).all().all()


def test_a_refused_setting_names_its_key_before_anything_is_built():
    with pytest.raises(ConfigError, match=r"policy\.staffing\.mediators_per_village"):
        Pair(Settings(SMALL, ("policy.staffing.mediators_per_village=-1",), ()))


def test_every_policy_parameter_of_the_schema_has_a_control_with_its_unit_and_range():
    levers = {lv.key: lv for lv in policy_levers()}
    # Per-village lever mappings (by_type, by_village) are set per village, not on a slider.
    numeric = {
        k
        for k, leaf in leaves().items()
        if k.startswith("policy.")
        and not k.endswith(".name")
        and typing.get_origin(leaf.hint) is not dict
    }
    assert set(levers) == numeric
    grid = levers["policy.visits.grid_households"]
    assert grid.kind == "int" and grid.unit == "households" and grid.allowed.startswith("1 to")
    assert levers["policy.staffing.mediator_type"].choices == ("volunteer", "full_time")
    assert levers["policy.visits.cadre_visit_interval_days"].optional
    assert {lv.group for lv in levers.values()} == set(policy_groups())


def test_every_control_value_is_accepted_or_refused_in_one_line_naming_its_key():
    # The slider ends of every lever, set on the composed config and validated as a run
    # would be; the dashboard shows a refusal as that line and keeps the panes it had.
    cfg = load_params(list(SMALL))[0]
    accepted = 0
    for lever in policy_levers():
        value = get_value(cfg, lever.key)
        numeric = lever.kind in ("int", "float")
        for moved in lever.span(value)[:2] if numeric else [value]:
            changed = copy.deepcopy(cfg)
            set_value(changed, lever.key, int(moved) if lever.kind == "int" else moved)
            try:
                params_from_dict(changed)
                accepted += 1
            except ConfigError as err:
                assert "\n" not in str(err) and lever.key.rsplit(".", 1)[-1] in str(err)
    assert accepted > len(policy_levers())  # most ends are valid values


def test_a_regime_sets_its_group_presets():
    assert regime_presets("reactive")["policy/visits"] == "campaign_only"
    assert regime_presets("(none)") == {}


def test_regimes_and_defaults_are_read_once_and_handed_out_as_copies(monkeypatch):
    # every preset change asks what each regime sets: the files are not read again
    reads: list[str] = []
    real = levers.regime_overrides
    monkeypatch.setattr(levers, "regime_overrides", lambda o: reads.append(o) or real(o))
    levers._regime_presets.cache_clear()
    levers._policy_defaults.cache_clear()
    first = regime_presets("reactive")
    first["policy/visits"] = "weekly"
    assert regime_presets("reactive")["policy/visits"] == "campaign_only"
    assert reads == ["regime=reactive"]
    defaults = default_presets()
    assert defaults["policy/staffing"] == "fengqiao" and set(defaults) == set(policy_groups())
    defaults.clear()
    assert default_presets()["policy/staffing"] == "fengqiao"
    levers._regime_presets.cache_clear()  # not to keep the counting reader's answers


def test_village_view_lays_households_out_by_grid_and_colours_their_disputes():
    pair = _pair(6)
    pair.step(60)
    model = pair.models[1]  # reactive policy: disputes stay open longer
    by_grid = layout(model, 0, "grids")
    world = model.world
    assert len(by_grid.households) == world.village_households[0]
    grids = world.household_grid[by_grid.households]
    # one block per grid, side by side: a grid's households share their columns
    assert len(by_grid.blocks) == len(set(grids.tolist()))
    for g in set(grids.tolist()):
        xs = by_grid.x[grids == g]
        assert xs.max() - xs.min() < 10
    assert len(layout(model, 0, "lineages").blocks) >= 1
    assert model.book.open
    village = next(iter(model.book.open.values())).village
    states = household_states(model, village)
    open_here = [d for d in model.book.open.values() if d.village == village]
    assert len(states) >= len(open_here)  # disputes colour their parties' households
    for d in open_here:
        home = int(world.resident_household[d.claimants[0]])
        assert states[home] >= STATE_INDEX["not yet known"]
    view = VillageView(model, 0, "grids")
    view.update(pair.slots_before[1])
    assert isinstance(view.fig, Figure)


def test_experiment_browser_shows_the_stored_numbers(finished_experiment):
    results = finished_experiment
    assert browse.experiments(results) == [EXPERIMENT]
    stored = pd.read_csv(results / "experiments" / EXPERIMENT / "paired.csv")
    table = browse.headline(results, EXPERIMENT, metrics=["escalation_rate"])
    row = stored[(stored["metric"] == "escalation_rate") & (stored["arm"] == "campaign_only")]
    assert list(table["arm"]) == ["campaign_only"]
    assert table["effect (arm - baseline)"].iloc[0] == f"{row['diff_mean'].iloc[0]:.3g}"
    cost = stored[(stored["metric"] == "cost_per_year") & (stored["arm"] == "campaign_only")]
    assert table["extra cost a year (million yuan)"].iloc[0] == (
        f"{cost['diff_mean'].iloc[0] / 1e6:+.3f}"
    )
    assert browse.figures(results, EXPERIMENT)  # the stored PNGs
    assert browse.headline(results, EXPERIMENT, arms=["nope"]).empty


def test_an_unfinished_experiment_is_not_listed(tmp_path):
    (tmp_path / "experiments" / "half_done" / "runs").mkdir(parents=True)
    assert browse.experiments(tmp_path) == []
