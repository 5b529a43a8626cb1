"""Registry entries: the world's size, how disputes were resolved, how they escalated,
and residents' trust (``_scale``, ``_resolution``, ``_escalation`` and ``_trust`` of
``sim.metrics.compute``; the parties' trust comes from ``sim.waits``)."""

from __future__ import annotations

from sim.metrics.metric import Metric, true_metric

_SHARE = "share of disputes"

SCALE: tuple[Metric, ...] = (
    true_metric("residents", "Residents", "people", "none", "residents of the world the run built"),
    true_metric("households", "Households", "count", "none", "households of the world"),
    true_metric("days", "Length of the run", "days", "none", "simulated days"),
    true_metric(
        "disputes_total",
        "Disputes that arose",
        "disputes",
        "none",
        "disputes that arose during the run (relapses are not new disputes)",
    ),
    true_metric(
        "registered_disputes",
        "Disputes registered",
        "disputes",
        "none",
        "disputes that came to light by any channel",
    ),
    true_metric(
        "registered_per_household_year",
        "Disputes registered",
        "per household a year",
        "none",
        "registered disputes / households, scaled to a year",
    ),
)

RESOLUTION: tuple[Metric, ...] = (
    true_metric(
        "resolved_share", "Resolved", _SHARE, "higher", "disputes resolved by the end / disputes"
    ),
    true_metric(
        "mediation_success_rate",
        "Mediation success rate",
        "share of attempts",
        "higher",
        "successful mediation attempts / attempts (on the spot, village, township)",
    ),
    true_metric(
        "mediation_success_per_case",
        "Mediation success per case",
        "share of mediated disputes",
        "higher",
        "disputes a mediator took up (on the spot, village, township) that ended resolved by "
        "one of them / disputes a mediator took up",
    ),
    true_metric(
        "village_share",
        "Resolved within the village",
        _SHARE,
        "higher",
        "disputes resolved by the parties, on the spot or by the village committee / disputes",
    ),
    true_metric(
        "township_share",
        "Resolved within the township",
        _SHARE,
        "higher",
        "disputes resolved without leaving the township (village share included) / disputes",
    ),
    true_metric(
        "county_share",
        "Resolved by the county",
        _SHARE,
        "lower",
        "disputes resolved by county bodies / disputes",
    ),
    true_metric(
        "direct_filings",
        "Filed directly with county bodies",
        "disputes",
        "lower",
        "disputes the parties took straight to a court, the police or arbitration",
    ),
    true_metric(
        "appeals_to_township",
        "Appeals to the township",
        "disputes",
        "lower",
        "failed village mediations the parties took to the township themselves",
    ),
)

ESCALATION: tuple[Metric, ...] = (
    true_metric(
        "escalation_rate",
        "Escalation rate",
        _SHARE,
        "lower",
        "disputes that ended badly or nearly so: petitioned (any kind), turned criminal, or "
        "pushed unresolved to the county by rule (not the parties' own filings) / disputes",
    ),
    true_metric(
        "litigation_rate",
        "Parties' own filings",
        _SHARE,
        "none",
        "disputes the parties took to a court, the police or arbitration themselves / disputes",
    ),
    true_metric(
        "passed_up_rate",
        "Passed up to the county",
        _SHARE,
        "lower",
        "disputes pushed to the county by the ladder's rules (day limits, failed attempts, "
        "deadlines) / disputes",
    ),
    true_metric(
        "petition_rate",
        "Petitioned",
        _SHARE,
        "lower",
        "disputes that produced at least one petition (individual, skip-level or group) / disputes",
    ),
    true_metric(
        "criminal_rate",
        "Turned criminal",
        _SHARE,
        "lower",
        "disputes that ended in a criminal case (民转刑) / disputes",
    ),
    true_metric(
        "petitions_per_10k",
        "Petitions",
        "per 10,000 residents a year",
        "lower",
        "petitions filed (件次: individual, skip-level and group, repeats included) per 10,000 "
        "residents, scaled to a year",
    ),
    true_metric(
        "individual_petitions",
        "Individual petitions",
        "petitions",
        "lower",
        "individual petitions filed with a township or county office, repeats included",
    ),
    true_metric(
        "skip_level_petitions",
        "Skip-level petitions",
        "petitions",
        "lower",
        "petitions taken above the county (越级), repeats included",
    ),
    true_metric(
        "group_petitions",
        "Group petitions",
        "petitions",
        "lower",
        "group petitions filed (集体访), repeats included",
    ),
    true_metric(
        "group_petitions_per_100k",
        "Group petitions",
        "per 100,000 residents a year",
        "lower",
        "group petitions filed per 100,000 residents, scaled to a year",
    ),
    true_metric(
        "group_petition_size_mean",
        "Group petition size",
        "people",
        "none",
        "mean number of people in a group petition (undefined without one)",
    ),
    true_metric(
        "repeat_petitions",
        "Repeat petitions",
        "petitions",
        "lower",
        "reviews and re-examinations asked for after an unsatisfying answer (重复访)",
    ),
    true_metric(
        "petitions_resolved",
        "Petitions resolved by an answer",
        "petitions",
        "none",
        "petitions a letters-and-visits office (or owning cadre, or the relief fund) resolved",
    ),
    true_metric(
        "petitions_sent_back",
        "Petitions sent back down",
        "petitions",
        "none",
        "petitions sent back down to township mediation without a resolution",
    ),
    true_metric(
        "owned_cases",
        "Hard cases owned by a cadre",
        "disputes",
        "none",
        "hard petition cases given a named owning cadre (包案)",
    ),
    true_metric(
        "relief_cases",
        "Hard cases closed by relief",
        "disputes",
        "none",
        "hard petition cases the relief fund closed with money",
    ),
    true_metric(
        "criminal_cases",
        "Civil disputes turned criminal",
        "disputes",
        "lower",
        "disputes that ended in a criminal case (民转刑)",
    ),
    true_metric(
        "criminal_per_100k",
        "Civil disputes turned criminal",
        "per 100,000 residents a year",
        "lower",
        "criminal cases arising from disputes per 100,000 residents, scaled to a year",
    ),
)

TRUST: tuple[Metric, ...] = (
    true_metric(
        "mean_trust",
        "Mean trust in institutions",
        "0-1 scale",
        "higher",
        "residents' mean trust in the institutions on the last day",
    ),
    true_metric(
        "party_trust_mean",
        "Trust of the parties",
        "0-1 scale",
        "higher",
        "mean trust on the last day of the residents who were parties to a dispute that came "
        "to light (those whom deadlines, mediation and petitions touch)",
    ),
    true_metric(
        "trust_village_sd",
        "Spread of trust between villages",
        "sd of village means, 0-1 scale",
        "none",
        "standard deviation over villages of the villagers' mean trust on the last day",
    ),
    true_metric(
        "trust_village_min",
        "Trust in the least trusting village",
        "0-1 scale",
        "higher",
        "lowest village mean of trust on the last day",
    ),
    true_metric(
        "satisfaction_rate",
        "Satisfaction",
        "share of parties",
        "higher",
        "满意率: parties of disputes that ended during the run who were satisfied: resolved by "
        "agreement, settlement or a judgement in their favour with grievance below "
        "attitudes.satisfied_below (criminal ends and losing sides are never satisfied)",
    ),
)
