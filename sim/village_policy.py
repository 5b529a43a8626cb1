"""Policy that varies by village: the staffing and visit levers each village lives under.

A lever has the county's value (the staffing or visits preset) unless something more
particular sets it, in this order, later winning:

1. the county preset (``policy.staffing``, ``policy.visits``);
2. a planner's table: its optional ``mediators`` column (the village's existing staff)
   and any lever column (``mediators_per_village``, ``households_visited_per_day``...);
3. the village's type: ``policy.staffing.by_type.<type>.<lever>``;
4. the village by name: ``policy.staffing.by_village.<village>.<lever>``.

Only levers that act inside one village may differ (``VILLAGE_LEVERS``); the validator
refuses the others. Every process and cost reads a village's levers from here.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np

from sim.config.schema import Params, StaffingParams, VisitsParams
from sim.config.village_schema import VILLAGE_TYPES
from sim.world import World


@dataclass(frozen=True)
class VillagePolicy:
    """The staffing and visit levers of each village (index = village)."""

    staffing: tuple[StaffingParams, ...]
    visits: tuple[VisitsParams, ...]

    def mediators(self) -> np.ndarray:
        return np.array([s.mediators_per_village for s in self.staffing], dtype=np.int64)


def village_policy(params: Params, world: World) -> VillagePolicy:
    staffing, visits = params.policy.staffing, params.policy.visits
    table = params.scenario.table
    per_staffing, per_visits = [], []
    for v in range(world.n_villages):
        kind, name = VILLAGE_TYPES[int(world.village_type[v])], world.village_names[v]
        row = None if table is None else table[v]
        existing: dict = {} if row is None else dict(row.staffing)
        if row is not None and row.mediators is not None:  # a lever column wins over it
            existing.setdefault("mediators_per_village", row.mediators)
        per_staffing.append(_apply(staffing, existing, kind, name))
        per_visits.append(_apply(visits, {} if row is None else dict(row.visits), kind, name))
    return VillagePolicy(tuple(per_staffing), tuple(per_visits))


def _apply[T: (StaffingParams, VisitsParams)](
    section: T, existing: dict, kind: str, name: str
) -> T:
    changes = {**existing, **section.by_type.get(kind, {}), **section.by_village.get(name, {})}
    return dataclasses.replace(section, **changes) if changes else section


def mediator_skills(
    policy: VillagePolicy, county: StaffingParams, world_rng, staff_rng
) -> list[np.ndarray]:
    """Each village's mediators' skills. The county preset's number of mediators per
    village draw from the world stream exactly as an all-alike county always has (so
    its numbers stand); mediators a village has beyond that draw from the staff stream,
    the k-th extra of village v always the same draw, so two arms that add different
    numbers share the skills of the mediators they have in common."""
    n = len(policy.staffing)
    base = county.mediators_per_village
    z = world_rng.standard_normal((n, base))
    counts = policy.mediators()
    extra = int(max(0, (counts - base).max())) if n else 0
    z_extra = staff_rng.standard_normal((extra, n)) if extra else np.empty((0, n))
    skills = []
    for v, s in enumerate(policy.staffing):
        draws = np.concatenate([z[v], z_extra[:, v]])[: counts[v]]
        skills.append(np.clip(s.mediator_skill_mean + s.mediator_skill_sd * draws, 0.0, 1.0))
    return skills
