"""The ``govsim`` command: ``govsim run [hydra overrides]`` and the other subcommands.

Configs are composed and validated before anything is built or written; bad input
ends with one line on stderr and exit status 2.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import time
from pathlib import Path

from tqdm import tqdm

from sim.config import load_params
from sim.console import exit_status

# Subcommands with their own argument parsers, each in its package's cli module.
DELEGATED = {
    "experiment": "run a configured policy experiment (govsim experiment NAME --help)",
    "calibrate": "fit behavioural parameters to the reported figures",
    "sensitivity": "global sensitivity analysis of outcomes and policy effects",
}
PACKAGES = {"experiment": "experiments", "calibrate": "calibration", "sensitivity": "sensitivity"}


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = argparse.ArgumentParser(
        prog="govsim", description="Simulate grassroots dispute governance under a policy."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="run one simulation and write a results folder")
    run.add_argument("overrides", nargs="*", help="Hydra overrides, e.g. scenario=county seed=7")
    run.add_argument("--results", type=Path, default=Path("results"), help="results folder")
    run.add_argument("--no-progress", action="store_true", help="no progress bar")
    for name, text in DELEGATED.items():
        sub.add_parser(name, help=text, add_help=False)
    if argv and argv[0] in DELEGATED:
        module = importlib.import_module(f"sim.{PACKAGES[argv[0]]}.cli")
        return module.main(argv[1:])
    args = parser.parse_args(argv)
    return exit_status(
        lambda: run_command(args.overrides, args.results, progress=not args.no_progress)
    )


def run_command(overrides: list[str], results: Path, progress: bool = True) -> int:
    """Compose, validate, simulate and write one run; print the folder as the last line."""
    from sim.output.run_folder import write_run_folder
    from sim.run import run_simulation

    cfg, params = load_params(overrides)
    started = time.perf_counter()
    with tqdm(total=params.days, unit="day", disable=not progress or None, leave=False) as bar:
        result = run_simulation(params, on_day=lambda _day: bar.update(1))
    folder = write_run_folder(results, cfg, result, time.perf_counter() - started)
    m = result.metrics
    print(
        f"{m['disputes_total']} disputes, {m['resolved_share']:.0%} resolved, "
        f"{m['escalation_rate']:.1%} escalated, {m['petitions_per_10k']:.2f} petitions per 10k, "
        f"{m['criminal_cases']} criminal cases"
        if m["resolved_share"] is not None
        else "no disputes arose"
    )
    print(folder)
    return 0


if __name__ == "__main__":
    sys.exit(main())
