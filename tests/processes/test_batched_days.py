"""Reports and Relapse look at a day's draws as one array and send only the disputes
where something may happen through the rule (``today``): whole runs must equal those of
the rule applied to every dispute in turn, draw for draw."""

from __future__ import annotations

import math

import numpy as np
import pytest

from sim.disputes import DisputeType, Status
from sim.model import GovernanceModel
from sim.run import build_model
from tests.conftest import params, run_days
from tests.processes.states import CERTAIN_SUCCESS, latent, quiet_model, run_through

pytestmark = pytest.mark.usefixtures("always_batched")  # small worlds, batched all the same

TWELVE_VILLAGES = ("scenario.n_villages=12", "scenario.n_townships=2", "days=200")
# Events on many dispute-days: relapses (of followed-up disputes: a second draw),
# private settlements, tips, filings; pressed and checked agreements (other hazards).
BUSY = (
    "behaviour.relapse.chance=0.9",
    "behaviour.relapse.follow_up_catch=0.5",
    "behaviour.discovery.self_settle_per_day=0.02",
    "behaviour.discovery.neighbour_tip_per_day=0.05",
    "behaviour.discovery.direct_filing_per_day=0.01",
    "policy/evaluation=one_vote_veto",
    "policy/prevention=all",
)


def one_by_one(model: GovernanceModel) -> GovernanceModel:
    """The model with both steps as plain loops: every dispute through ``today``."""
    reports, relapse, book = model.reports, model.relapse, model.book

    def reports_step() -> None:
        for d in list(book.open.values()):
            if d.status is Status.LATENT:
                reports.today(d)

    def relapse_step() -> None:
        for d in list(book.recently_resolved.values()):
            relapse.today(d)

    reports.step, relapse.step = reports_step, relapse_step  # type: ignore[method-assign]
    return model


@pytest.mark.parametrize(
    "overrides",
    [
        ("scenario=county_mixed", "behaviour=calibrated", "days=150"),
        (*TWELVE_VILLAGES, *BUSY),
        ("scenario=county_mixed", "days=100", *BUSY),
    ],
    ids=["calibrated", "busy", "mixed_types"],
)
def test_batched_days_equal_the_rule_applied_to_every_dispute_in_turn(overrides):
    for seed in (0, 1):
        batched = run_through(build_model(params(*overrides), seed))
        plain = run_through(one_by_one(build_model(params(*overrides), seed)))
        assert batched.metrics == plain.metrics
        assert batched.disputes.equals(plain.disputes) and batched.series.equals(plain.series)
        assert batched.metrics["relapses"] and batched.metrics["follow_up_visits"]


def test_the_batched_chances_are_the_rules_chances():
    model = run_days(120, "scenario=county_mixed", "behaviour=calibrated", "policy/prevention=all")
    reports = model.reports
    disputes = [d for d in model.book.open.values() if d.status is Status.LATENT]
    assert len(disputes) > 20 and any(d.kind is DisputeType.FAMILY for d in disputes)
    today = reports.batch.chances(disputes)
    for i, d in enumerate(disputes):
        assert today.settle[i] == reports.settle_chance(d)
        p_self, p_tip, p_file = reports.found_chances(d)
        if d.claimants.size == 1:  # several: asked one dispute at a time
            assert today.self_report[i] == p_self
        assert today.filing[i] == p_file
        # The tip's power may round differently in numpy: within the screen's margin.
        assert math.isclose(today.tip[i], p_tip, rel_tol=1e-12, abs_tol=1e-15)
        assert today.found[i] >= 1 - (1 - p_self) * (1 - p_tip) * (1 - p_file) - 1e-12
    assert (today.tip > 0).any() and (today.tip < 1).any()


def test_a_later_dispute_sees_the_trust_an_earlier_ones_event_built_today():
    # A's neighbour tips the grid worker, who settles A on the spot: A's respondent, the
    # claimant of B, trusts the institutions more, and now reports B for certain; with
    # the trust B had when the day began, B could not have come to light.
    model = quiet_model(
        "behaviour.discovery.neighbour_tip_per_day=1",
        "behaviour.discovery.self_report_per_day=1",
        "behaviour.discovery.visibility=100",
        "policy.visits.other_duties_share=0",
        *CERTAIN_SUCCESS,
    )
    a = latent(model, severity=0.1, intensity=1.0)
    b = latent(model, household=1, severity=0.1, intensity=1.0)
    assert b.claimants[0] == a.respondents[0]
    b.linked = np.empty(0, dtype=np.int64)  # nobody to tip the grid worker about B
    model.attitudes.trust[np.concatenate([a.claimants, b.claimants])] = 0.0
    model.reports.step()
    assert a.status is Status.RESOLVED and model.attitudes.trust[b.claimants[0]] > 0
    assert b.status is not Status.LATENT and b.channel is not None
    assert b.channel.value == "self_report"
