"""``govsim sensitivity``: Morris screening, Sobol' indices and the robustness check.

Screens every uncertain parameter (configs/calibration/parameters.yaml) with Morris'
method, then computes Sobol' indices of the most influential ones, for the main outcomes
under the baseline and for policy effects (an arm minus the baseline, paired by seed).
Finally ranks the arms at every sampled point: how often does the arm that is best at
the reference point stay best? Bad input: one line on stderr, exit status 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from sim.arms import Arm
from sim.clusters import add_cluster_options, cluster_choice
from sim.config import ConfigError, params_from_dict
from sim.console import OneLineParser, exit_status
from sim.estimate import check_fits
from sim.inputs import check_name, inside, results_root
from sim.output.atomic import replaced_folder
from sim.sensitivity.analysis import morris_table, sobol_table, top_parameters
from sim.sensitivity.design import morris_design, sobol_design
from sim.sensitivity.report import markdown, morris_png, ranking_table, slug, sobol_png
from sim.sensitivity.robustness import robustness
from sim.sensitivity.runs import BASELINE, DEFAULT_ARMS, add_effects, compose_arms, evaluate_points
from sim.uncertainty.evaluate import Evaluator, default_workers, evaluator, replication_seeds
from sim.uncertainty.space import ParameterSpec, current_values, load_space, make_spec
from sim.uncertainty.statistics import known_statistics

DEFAULT_OUTCOMES = ("escalation_rate", "resolved_share", "petitions_per_10k")


def parser() -> argparse.ArgumentParser:
    p = OneLineParser(prog="govsim sensitivity", description=__doc__.splitlines()[0])
    p.add_argument("overrides", nargs="*", help="Hydra overrides of the base (all arms)")
    p.add_argument("--name", default="main", help="results/sensitivity/<name>/")
    p.add_argument("--results", type=Path, default=Path("results/sensitivity"))
    p.add_argument("--outcome", action="append", help="run metric (repeatable)")
    p.add_argument("--primary", help="outcome ranking the arms (default: the first outcome)")
    p.add_argument(
        "--arm",
        action="append",
        help="'NAME: OVERRIDE OVERRIDE ...' compared with the baseline (repeatable; "
        "default: reactive, fortnightly, fast_track)",
    )
    p.add_argument("--effect", action="append", help="arm whose effect is analysed (repeatable)")
    p.add_argument("--morris-trajectories", type=int, default=6)
    p.add_argument("--sobol-samples", type=int, default=16, help="N of Saltelli's scheme")
    p.add_argument("--top", type=int, default=5, help="parameters given Sobol' indices")
    p.add_argument("--scenario", default="county")
    p.add_argument("--replications", type=int, default=1, help="seeds per point and arm")
    p.add_argument(
        "--reference-replications",
        type=int,
        default=5,
        help="seeds at the reference point (picks the recommended arm; measures seed noise)",
    )
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--workers", type=int, default=default_workers())
    add_cluster_options(p)
    p.add_argument("--parameters", type=Path, help="ranges (configs/calibration/parameters.yaml)")
    p.add_argument("--dummy", type=int, default=1, help="dummy parameters (noise floor)")
    return p


def main(argv: list[str]) -> int:
    return exit_status(
        lambda: sensitivity(parser().parse_intermixed_args(argv), argv),
        interrupted="nothing written; run the same command to start again",
    )


def parse_arms(specs: list[str] | None) -> dict[str, tuple[str, ...]]:
    if not specs:
        return dict(DEFAULT_ARMS)
    arms: dict[str, tuple[str, ...]] = {BASELINE: ()}
    for text in specs:
        name, sep, rest = text.partition(":")
        name = name.strip()
        if not sep or not name or not rest.split():
            raise ConfigError(f"--arm '{text}': expected 'NAME: OVERRIDE [OVERRIDE ...]'")
        if name in arms:
            raise ConfigError(f"--arm {name}: named twice (or clashes with '{BASELINE}')")
        arms[name] = tuple(rest.split())
    return arms


def check_args(args: argparse.Namespace, arms: dict, outcomes: tuple[str, ...]) -> list[str]:
    counts = (
        "morris_trajectories",
        "sobol_samples",
        "top",
        "replications",
        "reference_replications",
    )
    for name in counts:
        if getattr(args, name) < 1:
            raise ConfigError(f"--{name.replace('_', '-')}={getattr(args, name)}: must be >= 1")
    if args.dummy < 0:
        raise ConfigError(f"--dummy={args.dummy}: must be >= 0")
    if args.seed < 0:
        raise ConfigError(f"--seed={args.seed}: must be >= 0 (seeds are non-negative)")
    check_name("--name", args.name)
    inside(results_root(args.results), args.results / args.name)
    for o in outcomes:
        if o not in known_statistics():
            raise ConfigError(f"--outcome {o}: unknown; known: {', '.join(known_statistics())}")
    if args.primary and args.primary not in outcomes:
        raise ConfigError(f"--primary {args.primary}: must be one of the outcomes")
    others = [a for a in arms if a != BASELINE]
    effects = args.effect or others[:1]
    for e in effects:
        if e not in others:
            raise ConfigError(f"--effect {e}: unknown arm; arms: {', '.join(others) or 'none'}")
    return effects


@dataclass(frozen=True)
class Plan:
    """What one analysis runs: the arms, the parameter space around its reference point,
    the seeds and the quantities (outcomes of the baseline, effects of the other arms)."""

    arms: list[Arm]
    specs: list[ParameterSpec]
    base: dict[str, float]
    seeds: list[int]
    ref_seeds: list[int]
    outcomes: tuple[str, ...]
    effects: list[str]
    quantities: list[str]


def sensitivity(args: argparse.Namespace, argv: list[str]) -> int:
    dask = cluster_choice(args.scheduler, args.cluster)  # refused before anything is written
    plan = _plan(args)
    morris = morris_design(tuple(plan.specs), args.morris_trajectories, args.seed)
    print(
        f"sensitivity: Morris {len(morris.unit)} points x {len(plan.arms) * len(plan.seeds)} "
        "runs, then Sobol'",
        file=sys.stderr,
    )
    with evaluator(args.workers, *dask) as evaluate:
        # One row per seed at the reference point: the mean ranks the arms, the spread
        # is the seed noise against which mu* should be read.
        per_seed = pd.concat(
            [_runs(evaluate, plan, [plan.base], [s]) for s in plan.ref_seeds], ignore_index=True
        )
        m_runs = _runs(evaluate, plan, morris.values(plan.base), plan.seeds)
        m_table = morris_table(morris, m_runs, plan.quantities, args.seed)
        top = top_parameters(m_table, args.top)
        by_key = {s.key: s for s in plan.specs}
        sobol = sobol_design(tuple(by_key[k] for k in top), args.sobol_samples, args.seed)
        s_runs = _runs(evaluate, plan, sobol.values(plan.base), plan.seeds)
    s_table = sobol_table(sobol, s_runs, plan.quantities, args.seed)
    primary = args.primary or plan.outcomes[0]
    samples = pd.concat([m_runs, s_runs], ignore_index=True)
    robust = robustness(per_seed.mean(), samples, [a.name for a in plan.arms], primary)
    noise = {
        q: float(per_seed[q].std(ddof=1)) if len(per_seed) > 1 else None for q in plan.quantities
    }
    runs = pd.concat(
        [
            pd.concat([pd.DataFrame(morris.values(plan.base)), m_runs], axis=1).assign(
                design="morris"
            ),
            pd.concat([pd.DataFrame(sobol.values(plan.base)), s_runs], axis=1).assign(
                design="sobol"
            ),
        ],
        ignore_index=True,
    )
    header = _header(args, argv, plan, len(morris.unit), len(sobol.unit))
    final = args.results / args.name
    ranking = ranking_table(m_table, s_table)
    write_folder(
        final, ranking, runs, m_table, s_table, plan.quantities, top, robust, header, noise
    )
    print(f"top parameters: {', '.join(top)}")
    print(
        f"robustness: {robust['recommended']} stays first on {primary} in "
        f"{robust['share_recommended_first']:.0%} of {robust['points']} parameter sets"
    )
    print(final)
    return 0


def _plan(args: argparse.Namespace) -> Plan:
    """Everything the analysis will run, validated (arms and their size) before any run."""
    outcomes = tuple(dict.fromkeys(args.outcome or DEFAULT_OUTCOMES))
    arm_defs = parse_arms(args.arm)
    effects = check_args(args, arm_defs, outcomes)
    dummies = [make_spec(f"dummy.d{i}", 0.0, 1.0) for i in range(args.dummy)]
    specs = load_space(args.parameters, dummies)
    if args.top > len(specs):
        raise ConfigError(f"--top={args.top}: only {len(specs)} parameters")
    arms = compose_arms((f"scenario={args.scenario}", *args.overrides), arm_defs)
    for arm in arms:
        check_fits(params_from_dict(arm.cfg), args.workers)
    by_key = {s.key: s for s in specs}
    # The reference point: the base config's values (e.g. the calibrated preset's).
    base = {k: by_key[k].clip(v) for k, v in current_values(arms[0].cfg, specs).items()}
    quantities = [f"{BASELINE}:{o}" for o in outcomes]
    quantities += [f"effect[{a}]:{o}" for a in effects for o in outcomes]
    return Plan(
        arms=arms,
        specs=specs,
        base=base,
        seeds=replication_seeds(args.seed, args.replications),
        ref_seeds=replication_seeds(args.seed, max(args.replications, args.reference_replications)),
        outcomes=outcomes,
        effects=effects,
        quantities=quantities,
    )


def _runs(evaluate: Evaluator, plan: Plan, points: list[dict], seeds: list[int]) -> pd.DataFrame:
    """Every arm at every point and seed, with each effect arm's difference added."""
    runs = evaluate_points(evaluate, plan.arms, points, plan.specs, seeds, plan.outcomes)
    return add_effects(runs, plan.effects, plan.outcomes)


