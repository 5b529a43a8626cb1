"""A Markdown table of paired differences, one row an arm and one column an outcome: each
cell the arm's mean difference from the reference with its 95% interval, in bold when
the interval excludes 0. Reads the rows of an experiment's ``paired.csv`` (``arm``,
``metric``, ``diff_mean``, ``lo``, ``hi``); the experiment folders' table scripts print
their README tables with it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from sim.metrics import label


def clear_of_zero(row: pd.Series) -> bool:
    """The interval excludes 0: the effect is told apart from the model's noise."""
    return bool(row.lo > 0 or row.hi < 0)


def interval_cell(row: pd.Series, digits: int, thousands: bool = False) -> str:
    """``+d [+lo, +hi]`` to ``digits`` places (with thousands separators if asked), in
    bold when the interval excludes 0."""
    spec = f"+{',' if thousands else ''}.{digits}f"
    text = f"{row.diff_mean:{spec}} [{row.lo:{spec}}, {row.hi:{spec}}]"
    return f"**{text}**" if clear_of_zero(row) else text


def print_paired_table(
    frame: pd.DataFrame,
    outcomes: Sequence[str],
    digits: Mapping[str, int],
    *,
    thousands: bool = False,
    count_moves: bool = False,
) -> None:
    """Print the table: arms in their order in ``frame``, ``n/a`` where an arm lacks an
    outcome, 2 places unless ``digits`` says otherwise; with ``count_moves`` a last
    column counts the outcomes whose interval excludes 0."""
    paired = frame.set_index(["arm", "metric"])
    arms = list(dict.fromkeys(paired.index.get_level_values("arm")))
    moves_head, moves_rule = (" moves |", "---|") if count_moves else ("", "")
    print("| arm | " + " | ".join(label(m) for m in outcomes) + " |" + moves_head)
    print("|---|" + "---|" * len(outcomes) + moves_rule)
    for arm in arms:
        cells, moved = [], 0
        for metric in outcomes:
            if (arm, metric) not in paired.index:
                cells.append("n/a")
                continue
            row = paired.loc[(arm, metric)]
            cells.append(interval_cell(row, digits.get(metric, 2), thousands))
            moved += clear_of_zero(row)
        print(f"| {arm} | " + " | ".join(cells) + " |" + (f" {moved} |" if count_moves else ""))
