"""How long disputes wait, and where the ladder's rules bite: measures read off the
dispute book and the counts at the end of a run (no model state of their own).

The mean time to resolution counts resolved disputes only, so a policy that leaves
many disputes waiting at the year's end looks no slower. The measures here count the
disputes still open with the days they have waited so far (right-censored at the
run's last day), and say how many disputes ever reached a rule (a failed-attempt or
day limit) and how long they queued at each level.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sim.disputes import Dispute, Level, Status

if TYPE_CHECKING:
    from sim.model import GovernanceModel

LONG_WAIT_DAYS = 90  # a dispute open this long after onset is "long open"
_WAITING_AT_VILLAGE = f"{Status.WAITING.value}@{Level.VILLAGE.name}"


def days_open(d: Dispute, last_day: int) -> int:
    """Days from onset to the dispute's end, or to ``last_day`` if it is still open."""
    end = last_day if d.status.is_open or d.ended is None else d.ended
    return end - d.arose


def village_queue_stays(d: Dispute, last_day: int) -> list[int]:
    """Days each stay of ``d`` in a village queue lasted: until a mediator took it up, it
    moved on (passed up, petitioned, settled) or the run ended."""
    stays = []
    for i, (day, what) in enumerate(d.history):
        if what == _WAITING_AT_VILLAGE:
            until = d.history[i + 1][0] if i + 1 < len(d.history) else last_day
            stays.append(until - day)
    return stays


def wait_metrics(m: GovernanceModel) -> dict[str, float | int | None]:
    last_day, disputes = m.day, m.book.all
    opened = [days_open(d, last_day) for d in disputes]
    # Only disputes that arose early enough could have been open LONG_WAIT_DAYS by the end.
    old = [d for d in disputes if d.arose <= last_day - LONG_WAIT_DAYS]
    long_open = sum(1 for d in old if days_open(d, last_day) > LONG_WAIT_DAYS)
    stays = [s for d in disputes for s in village_queue_stays(d, last_day)]
    parties = {int(p) for d in disputes if d.discovered is not None for p in d.parties}
    trust = m.attitudes.trust
    return {
        "days_open_mean": sum(opened) / len(opened) if opened else None,
        "open_after_90_share": long_open / len(old) if old else None,
        "village_wait_mean": sum(stays) / len(stays) if stays else None,
        "township_queue_mean": m.counts.township_queued / m.params.days,
        "passed_up_attempt_limit": m.counts.passed_up_attempts,
        "passed_up_day_limit": m.counts.passed_up_days,
        "party_trust_mean": (float(trust[sorted(parties)].mean()) if parties else None),
    }
