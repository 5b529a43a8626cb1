"""The lever-response table: each arm's paired difference from the Fengqiao county in the
outcomes a planner judges by, with its 95% interval; an effect whose interval excludes
0 is in bold. Reads an experiment's paired.csv; prints Markdown.

Given the experiment's table.parquet as well, it prints a second table: the bad-year
arms against the bad year at default staffing, and the cadre arms against thin grid
workers (paired over the same replications), where those levers can bite.

    .venv/bin/python experiments/lever_response/lever_table.py PAIRED_CSV [TABLE_PARQUET]
"""

from __future__ import annotations

import sys

import pandas as pd

from sim.experiments.paired_table import print_paired_table
from sim.experiments.stats import paired_differences

OUTCOMES = (
    "escalation_rate",
    "petitions_per_10k",
    "days_to_resolution_mean",
    "days_open_mean",
    "mean_trust",
    "party_trust_mean",
    "satisfaction_rate",
    "criminal_cases",
)
DIGITS = {"escalation_rate": 3, "mean_trust": 4, "party_trust_mean": 4, "satisfaction_rate": 3}
# Arms read against another arm than the Fengqiao county: (prefix, reference arm).
CONTRASTS = (("surge3_", "surge3_mediators_2"), ("other_duties_80_", "other_duties_80"))


def contrasts(table: pd.DataFrame) -> pd.DataFrame:
    """Each contrast arm's paired difference from its reference arm."""
    frames = []
    for prefix, reference in CONTRASTS:
        arms = [a for a in dict.fromkeys(table["arm"]) if a.startswith(prefix) and a != reference]
        subset = table[table["arm"].isin([reference, *arms])]
        frame = paired_differences(subset, reference, OUTCOMES)
        frames.append(frame.assign(arm=frame["arm"] + " vs " + reference))
    return pd.concat(frames, ignore_index=True)


def main() -> None:
    print_table(pd.read_csv(sys.argv[1]))
    if len(sys.argv) > 2:
        print()
        print_table(contrasts(pd.read_parquet(sys.argv[2])))


def print_table(frame: pd.DataFrame) -> None:
    print_paired_table(frame, OUTCOMES, DIGITS, count_moves=True)


if __name__ == "__main__":
    main()
