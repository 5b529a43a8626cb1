"""``govsim calibrate``: fit the uncertain behavioural parameters to the reported figures.

Checks every input before anything is written; bad input ends with one line on stderr
and exit status 2. Writes the calibrated behaviour preset, the ensemble of near-best
parameter sets and a report under ``--results`` (``results/calibration/``). A call
with the same ``--study`` continues it until it holds ``--trials`` trials: an
interrupted call, run again, runs only the rest; a larger ``--trials`` adds more. The
shipped preset and ensemble in ``configs/`` (the default of every run) are replaced
only with ``--install``, which keeps the files it replaces beside them.
"""

from __future__ import annotations

import argparse
import math
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sim.calibration.objective import aggregate, objective
from sim.calibration.report import fit_table, markdown, write_report
from sim.calibration.study import Setup, ensemble_members, open_study, optimise
from sim.calibration.targets import load_targets
from sim.calibration.write import (
    PREFIX,
    default_ensemble_path,
    default_preset_path,
    ensemble_text,
    install,
    preset_text,
)
from sim.clusters import add_cluster_options, cluster_choice
from sim.config import ConfigError, compose_config, params_from_dict
from sim.console import OneLineParser, exit_status
from sim.estimate import check_fits
from sim.output.atomic import write_text_atomic
from sim.uncertainty.evaluate import Evaluator, default_workers, evaluator, replication_seeds
from sim.uncertainty.space import apply_values, current_values, load_space, overrides_of

if TYPE_CHECKING:
    import optuna
    from optuna.trial import FrozenTrial

CHECK_SEED_OFFSET = 500  # check seeds follow the study's seeds, never overlap them


def parser() -> argparse.ArgumentParser:
    p = OneLineParser(prog="govsim calibrate", description=__doc__.splitlines()[0])
    p.add_argument("overrides", nargs="*", help="Hydra overrides of the base config, e.g. days=180")
    p.add_argument(
        "--trials",
        type=int,
        default=50,
        help="trials the study holds when done (default 50); a rerun runs only the rest",
    )
    p.add_argument("--replications", type=int, default=3, help="runs per trial (default 3)")
    p.add_argument("--scenario", default="county", help="scenario preset (default county)")
    p.add_argument(
        "--results", type=Path, default=Path("results"), help="outputs go to RESULTS/calibration/"
    )
    p.add_argument("--study", type=Path, help="study journal (RESULTS/calibration/study.journal)")
    p.add_argument("--seed", type=int, default=0, help="sampler and replication seed")
    p.add_argument("--workers", type=int, default=default_workers(), help="processes")
    add_cluster_options(p)
    p.add_argument(
        "--local", type=float, default=0.5, help="share of trials stepping from the best"
    )
    p.add_argument("--check-replications", type=int, default=10, help="runs for the report")
    p.add_argument(
        "--tolerance", type=float, default=0.02, help="ensemble: margin over the best objective"
    )
    p.add_argument("--max-members", type=int, default=20, help="ensemble: most members")
    p.add_argument(
        "--start",
        metavar="PRESET",
        help="also try this behaviour preset's values first in a new study (e.g. calibrated)",
    )
    p.add_argument("--targets", type=Path, help="targets file (configs/calibration/targets.yaml)")
    p.add_argument("--parameters", type=Path, help="ranges (configs/calibration/parameters.yaml)")
    p.add_argument("--preset-out", type=Path, help="preset (RESULTS/calibration/calibrated.yaml)")
    p.add_argument("--ensemble-out", type=Path, help="ensemble (RESULTS/calibration/ensemble.yaml)")
    p.add_argument("--report-dir", type=Path, help="report folder (RESULTS/calibration/)")
    p.add_argument(
        "--install",
        action="store_true",
        help="also replace configs/behaviour/calibrated.yaml and configs/calibration/"
        "ensemble.yaml (the default of every run), keeping the replaced files beside them",
    )
    return p


def main(argv: list[str]) -> int:
    return exit_status(
        lambda: calibrate(output_paths(parser().parse_intermixed_args(argv)), argv),
        interrupted="the study keeps its finished trials; run the same command to resume",
    )


def output_paths(args: argparse.Namespace) -> argparse.Namespace:
    """Fill the output paths not given explicitly: all under ``RESULTS/calibration/``."""
    folder = args.results / "calibration"
    args.study = args.study or folder / "study.journal"
    args.report_dir = args.report_dir or folder
    args.preset_out = args.preset_out or folder / default_preset_path().name
    args.ensemble_out = args.ensemble_out or folder / default_ensemble_path().name
    return args


def check_counts(args: argparse.Namespace) -> None:
    for name in ("trials", "replications", "check_replications", "max_members"):
        lowest = 0 if name == "trials" else 1
        if getattr(args, name) < lowest:
            flag = name.replace("_", "-")
            raise ConfigError(f"--{flag}={getattr(args, name)}: must be >= {lowest}")
    if args.seed < 0:
        raise ConfigError(f"--seed={args.seed}: must be >= 0 (seeds are non-negative)")
    if not 0 <= args.local <= 1:
        raise ConfigError(f"--local={args.local}: must be in [0, 1]")
    if not 0 <= args.tolerance < math.inf:
        raise ConfigError(f"--tolerance={args.tolerance}: must be a finite number >= 0")


