#!/usr/bin/env bash
# Prevention and informal institutions against more mediators at equal cost (county,
# calibrated behaviour, paired seeds). REPS replications per arm (default 8: 48 county
# runs, 3 to 5 minutes on 2 cores shared with other work). Copies the tables here;
# the README's tables are prevention_table.md and robust_table.md.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
here="$root/experiments/prevention"
reps="${REPS:-8}"
cd "$root"
.venv/bin/govsim experiment prevention --replications "$reps" --results results
for f in summary.csv paired.csv ranking.csv provenance.json; do
  cp "results/experiments/prevention/$f" "$here/$f"
done
.venv/bin/python experiments/prevention/prevention_table.py "$here/paired.csv" > "$here/prevention_table.md"
# Robustness to the assumed effect sizes (32 runs, about 3 minutes).
.venv/bin/govsim experiment --file experiments/prevention/prevention_robust.yaml --replications "$reps" --results results
for f in summary.csv paired.csv provenance.json; do
  cp "results/experiments/prevention_robust/$f" "$here/robust_$f"
done
.venv/bin/python experiments/prevention/prevention_table.py "$here/robust_paired.csv" > "$here/robust_table.md"
echo "tables copied to $here"
