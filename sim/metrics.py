"""Outcomes of a run, and the one registry that names, labels and directs them.

Daily series are counters the model already keeps (no per-resident work); run metrics
are read off the dispute book, the counts and the cost ledger at the end. ``METRICS``
lists every metric once: its name (stable: metrics.json, experiment tables), a label
and unit as a planner reads them on an axis, which direction is better, whether it is
a true figure (from the model's true state) or a recorded one (what officials' records
would show), how it is computed and the function that computes it. ``SERIES`` does the
same for the daily series. Experiments, statistics, calibration, sensitivity, the docs
and the tests take their lists of metrics from here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import numpy as np
import pandas as pd

from sim.config.village_schema import VILLAGE_TYPES
from sim.costs import cost_breakdown
from sim.disputes import OPEN, PETITIONING, Channel, Dispute, Level, Status
from sim.waits import LONG_WAIT_DAYS, wait_metrics

if TYPE_CHECKING:
    from sim.model import GovernanceModel


def _count(m: GovernanceModel, *statuses: Status) -> int:
    return sum(m.book.status_counts[s] for s in statuses)


def _filed(m: GovernanceModel, *kinds: Status) -> int:
    """Petitions (件次) filed so far of these kinds, repeats included."""
    return sum(m.counts.petitions_filed[k.value] for k in kinds)


SERIES_REPORTERS = {
    "disputes_arisen": lambda m: len(m.book),
    "latent": lambda m: m.book.status_counts[Status.LATENT],
    "waiting": lambda m: m.book.status_counts[Status.WAITING],
    "in_mediation": lambda m: m.book.status_counts[Status.IN_MEDIATION],
    "in_petition": lambda m: _count(m, *PETITIONING),
    "resolved": lambda m: m.book.status_counts[Status.RESOLVED],
    "petitions": lambda m: _filed(m, Status.PETITION, Status.SKIP_LEVEL_PETITION),
    "group_petitions": lambda m: _filed(m, Status.GROUP_PETITION),
    "criminal_cases": lambda m: m.book.status_counts[Status.CRIMINAL],
    "open_backlog": lambda m: _count(m, *OPEN),
    "mean_trust": lambda m: m.attitudes.mean_trust_of_all(),
}


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
    n_group = _filed(m, Status.GROUP_PETITION)
    n_criminal = m.book.status_counts[Status.CRIMINAL]
    n_petitions = sum(m.counts.petitions_filed.values())
    return {
        "escalation_rate": _share(m, escalated(m)),
        "litigation_rate": _share(m, sum(1 for d in m.book.all if filed_by_parties(d))),
        "passed_up_rate": _share(m, sum(1 for d in m.book.all if passed_up(d))),
        "petition_rate": _share(m, sum(1 for d in m.book.all if petitioned(d))),
        "criminal_rate": _share(m, n_criminal),
        "petitions_per_10k": n_petitions / residents * 10_000 * per_year,
        "individual_petitions": _filed(m, Status.PETITION),
        "skip_level_petitions": _filed(m, Status.SKIP_LEVEL_PETITION),
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
        "open_backlog": _count(m, *OPEN),
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


# ---------------------------------------------------------------------------------------
# The registry

Better = Literal["lower", "higher", "none"]
Kind = Literal["true", "recorded", "gap"]
SIGN: dict[str, int] = {"higher": +1, "lower": -1, "none": 0}


@dataclass(frozen=True)
class Metric:
    """One outcome of a run.

    ``better`` is "higher" (resolved share, trust), "lower" (escalations, petitions, cost,
    delay) or "none": the size of the world, and counts of disputes that arose or came to
    light, which depend on the world more than on policy (more registered disputes may
    mean better discovery or more conflict). Probabilities of beating the baseline and
    rankings use it. ``kind`` is "true" for a figure read off the model's true state,
    "recorded" for what officials' records would show (``pairs_with`` then names the true
    figure it stands beside) and "gap" for how far the records are from the truth.
    Recorded figures are never "better" either way: policies are judged by true ones.
    ``compute`` is the function that
    returns it, together with the metrics that share its sums: ``run_metrics`` (a
    finished model, metrics.json) or ``table_metrics`` (a run's metrics, experiment
    tables only).
    """

    name: str
    label: str
    unit: str
    better: Better
    kind: Kind
    description: str
    compute: Callable[..., Mapping[str, float | int | None]]
    pairs_with: str = ""

    def __post_init__(self) -> None:
        if self.better not in SIGN:
            raise ValueError(f"{self.name}: better must be one of {sorted(SIGN)}")
        if self.kind not in ("true", "recorded", "gap"):
            raise ValueError(f"{self.name}: kind must be 'true', 'recorded' or 'gap'")
        if (self.kind == "recorded") != bool(self.pairs_with):
            raise ValueError(f"{self.name}: a recorded metric (and only one) names its true pair")
        if self.kind == "recorded" and self.better != "none":
            raise ValueError(f"{self.name}: recorded metrics are not better either way")

    @property
    def title(self) -> str:
        """Label with unit, as on an axis or a table column: "Escalation rate (share of
        disputes)"."""
        return f"{self.label} ({self.unit})" if self.unit else self.label

    @property
    def sign(self) -> int:
        """+1 when higher is better, -1 when lower is better, 0 when neither."""
        return SIGN[self.better]