def calibrate(args: argparse.Namespace, argv: list[str]) -> int:
    check_counts(args)
    dask = cluster_choice(args.scheduler, args.cluster)  # refused before anything is written
    setup, start = _setup(args)
    study = open_study(args.study, setup, args.seed, start)
    batch = max(1, round(args.workers / args.replications))
    with evaluator(args.workers, *dask) as evaluate:
        optimise(study, setup, evaluate, args.trials, batch, args.local, args.seed)
        members = ensemble_members(study, args.tolerance, args.max_members)
        if not members:
            raise ConfigError(f"{args.study}: no completed trial to report")
        fitted = {s.key: float(members[0].params[s.key]) for s in setup.specs}
        before, after = _check(evaluate, setup, fitted, args)
    _publish(args, argv, study, setup, members, fitted, (before, after))
    return 0


def _setup(args: argparse.Namespace) -> tuple[Setup, dict[str, float] | None]:
    """The study's set-up (base config, parameter space, targets, seeds) and the values
    of ``--start``, all validated before anything is written."""
    targets = load_targets(args.targets)
    specs = load_space(args.parameters)
    outside = [s.key for s in specs if not (s.is_dummy or s.key.startswith(PREFIX))]
    if outside:
        raise ConfigError(f"{outside[0]}: calibration fits behaviour.* parameters only")
    # The fit starts from the stated assumptions, whatever preset is the default now.
    overrides = (f"scenario={args.scenario}", "behaviour=default", *args.overrides)
    cfg = compose_config(overrides)
    # Validate the base, and its size, before anything is written.
    check_fits(params_from_dict(cfg), args.workers)
    start = None
    if args.start:
        start_cfg = compose_config((*overrides, f"behaviour={args.start}"))
        params_from_dict(start_cfg)
        start = current_values(start_cfg, specs)
    setup = Setup(
        cfg=cfg,
        overrides=overrides,
        specs=tuple(specs),
        targets=targets,
        seeds=tuple(replication_seeds(args.seed, args.replications)),
    )
    return setup, start


def _check(
    evaluate: Evaluator, setup: Setup, fitted: dict[str, float], args: argparse.Namespace
) -> tuple[list[dict], list[dict]]:
    """The stated assumptions and the fit on check seeds the study never used."""
    specs = list(setup.specs)
    defaults = current_values(setup.cfg, specs)
    check = replication_seeds(args.seed, CHECK_SEED_OFFSET + args.check_replications)
    check = check[CHECK_SEED_OFFSET:]
    names = setup.targets.statistics
    sets = (apply_values(setup.cfg, defaults, specs), apply_values(setup.cfg, fitted, specs))
    runs = evaluate.map([(params, s, names) for params in sets for s in check])
    return runs[: len(check)], runs[len(check) :]


def _publish(
    args: argparse.Namespace,
    argv: list[str],
    study: optuna.Study,
    setup: Setup,
    members: list[FrozenTrial],
    fitted: dict[str, float],
    checked: tuple[list[dict], list[dict]],
) -> None:
    """Write the preset, the ensemble and the report (and install them if asked)."""
    specs, targets, (before, after) = list(setup.specs), setup.targets, checked
    best, defaults = members[0], current_values(setup.cfg, specs)
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    # Every call is kept in the study, so a preset written by a resumed call (or a
    # rerun of a complete study, which adds no trial) still says how it came about.
    calls = [*study.user_attrs.get("calls", []), f"{stamp}: govsim calibrate {' '.join(argv)}"]
    study.set_user_attr("calls", calls)
    provenance = "\n".join(
        [
            f"calibrated: {stamp}; objective {best.value:.4g} (trial {best.number} of "
            f"{len(study.trials)}, {args.replications} replications); check objective "
            f"{objective(aggregate(after), targets):.4g} on {len(before)} new seeds",
            "calls that built the study:",
            *calls,
        ]
    )
    preset = preset_text(fitted, specs, defaults, provenance)
    ensemble = ensemble_text(
        [(t.number, float(t.value or 0.0), overrides_of(dict(t.params), specs)) for t in members],
        provenance,
        args.tolerance,
    )
    write_text_atomic(args.preset_out, preset)
    write_text_atomic(args.ensemble_out, ensemble)
    table = fit_table(targets, before, after)
    values = [{k: float(v) for k, v in t.params.items()} for t in members]
    text = markdown(
        table, targets, before, after, specs, defaults, fitted, values, provenance, len(before)
    )
    write_report(args.report_dir, table, text, study)
    print(f"study:    {args.study} ({len(study.trials)} trials, best {best.value:.4g})")
    print(f"preset:   {args.preset_out}")
    print(f"ensemble: {args.ensemble_out} ({len(members)} members)")
    print(f"report:   {args.report_dir / 'report.md'}")
    if args.install:
        for path, text in ((default_preset_path(), preset), (default_ensemble_path(), ensemble)):
            kept = install(path, text)
            print(f"installed: {path}" + (f" (previous kept as {kept.name})" if kept else ""))
