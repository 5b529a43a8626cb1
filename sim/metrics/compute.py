"""The run's outcome measures, read off a finished model.

Run metrics (``run_metrics``, metrics.json) are read off the dispute book, the counts
and the cost ledger at the end; ``table_metrics`` adds those an experiment table
computes from a run's own metrics; ``dispute_table`` is the per-dispute table. The
registry (``sim.metrics.registry``) names, labels and directs every metric computed here.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from sim.config.village_schema import VILLAGE_TYPES
from sim.costs import cost_breakdown
from sim.disputes import OPEN, Channel, Dispute, Level, Status
from sim.waits import wait_metrics

if TYPE_CHECKING:
    from sim.model import GovernanceModel


def disputes_in(m: GovernanceModel, *statuses: Status) -> int:
    """Disputes now in any of these statuses."""
    return sum(m.book.status_counts[s] for s in statuses)


def filed_petitions(m: GovernanceModel, *kinds: Status) -> int:
    """Petitions (件次) filed so far of these kinds, repeats included."""
    return sum(m.counts.petitions_filed[k.value] for k in kinds)


def resolution_days(m: GovernanceModel) -> np.ndarray:
    return np.array(
        [
            d.resolved - d.arose
            for d in m.book.all
            if d.status is Status.RESOLVED and d.resolved is not None
        ]
    )


def resolved_at(m: GovernanceModel, *levels: Level) -> int:
    return sum(1 for d in m.book.all if d.status is Status.RESOLVED and d.level in levels)


def filed_by_parties(d: Dispute) -> bool:
    """The parties took the dispute to a court, the police or arbitration themselves."""
    return d.channel is Channel.DIRECT_FILING


def passed_up(d: Dispute) -> bool:
    """Pushed to the county by the rules (day limits, failed attempts, deadlines), not by
    the parties' own filing."""
    return d.reached_county and not filed_by_parties(d)


def petitioned(d: Dispute) -> bool:
    """Its parties brought a petition, registered by an office or intercepted before."""
    return d.petitions > 0 or d.intercepted > 0


def bad_end(d: Dispute) -> bool:
    """What a planner wants to avoid: a petition of any kind (intercepted ones too), a
    criminal case, or an unresolved dispute pushed to the county by rule."""
    return petitioned(d) or d.status is Status.CRIMINAL or passed_up(d)


def escalated(m: GovernanceModel) -> int:
    return sum(1 for d in m.book.all if bad_end(d))


def village_trust(m: GovernanceModel) -> np.ndarray:
    """Mean trust of each village's residents on the day."""
    village = m.world.resident_village
    sums = np.bincount(village, weights=m.attitudes.trust, minlength=m.world.n_villages)
    return sums / np.maximum(np.bincount(village, minlength=m.world.n_villages), 1)


def discovery_shares(m: GovernanceModel) -> dict[str, float | None]:
    """Share of the disputes that came to light found by each channel (the last channel
    for a dispute that relapsed and came to light again)."""
    channels = [d.channel for d in m.book.all if d.channel is not None]
    n = len(channels)
    return {
        f"discovery_share_{c.value}": (sum(1 for x in channels if x is c) / n if n else None)
        for c in Channel
    }


Metrics = dict[str, float | int | None]


def run_metrics(m: GovernanceModel) -> Metrics:
    """The run's outcome measures (metrics.json); each is described in ``METRICS``."""
    costs = cost_breakdown(
        m.params, m.ledger, m.counts, m.world.grid_village, m.local, m.world.n_townships
    )
    out: Metrics = {}
    parts = (_scale, _resolution, _escalation, _timing, wait_metrics, _trust, _records)
    for part in (*parts, _prevention):
        out.update(part(m))
    cost_total = sum(costs.values())
    resolved = m.book.status_counts[Status.RESOLVED]
    out["cost_total"] = cost_total
    out["cost_per_resolved"] = cost_total / resolved if resolved else None
    out.update(discovery_shares(m))
    out.update({f"cost_{k}": v for k, v in costs.items()})
    return out


def _share(m: GovernanceModel, count: int) -> float | None:
    return count / len(m.book) if len(m.book) else None


def _scale(m: GovernanceModel) -> Metrics:
    households = m.world.n_households
    registered = sum(1 for d in m.book.all if d.discovered is not None)
    return {
        "residents": m.world.n_residents,
        "households": households,
        "days": m.params.days,
        "disputes_total": len(m.book),
        "registered_disputes": registered,
        "registered_per_household_year": registered / households * 365.0 / m.params.days,
    }


