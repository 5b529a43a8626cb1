"""Scale curve: world build and one simulated year from a village to a city of 3 M.

Each scale runs in a fresh child process (so its peak memory is its own); inside it
the world is built and run for 365 days ``repeats`` times (fewer for the large
scales) and the median and range are reported. Interpreter start and imports are
excluded. Scales beyond the county follow the city of essays-063: villages of 1,400
residents, a township per 12 villages.

    .venv/bin/python experiments/benchmarks/bench_scale.py [--repeats 5] [--only county]
"""

from __future__ import annotations

import argparse
import datetime
import gc
import json
import os
import resource
import statistics
import subprocess
import sys
import time

from sim.config import load_params
from sim.run import build_model, simulate_days


def _large(villages: int) -> list[str]:
    return [
        "scenario=county",
        f"scenario.n_villages={villages}",
        f"scenario.n_townships={villages // 12}",
        "scenario.residents_per_village=1400",
    ]


SCALES = {
    "village": (["scenario=village"], 1.0),
    "county": (["scenario=county"], 1.0),
    "4 counties": (_large(232), 0.6),
    "16 counties": (_large(928), 0.4),
    "city": (_large(2187), 0.2),  # share of --repeats (at least one run)
}


def measure(name: str, repeats: int) -> dict:
    overrides, _ = SCALES[name]
    _, params = load_params([*overrides, "days=365"])
    build_model(load_params(["scenario=village"])[1], seed=0).run_for(5)  # lazy imports
    builds, years, cpus, kernels, disputes, residents = [], [], [], [], [], 0
    for seed in range(repeats):
        cpu, kernel = time.process_time(), _kernel_seconds()
        start = time.perf_counter()
        model = build_model(params, seed=seed)
        built = time.perf_counter()
        simulate_days(model, 365)  # as every run does (sim.run.run_simulation)
        years.append(time.perf_counter() - built)
        cpus.append(time.process_time() - cpu)
        kernels.append(_kernel_seconds() - kernel)
        builds.append(built - start)
        disputes.append(len(model.book))
        residents = model.world.n_residents
        del model
        gc.collect()  # the model's agents refer to it: free it before the next is built
    totals = [b + y for b, y in zip(builds, years, strict=True)]
    year = statistics.median(years)
    return {
        "scale": name,
        "residents": residents,
        "repeats": repeats,
        "build_s": statistics.median(builds),
        "year_s": year,
        "total_s": statistics.median(totals),
        "total_range": (min(totals), max(totals)),
        "cpu_s": statistics.median(cpus),
        "kernel_s": statistics.median(kernels),
        "ns_per_resident_day": year / (residents * 365) * 1e9,
        "disputes": statistics.median(disputes),
        "ns_per_dispute": year / statistics.median(disputes) * 1e9,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def _kernel_seconds() -> float:
    """CPU seconds the kernel has spent for this process: for a large world, mostly
    handing over fresh memory (first touches of newly allocated pages)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_stime


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.1f}, {five:.1f}, {fifteen:.1f} on {os.cpu_count()} cores"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--only", choices=list(SCALES), action="append")
    parser.add_argument("--one", help=argparse.SUPPRESS)  # child mode: one scale
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one, args.repeats)))
        return
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    print(f"{stamp}; before: {load()}")
    rows = []
    for name in args.only or SCALES:
        repeats = max(1, round(args.repeats * SCALES[name][1]))
        out = subprocess.run(
            [sys.executable, __file__, "--one", name, "--repeats", str(repeats)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        rows.append(json.loads(out.strip().splitlines()[-1]))
    print(f"after: {load()}")
    print(
        "world build + 365 days, one process, median (range of build + year) of n runs; "
        "CPU: the process's CPU seconds for build + year, of which kernel: the kernel's "
        "(mostly handing over fresh memory)"
    )
    print(
        "| scale | residents | n | build (s) | year (s) | build + year (s) "
        "| CPU (s) | of which kernel (s) | peak memory (MB) | ns / resident-day "
        "| disputes / year | ns / dispute |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        lo, hi = r["total_range"]
        print(
            f"| {r['scale']} | {r['residents']:,} | {r['repeats']} | {r['build_s']:.2f} | "
            f"{r['year_s']:.2f} | {r['total_s']:.2f} ({lo:.2f}-{hi:.2f}) | {r['cpu_s']:.2f} | "
            f"{r['kernel_s']:.2f} | "
            f"{r['peak_rss_mb']:,.0f} | {r['ns_per_resident_day']:.0f} | "
            f"{r['disputes']:,.0f} | {r['ns_per_dispute']:,.0f} |"
        )


if __name__ == "__main__":
    main()
