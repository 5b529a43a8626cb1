#!/usr/bin/env bash
# What the Fengqiao regime buys over a reactive county, step by step: the README's
# "Experiments" tables. County, 50 replications per arm at the best fit (~2.5 min on
# 2 cores), then 5 replications under each of the 20 ensemble members (~5 min).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
here="$root/experiments/fengqiao_vs_reactive"
cd "$root"
.venv/bin/govsim experiment fengqiao_vs_reactive --results results
.venv/bin/govsim experiment fengqiao_vs_reactive --ensemble --replications 5 --results results
for name in fengqiao_vs_reactive fengqiao_vs_reactive-ensemble; do
  mkdir -p "$here/$name"
  for f in summary.csv paired.csv ranking.csv provenance.json; do
    cp "results/experiments/$name/$f" "$here/$name/$f"
  done
done
echo "tables copied to $here"
