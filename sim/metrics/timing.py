"""Registry entries: how long disputes took and waited, where the ladder's rules bit,
deadlines and follow-ups (``_timing`` of ``sim.metrics.compute``, ``sim.waits``), and
the channels by which disputes came to light."""

from __future__ import annotations

from sim.disputes import Channel
from sim.metrics.metric import Metric, true_metric
from sim.waits import LONG_WAIT_DAYS

DISCOVERY_CHANNELS = {
    Channel.SELF_REPORT: "the parties' own report",
    Channel.NEIGHBOUR: "a neighbour's tip to the grid worker",
    Channel.GRID_VISIT: "a grid worker's household visit",
    Channel.CADRE_VISIT: "a cadre's visit day",
    Channel.CAMPAIGN: "a screening campaign",
    Channel.DIRECT_FILING: "the parties filing with county bodies",
    Channel.PETITION: "a petition to a letters-and-visits office",
}

TIMING: tuple[Metric, ...] = (
    true_metric(
        "days_to_resolution_mean",
        "Mean time to resolution",
        "days",
        "lower",
        "mean days from onset to resolution, resolved disputes",
    ),
    true_metric(
        "days_to_resolution_median",
        "Median time to resolution",
        "days",
        "lower",
        "median days from onset to resolution, resolved disputes",
    ),
    true_metric(
        "days_to_resolution_p90",
        "Time to resolution, 90th percentile",
        "days",
        "lower",
        "90th percentile of days from onset to resolution, resolved disputes",
    ),
    true_metric(
        "days_open_mean",
        "Mean days open",
        "days",
        "lower",
        "mean days from onset to the end (resolution or criminal case) over every dispute, "
        "a dispute still open counting the days to the run's last day (right-censored: "
        "unlike the time to resolution, long waits at the year's end are not hidden)",
    ),
    true_metric(
        "open_after_90_share",
        f"Open after {LONG_WAIT_DAYS} days",
        "share of disputes",
        "lower",
        f"disputes not ended {LONG_WAIT_DAYS} days after onset / disputes that arose at "
        f"least {LONG_WAIT_DAYS} days before the run's last day",
    ),
    true_metric(
        "village_wait_mean",
        "Wait in a village queue",
        "days per stay",
        "lower",
        "mean days a dispute stayed in a village queue (until a mediator took it up, it "
        "moved on or the run ended), over every stay",
    ),
    true_metric(
        "township_queue_mean",
        "Cases queued for township centres",
        "cases",
        "lower",
        "mean number of disputes waiting for a township centre slot, all townships",
    ),
    true_metric(
        "passed_up_attempt_limit",
        "Passed up at a failed-attempt limit",
        "disputes",
        "none",
        "times the ladder passed a dispute up because it failed as often as its village or "
        "township level allows (not the parties' own appeals)",
    ),
    true_metric(
        "passed_up_day_limit",
        "Passed up at a day limit",
        "disputes",
        "none",
        "times the ladder passed a waiting dispute up because it had been at its village or "
        "township level as long as allowed",
    ),
    true_metric(
        "days_to_discovery_mean",
        "Mean time to discovery",
        "days",
        "lower",
        "mean days from onset to first discovery, discovered disputes",
    ),
    true_metric(
        "open_backlog",
        "Open disputes at the end",
        "disputes",
        "lower",
        "disputes neither resolved nor ended badly on the last day",
    ),
    true_metric(
        "relapses",
        "Relapses of resolved disputes",
        "count",
        "lower",
        "times a resolved dispute flared up again within the relapse window",
    ),
    true_metric(
        "missed_deadlines",
        "Missed feedback deadlines",
        "disputes",
        "lower",
        "waiting disputes whose feedback deadline passed (each counted once)",
    ),
    true_metric(
        "kept_deadlines",
        "Kept feedback deadlines",
        "disputes",
        "higher",
        "disputes still open on their feedback deadline whose parties had feedback on time",
    ),
    true_metric(
        "follow_up_visits",
        "Follow-up visits made",
        "visits",
        "none",
        "follow-up visits grid workers made after resolutions (一案一回访)",
    ),
    true_metric(
        "follow_ups_missed",
        "Follow-up visits missed",
        "visits",
        "lower",
        "follow-up visits due that the grid worker had no time for",
    ),
    true_metric(
        "county_queue_mean",
        "Cases queued for county bodies",
        "cases",
        "lower",
        "mean number of cases waiting for a slot at county bodies (courts, police, arbitration)",
    ),
)

DISCOVERY: tuple[Metric, ...] = (
    *(
        true_metric(
            f"discovery_share_{channel.value}",
            f"Found by {words}",
            "share of discovered disputes",
            "none",
            f"disputes that came to light by {words} / disputes that came to light",
        )
        for channel, words in DISCOVERY_CHANNELS.items()
    ),
)
