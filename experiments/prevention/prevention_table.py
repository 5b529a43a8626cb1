"""The prevention table: each arm's paired difference from the more-mediators arm (the
same money spent on official mediation) with its 95% interval; an effect whose interval
excludes 0 is in bold. Reads an experiment's paired.csv; prints Markdown.

    .venv/bin/python experiments/prevention/prevention_table.py PAIRED_CSV
"""

from __future__ import annotations

import sys

import pandas as pd

from sim.metrics import label

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


def cell(row: pd.Series, digits: int) -> str:
    text = f"{row.diff_mean:+,.{digits}f} [{row.lo:+,.{digits}f}, {row.hi:+,.{digits}f}]"
    return f"**{text}**" if row.lo > 0 or row.hi < 0 else text


def main() -> None:
    paired = pd.read_csv(sys.argv[1]).set_index(["arm", "metric"])
    arms = list(dict.fromkeys(paired.index.get_level_values("arm")))
    print("| arm | " + " | ".join(label(m) for m in OUTCOMES) + " |")
    print("|---|" + "---|" * len(OUTCOMES))
    for arm in arms:
        cells = [
            cell(paired.loc[(arm, m)], DIGITS.get(m, 2)) if (arm, m) in paired.index else "n/a"
            for m in OUTCOMES
        ]
        print(f"| {arm} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
