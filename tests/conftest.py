"""Shared helpers: tests compose the real configs under configs/, never hand-made dicts."""

from __future__ import annotations

import pytest

from sim.config import Params, load_params
from sim.model import GovernanceModel
from sim.run import build_model

# A small world for mechanism tests: two villages of one township (~2,000 residents).
SMALL = ("scenario.n_villages=2",)

# Nothing comes to light and nobody settles: every discovery channel closed.
NO_DISCOVERY = (
    "behaviour.discovery.self_report_per_day=0",
    "behaviour.discovery.neighbour_tip_per_day=0",
    "behaviour.discovery.visit_detection=0",
    "behaviour.discovery.cadre_hearing=0",
    "behaviour.discovery.campaign_hearing=0",
    "behaviour.discovery.self_settle_per_day=0",
    "behaviour.discovery.direct_filing_per_day=0",
)

REACTIVE = ("regime=reactive",)  # configs/regime/reactive.yaml: the three policy groups


def params(*overrides: str) -> Params:
    """Validated parameters from configs/ with Hydra overrides."""
    return load_params(list(overrides))[1]


def run_days(days: int, *overrides: str) -> GovernanceModel:
    """A model built from configs with ``overrides`` and stepped ``days`` days."""
    model = build_model(params(*overrides))
    for _ in range(days):
        model.step()
    return model


def one_error_line(capsys) -> str:
    """The single stderr line of a command that rejected its input."""
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1, err
    assert err[0].startswith("govsim: error: ")
    return err[0]


@pytest.fixture
def results_dir(tmp_path):
    return tmp_path / "results"


def loopback_cluster():
    """A real Dask ``LocalCluster`` of 2 single-threaded worker processes on 127.0.0.1
    (never another address in tests), without its dashboard."""
    from distributed import LocalCluster

    return LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    )


@pytest.fixture
def always_batched(monkeypatch):
    """The daily steps' batched paths even for the few disputes of a small world (they
    take the rule one dispute at a time below ``sim.processes.BATCH_FROM``)."""
    monkeypatch.setattr("sim.processes.BATCH_FROM", 1)
