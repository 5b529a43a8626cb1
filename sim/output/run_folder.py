"""One run's folder: resolved config, metrics, daily series, dispute table, log, figure."""

from __future__ import annotations

import hashlib
import json
import math
import platform
import time
from pathlib import Path

import yaml

import sim
from sim.metrics import recorded_beside_true
from sim.output.atomic import staged_folder
from sim.output.plots import plot_run
from sim.run import RunResult


def config_hash(cfg: dict) -> str:
    """A short digest of the resolved config (same config, same hash)."""
    return hashlib.sha256(json.dumps(cfg, sort_keys=True).encode()).hexdigest()[:10]


def metrics_json(metrics: dict) -> str:
    """Stable text: sorted keys, no NaN (JSON has none), so equal runs give equal bytes."""
    clean = {k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in metrics.items()}
    return json.dumps(clean, sort_keys=True, indent=2) + "\n"


def write_run_folder(results: Path, cfg: dict, result: RunResult, seconds: float) -> Path:
    """Write every output of a run atomically under ``results/runs/`` and return its path."""
    digest = config_hash(cfg)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    name = f"{stamp}_{cfg['scenario']['name']}_seed{cfg['seed']}_{digest}"
    final = results / "runs" / name
    suffix = 1
    while final.exists():
        suffix += 1
        final = results / "runs" / f"{name}-{suffix}"
    with staged_folder(final) as folder:
        (folder / "config.yaml").write_text(yaml.safe_dump(cfg, sort_keys=False), encoding="utf-8")
        (folder / "metrics.json").write_text(metrics_json(result.metrics), encoding="utf-8")
        result.series.to_parquet(folder / "series.parquet", index=False)
        result.disputes.to_parquet(folder / "disputes.parquet", index=False)
        policy = cfg["policy"]
        title = (
            f"{cfg['scenario']['name']}: visits={policy['visits']['name']}, "
            f"staffing={policy['staffing']['name']}, escalation={policy['escalation']['name']}, "
            f"seed={cfg['seed']}"
        )
        plot_run(result.series, title, folder / "series.png")
        log = [
            f"govsim {sim.__version__} on Python {platform.python_version()}",
            f"config hash {digest}, seed {cfg['seed']}, {cfg['days']} days",
            f"scenario {cfg['scenario']['name']}; {title}",
            f"wall time {seconds:.2f} s",
            f"recorded beside true (policy/evaluation={policy['evaluation']['name']}):",
            *(f"  {line}" for line in recorded_beside_true(result.metrics)),
            "metrics:",
            *(f"  {k}: {v}" for k, v in result.metrics.items()),
        ]
        (folder / "run.log").write_text("\n".join(log) + "\n", encoding="utf-8")
    return final
