"""Direction of the outcome mechanisms (trust, satisfaction, petitions, violence), paired
over seeds in small worlds:
trust and satisfaction fall where help does not come, petitions and violence rise, and
the petition levers (case ownership, relief fund) close hard cases at a cost.

Magnitudes in the five-village world are small (a few disputes a year per village), so
the tests turn the mechanism under test up and compare sums or most pairs; the county
figures are in the README."""

from __future__ import annotations

import numpy as np

from sim.run import run_simulation
from tests.conftest import REACTIVE, params

SEEDS = range(5)
VILLAGE = ("scenario=village",)
# Petitions and violence within reach of a five-village world's few disputes.
PRONE = (
    "behaviour.responses.petition_threshold=0.03",
    "behaviour.responses.group_threshold=0.05",
)


def _runs(*overrides: str) -> list[dict]:
    return [run_simulation(params(*VILLAGE, *overrides, f"seed={s}")).metrics for s in SEEDS]


def _values(runs: list[dict], name: str) -> np.ndarray:
    return np.array([r[name] for r in runs], dtype=float)


def test_the_reactive_regime_loses_trust_and_raises_petitions_and_violence():
    felt = ("behaviour.attitudes.trust_loss_wait_per_day=0.02",)
    fengqiao, reactive = _runs(*PRONE, *felt), _runs(*PRONE, *felt, *REACTIVE)
    trust_diff = _values(reactive, "mean_trust") - _values(fengqiao, "mean_trust")
    assert (trust_diff < 0).sum() >= 4 and trust_diff.mean() < 0
    assert (
        _values(reactive, "petitions_per_10k").sum() > _values(fengqiao, "petitions_per_10k").sum()
    )
    assert _values(reactive, "petition_rate").mean() > _values(fengqiao, "petition_rate").mean()


def test_disputes_left_to_fester_turn_criminal_more_often():
    violent = (
        "behaviour.responses.criminal_per_day=0.05",
        "behaviour.responses.criminal_intensity=0.4",
    )
    fengqiao, reactive = _runs(*violent), _runs(*violent, *REACTIVE)
    assert _values(reactive, "criminal_cases").sum() > _values(fengqiao, "criminal_cases").sum()
    assert _values(reactive, "criminal_rate").mean() > _values(fengqiao, "criminal_rate").mean()


def test_case_ownership_resolves_more_hard_petitions_at_a_cost():
    plain = _runs(*PRONE, *REACTIVE)
    owned = _runs(*PRONE, *REACTIVE, "policy/petitions=case_ownership")
    resolved_plain = _values(plain, "petitions_resolved")
    resolved_owned = _values(owned, "petitions_resolved")
    assert (resolved_owned >= resolved_plain).sum() >= 4
    assert resolved_owned.sum() > resolved_plain.sum()
    assert (_values(owned, "cost_case_ownership") > 0).any()
    assert (_values(plain, "cost_case_ownership") == 0).all()


def test_the_relief_fund_closes_hard_cases_with_money():
    plain = _runs(*PRONE, *REACTIVE)
    fund = _runs(*PRONE, *REACTIVE, "policy/petitions=relief_fund")
    cases = _values(fund, "relief_cases")
    assert cases.sum() > 0 and (_values(plain, "relief_cases") == 0).all()
    assert np.allclose(_values(fund, "cost_relief_fund"), cases * 124_000)
    assert _values(fund, "repeat_petitions").sum() < _values(plain, "repeat_petitions").sum()


def test_escalation_rate_is_the_sum_of_its_bad_parts_not_the_parties_filings():
    for r in _runs(*PRONE, *REACTIVE)[:2]:
        parts = r["petition_rate"] + r["criminal_rate"] + r["passed_up_rate"]
        assert r["escalation_rate"] <= parts + 1e-12  # the parts overlap, never exceed
        assert r["escalation_rate"] >= max(r["petition_rate"], r["passed_up_rate"])
        assert 0 <= r["litigation_rate"] <= 1
