#!/usr/bin/env bash
# Does every lever the mission names move an outcome? Each lever against the Fengqiao
# county, paired seeds; the README's "Levers" table (lever_table.md) is made from the
# experiment's paired differences. County, 32 arms; REPS replications each (default 10,
# ~6 min on 2 cores).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
here="$root/experiments/lever_response"
reps="${REPS:-10}"
cd "$root"
.venv/bin/govsim experiment lever_response --replications "$reps" --results results
for f in summary.csv paired.csv ranking.csv provenance.json; do
  cp "results/experiments/lever_response/$f" "$here/$f"
done
.venv/bin/python experiments/lever_response/lever_table.py "$here/paired.csv" > "$here/lever_table.md"
echo "tables copied to $here"
