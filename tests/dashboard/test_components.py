"""The dashboard's components rendered without a browser (``solara.render``), as Mesa's
own visualisation tests do: the widgets they produce and how they respond."""

from __future__ import annotations

import ipyvuetify as v
import ipywidgets
import pytest
import solara

from sim.dashboard import app, browse, state
from sim.dashboard.experiments_tab import ExperimentBrowser
from tests.dashboard.conftest import EXPERIMENT


@pytest.fixture
def small_state():
    """Fresh dashboard state on a small world (module-level reactives outlive a test)."""
    state.scenario.set("village")
    state.seed.set(1)
    state.days.set(30)
    for pane in ("A", "B"):
        state.regime[pane].set(state.DEFAULT_REGIMES[pane])
        state.chosen[pane].set(state.starting_presets(pane))
        state.lever_values[pane].set({})
    state.playing.set(False)
    state.error.set("")
    state.pair.set(None)
    yield
    state.playing.set(False)
    state.pair.set(None)


def _text(rc, css_class: str) -> str:
    return str(rc.find(v.Html, class_=css_class).widget.children[0])


def test_step_advances_both_panes_and_a_preset_change_restarts_them(small_state):
    _, rc = solara.render(app.Compare(), handle_error=False)
    assert _text(rc, "govsim-day-A") == "Day 0" and _text(rc, "govsim-day-B") == "Day 0"
    # the schema's levers are there as controls, with their units
    labels = " ".join(str(s.label) for s in rc.find(v.Slider).widgets)
    assert "grid households (households)" in labels
    assert "mediators per village (mediators)" in labels
    rc.find(v.Btn, children=["Step"]).widget.click()
    rc.find(v.Btn, children=["Step"]).widget.click()
    assert _text(rc, "govsim-day-A") == "Day 2" and _text(rc, "govsim-day-B") == "Day 2"
    state.set_preset("B", "policy/visits", "weekly")  # what the select does
    assert state.regime["B"].value == "(none)"  # no longer the reactive regime as a whole
    assert "policy/visits=weekly" in state.settings().b
    assert _text(rc, "govsim-day-B") == "Day 0"  # rebuilt from day 0, same world
    rc.find(v.Btn, children=["Step"]).widget.click()
    assert _text(rc, "govsim-day-A") == "Day 1" and _text(rc, "govsim-day-B") == "Day 1"
    state.step(29)
    arisen = [_text(rc, f"govsim-arisen-{p}") for p in "AB"]
    assert arisen[0] == arisen[1] and arisen[0] != "Disputes arisen so far: 0"
    # a value the validator refuses is shown as its one line; the panes stay
    before = state.pair.value
    state.set_lever("A", "policy.visits.grid_households", 100_000)
    assert state.pair.value is before
    assert any("grid_households" in str(w.children) for w in rc.find(v.Alert).widgets)


def test_experiment_browser_shows_the_headline_table_and_figures(finished_experiment):
    _, rc = solara.render(ExperimentBrowser(finished_experiment), handle_error=False)
    texts = " ".join(str(w.children) for w in rc.find(v.Html).widgets)
    assert EXPERIMENT in texts
    images = rc.find(ipywidgets.Image).widgets
    assert len(images) == len(browse.figures(finished_experiment, EXPERIMENT)) >= 1
    table = rc.find(v.DataTable).widget if rc.find(v.DataTable).widgets else None
    assert table is None or "campaign_only" in str(table.items)


def test_experiment_browser_says_how_to_make_one_when_there_is_none(tmp_path):
    _, rc = solara.render(ExperimentBrowser(tmp_path), handle_error=False)
    assert any("govsim experiment NAME" in str(w.children) for w in rc.find(v.Alert).widgets)
