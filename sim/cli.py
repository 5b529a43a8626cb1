"""The ``govsim`` command: ``govsim run [hydra overrides]`` and the other subcommands.

Configs are composed and validated before anything is built or written; bad input
ends with one line on stderr and exit status 2.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import time
from pathlib import Path

import yaml
from tqdm import tqdm

import sim
from sim.config import ConfigError, config_dir, load_params, presets
from sim.config.compose import group_defaults
from sim.config.overrides import groups
from sim.console import (
    EXIT_BAD_INPUT,
    EXIT_INTERRUPTED,
    OneLineParser,
    ctrl_c_held,
    exit_status,
)
from sim.estimate import LONG_RUN_SECONDS, check_fits, duration, size
from sim.inputs import inside, results_root

# Subcommands with their own argument parsers, each in its package's cli module:
# name -> (module under sim, help).
DELEGATED = {
    "experiment": (
        "experiments.cli",
        "run a configured policy experiment (govsim experiment NAME --help)",
    ),
    "compare": (
        "experiments.compare",
        "compare policies written on the command line (govsim compare --help)",
    ),
    "calibrate": ("calibration.cli", "fit behavioural parameters to the reported figures"),
    "sensitivity": (
        "sensitivity.cli",
        "global sensitivity analysis of outcomes and policy effects",
    ),
    "search": (
        "search.cli",
        "search the levers for the best policy within a budget (govsim search --help)",
    ),
    "dashboard": (
        "dashboard.cli",
        "start the browser dashboard on this machine and print its address",
    ),
}


def main(argv: list[str] | None = None) -> int:
    """``govsim ...``; returns the exit status (argparse's own exits included)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        return _main(argv)
    except SystemExit as stop:  # --help, --version and argparse's one-line errors
        return stop.code if isinstance(stop.code, int) else EXIT_BAD_INPUT
    except BrokenPipeError:  # the reader went away (``govsim experiment --list | head``)
        # Point stdout at nothing so the interpreter's final flush cannot raise again;
        # the status is the one Python itself gives on EPIPE.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


def _main(argv: list[str]) -> int:
    try:
        if argv and argv[0] in DELEGATED:
            # Importing a subcommand takes a second or two (Optuna, matplotlib...). A Ctrl-C
            # meanwhile waits for its end: cut short, an import could leave the process to
            # end by SIGINT after its one line (status -2, not 130).
            with ctrl_c_held():
                module = importlib.import_module(f"sim.{DELEGATED[argv[0]][0]}")
            return module.main(argv[1:])
        if argv and argv[0] == "run":  # intermixed: overrides before or after the options
            args = run_parser().parse_intermixed_args(argv[1:])
        else:
            args = parser().parse_args(argv)
        return exit_status(
            lambda: run_command(args.overrides, args.results, progress=not args.no_progress),
            interrupted="nothing written",
        )
    except KeyboardInterrupt:  # during imports or parsing, before anything started
        print("govsim: interrupted; nothing written", file=sys.stderr)
        return EXIT_INTERRUPTED


def parser() -> argparse.ArgumentParser:
    p = OneLineParser(
        prog="govsim", description="Simulate grassroots dispute governance under a policy."
    )
    p.add_argument("--version", action="version", version=f"govsim {sim.__version__}")
    sub = p.add_subparsers(dest="command", required=True, parser_class=OneLineParser)
    sub.add_parser("run", help="run one simulation and write a results folder", add_help=False)
    for name, (_, text) in DELEGATED.items():
        sub.add_parser(name, help=text, add_help=False)
    return p


def run_parser() -> argparse.ArgumentParser:
    run = OneLineParser(
        prog="govsim run",
        description="Run one simulation and write a results folder, RESULTS/runs/<name>/.",
        epilog=run_epilog(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    run.add_argument(
        "overrides",
        nargs="*",
        help="Hydra overrides, before or after the options: GROUP=PRESET "
        "(scenario=county) or KEY=VALUE (seed=7, policy.staffing.mediators_per_village=4)",
    )
    run.add_argument("--results", type=Path, default=Path("results"), help="results folder")
    run.add_argument("--no-progress", action="store_true", help="no progress bar or estimate")
    return run


def run_epilog() -> str:
    """The config groups with their presets (default first), read from configs/."""
    try:
        directory = config_dir()
        defaults = group_defaults(directory)
        lines = ["config groups (GROUP=PRESET; * = default):"]
        for group in groups(directory):
            if group in ("experiment", "calibration"):
                continue
            names = [f"{n}*" if defaults.get(group) == n else n for n in presets(group)]
            lines.append(f"  {group:<18} {', '.join(names)}")
    except (ConfigError, OSError, yaml.YAMLError):
        lines = []
    return "\n".join(
        [
            *lines,
            "",
            "every parameter (KEY=VALUE), with its default, allowed range, unit and source:",
            "  the parameter tables in docs/ODD.md",
            "examples:",
            "  govsim run scenario=county policy/escalation=fast_track seed=7",
            "  govsim run policy.staffing.mediators_per_village=4 days=180 --no-progress",
        ]
    )


def run_command(overrides: list[str], results: Path, progress: bool = True) -> int:
    """Compose, validate, simulate and write one run; print the folder as the last line."""
    from sim.metrics import recorded_beside_true
    from sim.output.run_folder import write_run_folder
    from sim.run import run_simulation

    root = results_root(results)
    cfg, params = load_params(overrides)
    inside(root, root / "runs" / params.scenario.name)  # a safe name: validated
    est = check_fits(params)
    long_run = progress and est.seconds > LONG_RUN_SECONDS
    if long_run:
        print(
            f"govsim: about {duration(est.seconds)} and {size(est.bytes)} of memory "
            f"({est.residents:,.0f} residents, {params.days:,} days); --no-progress hides this",
            file=sys.stderr,
        )
    started = time.perf_counter()
    # A long run always shows its bar; a short one only on a terminal (None: tqdm decides).
    disable = not progress or (None if not long_run else False)
    with tqdm(total=params.days, unit="day", disable=disable, leave=False, mininterval=1) as bar:
        result = run_simulation(params, on_day=lambda _day: bar.update(1))
    folder = write_run_folder(results, cfg, result, time.perf_counter() - started)
    m = result.metrics
    evaluation = params.policy.evaluation.name
    print(
        f"{m['disputes_total']} disputes, {m['resolved_share']:.0%} resolved, "
        f"{m['escalation_rate']:.1%} escalated, {m['petitions_per_10k']:.2f} petitions per 10k, "
        f"{m['criminal_cases']} criminal cases"
        if m["resolved_share"] is not None
        else "no disputes arose"
    )
    print(f"what the records show beside what happened (policy/evaluation={evaluation}):")
    for line in recorded_beside_true(m):
        print(f"  {line}")
    print(folder)
    return 0


if __name__ == "__main__":
    sys.exit(main())
