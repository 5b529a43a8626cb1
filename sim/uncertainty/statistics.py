"""Calibration statistics: the model's counterpart of each reported figure.

A statistic is a function of one finished run (its ``RunResult``) and its ``Params``,
returning a number or None when undefined (e.g. a share of group petitions in a year
without any). Every run metric of the registry (``sim.metrics.METRICS``) is a statistic
under its own name; the derived statistics below are computed from the dispute table
and are not run metrics.

Each statistic is of a kind (``statistic_kind``): "true" (the model's true state) or
"recorded" (what officials' records show, ``policy.evaluation``). The derived
statistics of people's-mediation figures read the disputes on the officials' ledger,
so they are recorded figures; under ``policy/evaluation=none`` the ledger holds every
registered dispute and the two kinds agree.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from sim.config import Params
from sim.metrics import METRICS as REGISTRY
from sim.metrics import RUN_METRICS
from sim.run import RunResult

Statistic = Callable[[RunResult, Params], float | None]

# Run metrics usable as statistics directly: every metric of metrics.json, from the
# registry. The statistics in ``DERIVED`` below are not run metrics (they are read off
# the dispute table) and live here.
METRICS = RUN_METRICS
TYPES = ("family", "neighbour", "land", "damages_debt", "labour", "collective")
GRASSROOTS_LEVELS = ("on_the_spot", "village")


def _mediated(result: RunResult) -> pd.DataFrame:
    """Registered disputes in people's mediation: the population the reported figures count.

    Disputes the parties filed with county bodies themselves (court, police, arbitration)
    never enter it, so the mediation statistics leave them out; nor do disputes the
    officials kept off their ledger (``policy.evaluation``): the figures come from ledgers.
    """
    d = result.disputes
    if d.empty:
        return d.iloc[0:0]
    return d[d["discovered"].notna() & (d["channel"] != "direct_filing") & ~d["hidden"]]


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _type_share(kind: str) -> Statistic:
    def share(result: RunResult, params: Params) -> float | None:
        reg = _mediated(result)
        return _share(int((reg["type"] == kind).sum()), len(reg))

    share.__doc__ = f"mediated {kind} disputes / mediated disputes"
    return share


def village_share_family_neighbour_land(result: RunResult, params: Params) -> float | None:
    """Mediated family/neighbour/land disputes resolved on the spot or by the village."""
    reg = _mediated(result)
    reg = reg[reg["type"].isin(("family", "neighbour", "land"))]
    done = (reg["status"] == "resolved") & reg["level"].isin(GRASSROOTS_LEVELS)
    return _share(int(done.sum()), len(reg))


def resolved_within_30_days(result: RunResult, params: Params) -> float | None:
    """Mediated resolved disputes concluded within 30 days of coming to light."""
    reg = _mediated(result)
    done = reg[reg["status"] == "resolved"]
    fast = (done["resolved"] - done["discovered"]) <= 30
    return _share(int(fast.sum()), len(done))


def caseload_per_mediator(result: RunResult, params: Params) -> float | None:
    """Mediated disputes a year per village or county roving mediator."""
    staffing = params.policy.staffing
    mediators = staffing.mediators_per_village * params.scenario.n_villages
    mediators += staffing.county_roving_mediators
    if not mediators:
        return None
    return len(_mediated(result)) * 365.0 / params.days / mediators


def litigation_share(result: RunResult, params: Params) -> float | None:
    """Mediated disputes that went on to the county (courts) / mediated disputes."""
    reg = _mediated(result)
    return _share(int(reg["reached_county"].astype(bool).sum()), len(reg))


def group_petition_collective_share(result: RunResult, params: Params) -> float | None:
    """Disputes that produced a group petition over collective (requisition/demolition)
    matters / all disputes that produced a group petition (a petition is a stage, so the
    dispute's last status does not tell)."""
    d = result.disputes
    if d.empty:
        return None
    group = d[d["group_size"] > 0]
    return _share(int((group["type"] == "collective").sum()), len(group))


DERIVED: dict[str, Statistic] = {
    "village_share_family_neighbour_land": village_share_family_neighbour_land,
    "resolved_within_30_days": resolved_within_30_days,
    "caseload_per_mediator": caseload_per_mediator,
    "litigation_share": litigation_share,
    "group_petition_collective_share": group_petition_collective_share,
    **{f"type_share_{t}": _type_share(t) for t in TYPES},
}


# Derived statistics read off the officials' ledger (``_mediated``) are recorded figures.
TRUE_DERIVED = frozenset({"group_petition_collective_share"})


def statistic_kind(name: str) -> str:
    """ "true" or "recorded" ("gap" for a registry gap metric)."""
    if name in DERIVED:
        return "true" if name in TRUE_DERIVED else "recorded"
    return REGISTRY[name].kind


def known_statistics() -> tuple[str, ...]:
    return tuple(sorted((*METRICS, *DERIVED)))


def compute(names: list[str] | tuple[str, ...], result: RunResult, params: Params) -> dict:
    """The named statistics of one run (None where undefined)."""
    out: dict[str, float | None] = {}
    for name in names:
        value = DERIVED[name](result, params) if name in DERIVED else result.metrics[name]
        out[name] = None if value is None else float(value)
    return out
