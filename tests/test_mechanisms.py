"""Mechanism checks on small worlds: each rule does what it says, and only that."""

from __future__ import annotations

import itertools

import numpy as np

from sim.disputes import Channel, Level, Status
from sim.run import build_model
from tests.conftest import NO_DISCOVERY, SMALL, params, run_days


def _levels_visited(d) -> set[str]:
    return {entry.split("@")[1] for _, entry in d.history if "@" in entry}


def _first_level(d) -> str:
    return next(e for _, e in d.history if "@" in e)


def _after_village_failures(d) -> list[str]:
    """What followed each village mediation that did not end the dispute there."""
    steps = [e for _, e in d.history]
    return [
        nxt
        for here, nxt in itertools.pairwise(steps)
        if here == "in_mediation@VILLAGE" and nxt.startswith("waiting@")
    ]


def test_zero_mediators_means_no_village_mediation():
    model = run_days(365, *SMALL, "policy.staffing.mediators_per_village=0", "seed=3")
    discovered = [d for d in model.book.all if d.discovered is not None]
    assert len(discovered) >= 5
    for d in model.book.all:
        assert not any(e == "in_mediation@VILLAGE" for _, e in d.history)
        assert not (d.status is Status.RESOLVED and d.level is Level.VILLAGE)
    # With staff, the same world does mediate in its villages.
    staffed = run_days(365, *SMALL, "seed=3")
    assert any(d.level is Level.VILLAGE and d.status is Status.RESOLVED for d in staffed.book.all)


def test_cadres_visit_only_on_visit_days():
    interval = 10
    model = run_days(
        120,
        *SMALL,
        f"policy.visits.cadre_visit_interval_days={interval}",
        "policy.visits.cadre_governance_days_per_month=30",
        "seed=1",
    )
    days_by_village: dict[int, list[int]] = {}
    for day, village in model.visit_log:
        days_by_village.setdefault(village, []).append(day)
    assert set(days_by_village) == set(range(model.world.n_villages))
    for village, days in days_by_village.items():
        assert np.all(np.diff(days) == interval)  # exactly every interval days
        assert days[0] == village % interval  # on the village's fixed day
    none = run_days(120, *SMALL, "policy/visits=campaign_only", "seed=1")
    assert none.visit_log == [] and none.counts.cadre_visit_days == 0


def test_cadre_time_budget_limits_visits():
    model = run_days(
        90,
        *SMALL,
        "policy.visits.cadre_visit_interval_days=1",
        "policy.visits.cadres_per_township=1",
        "policy.visits.cadre_governance_days_per_month=4",
        "seed=1",
    )
    assert model.counts.cadre_visit_days == 3 * 4  # four days in each of three months
    assert model.counts.cadre_visits_missed > 0


def test_fast_track_sends_severe_disputes_straight_to_the_township():
    threshold = 0.5
    model = run_days(365, *SMALL, f"policy.escalation.fast_track_severity={threshold}", "seed=5")
    laddered = [
        d
        for d in model.book.all
        # what came to light by the ladder's channels (not a court filing or a petition)
        if d.discovered is not None and d.channel not in (Channel.DIRECT_FILING, Channel.PETITION)
    ]
    severe = [d for d in laddered if d.severity >= threshold]
    mild = [d for d in laddered if d.severity < threshold]
    assert len(severe) >= 5 and mild
    assert all(_first_level(d) == "waiting@TOWNSHIP" for d in severe)
    assert all(_first_level(d) != "waiting@TOWNSHIP" for d in mild)


def test_direct_filings_start_at_the_county_and_skip_the_grassroots():
    model = run_days(365, *SMALL, "behaviour.discovery.direct_filing_per_day=0.5", "seed=4")
    filed = [d for d in model.book.all if d.channel is Channel.DIRECT_FILING]
    assert len(filed) >= 5 and model.counts.direct_filings >= len(filed)
    for d in filed:
        assert _first_level(d) == "waiting@COUNTY"
        assert d.reached_county
    never = run_days(365, *SMALL, "behaviour.discovery.direct_filing_per_day=0", "seed=4")
    assert never.counts.direct_filings == 0
    assert not any(d.channel is Channel.DIRECT_FILING for d in never.book.all)


