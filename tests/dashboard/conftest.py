"""Fixtures of the dashboard tests: a small finished experiment, fresh dashboard state,
and Playwright pointed at the system Chromium (browser downloads are blocked here)."""

from __future__ import annotations

import os
import shutil

import pytest

from sim.experiments.cli import main as experiment

# Two arms, two replications, a small world: the smallest experiment that has a
# baseline, a paired difference, a cost and figures.
EXPERIMENT = "visit_frequency"
EXPERIMENT_ARGS = (
    "scenario=village",
    "scenario.n_villages=2",
    "days=40",
    "--replications",
    "2",
    "--arms",
    "campaign_only",
    "--no-progress",
    "--workers",
    "1",
)


@pytest.fixture(scope="session")
def finished_experiment(tmp_path_factory):
    """A results folder holding one finished experiment, written by the test."""
    results = tmp_path_factory.mktemp("dashboard") / "results"
    assert experiment([EXPERIMENT, *EXPERIMENT_ARGS, "--results", str(results)]) == 0
    return results


def chromium() -> str | None:
    """The system Chromium (Debian's ``chromium`` package), or $GOVSIM_CHROMIUM."""
    given = os.environ.get("GOVSIM_CHROMIUM")
    if given:
        return given
    return next((p for p in map(shutil.which, ("chromium", "chromium-browser")) if p), None)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """pytest-playwright's launch arguments, with the system Chromium."""
    path = chromium()
    if path is None:
        pytest.skip(
            "no Chromium found: install it (Debian/Ubuntu: apt-get install chromium) "
            "or set GOVSIM_CHROMIUM to its path; see README, Dashboard"
        )
    return {**browser_type_launch_args, "executable_path": path}
