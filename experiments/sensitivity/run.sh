#!/usr/bin/env bash
# What drives the results: Morris screening, Sobol' indices of the top parameters and
# the robustness of the recommended policy, on the calibrated county (~20 min on 2 cores).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
here="$root/experiments/sensitivity"
cd "$root"
.venv/bin/govsim sensitivity --scenario county --name calibrated_county \
  --morris-trajectories 6 --sobol-samples 16 --top 5 --results results behaviour=calibrated
cp results/sensitivity/calibrated_county/report.md results/sensitivity/calibrated_county/ranking.csv "$here/"
echo "report copied to $here"
