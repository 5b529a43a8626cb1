"""Small hand-built states for testing one process at a time.

``quiet_model`` is a two-village model built from the real configs in which nothing
happens by itself: no disputes arise and nobody reports, tips off, hears of, settles,
files or acts on one unless a test turns that on. Tests put disputes into its book by
hand (``latent``, ``waiting``, ``in_mediation``), run one process's ``step`` once,
and check what it did.
"""

from __future__ import annotations

import numpy as np

from sim.disputes import Channel, Complexity, Dispute, DisputeType, Level, Status
from sim.model import GovernanceModel
from sim.run import RunResult, build_model, collect
from sim.world.types import same_lineage
from tests.conftest import NO_DISCOVERY, SMALL, params

TYPES = [t.value for t in DisputeType]
NO_ONSET = tuple(f"behaviour.disputes.{t}.onset_per_household_year=0" for t in TYPES)
NOTHING_HAPPENS = (
    *NO_ONSET,
    *NO_DISCOVERY,
    "behaviour.responses.petition_per_day=0",
    "behaviour.responses.group_per_day=0",
    "behaviour.responses.criminal_per_day=0",
    "behaviour.responses.appeal_after_village_failure=0",
    "behaviour.relapse.chance=0",
)
CERTAIN_SUCCESS = ("behaviour.mediation.base_logit=50",)
CERTAIN_FAILURE = ("behaviour.mediation.base_logit=-50",)


def run_through(model: GovernanceModel) -> RunResult:
    """Every day of the model's run, then its tables (a model whose steps a test changed)."""
    for _ in range(model.params.days):
        model.step()
    return collect(model)


def quiet_model(*overrides: str) -> GovernanceModel:
    """Two villages of one township, nothing happening unless ``overrides`` say so."""
    return build_model(params(*SMALL, *NOTHING_HAPPENS, "seed=0", *overrides))


def latent(
    model: GovernanceModel,
    household: int = 0,
    severity: float = 0.2,
    kind: DisputeType = DisputeType.NEIGHBOUR,
    intensity: float = 0.1,
) -> Dispute:
    """A latent dispute of ``household``'s first resident with the next resident along,
    arisen today, entered in the model's book."""
    world = model.world
    claimant = int(world.household_first[household])
    other = claimant + int(world.household_size[household])  # the next household's first
    village = int(world.household_village[household])
    d = Dispute(
        id=len(model.book),
        kind=kind,
        village=village,
        township=int(world.village_township[village]),
        grid=int(world.household_grid[household]),
        household_slot=int(world.household_slot[household]),
        claimants=np.array([claimant]),
        respondents=np.array([other]),
        same_lineage=same_lineage(world, np.array([claimant]), np.array([other])),
        linked=world.network.ties_of_group(np.array([claimant])),
        severity=severity,
        intensity=intensity,
        complexity=Complexity.SIMPLE if severity < 0.3 else Complexity.GENERAL,
        arose=model.day,
        level_since=model.day,
    )
    model.book.add(d)
    return d


def waiting(model: GovernanceModel, level: Level = Level.VILLAGE, **kwargs) -> Dispute:
    """A dispute discovered today (by a self-report) and waiting at ``level``."""
    d = latent(model, **kwargs)
    model.book.come_to_light(d, Channel.SELF_REPORT, model.day)
    model.book.wait(d, level, model.day)
    return d


def first_household_of_village(model: GovernanceModel, village: int) -> int:
    return int(model.world.village_first_household[village])


def statuses(*disputes: Dispute) -> list[Status]:
    return [d.status for d in disputes]
