"""Do the calibration bands still hold when officials are assessed on targets? The
calibrated behaviour under policy/evaluation=none (where recorded = true, as fitted)
against the same behaviour under each assessment preset, on the calibration's check
seeds; written to bands.md beside this file. No refit.

    .venv/bin/python experiments/evaluation_regimes/check_bands.py [--replications 6] [--workers 2]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from sim.calibration.check import CHECK_SEED, check_presets
from sim.calibration.report import fit_section
from sim.executors import default_workers
from sim.output.atomic import write_text_atomic
from sim.uncertainty.evaluate import replication_seeds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenario", default="county")
    parser.add_argument("--replications", type=int, default=6)
    parser.add_argument("--workers", type=int, default=default_workers())
    parser.add_argument("--regimes", default="targets,one_vote_veto")
    args = parser.parse_args()
    seeds = replication_seeds(CHECK_SEED, args.replications)
    lines = [
        f"# Calibration bands under officials' assessment ({args.scenario})",
        "",
        f"Seeds {seeds[0]}-{seeds[-1]}; behaviour=calibrated throughout. Left: "
        "policy/evaluation=none (the fit's own setting); right: the regime named. Official "
        "figures are compared with recorded indicators, independent ones with true "
        "indicators (configs/calibration/targets.yaml, `indicator`).",
    ]
    for regime in args.regimes.split(","):
        table, before, after, targets = check_presets(
            args.scenario,
            ("calibrated", "calibrated"),
            args.replications,
            args.workers,
            overrides=(("policy/evaluation=none",), (f"policy/evaluation={regime}",)),
        )
        section = fit_section(table, targets, before, after, args.replications, ("none", regime))
        lines += ["", f"## policy/evaluation={regime}", "", *section]
    text = "\n".join(lines) + "\n"
    out = Path(__file__).with_name("bands.md")
    write_text_atomic(out, text)
    print(text)
    print(f"written to {out}")


if __name__ == "__main__":
    main()
