#!/usr/bin/env bash
# Does every lever the mission names move an outcome? Each lever against the Fengqiao
# county, paired seeds; the README's "Levers" table (lever_table.md) is made from the
# experiment's paired differences. County, 44 arms; REPS replications each (default 8,
# ~15 min on 2 idle cores).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
here="$root/experiments/lever_response"
reps="${REPS:-8}"
python="${PYTHON:-.venv/bin/python}"
cd "$root"
export PYTHONPATH="$root${PYTHONPATH:+:$PYTHONPATH}"  # this tree's sim, wherever python lives
"$python" -m sim.cli experiment lever_response --replications "$reps" --results results
for f in summary.csv paired.csv ranking.csv provenance.json; do
  cp "results/experiments/lever_response/$f" "$here/$f"
done
"$python" experiments/lever_response/lever_table.py "$here/paired.csv" \
  results/experiments/lever_response/table.parquet > "$here/lever_table.md"
echo "tables copied to $here"
