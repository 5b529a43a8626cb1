"""The lever-response table: each arm's paired difference from the Fengqiao county in the
outcomes a planner judges by, with its 95% interval; an effect whose interval excludes
0 is in bold. Reads an experiment's paired.csv; prints Markdown.

    .venv/bin/python experiments/lever_response/lever_table.py PAIRED_CSV
"""

from __future__ import annotations

import sys

import pandas as pd

from sim.metrics import label

OUTCOMES = (
    "escalation_rate",
    "petitions_per_10k",
    "days_to_resolution_mean",
    "mean_trust",
    "satisfaction_rate",
    "criminal_cases",
)
DIGITS = {"escalation_rate": 3, "mean_trust": 4, "satisfaction_rate": 3}


def cell(row: pd.Series, digits: int) -> str:
    text = f"{row.diff_mean:+.{digits}f} [{row.lo:+.{digits}f}, {row.hi:+.{digits}f}]"
    clear = row.lo > 0 or row.hi < 0
    return f"**{text}**" if clear else text


def main() -> None:
    paired = pd.read_csv(sys.argv[1]).set_index(["arm", "metric"])
    arms = list(dict.fromkeys(paired.index.get_level_values("arm")))
    print("| arm | " + " | ".join(label(m) for m in OUTCOMES) + " | moves |")
    print("|---|" + "---|" * (len(OUTCOMES) + 1))
    for arm in arms:
        cells, moved = [], 0
        for metric in OUTCOMES:
            if (arm, metric) not in paired.index:
                cells.append("n/a")
                continue
            row = paired.loc[(arm, metric)]
            cells.append(cell(row, DIGITS.get(metric, 2)))
            moved += bool(row.lo > 0 or row.hi < 0)
        print(f"| {arm} | " + " | ".join(cells) + f" | {moved} |")


if __name__ == "__main__":
    main()
