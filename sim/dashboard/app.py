"""The dashboard page (``govsim dashboard``, or ``solara run sim.dashboard.app``).

Two tabs: two policies stepping through one simulated county side by side, and the
finished experiments. Mesa's SolaraViz drives one model, so the page is built from
Solara's components with Mesa's update machinery (``force_update``/``update_counter``)
and matplotlib figures (Mesa's altair backend would fetch its JavaScript from a CDN).
"""

from __future__ import annotations

import functools
from typing import Any

import solara
import solara.lab
from matplotlib.figure import Figure
from mesa.visualization.utils import update_counter

from sim.config import presets
from sim.config.walk import leaves
from sim.dashboard import state
from sim.dashboard.charts import LiveCharts
from sim.dashboard.experiments_tab import ExperimentBrowser
from sim.dashboard.levers import Lever, group_choices, policy_groups, policy_levers
from sim.dashboard.pair import PANES, Pair, live_row
from sim.dashboard.village import VillageView

DPI = 90  # figures are redrawn every frame: small PNGs keep Play fast
# Bold text without solara.Markdown, which loads KaTeX from a CDN path solara-assets lacks.
BOLD = {"font-weight": "bold"}


def _value(params: Any, key: str) -> Any:
    return functools.reduce(getattr, key.split("."), params)


def pane_name(pane: str) -> str:
    chosen = state.chosen[pane].value
    regime = state.regime[pane].value
    text = regime if regime != "(none)" else ", ".join(chosen.values())
    return f"{pane}: {text}" + (" + levers" if state.lever_values[pane].value else "")


@solara.component
def LeverControl(pane: str, lever: Lever, value: Any):
    """One schema parameter as a control: its words, unit and allowed range."""
    tip = f"{lever.doc}; allowed {lever.allowed}"
    label = lever.label

    def on(v: Any) -> None:
        state.set_lever(pane, lever.key, v)

    with solara.Column(gap="0px", style={"margin-bottom": "6px"}):
        if lever.kind == "bool":
            solara.Checkbox(label=label, value=bool(value), on_value=on)
        elif lever.kind == "choice":
            solara.Select(label=label, values=list(lever.choices), value=value, on_value=on)
        else:
            if lever.optional:
                solara.Checkbox(
                    label=f"{label}: none",
                    value=value is None,
                    on_value=lambda off: on(None if off else int(lever.span(None)[0] or 1)),
                )
            if value is not None:
                lo, hi, step = lever.span(value)
                if lever.kind == "int":
                    solara.SliderInt(
                        label,
                        value=int(value),
                        min=int(lo),
                        max=int(hi),
                        step=1,
                        on_value=on,
                        thumb_label=True,
                    )
                else:
                    solara.SliderFloat(
                        label,
                        value=float(value),
                        min=lo,
                        max=hi,
                        step=step,
                        on_value=on,
                        thumb_label=True,
                    )
        solara.Text(tip, style={"font-size": "11px", "color": "#666"})


@solara.component
def PolicyControls(pane: str, pair: Pair | None):
    """A pane's regime, a preset per policy group and its levers (from the schema)."""
    with solara.Column(classes=[f"govsim-controls-{pane}"]):
        solara.Text(f"Policy {pane}", style=BOLD)
        solara.ToggleButtonsSingle(
            value=state.regime[pane].value,
            values=group_choices("regime"),
            on_value=lambda name: state.set_regime(pane, name),
        )
        for group in policy_groups():
            solara.Select(
                label=f"{group.split('/')[-1]} (policy {pane})",
                values=presets(group),
                value=state.chosen[pane].value.get(group),
                on_value=lambda name, g=group: state.set_preset(pane, g, name),
            )
        if pair is None:
            return
        params = pair.models[PANES.index(pane)].params
        by_group: dict[str, list[Lever]] = {}
        for lever in policy_levers():
            by_group.setdefault(lever.group, []).append(lever)
        for group, levers in by_group.items():
            with solara.Details(f"{group.split('/')[-1]} levers"):
                for lever in levers:
                    LeverControl(pane, lever, _value(params, lever.key))


