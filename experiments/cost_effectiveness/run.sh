#!/usr/bin/env bash
# Cost-effectiveness of the Fengqiao steps over a reactive county and of mediator
# staffing: the README's "Cost-effectiveness" table. County, 20 replications per arm for
# fengqiao_vs_reactive (80 runs), 4 under each of 5 ensemble members (80 runs), 10 for
# mediator_staffing (70 runs, its two
# 0-mediator grid cells being one policy), then a govsim compare (40 runs); about 3
# minutes on 2 idle cores.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
here="$root/experiments/cost_effectiveness"
cd "$root"
.venv/bin/govsim experiment fengqiao_vs_reactive --replications 20 --results results
.venv/bin/govsim experiment fengqiao_vs_reactive --ensemble --members 5 --replications 4 \
  --results results   # the best 5 members of the calibration ensemble (80 runs)
.venv/bin/govsim experiment mediator_staffing --replications 10 --results results
# The planner's question written on the command line, no file: monthly visits, or weekly
# visits with one mediator per village instead of two? (40 runs)
.venv/bin/govsim compare --scenario county --replications 20 \
  --arm monthly policy/visits=monthly \
  --arm weekly_plus policy/visits=weekly policy.staffing.mediators_per_village=1 --results results
for name in fengqiao_vs_reactive fengqiao_vs_reactive-ensemble mediator_staffing \
  monthly_vs_weekly_plus; do
  mkdir -p "$here/$name/figures"
  for f in costeffect.csv ranking.csv report.md provenance.json figures/frontier.png; do
    cp "results/experiments/$name/$f" "$here/$name/$f"
  done
done
echo "tables copied to $here"
