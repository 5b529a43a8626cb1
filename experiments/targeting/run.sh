#!/usr/bin/env bash
# Where should extra mediators go in a county whose villages differ: the README's
# "Where the pressure is" table. Mixed county, 4 arms x 60 replications (about 2 min
# on 2 shared cores).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
here="$root/experiments/targeting"
cd "$root"
.venv/bin/govsim experiment targeting --results results
mkdir -p "$here/targeting"
for f in summary.csv paired.csv ranking.csv provenance.json; do
  cp "results/experiments/targeting/$f" "$here/targeting/$f"
done
.venv/bin/python experiments/targeting/compare.py results/experiments/targeting \
  > "$here/targeting/targeted_vs_even.csv"
echo "tables copied to $here"
