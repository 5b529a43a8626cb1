"""The README's fit table: the shipped calibrated preset, and the stated assumptions it
started from, on county seeds no calibration used; written to fit.md beside this file.

    .venv/bin/python experiments/calibration_fit/check_fit.py [--replications 10] [--workers 2]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from sim.calibration.check import fit_markdown
from sim.executors import default_workers
from sim.output.atomic import write_text_atomic


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenario", default="county")
    parser.add_argument("--replications", type=int, default=10)
    parser.add_argument("--workers", type=int, default=default_workers())
    args = parser.parse_args()
    text = fit_markdown(args.scenario, ("default", "calibrated"), args.replications, args.workers)
    out = Path(__file__).with_name("fit.md")
    write_text_atomic(out, text)
    print(text)
    print(f"written to {out}")


if __name__ == "__main__":
    main()
