#!/usr/bin/env bash
# Which policy gives the reactive county the fewest escalations for 1.5 million yuan a
# year more, and does it beat every combination of the shipped presets? The shipped
# search (configs/search/county.yaml) with its defaults; resumable (Ctrl-C, then run
# again). Copies the one-page report, its figures and tables here.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
here="$root/experiments/search_county"
cd "$root"
.venv/bin/govsim search county --no-progress --results results
out="results/search/county/budget-1500000"
for f in report.md front.png convergence.png fresh.csv trials.csv; do
  cp "$out/$f" "$here/$f"
done
echo "report copied to $here"
