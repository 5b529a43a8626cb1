#!/usr/bin/env bash
# Recorded against true figures under three ways of assessing officials: the README's
# "Recorded and true figures" table. County, 20 paired replications per arm (~10 min on
# 2 cores), then the calibration bands under each regime on the check seeds (bands.md,
# ~10 min; no refit).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
here="$root/experiments/evaluation_regimes"
cd "$root"
.venv/bin/govsim experiment evaluation_regimes --replications 20 --results results
mkdir -p "$here/evaluation_regimes"
for f in summary.csv paired.csv ranking.csv provenance.json; do
  cp "results/experiments/evaluation_regimes/$f" "$here/evaluation_regimes/$f"
done
PYTHONPATH="$root" .venv/bin/python experiments/evaluation_regimes/check_bands.py --replications 6
echo "tables copied to $here"