DISCOVERY_CHANNELS = {
    Channel.SELF_REPORT: "the parties' own report",
    Channel.NEIGHBOUR: "a neighbour's tip to the grid worker",
    Channel.GRID_VISIT: "a grid worker's household visit",
    Channel.CADRE_VISIT: "a cadre's visit day",
    Channel.CAMPAIGN: "a screening campaign",
    Channel.DIRECT_FILING: "the parties filing with county bodies",
    Channel.PETITION: "a petition to a letters-and-visits office",
}


def _run(name: str, label: str, unit: str, better: Better, description: str) -> Metric:
    return Metric(name, label, unit, better, "true", description, run_metrics)


def _recorded(name: str, label: str, unit: str, description: str, pairs_with: str) -> Metric:
    return Metric(name, label, unit, "none", "recorded", description, run_metrics, pairs_with)


def _gap(name: str, label: str, unit: str, description: str) -> Metric:
    return Metric(name, label, unit, "lower", "gap", description, run_metrics)


# Cost items of ``sim.costs.cost_breakdown``, each a run metric ``cost_<item>``. The
# per-case subsidy items appear only in runs that paid a subsidy at that level.
COST_ITEMS = {
    "cadre_visits": "cadre visit days, routine and campaign",
    "case_ownership": "cadre days owning hard petition cases (包案)",
    "county_cases": "cases handled by county bodies",
    "full_time_mediators": "salaries of full-time mediators",
    "grid_workers": "grid workers' governance time",
    "interceptions": "intercepting petitioners and watching them (截访, 稳控)",
    "petition_offices": "letters-and-visits offices handling petitions",
    "relief_fund": "petition relief paid to close hard cases",
    "risk_assessments": "social-stability risk assessments of requisition projects",
    "subsidies_township": "per-case subsidies to township mediation",
    "subsidies_village": "per-case subsidies to village mediation",
    "township_centres": "township mediation centre slots",
    "elders": "elders' honoraria and case subsidies (乡贤, 五老)",
    "village_rules": "village rules and the points system (村规民约, 积分制)",
    "legal_advisers": "legal advisers' fees (一村一法律顾问)",
}
# The prevention programmes' own counts and costs (``sim.costs.prevention_costs``).
PREVENTION_COSTS = frozenset({"cost_elders", "cost_village_rules", "cost_legal_advisers"})
PREVENTION_COUNTS = ("elder_settlements", "disputes_prevented")
# Metrics that metrics.json holds only when the run paid that item (a subsidy at a level,
# a prevention programme in force), so that a default run's metrics stay as they were.
ONLY_WHEN_PAID = (
    frozenset(
        f"cost_{item}"
        for item in COST_ITEMS
        if item.startswith("subsidies_") or item == "risk_assessments"
    )
    | PREVENTION_COSTS
    | frozenset(PREVENTION_COUNTS)
)

