#!/usr/bin/env bash
# Where should 1.5 million yuan a year more than the reactive county go when villages
# differ: the same everywhere, or into the villages under land requisition and the
# peri-urban ones? The shipped search (configs/search/county_mixed.yaml) with its
# defaults; resumable (Ctrl-C, then run again). Copies the one-page report, its figures
# and tables here.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
here="$root/experiments/search_county_mixed"
cd "$root"
.venv/bin/govsim search county_mixed --no-progress --results results
out="results/search/county_mixed/budget-1500000"
for f in report.md front.png convergence.png fresh.csv trials.csv; do
  cp "$out/$f" "$here/$f"
done
echo "report copied to $here"
