"""The dashboard's state, one copy per browser session (Solara keeps a reactive
variable's value per connection), and the actions the controls call.

Both panes are rebuilt from the same seed whenever a setting changes, so they always
show the same world from day 0; Step and Play then advance them together.
"""

from __future__ import annotations

import math
import os
import time
from pathlib import Path
from typing import Any

import solara
from mesa.visualization.utils import force_update

from sim.config import ConfigError
from sim.dashboard.levers import (
    NONE,
    default_presets,
    group_choices,
    pane_overrides,
    regime_presets,
)
from sim.dashboard.pair import PANES, Pair, Settings
from sim.dashboard.start import RESULTS_ENV, start_value

DEFAULT_REGIMES = {"A": "fengqiao", "B": "reactive"}


def results_root() -> Path:
    return Path(os.environ.get(RESULTS_ENV, "results"))


def starting_presets(pane: str) -> dict[str, str]:
    return {**default_presets(), **regime_presets(DEFAULT_REGIMES[pane])}


scenario = solara.reactive(start_value("scenario"))
seed = solara.reactive(int(start_value("seed")))
days = solara.reactive(int(start_value("days")))
regime = {p: solara.reactive(DEFAULT_REGIMES[p]) for p in PANES}
chosen = {p: solara.reactive(starting_presets(p)) for p in PANES}
lever_values: dict[str, solara.Reactive[dict[str, Any]]] = {p: solara.reactive({}) for p in PANES}
every = solara.reactive(0)  # Play draws every k simulated days; 0: k chosen to keep pace
TARGET_PACE = 20.0  # simulated days a second that the automatic k aims at (at least 10)
MAX_EVERY = 60
village = solara.reactive(1)  # 1-based, as a planner counts
village_by = solara.reactive("grids")
playing = solara.reactive(False)
pair: solara.Reactive[Pair | None] = solara.reactive(None)
error = solara.reactive("")
speed = solara.reactive(0.0)  # simulated days a second over the last Play


def settings() -> Settings:
    return Settings(
        shared=(f"scenario={scenario.value}", f"seed={seed.value}", f"days={days.value}"),
        a=pane_overrides(chosen["A"].value, lever_values["A"].value),
        b=pane_overrides(chosen["B"].value, lever_values["B"].value),
    )


def rebuild() -> None:
    """Both panes anew from day 0 with the current settings; a setting the validator
    refuses is shown as its one line and the panes keep what they had."""
    playing.set(False)
    try:
        built = Pair(settings())
    except ConfigError as err:
        error.set(str(err))
        return
    error.set("")
    pair.set(built)
    village.set(min(village.value, built.models[0].world.n_villages))
    force_update()


def ensure() -> Pair | None:
    if pair.value is None or pair.value.settings != settings():
        rebuild()
    return pair.value


def step(days_: int = 1) -> None:
    current = ensure()
    if current is not None:
        current.step(days_)
        force_update()


def play_loop() -> None:
    """Step both panes ``every`` days a frame until paused or the run ends; the speed
    shown is simulated days over wall time, drawing included."""
    current = ensure()
    if current is None:
        playing.set(False)
        return
    started, first_day = time.perf_counter(), current.day
    frame_seconds = 0.25  # a first guess: five days for the first frame
    while playing.value and not current.finished:
        frame_start = time.perf_counter()
        current.step(every.value or frame_days(frame_seconds))
        force_update()
        frame_seconds = time.perf_counter() - frame_start
        elapsed = time.perf_counter() - started
        if elapsed > 0:
            speed.set((current.day - first_day) / elapsed)
        time.sleep(0.005)  # let a Pause click in between frames
    playing.set(False)


def frame_days(frame_seconds: float) -> int:
    """Days to step before the next drawing so that Play keeps ``TARGET_PACE``: a frame
    that took 0.5 s means ten days a frame."""
    return max(1, min(MAX_EVERY, math.ceil(TARGET_PACE * frame_seconds)))


def set_shared(setting: solara.Reactive[Any], value: Any) -> None:
    """Scenario, seed or days: both panes are rebuilt with it."""
    setting.set(value)
    rebuild()


def set_regime(pane: str, name: str) -> None:
    regime[pane].set(name)
    if name != NONE:
        chosen[pane].set({**chosen[pane].value, **regime_presets(name)})
        lever_values[pane].set({})
    rebuild()


def set_preset(pane: str, group: str, name: str) -> None:
    chosen[pane].set({**chosen[pane].value, group: name})
    regime[pane].set(_matching_regime(chosen[pane].value))
    prefix = group.replace("/", ".") + "."
    lever_values[pane].set(
        {k: v for k, v in lever_values[pane].value.items() if not k.startswith(prefix)}
    )
    rebuild()


def set_lever(pane: str, key: str, value: Any) -> None:
    lever_values[pane].set({**lever_values[pane].value, key: value})
    rebuild()


def _matching_regime(presets_: dict[str, str]) -> str:
    for name in group_choices("regime")[1:]:
        if all(presets_.get(g) == p for g, p in regime_presets(name).items()):
            return name
    return NONE