_SHARE = "share of disputes"
_REGISTRY: tuple[Metric, ...] = (
    _run("residents", "Residents", "people", "none", "residents of the world the run built"),
    _run("households", "Households", "count", "none", "households of the world"),
    _run("days", "Length of the run", "days", "none", "simulated days"),
    _run(
        "disputes_total",
        "Disputes that arose",
        "disputes",
        "none",
        "disputes that arose during the run (relapses are not new disputes)",
    ),
    _run(
        "registered_disputes",
        "Disputes registered",
        "disputes",
        "none",
        "disputes that came to light by any channel",
    ),
    _run(
        "registered_per_household_year",
        "Disputes registered",
        "per household a year",
        "none",
        "registered disputes / households, scaled to a year",
    ),
    _run("resolved_share", "Resolved", _SHARE, "higher", "disputes resolved by the end / disputes"),
    _run(
        "mediation_success_rate",
        "Mediation success rate",
        "share of attempts",
        "higher",
        "successful mediation attempts / attempts (on the spot, village, township)",
    ),
    _run(
        "mediation_success_per_case",
        "Mediation success per case",
        "share of mediated disputes",
        "higher",
        "disputes a mediator took up (on the spot, village, township) that ended resolved by "
        "one of them / disputes a mediator took up",
    ),
    _run(
        "village_share",
        "Resolved within the village",
        _SHARE,
        "higher",
        "disputes resolved by the parties, on the spot or by the village committee / disputes",
    ),
    _run(
        "township_share",
        "Resolved within the township",
        _SHARE,
        "higher",
        "disputes resolved without leaving the township (village share included) / disputes",
    ),
    _run(
        "county_share",
        "Resolved by the county",
        _SHARE,
        "lower",
        "disputes resolved by county bodies / disputes",
    ),
    _run(
        "direct_filings",
        "Filed directly with county bodies",
        "disputes",
        "lower",
        "disputes the parties took straight to a court, the police or arbitration",
    ),
    _run(
        "appeals_to_township",
        "Appeals to the township",
        "disputes",
        "lower",
        "failed village mediations the parties took to the township themselves",
    ),
    _run(
        "escalation_rate",
        "Escalation rate",
        _SHARE,
        "lower",
        "disputes that ended badly or nearly so: petitioned (any kind), turned criminal, or "
        "pushed unresolved to the county by rule (not the parties' own filings) / disputes",
    ),
    _run(
        "litigation_rate",
        "Parties' own filings",
        _SHARE,
        "none",
        "disputes the parties took to a court, the police or arbitration themselves / disputes",
    ),
    _run(
        "passed_up_rate",
        "Passed up to the county",
        _SHARE,
        "lower",
        "disputes pushed to the county by the ladder's rules (day limits, failed attempts, "
        "deadlines) / disputes",
    ),
    _run(
        "petition_rate",
        "Petitioned",
        _SHARE,
        "lower",
        "disputes that produced at least one petition (individual, skip-level or group) / disputes",
    ),
    _run(
        "criminal_rate",
        "Turned criminal",
        _SHARE,
        "lower",
        "disputes that ended in a criminal case (民转刑) / disputes",
    ),
    _run(
        "petitions_per_10k",
        "Petitions",
        "per 10,000 residents a year",
        "lower",
        "petitions filed (件次: individual, skip-level and group, repeats included) per 10,000 "
        "residents, scaled to a year",
    ),
    _run(
        "individual_petitions",
        "Individual petitions",
        "petitions",
        "lower",
        "individual petitions filed with a township or county office, repeats included",
    ),
    _run(
        "skip_level_petitions",
        "Skip-level petitions",
        "petitions",
        "lower",
        "petitions taken above the county (越级), repeats included",
    ),
    _run(
        "group_petitions",
        "Group petitions",
        "petitions",
        "lower",
        "group petitions filed (集体访), repeats included",
    ),
    _run(
        "group_petitions_per_100k",
        "Group petitions",
        "per 100,000 residents a year",
        "lower",
        "group petitions filed per 100,000 residents, scaled to a year",
    ),
    _run(
        "group_petition_size_mean",
        "Group petition size",
        "people",
        "none",
        "mean number of people in a group petition (undefined without one)",
    ),
    _run(
        "repeat_petitions",
        "Repeat petitions",
        "petitions",
        "lower",
        "reviews and re-examinations asked for after an unsatisfying answer (重复访)",
    ),
    _run(
        "petitions_resolved",
        "Petitions resolved by an answer",
        "petitions",
        "none",
        "petitions a letters-and-visits office (or owning cadre, or the relief fund) resolved",
    ),
    _run(
        "petitions_sent_back",
        "Petitions sent back down",
        "petitions",
        "none",
        "petitions sent back down to township mediation without a resolution",
    ),
    _run(
        "owned_cases",
        "Hard cases owned by a cadre",
        "disputes",
        "none",
        "hard petition cases given a named owning cadre (包案)",
    ),
    _run(
        "relief_cases",
        "Hard cases closed by relief",
        "disputes",
        "none",
        "hard petition cases the relief fund closed with money",
    ),
    _run(
        "criminal_cases",
        "Civil disputes turned criminal",
        "disputes",
        "lower",
        "disputes that ended in a criminal case (民转刑)",
    ),
    _run(
        "criminal_per_100k",
        "Civil disputes turned criminal",
        "per 100,000 residents a year",
        "lower",
        "criminal cases arising from disputes per 100,000 residents, scaled to a year",
    ),
    _run(
        "days_to_resolution_mean",
        "Mean time to resolution",
        "days",
        "lower",
        "mean days from onset to resolution, resolved disputes",
    ),
    _run(
        "days_to_resolution_median",
        "Median time to resolution",
        "days",
        "lower",
        "median days from onset to resolution, resolved disputes",
    ),
    _run(
        "days_to_resolution_p90",
        "Time to resolution, 90th percentile",
        "days",
        "lower",
        "90th percentile of days from onset to resolution, resolved disputes",
    ),
    _run(
        "days_open_mean",
        "Mean days open",
        "days",
        "lower",
        "mean days from onset to the end (resolution or criminal case) over every dispute, "
        "a dispute still open counting the days to the run's last day (right-censored: "
        "unlike the time to resolution, long waits at the year's end are not hidden)",
    ),
    _run(
        "open_after_90_share",
        f"Open after {LONG_WAIT_DAYS} days",
        "share of disputes",
        "lower",
        f"disputes not ended {LONG_WAIT_DAYS} days after onset / disputes that arose at "
        f"least {LONG_WAIT_DAYS} days before the run's last day",
    ),
    _run(
        "village_wait_mean",
        "Wait in a village queue",
        "days per stay",
        "lower",
        "mean days a dispute stayed in a village queue (until a mediator took it up, it "
        "moved on or the run ended), over every stay",
    ),
    _run(
        "township_queue_mean",
        "Cases queued for township centres",
        "cases",
        "lower",
        "mean number of disputes waiting for a township centre slot, all townships",
    ),
    _run(
        "passed_up_attempt_limit",
        "Passed up at a failed-attempt limit",
        "disputes",
        "none",
        "times the ladder passed a dispute up because it failed as often as its village or "
        "township level allows (not the parties' own appeals)",
    ),
    _run(
        "passed_up_day_limit",
        "Passed up at a day limit",
        "disputes",
        "none",
        "times the ladder passed a waiting dispute up because it had been at its village or "
        "township level as long as allowed",
    ),
    _run(
        "days_to_discovery_mean",
        "Mean time to discovery",
        "days",
        "lower",
        "mean days from onset to first discovery, discovered disputes",
    ),
    _run(
        "open_backlog",
        "Open disputes at the end",
        "disputes",
        "lower",
        "disputes neither resolved nor ended badly on the last day",
    ),
    _run(
        "relapses",
        "Relapses of resolved disputes",
        "count",
        "lower",
        "times a resolved dispute flared up again within the relapse window",
    ),
    _run(
        "missed_deadlines",
        "Missed feedback deadlines",
        "disputes",
        "lower",
        "waiting disputes whose feedback deadline passed (each counted once)",
    ),
    _run(
        "kept_deadlines",
        "Kept feedback deadlines",
        "disputes",
        "higher",
        "disputes still open on their feedback deadline whose parties had feedback on time",
    ),
    _run(
        "follow_up_visits",
        "Follow-up visits made",
        "visits",
        "none",
        "follow-up visits grid workers made after resolutions (一案一回访)",
    ),
    _run(
        "follow_ups_missed",
        "Follow-up visits missed",
        "visits",
        "lower",
        "follow-up visits due that the grid worker had no time for",
    ),
    _run(
        "county_queue_mean",
        "Cases queued for county bodies",
        "cases",
        "lower",
        "mean number of cases waiting for a slot at county bodies (courts, police, arbitration)",
    ),
    *(
        _run(
            f"discovery_share_{channel.value}",
            f"Found by {words}",
            "share of discovered disputes",
            "none",
            f"disputes that came to light by {words} / disputes that came to light",
        )
        for channel, words in DISCOVERY_CHANNELS.items()
    ),
    _run(
        "mean_trust",
        "Mean trust in institutions",
        "0-1 scale",
        "higher",
        "residents' mean trust in the institutions on the last day",
    ),
    _run(
        "party_trust_mean",
        "Trust of the parties",
        "0-1 scale",
        "higher",
        "mean trust on the last day of the residents who were parties to a dispute that came "
        "to light (those whom deadlines, mediation and petitions touch)",
    ),
    _run(
        "trust_village_sd",
        "Spread of trust between villages",
        "sd of village means, 0-1 scale",
        "none",
        "standard deviation over villages of the villagers' mean trust on the last day",
    ),
    _run(
        "trust_village_min",
        "Trust in the least trusting village",
        "0-1 scale",
        "higher",
        "lowest village mean of trust on the last day",
    ),
    _run(
        "satisfaction_rate",
        "Satisfaction",
        "share of parties",
        "higher",
        "满意率: parties of disputes that ended during the run who were satisfied: resolved by "
        "agreement, settlement or a judgement in their favour with grievance below "
        "attitudes.satisfied_below (criminal ends and losing sides are never satisfied)",
    ),
    _run(
        "elder_settlements",
        "Settled by elders",
        "disputes",
        "none",
        "disputes an elder (乡贤, 五老) settled before officials knew of them, counted as "
        "settled by the parties (runs with a prevention programme only)",
    ),
    _run(
        "disputes_prevented",
        "Prevented by village rules",
        "disputes",
        "none",
        "disputes among villagers that village rules and points kept from arising: not "
        "counted in the disputes that arose (runs with a prevention programme only)",
    ),
    _run("cost_total", "Total cost", "yuan", "lower", "sum of the cost items"),
    _run(
        "cost_per_resolved",
        "Cost per resolved dispute",
        "yuan",
        "lower",
        "total cost / resolved disputes",
    ),
    *(
        _run(f"cost_{item}", f"Cost: {words}", "yuan", "lower", f"yuan spent on {words}")
        for item, words in COST_ITEMS.items()
    ),
    _run(
        "petition_attempts_per_10k",
        "Petitions brought",
        "per 10,000 residents a year",
        "lower",
        "petitions residents brought (件次, repeats included), registered by an office or "
        "intercepted before it, per 10,000 residents, scaled to a year",
    ),
    _run(
        "group_petition_attempts_per_100k",
        "Group petitions brought",
        "per 100,000 residents a year",
        "lower",
        "group petitions brought, registered or intercepted, per 100,000 residents a year",
    ),
    _run(
        "zero_petition_village_share",
        "Villages without a petition",
        "share of villages",
        "higher",
        "villages from which nobody brought a petition during the run (registered or not) "
        "/ villages",
    ),
    _run(
        "petitions_intercepted",
        "Petitions intercepted",
        "petitions",
        "lower",
        "petitions intercepted or talked down before an office registered them (截访, 劝返)",
    ),
    _run(
        "pressed_agreements",
        "Agreements pressed on the parties",
        "agreements",
        "lower",
        "mediated agreements the parties reached only because officials pressed them",
    ),
    _run(
        "disputes_held",
        "Disputes held in the village",
        "disputes",
        "none",
        "disputes the village would never pass up to the township, whatever happened",
    ),
    _run(
        "aggrieved_share",
        "Residents aggrieved",
        "share of residents, mean over days",
        "lower",
        "residents whose grievance is at or above attitudes.satisfied_below (who would not "
        "be satisfied), averaged over the days of the run",
    ),
    _recorded(
        "recorded_disputes",
        "Disputes registered, recorded",
        "disputes",
        "disputes on the officials' ledger at the end: those that came to light, less those "
        "kept off it until settled and never settled by a mediator",
        "registered_disputes",
    ),
    _recorded(
        "recorded_per_household_year",
        "Disputes registered, recorded",
        "per household a year",
        "recorded disputes / households, scaled to a year",
        "registered_per_household_year",
    ),
    _recorded(
        "recorded_success_rate",
        "Mediation success rate, recorded",
        "share of recorded cases",
        "调成率: agreements on the ledger / mediation cases on the ledger (each attempt a "
        "case, 件); attempts on a dispute kept off the ledger are entered only if they succeed",
        "mediation_success_rate",
    ),
    _recorded(
        "recorded_petitions_per_10k",
        "Petitions, recorded",
        "per 10,000 residents a year",
        "petitions an office registered (件次, repeats included) per 10,000 residents a year",
        "petition_attempts_per_10k",
    ),
    _recorded(
        "recorded_group_petitions_per_100k",
        "Group petitions, recorded",
        "per 100,000 residents a year",
        "group petitions an office registered per 100,000 residents a year",
        "group_petition_attempts_per_100k",
    ),
    _recorded(
        "recorded_zero_petition_village_share",
        "Zero-petition villages, recorded",
        "share of villages",
        "零上访村: villages with no registered petition during the run / villages",
        "zero_petition_village_share",
    ),
    _gap(
        "unrecorded_dispute_share",
        "Disputes missing from the record",
        "share of disputes that came to light",
        "1 - recorded disputes / disputes that came to light",
    ),
    _gap(
        "success_rate_gap",
        "Success rate overstated by",
        "share of cases",
        "recorded success rate - true mediation success rate (attempts)",
    ),
    _gap(
        "unrecorded_petition_share",
        "Petitions missing from the record",
        "share of petitions brought",
        "petitions intercepted / petitions brought (undefined without a petition)",
    ),
    _gap(
        "zero_petition_village_gap",
        "Zero-petition villages overstated by",
        "share of villages",
        "recorded share of zero-petition villages - true share",
    ),
    Metric(
        "escalations",
        "Escalations",
        "disputes",
        "lower",
        "true",
        "disputes petitioned, turned criminal or pushed to the county by rule: "
        "escalation rate × disputes that arose",
        table_metrics,
    ),
    Metric(
        "cost_per_year",
        "Cost",
        "yuan a year",
        "lower",
        "true",
        "total cost scaled to a year",
        table_metrics,
    ),
    Metric(
        "petitions_filed",
        "Petitions filed",
        "petitions",
        "lower",
        "true",
        "individual, skip-level and group petitions filed, repeats included",
        table_metrics,
    ),
)
METRICS: dict[str, Metric] = {metric.name: metric for metric in _REGISTRY}
# Metrics of metrics.json, and metrics only experiment tables carry (from a run's metrics).
RUN_METRICS = tuple(name for name, metric in METRICS.items() if metric.compute is run_metrics)
TABLE_METRICS = tuple(name for name, metric in METRICS.items() if metric.compute is table_metrics)


