"""Sample designs over the uncertain parameters: Morris trajectories and Sobol' points.

SALib samples the unit hypercube; each unit coordinate is mapped onto its parameter's
range (log-uniform where the range says ``log``), so log-scaled rates are screened
evenly over their orders of magnitude.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from SALib.sample import morris as morris_sample
from SALib.sample import sobol as sobol_sample

from sim.uncertainty.space import ParameterSpec, unit_to_value

MORRIS_LEVELS = 4


@dataclass(frozen=True)
class Design:
    """A sample: unit-cube coordinates ``unit`` over ``specs`` and the values they map to."""

    name: str  # "morris" or "sobol"
    specs: tuple[ParameterSpec, ...]
    unit: np.ndarray  # shape (points, len(specs))

    @property
    def problem(self) -> dict:
        return unit_problem(self.specs)

    def values(self, base: dict[str, float]) -> list[dict[str, float]]:
        """One parameter dict per point: sampled keys set, the rest kept at ``base``."""
        out = []
        for row in self.unit:
            point = dict(base)
            point.update(
                {s.key: unit_to_value(s, float(u)) for s, u in zip(self.specs, row, strict=True)}
            )
            out.append(point)
        return out


def unit_problem(specs: tuple[ParameterSpec, ...]) -> dict:
    return {
        "num_vars": len(specs),
        "names": [s.key for s in specs],
        "bounds": [[0.0, 1.0]] * len(specs),
    }


def morris_design(specs: tuple[ParameterSpec, ...], trajectories: int, seed: int) -> Design:
    unit = morris_sample.sample(
        unit_problem(specs), trajectories, num_levels=MORRIS_LEVELS, seed=seed
    )
    return Design("morris", specs, np.asarray(unit))


def sobol_design(specs: tuple[ParameterSpec, ...], samples: int, seed: int) -> Design:
    """Saltelli's scheme, first and total order only: ``samples * (len(specs) + 2)`` points."""
    unit = sobol_sample.sample(unit_problem(specs), samples, calc_second_order=False, seed=seed)
    return Design("sobol", specs, np.asarray(unit))
