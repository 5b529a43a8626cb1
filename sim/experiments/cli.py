"""``govsim experiment NAME [overrides] [options]``: run a configured policy experiment.

Everything is checked before anything runs or is written: the experiment, the selected
arms, every arm's composed config, the options and the cluster address. Bad input ends
with one ``govsim: error:`` line and exit status 2; Ctrl-C keeps the finished runs and
exits 130, and the same command resumes.
"""

from __future__ import annotations

import argparse
import contextlib
import math
import os
import shlex
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from sim.clusters import add_cluster_options, cluster_choice
from sim.config import ConfigError, params_from_dict
from sim.console import OneLineParser, command_status
from sim.estimate import check_fits
from sim.inputs import inside, results_root

if TYPE_CHECKING:
    from sim.experiments.design import Experiment

EXIT_OK, EXIT_FAILED, EXIT_INTERRUPTED = 0, 1, 130


def parser() -> argparse.ArgumentParser:
    p = OneLineParser(
        prog="govsim experiment",
        description="Run a configured policy experiment (configs/experiment/NAME.yaml).",
    )
    p.add_argument("name", nargs="?", help="experiment name; --list shows them")
    p.add_argument(
        "--file",
        type=Path,
        metavar="PATH",
        help="read the experiment from this YAML file instead of configs/experiment/ (only "
        "read; its name, the file's stem, names the output folder)",
    )
    p.add_argument(
        "overrides",
        nargs="*",
        help="Hydra overrides applied to every arm, e.g. scenario=village days=120",
    )
    p.add_argument("--list", action="store_true", help="list the experiments and their arms")
    p.add_argument("--arms", help="comma-separated arms to run (the baseline always runs)")
    add_run_options(p)
    return p


def add_run_options(p: argparse.ArgumentParser) -> None:
    """Options shared by ``govsim experiment`` and ``govsim compare``: how many runs, where
    they run, where they go."""
    p.add_argument("--replications", type=int, help="replications per arm (default: config)")
    p.add_argument("--seed-base", type=int, help="replication r uses seed SEED_BASE + r")
    p.add_argument(
        "--precision",
        type=float,
        help="add replications until the primary metric's paired 95%% half-width "
        "is at most this (in the metric's units)",
    )
    p.add_argument(
        "--max-replications", type=int, default=200, help="cap for --precision (default 200)"
    )
    add_cluster_options(p)
    p.add_argument("--workers", type=int, help="local worker processes (default: all cores)")
    p.add_argument(
        "--results",
        type=Path,
        default=Path("results"),
        help="results root; output goes to RESULTS/experiments/NAME",
    )
    p.add_argument(
        "--ensemble",
        nargs="?",
        const="default",
        metavar="FILE",
        help="run every arm under each parameter set of the calibration ensemble "
        "(default configs/calibration/ensemble.yaml) and pool them, so that intervals "
        "include behavioural uncertainty; output goes to RESULTS/experiments/NAME-ensemble",
    )
    p.add_argument("--members", type=int, help="with --ensemble: the best N members only")
    p.add_argument("--max-runs", type=int, help="stop after this many new runs (resume later)")
    p.add_argument("--retry-errors", action="store_true", help="re-run runs stored with an error")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")


def main(argv: list[str]) -> int:
    return command_status(_main, argv)


def check_options(args: argparse.Namespace) -> None:
    for name in ("replications", "max_replications", "max_runs", "workers", "members"):
        value = getattr(args, name)
        if value is not None and value < 1:
            raise ConfigError(f"--{name.replace('_', '-')}={value}: must be at least 1")
    if args.seed_base is not None and args.seed_base < 0:
        raise ConfigError(f"--seed-base={args.seed_base}: must be >= 0 (seeds are non-negative)")
    if args.precision is not None and not (0 < args.precision < math.inf):
        raise ConfigError(f"--precision={args.precision}: must be a positive number")
    if args.cluster is not None and (args.scheduler or args.workers):
        raise ConfigError(f"--cluster={args.cluster}: not with --scheduler or --workers")
    if args.members is not None and args.ensemble is None:
        raise ConfigError(f"--members={args.members}: only with --ensemble")
    if args.precision is not None and args.ensemble is not None:
        raise ConfigError(
            f"--precision={args.precision}: not with --ensemble (more replications cannot "
            "narrow the part of the interval that comes from the members' spread)"
        )
    # The scheduler's address (option or environment), or the cluster file read and
    # checked now, before anything runs.
    args.scheduler, args.cluster = cluster_choice(args.scheduler, args.cluster)


