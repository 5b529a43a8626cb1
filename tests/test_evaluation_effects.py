"""Recorded and true figures over whole runs: equal when officials are not assessed,
apart under the one-vote veto (paired seeds: the same disputes arise in both arms)."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from sim.metrics import METRICS, recorded_pairs
from sim.run import run_simulation
from tests.conftest import params

GAPS = [m.name for m in METRICS.values() if m.kind == "gap"]


def _runs(scenario: str, evaluation: str, seeds) -> list[dict]:
    return [
        run_simulation(
            params(f"scenario={scenario}", f"policy/evaluation={evaluation}", f"seed={s}")
        ).metrics
        for s in seeds
    ]


def test_under_none_every_recorded_figure_equals_the_true_one():
    # A busier year, so that petitions, group petitions and failures all occur.
    for s in (0, 1):
        m = run_simulation(
            params("scenario=village", "scenario.onset_multiplier=3", f"seed={s}")
        ).metrics
        assert m["petition_attempts_per_10k"] > 0 and m["mediation_success_rate"] < 1
        for recorded, true in recorded_pairs():
            assert m[recorded.name] == m[true.name], recorded.name
        assert all(m[g] in (0, None) for g in GAPS)
        assert m["petitions_intercepted"] == m["pressed_agreements"] == m["disputes_held"] == 0


def test_under_the_one_vote_veto_the_records_look_better_than_what_happened():
    seeds = range(4)
    none, veto = _runs("village", "none", seeds), _runs("village", "one_vote_veto", seeds)

    def paired(name: str) -> np.ndarray:
        return np.array([v[name] - n[name] for n, v in zip(none, veto, strict=True)], dtype=float)

    # Fewer petitions registered and more zero-petition villages on the record ...
    assert paired("recorded_petitions_per_10k").sum() < 0
    assert (paired("recorded_petitions_per_10k") <= 0).all()
    assert paired("recorded_zero_petition_village_share").sum() > 0
    # ... a recorded success rate above the true one ...
    gaps = [v["success_rate_gap"] for v in veto]
    assert min(gaps) >= 0 and sum(gaps) > 0
    # ... while parties are pressed into agreements that leave them less satisfied.
    assert (paired("satisfaction_rate") <= 0).all() and paired("satisfaction_rate").sum() < 0
    assert sum(v["petitions_intercepted"] for v in veto) > 0


@pytest.mark.slow
def test_one_vote_veto_county_recorded_petitions_fall_while_relapses_rise():
    # The county of essays-063, eight paired seeds: 95% t-intervals of the paired
    # differences exclude 0 (about 3 minutes on two free cores).
    seeds = range(8)
    none, veto = _runs("county", "none", seeds), _runs("county", "one_vote_veto", seeds)

    def interval(name: str) -> tuple[float, float]:
        diff = np.array([v[name] - n[name] for n, v in zip(none, veto, strict=True)], dtype=float)
        half = stats.t.ppf(0.975, diff.size - 1) * diff.std(ddof=1) / np.sqrt(diff.size)
        return diff.mean() - half, diff.mean() + half

    assert interval("recorded_petitions_per_10k")[1] < 0
    assert interval("relapses")[0] > 0
    assert interval("satisfaction_rate")[1] < 0


def test_govsim_run_prints_and_logs_recorded_beside_true(results_dir, capsys):
    from sim.cli import main

    argv = ["run", "--results", str(results_dir), "--no-progress", "days=60"]
    assert main([*argv, "policy/evaluation=one_vote_veto"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert "what the records show beside what happened (policy/evaluation=one_vote_veto):" in lines
    shown = [line.strip() for line in lines if ": recorded " in line]
    assert len(shown) == len(recorded_pairs())
    assert any(
        line.startswith("Mediation success rate (share of recorded cases)") for line in shown
    )
    folder = results_dir / "runs" / lines[-1].rsplit("/", 1)[-1]
    log = (folder / "run.log").read_text(encoding="utf-8")
    assert "recorded beside true (policy/evaluation=one_vote_veto):" in log
    assert all(line in log for line in shown)
