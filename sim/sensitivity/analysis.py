"""Morris screening and Sobol' indices of every analysed quantity, as tidy tables.

A quantity is a column of the run table: an outcome under the baseline
(``baseline:resolved_share``) or a policy effect (``effect[reactive]:resolved_share``).
Morris mu* is comparable across parameters because every parameter is sampled on the
unit interval of its range.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from SALib.analyze import morris as morris_analyze
from SALib.analyze import sobol as sobol_analyze

from sim.sensitivity.design import MORRIS_LEVELS, Design


def _finite(y: pd.Series) -> np.ndarray:
    """Undefined outcomes (a share with an empty denominator) take the column mean."""
    values = y.to_numpy(dtype=float)
    if np.isnan(values).all():
        return np.zeros_like(values)
    return np.where(np.isnan(values), np.nanmean(values), values)


def morris_table(
    design: Design, table: pd.DataFrame, quantities: list[str], seed: int
) -> pd.DataFrame:
    rows = []
    for q in quantities:
        res = morris_analyze.analyze(
            design.problem, design.unit, _finite(table[q]), num_levels=MORRIS_LEVELS, seed=seed
        )
        top = float(np.max(res["mu_star"])) or 1.0
        for i, spec in enumerate(design.specs):
            rows.append(
                {
                    "quantity": q,
                    "parameter": spec.key,
                    "mu_star": float(res["mu_star"][i]),
                    "mu_star_conf": float(res["mu_star_conf"][i]),
                    "sigma": float(res["sigma"][i]),
                    "mu_star_norm": float(res["mu_star"][i]) / top,
                }
            )
    out = pd.DataFrame(rows)
    out["rank"] = (
        out.groupby("quantity")["mu_star"].rank(ascending=False, method="first").astype(int)
    )
    return out.sort_values(["quantity", "rank"]).reset_index(drop=True)


def top_parameters(morris: pd.DataFrame, k: int) -> list[str]:
    """The ``k`` parameters with the highest normalised mu*, averaged over quantities."""
    score = morris.groupby("parameter")["mu_star_norm"].mean().sort_values(ascending=False)
    return list(score.index[:k])


def sobol_table(
    design: Design, table: pd.DataFrame, quantities: list[str], seed: int
) -> pd.DataFrame:
    rows = []
    for q in quantities:
        y = _finite(table[q])
        if np.var(y) == 0:
            res = {k: np.zeros(len(design.specs)) for k in ("S1", "S1_conf", "ST", "ST_conf")}
        else:
            res = sobol_analyze.analyze(design.problem, y, calc_second_order=False, seed=seed)
        for i, spec in enumerate(design.specs):
            rows.append(
                {
                    "quantity": q,
                    "parameter": spec.key,
                    **{k: float(res[k][i]) for k in ("S1", "S1_conf", "ST", "ST_conf")},
                }
            )
    out = pd.DataFrame(rows)
    out["rank"] = out.groupby("quantity")["ST"].rank(ascending=False, method="first").astype(int)
    return out.sort_values(["quantity", "rank"]).reset_index(drop=True)
