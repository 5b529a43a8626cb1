"""``govsim compare --arm NAME [OVERRIDES] --arm NAME [OVERRIDES] ...``: an experiment
written on the command line.

A planner's question ("monthly visits, or weekly visits plus one mediator per village?")
should not need a YAML file. Each ``--arm`` is a name followed by its Hydra overrides;
the first arm is the baseline unless ``--baseline`` names another. The arms become an
``Experiment`` checked by the same parser as experiment files, and run through the same
store, statistics and report as ``govsim experiment`` (output in
``RESULTS/experiments/NAME``; the report's provenance holds the command and the
equivalent experiment file).
"""

from __future__ import annotations

import argparse
import hashlib
import shlex
from typing import Any

from sim.config import ConfigError
from sim.config.names import NAME_RULE, SAFE_NAME
from sim.console import OneLineParser, command_status
from sim.experiments.cli import add_run_options, check_options, output_folder, prepare_and_run
from sim.inputs import inside, results_root
from sim.metrics import METRICS

DEFAULT_METRICS = (
    "escalation_rate",
    "petition_rate",
    "petitions_per_10k",
    "criminal_cases",
    "resolved_share",
    "days_to_resolution_mean",
    "mean_trust",
    "satisfaction_rate",
    "cost_per_year",
)
DEFAULT_REPLICATIONS = 20
EXAMPLE = (
    "govsim compare --scenario county --arm monthly policy/visits=monthly "
    "--arm weekly_plus policy/visits=weekly policy.staffing.mediators_per_village=1"
)


def parser() -> argparse.ArgumentParser:
    p = OneLineParser(
        prog="govsim compare",
        description="Compare policies given on the command line, paired on the same random "
        "worlds, with the statistics, cost-effectiveness and report of govsim experiment.",
        epilog=f"example:\n  {EXAMPLE}\n"
        "overrides before the first --arm apply to every arm (e.g. days=180); each arm's "
        "own overrides win.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "overrides",
        nargs="*",
        help="Hydra overrides for every arm, before the first --arm (e.g. days=180)",
    )
    p.add_argument(
        "--arm",
        nargs="+",
        action="append",
        metavar=("NAME", "OVERRIDE"),
        help="an arm: its name, then its Hydra overrides (none: the default policy); "
        "give two or more",
    )
    p.add_argument("--baseline", help="the arm the others are compared with (default: the first)")
    p.add_argument("--scenario", default="county", help="scenario preset (default: county)")
    p.add_argument("--days", type=int, default=365, help="simulated days per run (default 365)")
    p.add_argument(
        "--primary", default="escalation_rate", help="metric that ranks the arms (default: "
        "escalation_rate)"
    )  # fmt: skip
    p.add_argument("--metrics", help="comma-separated metrics to report (default: a planner's set)")
    p.add_argument("--name", help="output folder name (default: the arm names joined by _vs_)")
    p.add_argument("--question", help="the question, for the report's first line")
    add_run_options(p)
    return p


def main(argv: list[str]) -> int:
    return command_status(_main, argv)


def _main(argv: list[str]) -> int:
    from sim.experiments.design import parse_experiment

    args = parser().parse_args(argv)
    check_options(args)
    raw = experiment_dict(args)
    name = args.name or default_name([a["name"] for a in raw["arms"]])
    if not SAFE_NAME.fullmatch(name):
        raise ConfigError(f"--name={name[:80]}: must be {NAME_RULE}")
    exp = parse_experiment(name, raw)
    args.command_line = shlex.join(["govsim", "compare", *argv])
    inside(results_root(args.results), output_folder(args, exp))
    return prepare_and_run(args, exp)


def experiment_dict(args: argparse.Namespace) -> dict[str, Any]:
    """The experiment the command line describes, as an experiment file would hold it."""
    arms = [_arm(spec) for spec in args.arm or []]
    if len(arms) < 2:
        raise ConfigError(
            f"--arm: give at least two arms (got {len(arms)}), e.g. {EXAMPLE.split(' ', 2)[2]}"
        )
    baseline = args.baseline or arms[0]["name"]
    metrics = [m.strip() for m in args.metrics.split(",") if m.strip()] if args.metrics else []
    for metric in [args.primary, *metrics]:
        if metric not in METRICS:
            raise ConfigError(f"--primary/--metrics: unknown metric {metric!r}")
    words = " or ".join(a["name"] for a in arms if a["name"] != baseline)
    return {
        "question": args.question
        or f"What do {words} change against {baseline} in escalations, petitions and cost?",
        "scenario": args.scenario,
        "days": args.days,
        "baseline": baseline,
        "replications": args.replications or DEFAULT_REPLICATIONS,
        "seed_base": args.seed_base if args.seed_base is not None else 0,
        "primary_metric": args.primary,
        "metrics": list(dict.fromkeys([args.primary, *(metrics or DEFAULT_METRICS)])),
        "arms": arms,
    }


def _arm(spec: list[str]) -> dict[str, Any]:
    name, overrides = spec[0], spec[1:]
    if "=" in name:
        raise ConfigError(
            f"--arm {name}: an arm starts with its name, then its overrides "
            f"(e.g. --arm weekly {name})"
        )
    if not SAFE_NAME.fullmatch(name):
        raise ConfigError(f"--arm {name[:80]}: the name must be {NAME_RULE}")
    for override in overrides:
        if "=" not in override:
            raise ConfigError(
                f"--arm {name}: {override!r} is not an override (KEY=VALUE or GROUP=PRESET)"
            )
    return {"name": name, "overrides": overrides}


def default_name(arms: list[str]) -> str:
    """``a_vs_b``; a short hash of the names when that would be longer than a name may be."""
    joined = "_vs_".join(arms)
    if len(joined) <= 64:
        return joined
    return f"compare_{hashlib.sha256(joined.encode()).hexdigest()[:12]}"
