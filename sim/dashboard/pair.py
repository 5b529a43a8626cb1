"""Two policies, one world: policy A and policy B built from the same seed and stepped
together, with the daily series both panes and the paired difference read from.

Both models draw the world, the disputes' onset and every other stream from the same
seed (common random numbers), so the same disputes arise on the same days in both;
whatever differs afterwards is the policies' doing. Nothing here touches the model:
it is built and stepped as ``sim.run`` does, and only read.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import pandas as pd

from sim.config import Params, load_params
from sim.config.compose import merge_overrides
from sim.metrics import escalated
from sim.model import GovernanceModel
from sim.run import build_model

PANES = ("A", "B")

# The live series, read from each model after every day: open disputes by status, the
# running counts a planner wants to avoid, and trust. Column -> (label, unit).
LIVE = {
    "latent": ("Open, not yet known", "disputes"),
    "waiting": ("Open, waiting for a mediator", "disputes"),
    "in_mediation": ("Open, in mediation", "disputes"),
    "in_petition": ("Open, at a petition office", "disputes"),
    "escalations": ("Escalations so far", "disputes"),
    "petitions": ("Petitions so far (incl. group)", "petitions"),
    "mean_trust": ("Mean trust in local government", "0-1 scale"),
}
OPEN_STATUSES = ("latent", "waiting", "in_mediation", "in_petition")


@dataclass(frozen=True)
class Settings:
    """What the two panes are built from: overrides shared by both (scenario, seed, days)
    and each pane's own policy overrides (presets and levers)."""

    shared: tuple[str, ...]
    a: tuple[str, ...]
    b: tuple[str, ...]

    def overrides(self, pane: str) -> list[str]:
        return merge_overrides(self.shared, self.a if pane == "A" else self.b)


@functools.lru_cache(maxsize=64)
def validated(overrides: tuple[str, ...]) -> Params:
    """Composed and validated parameters (frozen, so shared safely): composing with
    Hydra takes about a second, and a planner flips between the same few settings."""
    return load_params(list(overrides))[1]


def live_row(model: GovernanceModel) -> dict[str, float]:
    """Today's values of ``LIVE`` for one model (the model's own daily series, plus the
    escalations counted as the run's metrics count them)."""
    last = {name: values[-1] for name, values in model.datacollector.model_vars.items()}
    return {
        "day": model.day,
        **{s: last[s] for s in OPEN_STATUSES},
        "escalations": escalated(model),
        "petitions": last["petitions"] + last["group_petitions"],
        "mean_trust": last["mean_trust"],
    }


class Pair:
    """Policy A and policy B on the same simulated county, a day at a time."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        # Validation first (ConfigError names the key), then the two models.
        params = [validated(tuple(settings.overrides(p))) for p in PANES]
        self.models = [build_model(p) for p in params]
        self.days = params[0].days
        self.rows: list[list[dict[str, float]]] = [[], []]
        # Each grid worker's place in its rotation before the last day stepped, so the
        # village view can mark the households visited that day.
        self.slots_before: list[list[int]] = [[], []]

    @property
    def day(self) -> int:
        return self.models[0].day

    @property
    def finished(self) -> bool:
        return self.day >= self.days

    def step(self, days: int = 1) -> int:
        """Step both models ``days`` days (not past the configured end); days stepped."""
        done = 0
        while done < days and not self.finished:
            for i, (model, rows) in enumerate(zip(self.models, self.rows, strict=True)):
                self.slots_before[i] = [w.next_slot for w in model.worker_of_grid]
                model.step()
                rows.append(live_row(model))
            done += 1
        return done

    def series(self) -> pd.DataFrame:
        """One row per pane and day: ``pane``, ``day`` and the ``LIVE`` columns."""
        frames = [pd.DataFrame(rows, columns=["day", *LIVE]) for rows in self.rows]
        for pane, frame in zip(PANES, frames, strict=True):
            frame.insert(0, "pane", pane)
        return pd.concat(frames, ignore_index=True)

    def difference(self) -> pd.DataFrame:
        """B minus A, day by day, for every ``LIVE`` column (the paired difference)."""
        a, b = (pd.DataFrame(rows, columns=["day", *LIVE]) for rows in self.rows)
        out = b[list(LIVE)] - a[list(LIVE)]
        out.insert(0, "day", a["day"])
        return out

    def onsets(self, pane: int) -> list[tuple[int, int, str]]:
        """(day arisen, village, type) of every dispute that arose so far in a pane."""
        return [(d.arose, d.village, d.kind.value) for d in self.models[pane].book.all]
