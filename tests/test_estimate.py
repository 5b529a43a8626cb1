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


def _scale(villages: int) -> list[str]:
    n_townships = villages // 12
    return [
        "scenario=county",
        f"scenario.n_villages={villages}",
        f"scenario.n_townships={n_townships}",
        "scenario.residents_per_village=1400",
    ]


# The README's scale curve (``make bench-scale``, medians on the 2-core development
# machine): build + 365 days in seconds, peak memory in MB, disputes in the year.
MEASURED = {
    "village": (["scenario=village"], 0.06, 160, 40),
    "county": (["scenario=county"], 0.31, 177, 535),
    "4 counties": (_scale(232), 1.14, 268, 3054),
    "16 counties": (_scale(928), 5.64, 526, 12250),
    "city": (_scale(2187), 12.76, 997, 28500),
}


@pytest.mark.parametrize("scale", list(MEASURED))
def test_the_estimate_matches_the_scale_benchmark(scale):
    overrides, seconds, megabytes, disputes = MEASURED[scale]
    est = estimate(load_params(overrides)[1])
    # A bound to refuse by: never far below what was measured, at most 1.6 times it.
    assert 0.8 < est.seconds / seconds < 1.6, est.seconds
    assert 0.8 < est.bytes / (megabytes * 1e6) < 1.6, est.bytes
    assert 0.9 < est.disputes / disputes < 1.4, est.disputes


def test_a_billion_residents_are_refused_naming_the_memory_before_anything_is_built(
    capsys, tmp_path, monkeypatch
):
    built: list[object] = []
    monkeypatch.setattr(sim.run, "build_model", lambda *a, **k: built.append(a))
    monkeypatch.setattr(sim.run, "run_simulation", lambda *a, **k: built.append(a))
    argv = ["run", "--results", str(tmp_path / "r"), "scenario.residents_per_village=1000000000"]
    assert sim.cli.main(argv) == 2
    line = one_error_line(capsys)
    assert re.search(r"would need about 1\.\d+ TB of memory", line), line  # 368 B each
    assert "5,000,000,000 residents" in line  # five villages of a billion
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
