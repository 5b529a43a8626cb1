#!/usr/bin/env bash
# Cost-effectiveness of the Fengqiao steps over a reactive county and of mediator
# staffing: the README's "Cost-effectiveness" table. County, 20 replications per arm for
# fengqiao_vs_reactive (80 runs) and 10 for mediator_staffing (70 runs, its two
# 0-mediator grid cells being one policy); about 3 minutes on 2 idle cores.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
here="$root/experiments/cost_effectiveness"
cd "$root"
.venv/bin/govsim experiment fengqiao_vs_reactive --replications 20 --results results
.venv/bin/govsim experiment mediator_staffing --replications 10 --results results
for name in fengqiao_vs_reactive mediator_staffing; do
  mkdir -p "$here/$name/figures"
  for f in costeffect.csv ranking.csv report.md provenance.json figures/frontier.png; do
    cp "results/experiments/$name/$f" "$here/$name/$f"
  done
done
echo "tables copied to $here"
