"""Where a simulated year's time goes: CPU seconds of each daily process, one scale.

Builds the world of a scale of ``bench_scale.py`` (default: the city), then runs 365
days with each process's ``step`` (and the day's data collection) timed in CPU
seconds (``time.process_time``, so that other jobs on the machine weigh less), and
prints them largest first as a table the README embeds.

    .venv/bin/python experiments/benchmarks/bench_steps.py [--scale city] [--seed 0]
"""

from __future__ import annotations

import argparse
import datetime
import os
import time
from collections import Counter
from collections.abc import Callable

from experiments.benchmarks.bench_scale import SCALES
from sim.config import load_params
from sim.run import build_model, simulate_days


def timed(spent: Counter[str], name: str, step: Callable[..., None]) -> Callable[..., None]:
    def step_timed(*args: object) -> None:
        start = time.process_time()
        step(*args)
        spent[name] += time.process_time() - start

    return step_timed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=list(SCALES), default="city")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    _, params = load_params([*SCALES[args.scale][0], "days=365"])
    build_model(load_params(["scenario=village"])[1], seed=0).run_for(5)  # lazy imports
    start = time.process_time()
    model = build_model(params, seed=args.seed)
    spent: Counter[str] = Counter(build=time.process_time() - start)
    # The processes of ``GovernanceModel.step``, each an attribute with a ``step``.
    for name, process in vars(model).items():
        if callable(getattr(process, "step", None)) and not isinstance(process, type):
            process.step = timed(spent, name, process.step)
    collector = model.datacollector
    collector.collect = timed(spent, "daily series", collector.collect)  # type: ignore[method-assign]
    start = time.process_time()
    simulate_days(model, 365)  # as every run does (sim.run.run_simulation)
    year = time.process_time() - start
    one, five, _ = os.getloadavg()
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    print(f"{stamp}; {args.scale}, seed {args.seed}; load average {one:.1f}, {five:.1f}")
    disputes = len(model.book)
    print(f"CPU seconds: build {spent['build']:.2f}, year {year:.2f} ({disputes:,} disputes)")
    print("| daily process | CPU s / year | share of the year |")
    print("|---|---:|---:|")
    for name, seconds in sorted(spent.items(), key=lambda kv: -kv[1]):
        if name != "build" and seconds >= 0.005:
            print(f"| {name} | {seconds:.2f} | {seconds / year:.0%} |")


if __name__ == "__main__":
    main()
