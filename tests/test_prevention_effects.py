"""Direction of the prevention levers over paired seeds (small worlds), and common random
numbers under village rules: thinning only removes disputes.

A five-village world sees a few dozen disputes a year, so the tests turn the mechanism
under test up (three times the disputes, more direct filings and relapses, strong
effects) and compare sums and most pairs; the county figures are in the README."""

from __future__ import annotations

import numpy as np
import pytest

from sim.disputes import Dispute
from sim.run import run_simulation
from tests.conftest import SMALL, params, run_days

SEEDS = range(6)
BUSY = ("scenario=village", "scenario.onset_multiplier=3")


def _values(*overrides: str, metric: str) -> np.ndarray:
    return np.array(
        [run_simulation(params(*BUSY, *overrides, f"seed={s}")).metrics[metric] for s in SEEDS],
        dtype=float,
    )


@pytest.mark.slow
def test_elders_settle_disputes_officials_would_otherwise_register():
    plain = _values(metric="registered_disputes")
    elders = _values("policy/prevention=elders", metric="registered_disputes")
    settled = _values("policy/prevention=elders", metric="elder_settlements")
    assert (settled > 0).all()
    assert (elders < plain).sum() >= 5 and elders.sum() < plain.sum()


@pytest.mark.slow
def test_village_rules_mean_fewer_disputes_arise_and_fewer_are_registered():
    plain = _values(metric="disputes_total")
    rules = _values("policy/prevention=village_rules", metric="disputes_total")
    assert (rules <= plain).all() and (rules < plain).sum() >= 5
    registered = _values("policy/prevention=village_rules", metric="registered_disputes")
    assert registered.sum() < _values(metric="registered_disputes").sum()


# More direct filings and relapses than the calibrated county, for the adviser to act on.
FILING_AND_RELAPSE = (
    "behaviour.discovery.direct_filing_per_day=0.01",
    "behaviour.relapse.chance=0.3",
)
ADVISERS = (*FILING_AND_RELAPSE, "policy/prevention=legal_advisers")


@pytest.mark.slow
def test_legal_advisers_mean_fewer_direct_filings():
    plain = _values(*FILING_AND_RELAPSE, metric="direct_filings")
    advised = _values(
        *ADVISERS,
        "policy.prevention.adviser_filing_factor=0.3",
        "policy.prevention.adviser_relapse_factor=1",
        metric="direct_filings",
    )
    assert (advised < plain).sum() >= 5 and advised.sum() < plain.sum()


@pytest.mark.slow
def test_legal_advisers_mean_fewer_relapses():
    plain = _values(*FILING_AND_RELAPSE, metric="relapses")
    advised = _values(
        *ADVISERS,
        "policy.prevention.adviser_filing_factor=1",
        "policy.prevention.adviser_relapse_factor=0.3",
        metric="relapses",
    )
    assert (advised < plain).sum() >= 5 and advised.sum() < plain.sum()


def _onsets(*overrides: str) -> dict[int, tuple]:
    """Every dispute that arose in 120 days of a small, busy world, by onset id: when,
    where, what and between whom (the draws of the onset stream)."""

    def what(d: Dispute) -> tuple:
        return (d.arose, d.village, d.kind, tuple(d.claimants), tuple(d.respondents), d.severity)

    model = run_days(120, *SMALL, "scenario.onset_multiplier=5", "seed=3", *overrides)
    return {d.id: what(d) for d in model.book.all}


def test_village_rules_only_remove_disputes_that_arise_the_same_day_without_them():
    rules = "policy/prevention=village_rules"
    plain = _onsets()
    light = _onsets(rules, "policy.prevention.rules_onset_reduction=0.2")
    heavy = _onsets(rules, "policy.prevention.rules_onset_reduction=0.6")
    assert len(heavy) < len(light) < len(plain)
    for thinned in (light, heavy):
        # Every dispute under the rules arises in the arm without them: same id, day,
        # village, type, parties and severity.
        assert all(plain.get(i) == what for i, what in thinned.items())
    assert set(heavy) <= set(light)  # a stronger reduction prevents a superset
