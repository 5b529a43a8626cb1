"""Sizes are estimated before anything is built: what cannot fit is refused in one line."""

from __future__ import annotations

import re

import pytest

import sim.cli
import sim.estimate
import sim.run
from sim.config import load_params
from sim.estimate import available_memory, estimate
from tests.conftest import one_error_line


def test_the_estimate_matches_the_benchmark_of_the_county():
    # experiments/benchmarks/bench_model.py: 59,000 residents, ~0.3 GB peak, ~1 s a year.
    est = estimate(load_params(["scenario=county"])[1])
    assert 55_000 < est.residents < 62_000
    assert 0.2e9 < est.bytes < 0.6e9
    assert 0.5 < est.seconds < 3.0
    assert 300 < est.disputes < 1500


def test_a_billion_residents_are_refused_naming_the_memory_before_anything_is_built(
    capsys, tmp_path, monkeypatch
):
    built: list[object] = []
    monkeypatch.setattr(sim.run, "build_model", lambda *a, **k: built.append(a))
    monkeypatch.setattr(sim.run, "run_simulation", lambda *a, **k: built.append(a))
    argv = ["run", "--results", str(tmp_path / "r"), "scenario.residents_per_village=1000000000"]
    assert sim.cli.main(argv) == 2
    line = one_error_line(capsys)
    assert re.search(r"would need about 1\d\.\d TB of memory", line), line
    assert "is available" in line
    assert built == []  # refused from the parameters alone: no world, no model
    assert not any(tmp_path.iterdir())


@pytest.mark.parametrize(
    ("override", "what"),
    [
        ("days=100000000", "100,000,000 days"),
        ("scenario.n_villages=100000", "100,000,000 residents"),
        ("scenario.closure_ties_per_resident=1000000", "5,000 residents"),
    ],
)
def test_sizes_beyond_the_machine_are_refused(capsys, tmp_path, override, what):
    assert sim.cli.main(["run", "--results", str(tmp_path), override]) == 2
    line = one_error_line(capsys)
    assert "would need about" in line and what in line and "is available" in line
    assert not any(tmp_path.iterdir())


def test_the_refusal_follows_the_memory_the_machine_has(capsys, tmp_path, monkeypatch):
    assert available_memory() > 100e6
    monkeypatch.setattr(sim.estimate, "available_memory", lambda: 50e6)
    assert sim.cli.main(["run", "--results", str(tmp_path), "days=5", "--no-progress"]) == 2
    assert "50 MB is available" in one_error_line(capsys)


def test_a_long_run_says_its_estimate_and_shows_progress(capsys, tmp_path, monkeypatch):
    monkeypatch.setattr(sim.cli, "LONG_RUN_SECONDS", 0.0)  # every run counts as long
    argv = ["run", "--results", str(tmp_path), "days=3", "scenario.n_villages=2"]
    assert sim.cli.main(argv) == 0
    err = capsys.readouterr().err
    assert "govsim: about" in err and "of memory" in err and "--no-progress" in err
    assert "0/3 [" in err  # tqdm's bar, even though stderr is not a terminal here
    assert sim.cli.main([*argv, "--no-progress"]) == 0
    assert capsys.readouterr().err == ""
