"""How ``govsim dashboard`` hands its options to the app it starts (environment
variables, since the Solara server imports the app in its own process)."""

from __future__ import annotations

import os

RESULTS_ENV = "GOVSIM_DASHBOARD_RESULTS"  # --results: the experiment browser's folder
# The first settings of every browser session: --scenario, --days, --seed.
START_ENV = {
    "scenario": "GOVSIM_DASHBOARD_SCENARIO",
    "days": "GOVSIM_DASHBOARD_DAYS",
    "seed": "GOVSIM_DASHBOARD_SEED",
}
START = {"scenario": "county", "days": "365", "seed": "0"}


def start_value(key: str) -> str:
    return os.environ.get(START_ENV[key], START[key])
