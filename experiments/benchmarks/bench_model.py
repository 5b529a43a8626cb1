"""Benchmark one simulation: wall time per simulated year, ns per resident-day, peak memory.

Each scenario runs in a fresh child process (so its peak memory is its own); inside
it, the world is built and run for a year ``--repeats`` times and the median is
reported. Interpreter start and imports are excluded from the timings.

    .venv/bin/python experiments/benchmarks/bench_model.py [--repeats 7]
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time

from sim.config import load_params
from sim.run import build_model, simulate_days


def measure(scenario: str, repeats: int) -> dict:
    _, params = load_params([f"scenario={scenario}", "days=365"])
    build_model(params, seed=0).run_for(30)  # warm caches and lazy imports
    walls, builds, disputes, residents = [], [], [], 0
    for seed in range(repeats):
        start = time.perf_counter()
        model = build_model(params, seed=seed)
        built = time.perf_counter()
        simulate_days(model, 365)  # as every run does (sim.run.run_simulation)
        walls.append(time.perf_counter() - start)
        builds.append(built - start)
        disputes.append(len(model.book))
        residents = model.world.n_residents
    wall = statistics.median(walls)
    return {
        "scenario": scenario,
        "residents": residents,
        "repeats": repeats,
        "build_s": statistics.median(builds),
        "build_and_year_s": wall,
        "ns_per_resident_day": wall / (residents * 365) * 1e9,
        "disputes_per_year": statistics.median(disputes),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--one", help=argparse.SUPPRESS)  # child mode: one scenario
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one, args.repeats)))
        return
    rows = []
    for scenario in ("village", "county"):
        out = subprocess.run(
            [sys.executable, __file__, "--one", scenario, "--repeats", str(args.repeats)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        rows.append(json.loads(out.strip().splitlines()[-1]))
    print(f"median of {args.repeats} runs each, world build + 365 days, one process")
    print(
        "| scenario | residents | build (s) | build + year (s) | ns / resident-day "
        "| disputes / year | peak memory (MB) |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(
            f"| {r['scenario']} | {r['residents']:,} | {r['build_s']:.2f} | "
            f"{r['build_and_year_s']:.2f} | {r['ns_per_resident_day']:.0f} | "
            f"{r['disputes_per_year']:.0f} | {r['peak_rss_mb']:.0f} |"
        )


if __name__ == "__main__":
    main()
