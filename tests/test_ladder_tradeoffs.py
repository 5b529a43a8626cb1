"""Trade-offs of the escalation ladder, paired over seeds (same seed = same disputes).

The sources describe these as trade-offs, not directions: tighter failed-attempt limits
load the township, looser ones leave disputes open longer at the village; holding every
dispute at the village spares the township and leaves disputes open; passing everything
up in a bad year fills thin upper levels' queues. Time open is measured censored at the
run's end (``days_open_mean``, ``open_after_90_share``), for the mean time to resolution
counts only the disputes that were resolved and so hides the longest waits.
"""

from __future__ import annotations

import numpy as np
import pytest

from sim.run import run_simulation
from tests.conftest import params

SEEDS = range(5)
SURGE = ("scenario=village", "scenario.onset_multiplier=3")  # a bad year, five villages
# The rule, not the parties, moves a failed dispute: no appeals, and mediation that often
# fails (at the calibrated behaviour the parties take most failed village cases to the
# township themselves, so a second failure there is rare).
RULE_DECIDES = (
    *SURGE,
    "behaviour.responses.appeal_after_village_failure=0",
    "behaviour.mediation.base_logit=1.0",
)


def _runs(*overrides: str, seeds=SEEDS) -> list[dict]:
    return [run_simulation(params(*overrides, f"seed={s}")).metrics for s in seeds]


def _col(runs: list[dict], name: str) -> np.ndarray:
    return np.array([r[name] for r in runs], dtype=float)


def _to_township(runs: list[dict]) -> np.ndarray:
    """Disputes the village handed to the township: by rule or by the parties' appeal."""
    return sum(
        _col(runs, k)
        for k in ("passed_up_attempt_limit", "passed_up_day_limit", "appeals_to_township")
    )


def test_tighter_attempt_limits_load_the_township_looser_ones_keep_disputes_open():
    one = _runs(*RULE_DECIDES, "policy.escalation.max_failed_attempts_village=1")
    three = _runs(*RULE_DECIDES, "policy.escalation.max_failed_attempts_village=3")
    limit = "passed_up_attempt_limit"
    assert (_col(one, limit) > _col(three, limit)).all()
    assert _col(one, limit).sum() > 3 * _col(three, limit).sum()
    for measure in ("days_open_mean", "open_after_90_share"):
        assert (_col(three, measure) > _col(one, measure)).sum() >= 4, measure


@pytest.mark.slow
def test_holding_at_the_village_spares_the_township_and_keeps_disputes_open():
    ladder, hold = _runs(*SURGE), _runs(*SURGE, "policy/escalation=hold_at_village")
    assert (_to_township(hold) == 0).all() and (_to_township(ladder) > 0).all()
    assert (_col(hold, "days_open_mean") > _col(ladder, "days_open_mean")).sum() >= 4
    assert _col(hold, "open_after_90_share").mean() > _col(ladder, "open_after_90_share").mean()


def test_passing_everything_up_in_a_bad_year_clogs_thin_upper_levels():
    # One slot per township centre, so the upper levels are thin enough to clog in a
    # five-village world (at the calibrated county's four slots the township absorbs a
    # tripled load: the README's lever table gives those figures).
    thin = (*SURGE, "policy.staffing.township_centre_slots=1")
    ladder, up = _runs(*thin), _runs(*thin, "policy/escalation=pass_up")
    for queue in ("township_queue_mean", "county_queue_mean"):
        assert (_col(up, queue) > _col(ladder, queue)).all(), queue
    # Queued disputes keep intensifying and aggrieving: they stay open longer (counted
    # censored at the year's end) and their parties petition more.
    for worse in ("days_open_mean", "open_after_90_share", "petitions_per_10k"):
        assert (_col(up, worse) > _col(ladder, worse)).all(), worse
    assert _col(up, "days_open_mean").mean() > 1.5 * _col(ladder, "days_open_mean").mean()
