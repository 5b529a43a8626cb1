"""Outcomes as named functions of a finished model (brief §5).

Daily series are counters the model already keeps (no per-resident work); run metrics
are read off the dispute book, the counts and the cost ledger at the end.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from sim.costs import cost_breakdown
from sim.disputes import BAD_ENDS, OPEN, Level, Status

if TYPE_CHECKING:
    from sim.model import GovernanceModel

PETITIONS = (Status.PETITION, Status.SKIP_LEVEL_PETITION, Status.GROUP_PETITION)


def _count(m: GovernanceModel, *statuses: Status) -> int:
    return sum(m.book.status_counts[s] for s in statuses)


SERIES_REPORTERS = {
    "disputes_arisen": lambda m: len(m.book),
    "latent": lambda m: m.book.status_counts[Status.LATENT],
    "waiting": lambda m: m.book.status_counts[Status.WAITING],
    "in_mediation": lambda m: m.book.status_counts[Status.IN_MEDIATION],
    "resolved": lambda m: m.book.status_counts[Status.RESOLVED],
    "petitions": lambda m: _count(m, Status.PETITION, Status.SKIP_LEVEL_PETITION),
    "group_petitions": lambda m: m.book.status_counts[Status.GROUP_PETITION],
    "criminal_cases": lambda m: m.book.status_counts[Status.CRIMINAL],
    "open_backlog": lambda m: _count(m, *OPEN),
    "mean_trust": lambda m: float(m.attitudes.trust.mean()),
}


def resolution_days(m: GovernanceModel) -> np.ndarray:
    return np.array([d.resolved - d.arose for d in m.book.all if d.status is Status.RESOLVED])


def resolved_at(m: GovernanceModel, *levels: Level) -> int:
    return sum(1 for d in m.book.all if d.status is Status.RESOLVED and d.level in levels)


def escalated(m: GovernanceModel) -> int:
    """Disputes that reached the county (passed up or filed there directly by the parties)
    or ended in a petition or criminal case."""
    return sum(1 for d in m.book.all if d.reached_county or d.status in BAD_ENDS)


def run_metrics(m: GovernanceModel) -> dict[str, float | int | None]:
    """The run's outcome measures; names are stable (metrics.json, experiment tables)."""
    total = len(m.book)
    share = (lambda k: k / total) if total else (lambda k: None)
    residents, households = m.world.n_residents, m.world.n_households
    per_year = 365.0 / m.params.days
    days = resolution_days(m)
    costs = cost_breakdown(
        m.params, m.ledger, m.counts, m.world.n_grids, m.world.n_villages, m.world.n_townships
    )
    cost_total = sum(costs.values())
    resolved = m.book.status_counts[Status.RESOLVED]
    attempts = m.counts.mediation_attempts
    n_petitions = _count(m, *PETITIONS)
    registered = sum(1 for d in m.book.all if d.discovered is not None)
    village = resolved_at(m, Level.PARTIES, Level.ON_THE_SPOT, Level.VILLAGE)
    out: dict[str, float | int | None] = {
        "residents": residents,
        "households": households,
        "days": m.params.days,
        "disputes_total": total,
        "registered_disputes": registered,
        "registered_per_household_year": registered / households * per_year,
        "resolved_share": share(resolved),
        "mediation_success_rate": m.counts.mediation_successes / attempts if attempts else None,
        "village_share": share(village),
        "township_share": share(village + resolved_at(m, Level.TOWNSHIP)),
        "county_share": share(resolved_at(m, Level.COUNTY)),
        "direct_filings": m.counts.direct_filings,
        "appeals_to_township": m.counts.appeals_to_township,
        "escalation_rate": share(escalated(m)),
        "petitions_per_10k": n_petitions / residents * 10_000 * per_year,
        "individual_petitions": m.book.status_counts[Status.PETITION],
        "skip_level_petitions": m.book.status_counts[Status.SKIP_LEVEL_PETITION],
        "group_petitions": m.book.status_counts[Status.GROUP_PETITION],
        "criminal_cases": m.book.status_counts[Status.CRIMINAL],
        "days_to_resolution_mean": float(days.mean()) if days.size else None,
        "days_to_resolution_median": float(np.median(days)) if days.size else None,
        "days_to_resolution_p90": float(np.percentile(days, 90)) if days.size else None,
        "days_to_discovery_mean": float(np.mean(m.discovery_delays))
        if m.discovery_delays
        else None,
        "open_backlog": _count(m, *OPEN),
        "relapses": m.counts.relapses,
        "missed_deadlines": m.counts.missed_deadlines,
        "mean_trust": float(m.attitudes.trust.mean()),
        "cost_total": cost_total,
        "cost_per_resolved": cost_total / resolved if resolved else None,
    }
    out.update({f"cost_{k}": v for k, v in costs.items()})
    return out


def dispute_table(m: GovernanceModel) -> pd.DataFrame:
    """One row per dispute: what it was, when it arose, how and where it ended."""
    rows = [
        {
            "id": d.id,
            "type": d.kind.value,
            "village": d.village,
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
        }
        for d in m.book.all
    ]
    return pd.DataFrame(rows, columns=list(rows[0]) if rows else None)