def _header(
    args: argparse.Namespace, argv: list[str], plan: Plan, n_morris: int, n_sobol: int
) -> list[str]:
    return [
        f"`govsim sensitivity {' '.join(argv)}`",
        "",
        f"Scenario {args.scenario}; {len(plan.specs)} parameters ({args.dummy} dummy: never "
        "read by the model; with the same seeds at every point its mu* is exactly 0, a check "
        f"that nothing else leaks in); Morris {args.morris_trajectories} trajectories "
        f"({n_morris} points), Sobol' N={args.sobol_samples} ({n_sobol} points); "
        f"{args.replications} seed(s) per point and arm, the same at every point; "
        f"{len(plan.ref_seeds)} seeds at the reference point (the base config's values); arms: "
        + "; ".join(f"{a.name} ({' '.join(a.overrides) or 'base config'})" for a in plan.arms)
        + ".",
    ]


def write_folder(
    final: Path,
    ranking: pd.DataFrame,
    runs: pd.DataFrame,
    m_table: pd.DataFrame,
    s_table: pd.DataFrame,
    quantities: list[str],
    top: list[str],
    robust: dict,
    header: list[str],
    noise: dict[str, float | None],
) -> None:
    """Write the whole folder in a staging place, then swap it in for any earlier one."""
    with replaced_folder(final) as stage:
        ranking.to_csv(stage / "ranking.csv", index=False)
        ranking.to_parquet(stage / "ranking.parquet", index=False)
        runs.to_parquet(stage / "runs.parquet", index=False)
        (stage / "robustness.json").write_text(json.dumps(robust, indent=2), encoding="utf-8")
        (stage / "seed_noise.json").write_text(json.dumps(noise, indent=2), encoding="utf-8")
        for q in quantities:
            (stage / f"morris_{slug(q)}.png").write_bytes(morris_png(m_table, q))
            (stage / f"sobol_{slug(q)}.png").write_bytes(sobol_png(s_table, q))
        (stage / "report.md").write_text(
            markdown(ranking, quantities, top, robust, header, noise), encoding="utf-8"
        )