@solara.component
def RunControls(pair: Pair | None):
    playing = state.playing.value
    with solara.Column():
        solara.Select(
            label="scenario",
            values=presets("scenario"),
            value=state.scenario.value,
            on_value=lambda v: state.set_shared(state.scenario, v),
        )
        solara.InputInt(
            "seed (both panes)",
            value=state.seed.value,
            on_value=lambda v: state.set_shared(state.seed, v),
        )
        days_leaf = leaves()["days"].meta
        solara.SliderInt(
            "days",
            value=state.days.value,
            min=int(days_leaf["lo"] or 1),
            max=3 * 365,
            on_value=lambda v: state.set_shared(state.days, v),
            thumb_label=True,
        )
        solara.SliderInt(
            "Play draws every k days (0: as often as keeps 10+ days a second)",
            value=state.every,
            min=0,
            max=state.MAX_EVERY,
            thumb_label=True,
        )
        with solara.Row():
            solara.Button("Step", on_click=lambda: state.step(1), disabled=playing)
            solara.Button(
                "Pause" if playing else "Play",
                on_click=lambda: state.playing.set(not playing),
                color="primary",
            )
            solara.Button("Reset", on_click=state.rebuild, disabled=playing)
        if state.speed.value:
            solara.Text(
                f"last Play: {state.speed.value:.1f} simulated days a second",
                classes=["govsim-speed"],
            )
        if state.error.value:
            solara.Error(state.error.value, classes=["govsim-error"])
        n = pair.models[0].world.n_villages if pair else 1
        solara.SliderInt("village shown", value=state.village, min=1, max=n, thumb_label=True)
        solara.ToggleButtonsSingle(value=state.village_by, values=["grids", "lineages"])


def _png_figure(fig: Figure, key: Any) -> None:
    solara.FigureMatplotlib(fig, dependencies=[key], format="png", dpi=DPI)


@solara.component
def PolicyPane(pair: Pair, index: int, frame: int):
    pane = PANES[index]
    model = pair.models[index]
    today = live_row(model) if model.day else None
    with solara.Card(f"Policy {pane_name(pane)}", classes=[f"govsim-pane-{pane}"]):
        with solara.Column(gap="2px"):
            solara.Text(
                f"Day {model.day}",
                classes=[f"govsim-day-{pane}"],
                style={"font-size": "20px", "font-weight": "bold"},
            )
            solara.Text(
                f"Disputes arisen so far: {len(model.book)}", classes=[f"govsim-arisen-{pane}"]
            )
        if today is not None:
            open_now = sum(
                int(today[s]) for s in ("latent", "waiting", "in_mediation", "in_petition")
            )
            solara.Text(
                f"Open now {open_now} · escalations so far {int(today['escalations'])} · "
                f"petitions so far {int(today['petitions'])} · trust {today['mean_trust']:.3f}",
                classes=[f"govsim-outcome-{pane}"],
            )
        village, by = state.village.value - 1, state.village_by.value
        view = solara.use_memo(lambda: VillageView(model, village, by), [model, village, by])
        view.update(pair.slots_before[index])
        _png_figure(view.fig, (frame, model, village, by))


@solara.component
def Panes():
    """What changes every frame: both panes and the shared charts (the controls beside
    them are not redrawn while Play runs)."""
    frame = update_counter.get()  # Mesa's redraw counter: bumped after every Step or frame
    pair = state.pair.value
    if pair is None:
        solara.Info("Building both panes…")
    else:
        PairView(pair, frame)


@solara.component
def PairView(pair: Pair, frame: int):
    with solara.Columns([1, 1]):
        for i in range(len(PANES)):
            PolicyPane(pair, i, frame)
    charts = solara.use_memo(
        lambda: LiveCharts({p: pane_name(p) for p in PANES}, pair.days), [pair]
    )
    charts.update(pair.series(), pair.difference())
    _png_figure(charts.live, (frame, pair))
    _png_figure(charts.diff, (frame, pair))


@solara.component
def Compare():
    solara.use_effect(lambda: (state.ensure(), None)[1], [])
    solara.lab.use_task(state.play_loop, dependencies=[state.playing.value], prefer_threaded=True)
    pair = state.pair.value
    with solara.Columns([1, 3]):
        with solara.Column():
            RunControls(pair)
            for pane in PANES:
                with solara.Card():
                    PolicyControls(pane, pair)
        with solara.Column():
            Panes()


@solara.component
def Page():
    solara.Title("govsim dashboard")
    with solara.lab.Tabs():
        with solara.lab.Tab("Two policies, one county"):
            Compare()
        with solara.lab.Tab("Experiments"):
            ExperimentBrowser(state.results_root())