def _main(argv: list[str]) -> int:
    from sim.experiments.design import (
        available,
        load_experiment,
        load_experiment_file,
        select_arms,
    )

    args = parser().parse_intermixed_args(argv)
    if args.file is not None and args.name is not None:
        if "=" not in args.name:
            raise ConfigError(f"{args.name}: give an experiment NAME or --file PATH, not both")
        args.overrides, args.name = [args.name, *args.overrides], None
    check_options(args)
    args.command_line = shlex.join(["govsim", "experiment", *argv])
    root = results_root(args.results)
    if args.list:
        for name in available():
            exp = load_experiment(name)
            print(
                f"{name}: {len(exp.arms)} arms (baseline {exp.baseline}), "
                f"{exp.replications} replications; {exp.question}"
            )
            for arm in exp.arms:
                print(f"  {arm.name}: {arm.words}")
        return EXIT_OK
    if not args.name and args.file is None:
        raise ConfigError(f"name an experiment; available: {', '.join(available())}")
    exp = load_experiment_file(args.file) if args.file else load_experiment(args.name)
    inside(root, output_folder(args, exp))
    if args.arms:
        exp = select_arms(exp, [a.strip() for a in args.arms.split(",") if a.strip()])
    return prepare_and_run(args, exp)


def prepare_and_run(args: argparse.Namespace, exp: Experiment) -> int:
    """Compose and validate every arm (under every member), merge arms that are one
    policy, check each run fits the machine, then run and publish."""
    from sim.experiments.dedupe import merge_same_policies
    from sim.experiments.design import compose_arms

    members = _members(args)
    configs = compose_arms(exp, args.overrides, members)
    exp, configs, merged = merge_same_policies(exp, configs)
    for note in merged:
        print(f"note: {note}", file=sys.stderr)
    reps = args.replications or exp.replications
    if args.precision is not None and args.max_replications < reps:
        raise ConfigError(
            f"--max-replications={args.max_replications}: below the "
            f"{reps} replications to start with"
        )
    processes = args.workers or os.cpu_count() or 1
    for arm, variants in configs.items():
        try:  # every worker holds one run at a time
            check_fits(params_from_dict(variants[0]), processes)
        except ConfigError as err:
            raise ConfigError(f"{exp.name}: arm {arm!r}: {err}") from None
    return _run(args, exp, configs)


def output_folder(args: argparse.Namespace, exp) -> Path:
    """Where an experiment (or comparison) writes: RESULTS/experiments/NAME[-ensemble]."""
    suffix = "-ensemble" if args.ensemble is not None else ""
    return args.results / "experiments" / f"{exp.name}{suffix}"


def _ensemble_path(args: argparse.Namespace) -> Path | None:
    if args.ensemble is None:
        return None
    from sim.calibration.write import default_ensemble_path

    return default_ensemble_path() if args.ensemble == "default" else Path(args.ensemble)


def _members(args: argparse.Namespace) -> list[list[str]]:
    """The ensemble members' overrides, best fit first (none without --ensemble)."""
    path = _ensemble_path(args)
    if path is None:
        return []
    from sim.calibration.ensemble import ensemble_overrides

    members = ensemble_overrides(path)
    return members[: args.members] if args.members else members


def _run(args: argparse.Namespace, exp, configs) -> int:
    from sim.experiments.executors import open_executor
    from sim.experiments.publish import provenance, write_outputs
    from sim.experiments.runner import run_experiment
    from sim.experiments.store import RunStore
    from sim.output.atomic import clean_stale, exclusive

    ensemble = _ensemble_path(args)
    folder = output_folder(args, exp)
    with contextlib.ExitStack() as held:
        # The executor first: an unreachable scheduler is refused with nothing written.
        with open_executor(args.scheduler, args.workers, args.cluster) as (executor, where):
            held.enter_context(exclusive(folder, "govsim experiment"))  # until published
            clean_stale(folder)  # staging left by a killed run of this experiment
            across = f" x {len(next(iter(configs.values())))} ensemble members" if ensemble else ""
            print(f"{exp.name}: {len(exp.arms)} arms{across} on {where}", file=sys.stderr)
            run = run_experiment(
                exp,
                configs,
                RunStore(folder / "runs"),
                executor,
                replications=args.replications,
                seed_base=args.seed_base,
                precision=args.precision,
                max_replications=args.max_replications,
                progress=not args.no_progress,
                max_runs=args.max_runs,
                retry_errors=args.retry_errors,
            )
        o = run.outcome
        done = f"{len(run.table)} of {len(run.specs)} runs stored"
        if o.interrupted:
            print(f"govsim: interrupted; {done}; run the same command to resume", file=sys.stderr)
            return EXIT_INTERRUPTED
        if o.budget_reached:
            print(f"stopped at --max-runs={args.max_runs}; {done}; run again to continue")
            return EXIT_OK
        if o.failed:
            print(
                f"govsim: {len(o.failed)} runs were lost by the executor (first: {o.failed[0]}); "
                f"{done}; run the same command to retry them",
                file=sys.stderr,
            )
            return EXIT_FAILED
        if run.all_failed:
            first = run.table["error"].iloc[0]
            print(f"govsim: all {len(run.table)} runs failed: first error {first}", file=sys.stderr)
            return EXIT_FAILED
        if o.model_errors or run.table["error"].notna().any():
            print(
                f"warning: {int(run.table['error'].notna().sum())} runs raised; see the report",
                file=sys.stderr,
            )
        prov = provenance(exp, run, args.overrides, where, configs, ensemble)
        prov["command"] = args.command_line
        report = write_outputs(folder, exp, run, prov)
        print(report)
        return EXIT_OK
