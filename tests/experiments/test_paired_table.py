"""The paired-difference Markdown table the experiment folders' table scripts print."""

from __future__ import annotations

import pandas as pd

from sim.experiments.paired_table import interval_cell, print_paired_table
from sim.metrics import label

PAIRED = pd.DataFrame(
    [
        {"arm": "wide", "metric": "escalations", "diff_mean": -1234.5, "lo": -2000.0, "hi": -3.25},
        {"arm": "wide", "metric": "mean_trust", "diff_mean": 0.01, "lo": -0.02, "hi": 0.04},
        {"arm": "thin", "metric": "escalations", "diff_mean": 2.0, "lo": 1.0, "hi": 3.0},
    ]
)


def test_a_cell_is_bold_exactly_when_its_interval_excludes_zero():
    row = PAIRED.iloc[0]
    assert interval_cell(row, 1) == "**-1234.5 [-2000.0, -3.2]**"
    assert interval_cell(row, 0, thousands=True) == "**-1,234 [-2,000, -3]**"
    assert interval_cell(PAIRED.iloc[1], 2) == "+0.01 [-0.02, +0.04]"


def test_the_table_has_a_row_per_arm_in_order_and_counts_the_moves(capsys):
    print_paired_table(PAIRED, ("escalations", "mean_trust"), {"mean_trust": 3}, count_moves=True)
    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        f"| arm | {label('escalations')} | {label('mean_trust')} | moves |",
        "|---|---|---|---|",
        "| wide | **-1234.50 [-2000.00, -3.25]** | +0.010 [-0.020, +0.040] | 1 |",
        "| thin | **+2.00 [+1.00, +3.00]** | n/a | 1 |",
    ]
    print_paired_table(PAIRED, ("escalations",), {}, thousands=True)
    lines = capsys.readouterr().out.splitlines()
    assert lines[1] == "|---|---|" and lines[2] == "| wide | **-1,234.50 [-2,000.00, -3.25]** |"