def test_parties_appeal_a_failed_village_mediation_to_the_township():
    # The ladder alone would keep retrying: only an appeal moves a dispute up.
    ladder = (
        *SMALL,
        "policy.staffing.mediator_skill_mean=0.1",
        "behaviour.mediation.base_logit=1.0",  # failures common enough to count
        "policy.escalation.max_failed_attempts_village=100",
        "policy.escalation.max_days_village=null",
        "policy.escalation.feedback_deadline_simple_days=null",
        "policy.escalation.feedback_deadline_complex_days=null",
        "seed=2",
    )
    always = run_days(365, *ladder, "behaviour.responses.appeal_after_village_failure=1")
    followed = [n for d in always.book.all for n in _after_village_failures(d)]
    assert len(followed) >= 5 and set(followed) == {"waiting@TOWNSHIP"}
    assert always.counts.appeals_to_township == len(followed)
    never = run_days(365, *ladder, "behaviour.responses.appeal_after_village_failure=0")
    followed = [n for d in never.book.all for n in _after_village_failures(d)]
    assert followed and set(followed) == {"waiting@VILLAGE"}
    assert never.counts.appeals_to_township == 0


def test_hold_at_village_never_passes_a_dispute_upward():
    model = run_days(
        365,
        *SMALL,
        "policy/escalation=hold_at_village",
        "policy.staffing.mediator_skill_mean=0.1",
        "behaviour.responses.appeal_after_village_failure=1",  # the township sends them back
        "behaviour.discovery.direct_filing_per_day=0",
        "seed=2",
    )
    assert sum(d.discovered is not None for d in model.book.all) >= 5
    failures = model.counts.mediation_attempts - model.counts.mediation_successes
    assert failures > 0  # failures happened, and were kept
    for d in model.book.all:  # settled privately (PARTIES) is not passing upward
        # a petition is the parties' own act (a letters-and-visits office), not the
        # village passing the dispute up; a petition sent back returns to the village
        assert _levels_visited(d) <= {"PARTIES", "ON_THE_SPOT", "VILLAGE", "LETTERS_AND_VISITS"}
    ladder = run_days(365, *SMALL, "policy.staffing.mediator_skill_mean=0.1", "seed=2")
    assert any("TOWNSHIP" in _levels_visited(d) for d in ladder.book.all)


def test_a_dispute_left_alone_intensifies():
    quiet = (  # nobody petitions or fights either, which would bring it to light
        "behaviour.responses.petition_per_day=0",
        "behaviour.responses.group_per_day=0",
        "behaviour.responses.criminal_per_day=0",
    )
    model = build_model(params(*SMALL, *NO_DISCOVERY, *quiet, "seed=1"))
    while len(model.book) < 3:
        model.step()
    start = {d.id: d.intensity for d in model.book.all}
    watched = dict(start)
    for _ in range(60):
        model.step()
        for d in model.book.all:
            if d.id in watched:
                assert d.status is Status.LATENT  # nobody found it, nobody settled it
                assert d.intensity > watched[d.id]
                watched[d.id] = d.intensity
    assert all(watched[i] > start[i] + 0.05 for i in start)


def test_follow_up_visits_lower_relapse():
    relapses = {}
    for follow_up in ("true", "false"):
        total = 0
        for seed in range(3):
            model = run_days(
                365,
                *SMALL,
                f"policy.escalation.follow_up_visits={follow_up}",
                "behaviour.relapse.chance=0.5",
                f"seed={seed}",
            )
            total += model.counts.relapses
        relapses[follow_up] = total
    assert relapses["true"] < relapses["false"]


def test_trust_spreads_along_ties_after_a_resolution():
    model = build_model(params(*SMALL, "seed=1"))
    while not model.book.all:
        model.step()
    d = model.book.all[0]
    before_linked = model.attitudes.trust[d.linked].copy()
    before_party = model.attitudes.trust[d.claimants].copy()
    model.attitudes.resolved(d)
    assert np.all(model.attitudes.trust[d.claimants] > before_party)
    assert np.all(model.attitudes.trust[d.linked] > before_linked)
    gain_party = (model.attitudes.trust[d.claimants] - before_party).mean()
    gain_linked = (model.attitudes.trust[d.linked] - before_linked).mean()
    assert gain_linked < gain_party  # ties gain a share of what the parties gain