def recorded_pairs() -> list[tuple[Metric, Metric]]:
    """Every recorded metric with the true metric it stands beside, in registry order."""
    return [(m, METRICS[m.pairs_with]) for m in METRICS.values() if m.kind == "recorded"]


def pair_title(recorded: Metric) -> str:
    """A recorded metric's title without the word "recorded", for a table or line that
    shows it beside its true counterpart."""
    return recorded.title.replace(", recorded", "")


def recorded_beside_true(metrics: Mapping[str, float | int | None]) -> list[str]:
    """One line per recorded figure of a run: its label, the recorded and the true value."""

    def fmt(v: float | int | None) -> str:
        return "n/a" if v is None else f"{v:,}" if isinstance(v, int) else f"{v:.4g}"

    return [
        f"{pair_title(rec)}: recorded {fmt(metrics.get(rec.name))}, "
        f"true {fmt(metrics.get(true.name))}"
        for rec, true in recorded_pairs()
    ]


def label(name: str) -> str:
    """A metric's label with its unit; unregistered names (e.g. calibration statistics
    derived from the dispute table) read as their words."""
    return METRICS[name].title if name in METRICS else name.replace("_", " ")


def sign(name: str, default: int = 0) -> int:
    """+1 when higher is better, -1 when lower is better, ``default`` when neither or
    when the name is not a registered metric."""
    return (METRICS[name].sign if name in METRICS else 0) or default