def _resolution(m: GovernanceModel) -> Metrics:
    attempts = m.counts.mediation_attempts
    mediated = [d for d in m.book.all if d.mediated]
    mediated_ok = sum(
        1
        for d in mediated
        if d.status is Status.RESOLVED
        and d.level in (Level.ON_THE_SPOT, Level.VILLAGE, Level.TOWNSHIP)
    )
    village = resolved_at(m, Level.PARTIES, Level.ON_THE_SPOT, Level.VILLAGE)
    return {
        "resolved_share": _share(m, m.book.status_counts[Status.RESOLVED]),
        "mediation_success_rate": m.counts.mediation_successes / attempts if attempts else None,
        "mediation_success_per_case": mediated_ok / len(mediated) if mediated else None,
        "village_share": _share(m, village),
        "township_share": _share(m, village + resolved_at(m, Level.TOWNSHIP)),
        "county_share": _share(m, resolved_at(m, Level.COUNTY)),
        "direct_filings": m.counts.direct_filings,
        "appeals_to_township": m.counts.appeals_to_township,
    }


def _escalation(m: GovernanceModel) -> Metrics:
    residents, per_year = m.world.n_residents, 365.0 / m.params.days
    per_100k_year = 100_000 / residents * per_year
    n_group = filed_petitions(m, Status.GROUP_PETITION)
    n_criminal = m.book.status_counts[Status.CRIMINAL]
    n_petitions = sum(m.counts.petitions_filed.values())
    return {
        "escalation_rate": _share(m, escalated(m)),
        "litigation_rate": _share(m, sum(1 for d in m.book.all if filed_by_parties(d))),
        "passed_up_rate": _share(m, sum(1 for d in m.book.all if passed_up(d))),
        "petition_rate": _share(m, sum(1 for d in m.book.all if petitioned(d))),
        "criminal_rate": _share(m, n_criminal),
        "petitions_per_10k": n_petitions / residents * 10_000 * per_year,
        "individual_petitions": filed_petitions(m, Status.PETITION),
        "skip_level_petitions": filed_petitions(m, Status.SKIP_LEVEL_PETITION),
        "group_petitions": n_group,
        "group_petitions_per_100k": n_group * per_100k_year,
        "group_petition_size_mean": m.counts.group_petitioners / n_group if n_group else None,
        "repeat_petitions": m.counts.repeat_petitions,
        "petitions_resolved": m.counts.petitions_resolved,
        "petitions_sent_back": m.counts.petitions_sent_back,
        "owned_cases": m.counts.owned_cases,
        "relief_cases": m.counts.relief_cases,
        "criminal_cases": n_criminal,
        "criminal_per_100k": n_criminal * per_100k_year,
    }


def _timing(m: GovernanceModel) -> Metrics:
    days = resolution_days(m)
    delays = m.discovery_delays
    return {
        "days_to_resolution_mean": float(days.mean()) if days.size else None,
        "days_to_resolution_median": float(np.median(days)) if days.size else None,
        "days_to_resolution_p90": float(np.percentile(days, 90)) if days.size else None,
        "days_to_discovery_mean": float(np.mean(delays)) if delays else None,
        "open_backlog": disputes_in(m, *OPEN),
        "relapses": m.counts.relapses,
        "missed_deadlines": m.counts.missed_deadlines,
        "kept_deadlines": m.counts.kept_deadlines,
        "follow_up_visits": m.counts.follow_ups,
        "follow_ups_missed": m.counts.follow_ups_missed,
        "county_queue_mean": m.counts.county_queued / m.params.days,
    }


def _trust(m: GovernanceModel) -> Metrics:
    by_village = village_trust(m)
    ended = m.counts.parties_ended
    return {
        "mean_trust": float(m.attitudes.trust.mean()),
        "trust_village_sd": float(by_village.std()),
        "trust_village_min": float(by_village.min()),
        "satisfaction_rate": m.counts.parties_satisfied / ended if ended else None,
    }


def _ratio(part: float, whole: float) -> float | None:
    return part / whole if whole else None


