"""The daily series: counters the model already keeps, read each day (no per-resident
work), one column of series.parquet each."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sim.disputes import OPEN, PETITIONING, Status
from sim.metrics.compute import disputes_in, filed_petitions

if TYPE_CHECKING:
    from sim.model import GovernanceModel


SERIES_REPORTERS = {
    "disputes_arisen": lambda m: len(m.book),
    "latent": lambda m: m.book.status_counts[Status.LATENT],
    "waiting": lambda m: m.book.status_counts[Status.WAITING],
    "in_mediation": lambda m: m.book.status_counts[Status.IN_MEDIATION],
    "in_petition": lambda m: disputes_in(m, *PETITIONING),
    "resolved": lambda m: m.book.status_counts[Status.RESOLVED],
    "petitions": lambda m: filed_petitions(m, Status.PETITION, Status.SKIP_LEVEL_PETITION),
    "group_petitions": lambda m: filed_petitions(m, Status.GROUP_PETITION),
    "criminal_cases": lambda m: m.book.status_counts[Status.CRIMINAL],
    "open_backlog": lambda m: disputes_in(m, *OPEN),
    "mean_trust": lambda m: m.attitudes.mean_trust_of_all(),
}


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