@dataclass(frozen=True)
class Series:
    """One daily series (a column of series.parquet): counts on the day, cumulative for
    petitions and criminal cases."""

    name: str
    label: str
    unit: str
    description: str
    compute: Callable[[GovernanceModel], float | int]


_SERIES_TEXT: dict[str, tuple[str, str, str]] = {
    "disputes_arisen": ("Disputes arisen so far", "disputes", "disputes that arose up to the day"),
    "latent": ("Latent", "disputes", "disputes that have not come to light"),
    "waiting": ("Waiting", "disputes", "discovered disputes waiting for a mediator"),
    "in_mediation": ("In mediation", "disputes", "disputes being mediated"),
    "in_petition": (
        "At a letters-and-visits office",
        "disputes",
        "disputes whose petition an office is handling",
    ),
    "resolved": ("Resolved", "disputes", "disputes resolved (a relapse reopens one)"),
    "petitions": (
        "Petitions so far",
        "petitions",
        "individual and skip-level petitions filed, repeats included",
    ),
    "group_petitions": ("Group petitions so far", "petitions", "group petitions filed"),
    "criminal_cases": ("Criminal cases so far", "disputes", "disputes turned criminal"),
    "open_backlog": (
        "Open disputes",
        "disputes",
        "disputes neither resolved nor ended in a criminal case (petitions included)",
    ),
    "mean_trust": ("Mean trust", "0-1 scale", "residents' mean trust in the institutions"),
}
SERIES: dict[str, Series] = {
    name: Series(name, *_SERIES_TEXT[name], compute=reporter)
    for name, reporter in SERIES_REPORTERS.items()
}


def metric_table() -> str:
    """Markdown table of every registered metric and daily series (README, "Outputs")."""
    lines = [
        METRICS_BEGIN,
        "",
        "| metric | label (unit) | better | kind | how it is computed |",
        "|---|---|---|---|---|",
    ]
    for metric in METRICS.values():
        where = "" if metric.compute is run_metrics else " (experiment tables only)"
        lines.append(
            f"| `{metric.name}` | {metric.title} | {metric.better} | {metric.kind} "
            f"| {metric.description}{where} |"
        )
    lines += ["", "| daily series | label (unit) | meaning |", "|---|---|---|"]
    lines += [f"| `{s.name}` | {s.label} ({s.unit}) | {s.description} |" for s in SERIES.values()]
    return "\n".join([*lines, "", METRICS_END])


METRICS_BEGIN, METRICS_END = (
    "<!-- BEGIN METRIC TABLE (python -m sim.config.docs) -->",
    "<!-- END METRIC TABLE -->",
)
