"""``govsim search NAME [overrides] [options]``: which policy for a budget.

Everything is checked before anything runs or is written: the search config, every
lever against the config schema, every choice composed once, the options. Bad input
ends with one ``govsim: error:`` line and exit status 2. Ctrl-C keeps the finished
trials and runs and exits 130; the same command resumes.
"""

from __future__ import annotations

import argparse
import dataclasses
import math
import os
import shlex
import sys
import time
from pathlib import Path

from sim.clusters import add_cluster_options, cluster_choice
from sim.config import ConfigError, params_from_dict
from sim.console import EXIT_INTERRUPTED, OneLineParser, command_status
from sim.estimate import check_fits
from sim.inputs import inside, results_root

OPTIONS = ("trials", "population", "replications", "fresh_replications", "members")


def parser() -> argparse.ArgumentParser:
    p = OneLineParser(
        prog="govsim search",
        description="Search the levers for the policy with the fewest escalations within a "
        "budget (configs/search/NAME.yaml), check it on fresh seeds against every "
        "combination of the shipped presets, and find where it fails (PRIM).",
    )
    p.add_argument("name", nargs="?", help="search config name; --list shows them")
    p.add_argument("overrides", nargs="*", help="Hydra overrides for every run, e.g. days=180")
    p.add_argument("--file", type=Path, metavar="PATH", help="read the search config from PATH")
    p.add_argument("--list", action="store_true", help="list the search configs")
    p.add_argument(
        "--budget", type=float, help="extra yuan a year over today's policy (default: config)"
    )
    p.add_argument("--trials", type=int, help="candidates in the study (default: config)")
    p.add_argument("--population", type=int, help="candidates per generation (default: config)")
    p.add_argument("--replications", type=int, help="search seeds per candidate")
    p.add_argument("--fresh-replications", type=int, help="fresh seeds for the re-runs")
    p.add_argument("--members", type=int, help="ensemble members for the front (0: none)")
    p.add_argument(
        "--sample",
        type=int,
        default=0,
        help="also run PRIM over this many points of the sensitivity ranges (slow)",
    )
    p.add_argument("--seed", type=int, default=0, help="sampler seed (default 0)")
    add_cluster_options(p)
    p.add_argument("--workers", type=int, help="local worker processes (default: all cores)")
    p.add_argument(
        "--results", type=Path, default=Path("results"), help="output under RESULTS/search/NAME"
    )
    p.add_argument("--no-progress", action="store_true", help="no progress bars")
    return p


def main(argv: list[str]) -> int:
    return command_status(_main, argv)


def check_args(args: argparse.Namespace) -> None:
    if args.budget is not None and not (0 <= args.budget < math.inf):
        raise ConfigError(
            f"--budget={args.budget:g}: must be a number of yuan a year >= 0 "
            "(extra cost over today's policy)"
        )
    for name in (*OPTIONS, "workers", "sample", "seed"):
        value = getattr(args, name)
        least = 0 if name in ("members", "sample", "seed") else 1
        if value is not None and value < least:
            raise ConfigError(f"--{name.replace('_', '-')}={value}: must be at least {least}")
    if args.population is not None and args.population < 2:
        raise ConfigError(f"--population={args.population}: must be at least 2 (NSGA-II)")
    if args.cluster is not None and args.workers:
        raise ConfigError(f"--cluster={args.cluster}: not with --workers")
    # The cluster file is read and checked now, before anything runs.
    args.dask = cluster_choice(args.scheduler, args.cluster)


def _main(argv: list[str]) -> int:
    from sim.search.space import available, load_search, parse_search, read_raw

    args = parser().parse_intermixed_args(argv)
    check_args(args)
    root = results_root(args.results)
    if args.list:
        for name in available():
            s = load_search(name)
            print(f"{name}: {len(s.levers)} levers, budget {s.budget:,.0f} yuan/yr; {s.question}")
        return 0
    if args.file is not None:
        search = parse_search(args.file.stem, read_raw(args.file))
    elif args.name:
        search = load_search(args.name)
    else:
        raise ConfigError(f"name a search; available: {', '.join(available())}")
    changes = {k: getattr(args, k) for k in OPTIONS if getattr(args, k) is not None}
    if args.budget is not None:
        changes["budget"] = args.budget
    search = dataclasses.replace(search, **changes)
    if search.population > search.trials:  # one generation holds every trial
        search = dataclasses.replace(search, population=max(2, search.trials))
    folder = args.results / "search" / search.name
    inside(root, folder)
    composer, members = prepare(search, args)
    return execute(args, search, composer, members, folder, argv)


def prepare(search, args: argparse.Namespace):
    """Compose every choice and the baseline, check the world fits; the ensemble."""
    from sim.search.evaluate import Candidate, Composer
    from sim.search.space import check_choices

    check_choices(search)
    composer = Composer(search, args.overrides)
    try:
        base = composer.config(Candidate("baseline", ()))
    except ConfigError as err:
        raise ConfigError(f"{search.name}: baseline or overrides: {err}") from None
    check_fits(params_from_dict(base), args.workers or os.cpu_count() or 1)
    members: list[list[str]] = []
    if search.members > 0 or args.sample:
        from sim.calibration.ensemble import ensemble_overrides

        members = ensemble_overrides()
    return composer, members


def execute(args, search, composer, members, folder: Path, argv: list[str]) -> int:
    from sim.experiments.executors import open_executor
    from sim.experiments.store import RunStore
    from sim.output.atomic import exclusive
    from sim.search import pipeline, study
    from sim.search.publish import publish

    started, load = time.perf_counter(), os.getloadavg()[0]
    address, cluster = args.dask
    out = folder / f"budget-{search.budget:.0f}"
    with (
        open_executor(address, args.workers, cluster) as (executor, where),
        exclusive(folder, "govsim search"),
    ):
        store = RunStore(folder / "runs")
        setup = study.setup_of(search, args.overrides)
        st = study.open_study(out / "study.journal", search, setup, args.seed)
        print(f"{search.name}: budget {search.budget:,.0f} yuan/yr on {where}", file=sys.stderr)
        ctx = pipeline.Context(search, composer, store, executor, not args.no_progress)
        try:
            found = stages(ctx, st, members, args)
        except pipeline.Interrupted as stop:
            what = "interrupted" if stop.outcome.interrupted else "runs were lost"
            print(
                f"govsim: {what}; {ctx.new_runs} new runs and every finished trial kept; "
                "run the same command to resume",
                file=sys.stderr,
            )
            return EXIT_INTERRUPTED if stop.outcome.interrupted else 1
        elapsed = time.perf_counter() - started
        command = shlex.join(["govsim", "search", *argv])
        report = publish(out, st, found, search, command, elapsed, ctx.new_runs, load, where)
    print(report)
    return 0


def stages(ctx, st, members: list[list[str]], args: argparse.Namespace):
    """Search, fresh seeds and presets, ensemble, and (with --sample) the sample's PRIM."""
    from sim.search import pipeline, study

    search = ctx.search
    outcome = study.optimise(st, search, ctx.composer, ctx.store, ctx.executor, ctx.progress)
    ctx.new_runs += outcome.finished
    if outcome.interrupted or outcome.failed:
        raise pipeline.Interrupted(outcome)
    found = pipeline.fresh_stage(ctx, pipeline.front_candidates(st, search))
    pipeline.ensemble_stage(ctx, found, members if search.members else [])
    pipeline.sample_stage(ctx, found, args.sample, args.seed)
    return found
