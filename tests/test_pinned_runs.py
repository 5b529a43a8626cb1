"""Runs pinned before the speed work: every metric, the dispute table and the daily
series of a set of configurations must stay exactly as they were.

The speed work (lazy residents, event-driven daily steps) must not change a single
number while the random draws stay in the same order. The set covers a village and a
small county, the stated and the calibrated behaviour, the Fengqiao and the reactive
regime, over two seeds. Regenerate only when a change is meant to move the numbers,
and say why in the commit:  GOVSIM_UPDATE_PINNED=1 python -m pytest tests/test_pinned_runs.py
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from sim.output.run_folder import metrics_json
from sim.run import RunResult, run_simulation
from tests.conftest import params

PINNED = Path(__file__).parent / "baseline" / "pinned_runs.json"

SCENARIOS = {
    "village": ("scenario=village",),
    "small_county": ("scenario=county", "scenario.n_villages=12", "scenario.n_townships=2"),
}
BEHAVIOURS = ("default", "calibrated")
REGIMES = ("fengqiao", "reactive")
SEEDS = (0, 1)

CASES = [
    (scenario, behaviour, regime, seed)
    for scenario in SCENARIOS
    for behaviour in BEHAVIOURS
    for regime in REGIMES
    for seed in (SEEDS if scenario == "village" else SEEDS[:1])
]


def case_name(scenario: str, behaviour: str, regime: str, seed: int) -> str:
    return f"{scenario}/{behaviour}/{regime}/seed{seed}"


def fingerprint(result: RunResult) -> dict:
    """Every metric, and a digest of each column of the dispute table and of the daily
    series (exact bytes of its CSV text: a single changed dispute or day changes it).
    Column by column, so that a metric or column added later is simply not pinned."""

    def digests(frame) -> dict[str, str]:
        return {
            column: hashlib.sha256(frame[column].to_csv(index=False).encode()).hexdigest()
            for column in frame.columns
        }

    return {
        "metrics": json.loads(metrics_json(result.metrics)),
        "disputes": digests(result.disputes),
        "series": digests(result.series),
        "n_disputes": len(result.disputes),
    }


def run_case(scenario: str, behaviour: str, regime: str, seed: int) -> dict:
    overrides = (*SCENARIOS[scenario], f"behaviour={behaviour}", f"regime={regime}")
    return fingerprint(run_simulation(params(*overrides), seed=seed))


@pytest.fixture(scope="module")
def pinned() -> dict:
    if os.environ.get("GOVSIM_UPDATE_PINNED"):
        fresh = {case_name(*case): run_case(*case) for case in CASES}
        PINNED.write_text(json.dumps(fresh, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return json.loads(PINNED.read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[case_name(*c) for c in CASES])
def test_pinned_run_is_unchanged(pinned, case):
    expected = pinned[case_name(*case)]
    got = run_case(*case)
    changed = {
        k: (v, got["metrics"].get(k))
        for k, v in expected["metrics"].items()
        if got["metrics"].get(k, "missing") != v
    }
    assert not changed, f"metrics changed (pinned, now): {changed}"
    assert got["n_disputes"] == expected["n_disputes"]
    for table in ("disputes", "series"):
        moved = [c for c, h in expected[table].items() if got[table].get(c) != h]
        assert not moved, f"{table} columns changed: {moved}"
