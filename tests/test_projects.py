"""Requisition projects as shocks, and the social-stability risk assessment that averts a
share of their disputes at a cost, on the five-village world of one village per type
(``village_mixed``: the requisition village is village 1, its project starts on day 30)."""

from __future__ import annotations

import numpy as np
import pytest

from sim.disputes import DisputeType
from sim.metrics import run_metrics
from tests.conftest import run_days

MIXED = ("scenario=village_mixed",)
REQUISITION = 1
# A larger project than the preset's, so that a short run holds enough of its disputes.
BIG = ("scenario.projects.collective_per_household_year=0.3", "scenario.projects.days=[10]")


def _project_disputes(model):
    return [d for d in model.book.all if d.kind is DisputeType.COLLECTIVE and d.village == 1]


def test_a_project_raises_collective_disputes_in_requisition_villages_only_and_fades():
    model = run_days(130, *MIXED, *BIG, "seed=1")
    assert model.counts.project_disputes >= 10
    collective = [d for d in model.book.all if d.kind is DisputeType.COLLECTIVE]
    raised = [d for d in collective if d.arose >= 10 and d.village == REQUISITION]
    assert len(raised) >= model.counts.project_disputes
    others = [d for d in collective if d.village != REQUISITION]
    assert len(others) <= 2  # the ordinary rate: well under one a village a year
    assert all(d.claimants.size > 1 for d in raised)  # a hamlet of households, as collective
    early = sum(10 <= d.arose < 70 for d in raised)
    late = sum(70 <= d.arose < 130 for d in raised)
    assert early > late  # fading over the project's months (mean 120 days)


def test_no_projects_no_project_disputes_and_other_disputes_unchanged():
    quiet = run_days(120, *MIXED, *BIG, "scenario.projects.days=[]", "seed=2")
    busy = run_days(120, *MIXED, *BIG, "seed=2")
    assert quiet.counts.project_disputes == 0 < busy.counts.project_disputes

    # The projects draw on their own stream: the county's other disputes are the same.
    def key(m):
        return [
            (d.arose, d.kind, d.village, int(d.claimants[0]))
            for d in m.book.all
            if d.kind is not DisputeType.COLLECTIVE or d.village != REQUISITION
        ]

    assert key(quiet) == key(busy)


def test_risk_assessment_averts_a_share_at_its_cost_with_common_random_numbers():
    plain = run_days(120, *MIXED, *BIG, "seed=3")
    assessed = run_days(120, *MIXED, *BIG, "policy/projects=risk_assessment", "seed=3")
    assert assessed.counts.project_disputes == plain.counts.project_disputes
    averted = assessed.counts.project_disputes_averted
    assert 0 < averted < assessed.counts.project_disputes

    # Every dispute the assessment let through also arose without it (same draws).
    def arisen(m):
        return {(d.arose, int(d.claimants[0])) for d in _project_disputes(m)}

    assert arisen(assessed) < arisen(plain)
    cost = run_metrics(assessed)["cost_risk_assessments"]
    assert cost == 1 * 1 * 50_000  # one requisition village, one project
    assert "cost_risk_assessments" not in run_metrics(plain)


@pytest.mark.slow
def test_risk_assessment_lowers_collective_disputes_over_paired_seeds():
    diffs = []
    for seed in range(4):
        plain = run_days(150, *MIXED, *BIG, f"seed={seed}")
        assessed = run_days(150, *MIXED, *BIG, "policy/projects=risk_assessment", f"seed={seed}")
        diffs.append(len(_project_disputes(assessed)) - len(_project_disputes(plain)))
    assert (np.array(diffs) < 0).all(), diffs


def test_the_parties_of_project_disputes_become_agents_like_any_others():
    model = run_days(60, *MIXED, *BIG, "seed=1")
    raised = [d for d in _project_disputes(model) if d.arose >= 10]
    assert raised
    assert {int(r) for d in raised for r in d.parties} <= set(model.residents.agents)
