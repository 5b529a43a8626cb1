"""Registry entries: officials' records beside the truth (``_records`` of
``sim.metrics.compute``): the true figures, the recorded ones that stand beside them,
and the gaps between."""

from __future__ import annotations

from sim.metrics.metric import Metric, gap_metric, recorded_metric, true_metric

RECORDS: tuple[Metric, ...] = (
    true_metric(
        "petition_attempts_per_10k",
        "Petitions brought",
        "per 10,000 residents a year",
        "lower",
        "petitions residents brought (件次, repeats included), registered by an office or "
        "intercepted before it, per 10,000 residents, scaled to a year",
    ),
    true_metric(
        "group_petition_attempts_per_100k",
        "Group petitions brought",
        "per 100,000 residents a year",
        "lower",
        "group petitions brought, registered or intercepted, per 100,000 residents a year",
    ),
    true_metric(
        "zero_petition_village_share",
        "Villages without a petition",
        "share of villages",
        "higher",
        "villages from which nobody brought a petition during the run (registered or not) "
        "/ villages",
    ),
    true_metric(
        "petitions_intercepted",
        "Petitions intercepted",
        "petitions",
        "lower",
        "petitions intercepted or talked down before an office registered them (截访, 劝返)",
    ),
    true_metric(
        "pressed_agreements",
        "Agreements pressed on the parties",
        "agreements",
        "lower",
        "mediated agreements the parties reached only because officials pressed them",
    ),
    true_metric(
        "disputes_held",
        "Disputes held in the village",
        "disputes",
        "none",
        "disputes the village would never pass up to the township, whatever happened",
    ),
    true_metric(
        "aggrieved_share",
        "Residents aggrieved",
        "share of residents, mean over days",
        "lower",
        "residents whose grievance is at or above attitudes.satisfied_below (who would not "
        "be satisfied), averaged over the days of the run",
    ),
    recorded_metric(
        "recorded_disputes",
        "Disputes registered, recorded",
        "disputes",
        "disputes on the officials' ledger at the end: those that came to light, less those "
        "kept off it until settled and never settled by a mediator",
        "registered_disputes",
    ),
    recorded_metric(
        "recorded_per_household_year",
        "Disputes registered, recorded",
        "per household a year",
        "recorded disputes / households, scaled to a year",
        "registered_per_household_year",
    ),
    recorded_metric(
        "recorded_success_rate",
        "Mediation success rate, recorded",
        "share of recorded cases",
        "调成率: agreements on the ledger / mediation cases on the ledger (each attempt a "
        "case, 件); attempts on a dispute kept off the ledger are entered only if they succeed",
        "mediation_success_rate",
    ),
    recorded_metric(
        "recorded_petitions_per_10k",
        "Petitions, recorded",
        "per 10,000 residents a year",
        "petitions an office registered (件次, repeats included) per 10,000 residents a year",
        "petition_attempts_per_10k",
    ),
    recorded_metric(
        "recorded_group_petitions_per_100k",
        "Group petitions, recorded",
        "per 100,000 residents a year",
        "group petitions an office registered per 100,000 residents a year",
        "group_petition_attempts_per_100k",
    ),
    recorded_metric(
        "recorded_zero_petition_village_share",
        "Zero-petition villages, recorded",
        "share of villages",
        "零上访村: villages with no registered petition during the run / villages",
        "zero_petition_village_share",
    ),
    gap_metric(
        "unrecorded_dispute_share",
        "Disputes missing from the record",
        "share of disputes that came to light",
        "1 - recorded disputes / disputes that came to light",
    ),
    gap_metric(
        "success_rate_gap",
        "Success rate overstated by",
        "share of cases",
        "recorded success rate - true mediation success rate (attempts)",
    ),
    gap_metric(
        "unrecorded_petition_share",
        "Petitions missing from the record",
        "share of petitions brought",
        "petitions intercepted / petitions brought (undefined without a petition)",
    ),
    gap_metric(
        "zero_petition_village_gap",
        "Zero-petition villages overstated by",
        "share of villages",
        "recorded share of zero-petition villages - true share",
    ),
)