def _records(m: GovernanceModel) -> Metrics:
    """What officials' records show beside the truth (``sim.processes.evaluation``).

    True: every petition residents brought, registered or intercepted, and villages
    where nobody petitioned. Recorded: disputes on the mediation ledger, its attempts
    (each a case, 件) and agreements, petitions an office registered. Under
    ``policy/evaluation=none`` each recorded figure equals its true counterpart.
    """
    c, ev = m.counts, m.evaluation
    residents, per_year = m.world.n_residents, 365.0 / m.params.days
    per_10k, per_100k = 10_000 / residents * per_year, 100_000 / residents * per_year
    discovered = [d for d in m.book.all if d.discovered is not None]
    on_ledger = sum(1 for d in discovered if not d.hidden)
    filed = sum(c.petitions_filed.values())
    attempts = filed + sum(c.petitions_intercepted.values())
    group_key = Status.GROUP_PETITION.value
    group_filed = c.petitions_filed[group_key]
    group_attempts = group_filed + c.petitions_intercepted[group_key]
    villages = m.world.n_villages
    quiet_true = float(np.mean(ev.attempts_by_village == 0))
    quiet_recorded = float(np.mean(ev.recorded_by_village == 0))
    true_rate = _ratio(c.mediation_successes, c.mediation_attempts)
    recorded_rate = _ratio(c.recorded_successes, c.recorded_attempts)
    unrecorded = _ratio(len(discovered) - on_ledger, len(discovered))
    return {
        "recorded_disputes": on_ledger,
        "recorded_per_household_year": on_ledger / m.world.n_households * per_year,
        "recorded_success_rate": recorded_rate,
        "petition_attempts_per_10k": attempts * per_10k,
        "recorded_petitions_per_10k": filed * per_10k,
        "group_petition_attempts_per_100k": group_attempts * per_100k,
        "recorded_group_petitions_per_100k": group_filed * per_100k,
        "zero_petition_village_share": quiet_true if villages else None,
        "recorded_zero_petition_village_share": quiet_recorded if villages else None,
        "petitions_intercepted": attempts - filed,
        "pressed_agreements": c.pressed_agreements,
        "disputes_held": c.disputes_held,
        "aggrieved_share": ev.aggrieved_days / max(m.day, 1),
        "unrecorded_dispute_share": unrecorded,
        "success_rate_gap": (
            recorded_rate - true_rate
            if recorded_rate is not None and true_rate is not None
            else None
        ),
        "unrecorded_petition_share": _ratio(attempts - filed, attempts),
        "zero_petition_village_gap": quiet_recorded - quiet_true if villages else None,
    }


def _prevention(m: GovernanceModel) -> Metrics:
    """What the prevention programmes did, in runs that have one in force."""
    if not (m.elders.active or m.village_rules.active or m.advisers.active):
        return {}
    return {
        "elder_settlements": m.counts.elder_settlements,
        "disputes_prevented": m.counts.disputes_prevented,
    }


def table_metrics(metrics: Mapping[str, float | int | None]) -> dict[str, float | int | None]:
    """Metrics computed from a run's own metrics (added to each experiment table row)."""
    rate, total = metrics.get("escalation_rate"), metrics.get("disputes_total")
    cost, days = metrics.get("cost_total"), metrics.get("days")
    kinds = [metrics.get(k) for k in PETITION_KINDS]
    filed = sum(k for k in kinds if k is not None) if None not in kinds else None
    return {
        "escalations": round(rate * total) if rate is not None and total is not None else None,
        "cost_per_year": cost * 365.0 / days if cost is not None and days else None,
        "petitions_filed": filed,
    }


# Every petition filed, whatever its kind (件次): what cost-effectiveness counts as averted.
PETITION_KINDS = ("individual_petitions", "skip_level_petitions", "group_petitions")


def dispute_table(m: GovernanceModel) -> pd.DataFrame:
    """One row per dispute: what it was, when it arose, how and where it ended."""
    rows = [
        {
            "id": d.id,
            "type": d.kind.value,
            "village": d.village,
            "village_name": m.world.village_names[d.village],
            "village_type": VILLAGE_TYPES[int(m.world.village_type[d.village])],
            "township": d.township,
            "arose": d.arose,
            "claimant": int(d.claimants[0]),
            "households": int(d.claimants.size),
            "severity": d.severity,
            "discovered": d.discovered,
            "channel": d.channel.value if d.channel else None,
            "status": d.status.value,
            "level": d.level.name.lower() if d.level is not None else None,
            "resolved": d.resolved if d.status is Status.RESOLVED else None,
            "ended": d.ended,
            "reached_county": d.reached_county,
            "relapses": d.relapses,
            "petitions": d.petitions,
            "group_size": d.group_size,
            "hidden": d.hidden,  # kept off the officials' ledger (policy.evaluation)
        }
        for d in m.book.all
    ]
    return pd.DataFrame(rows, columns=list(rows[0]) if rows else None)
