"""The prevention table: each arm's paired difference from the more-mediators arm (the
same money spent on official mediation) with its 95% interval; an effect whose interval
excludes 0 is in bold. Reads an experiment's paired.csv; prints Markdown.

    .venv/bin/python experiments/prevention/prevention_table.py PAIRED_CSV
"""

from __future__ import annotations

import sys

import pandas as pd

from sim.experiments.paired_table import print_paired_table

OUTCOMES = (
    "escalations",
    "petitions_per_10k",
    "relapses",
    "litigation_rate",
    "disputes_total",
    "registered_disputes",
    "days_to_resolution_mean",
    "cost_per_year",
)
DIGITS = {
    "litigation_rate": 3,
    "cost_per_year": 0,
    "escalations": 1,
    "relapses": 1,
    "disputes_total": 1,
    "registered_disputes": 1,
    "days_to_resolution_mean": 1,
}


def main() -> None:
    print_paired_table(pd.read_csv(sys.argv[1]), OUTCOMES, DIGITS, thousands=True)


if __name__ == "__main__":
    main()
