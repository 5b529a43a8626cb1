"""A fixed-seed baseline guards against silent changes in the model's numbers.

If a change is meant to alter the results, regenerate the file and commit it with the
change, saying why:  GOVSIM_UPDATE_BASELINE=1 python -m pytest tests/test_baseline.py
"""

from __future__ import annotations

import json
import math
import os
from pathlib import Path

from sim.output.run_folder import metrics_json
from sim.run import run_simulation
from tests.conftest import params

BASELINE = Path(__file__).parent / "baseline" / "village_seed0.json"


def test_fixed_seed_baseline_is_unchanged():
    metrics = json.loads(metrics_json(run_simulation(params("scenario=village", "seed=0")).metrics))
    if os.environ.get("GOVSIM_UPDATE_BASELINE"):
        BASELINE.write_text(json.dumps(metrics, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    expected = json.loads(BASELINE.read_text(encoding="utf-8"))
    assert set(metrics) == set(expected)
    changed = {
        k: (expected[k], metrics[k])
        for k in expected
        if not (
            metrics[k] == expected[k]
            or (
                isinstance(metrics[k], float)
                and math.isclose(metrics[k], expected[k], rel_tol=1e-9)
            )
        )
    }
    assert not changed, f"baseline changed (expected, got): {changed}"
