#!/usr/bin/env bash
# What drives the results: Morris screening, Sobol' indices of the top parameters and
# the robustness of the recommended policy, on the calibrated county (~25 min on 2 idle
# cores at the defaults). PYTHON picks the interpreter (default: the project's .venv);
# MORRIS and SOBOL set the design's size; further arguments go to `govsim sensitivity`
# (e.g. --arm 'reactive: regime=reactive' to screen one policy effect only).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
here="$root/experiments/sensitivity"
cd "$root"
export PYTHONPATH="$root${PYTHONPATH:+:$PYTHONPATH}"  # this tree's sim, wherever python lives
"${PYTHON:-.venv/bin/python}" -m sim.cli sensitivity --scenario county --name calibrated_county \
  --morris-trajectories "${MORRIS:-6}" --sobol-samples "${SOBOL:-16}" --top 5 --results results/sensitivity \
  --outcome escalation_rate --outcome resolved_share --outcome petitions_per_10k \
  --outcome mean_trust "$@" behaviour=calibrated
cp results/sensitivity/calibrated_county/report.md results/sensitivity/calibrated_county/ranking.csv "$here/"
echo "report copied to $here"
