#!/usr/bin/env bash
# What drives the results: Morris screening, Sobol' indices of the top parameters and
# the robustness of the recommended policy, on the calibrated county (~25 min on 2 cores).
# PYTHON picks the interpreter (default: the project's .venv).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
here="$root/experiments/sensitivity"
cd "$root"
"${PYTHON:-.venv/bin/python}" -m sim.cli sensitivity --scenario county --name calibrated_county \
  --morris-trajectories 6 --sobol-samples 16 --top 5 --results results \
  --outcome escalation_rate --outcome resolved_share --outcome petitions_per_10k \
  --outcome mean_trust behaviour=calibrated
cp results/sensitivity/calibrated_county/report.md results/sensitivity/calibrated_county/ranking.csv "$here/"
echo "report copied to $here"
