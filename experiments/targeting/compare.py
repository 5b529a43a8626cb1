"""Targeted against even: the paired difference of every metric, targeted - even, with
its 95% interval (the experiment's report compares each arm with the baseline only).

    .venv/bin/python experiments/targeting/compare.py results/experiments/targeting
"""

import sys
from pathlib import Path

import pandas as pd

from sim.experiments.stats import paired_differences

folder = Path(sys.argv[1])
table = pd.read_parquet(folder / "table.parquet")
metrics = [m for m in pd.read_csv(folder / "paired.csv")["metric"].unique()]
pairs = table[table["arm"].isin(["even", "targeted"])]
out = paired_differences(pairs, "even", metrics)
print(out[["arm", "metric", "n", "diff_mean", "lo", "hi", "p_better"]].to_csv(index=False), end="")
