#!/usr/bin/env bash
# The calibration behind the default behaviour preset, and its check on new seeds.
#   run.sh          re-checks the shipped preset only (~1 min on 2 cores): fit.md
#   run.sh --refit  first refits and installs the preset and ensemble (~20 min), keeping
#                   the replaced files beside them as *.prev-<time>
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
if [[ "${1:-}" == "--refit" ]]; then
  .venv/bin/govsim calibrate --scenario county --trials 400 --replications 4 --start calibrated \
    --install --results results
fi
.venv/bin/python experiments/calibration_fit/check_fit.py --replications 10
