"""The run store: one JSON file per finished run, keyed by config hash + code version + seed.

A run is saved the moment it finishes, by one atomic rename, so an interrupted experiment
keeps every run it finished and the next invocation skips them. Keys carry no arm name:
two arms with the same resolved config share one run. The consolidated tables are built
from the run specifications in their fixed order, so they hold each (arm, replication)
exactly once whatever order the runs finished in and whichever executor ran them.
"""

from __future__ import annotations

import json
import math
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from sim.config.villages import keyed_config
from sim.experiments.design import RunSpec
from sim.experiments.version import code_version
from sim.metrics import table_metrics
from sim.output.atomic import clean_stale, write_atomic, write_text_atomic

RECORD_FIELDS = ("key", "seed", "code_version", "config", "metrics", "series", "error")


class RunStore:
    """Finished runs under ``folder`` (``results/experiments/<name>/runs``).

    A stored file is data only if it is a whole record of the run asked for: its key,
    seed, code version and resolved config must match the run's specification. A file
    that does not (truncated, empty, copied from another run, from another code
    version) is moved to ``runs/set-aside/`` with one line on stderr, and the run is
    done again; it never enters a table."""

    SET_ASIDE = "set-aside"

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        clean_stale(folder)  # temporary files of writers killed mid-write

    def path(self, key: str) -> Path:
        return self.folder / f"{key}.json"

    def has(self, key: str) -> bool:
        return self.path(key).is_file()

    def load(self, spec: RunSpec) -> dict[str, Any] | None:
        """The stored record of ``spec``'s run; None if there is none or it is not valid
        (then it has been set aside)."""
        path = self.path(spec.key)
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        problem: str | None
        try:
            record = json.loads(text)
        except ValueError:
            record, problem = None, "is not complete JSON (truncated?)"
        else:
            problem = record_problem(record, spec)
        if problem is None:
            return record
        self.set_aside(path, problem)
        return None

    def set_aside(self, path: Path, problem: str) -> Path:
        aside = self.folder / self.SET_ASIDE / f"{path.stem}.{time.strftime('%Y%m%dT%H%M%S')}.json"
        aside.parent.mkdir(parents=True, exist_ok=True)
        os.replace(path, aside)
        print(f"govsim: stored run {path} {problem}; moved to {aside}, running it again",
              file=sys.stderr)  # fmt: skip
        return aside

    def save(self, record: dict[str, Any]) -> None:
        """Write one run's record atomically; saving the same record twice is harmless."""
        clean = {k: record.get(k) for k in RECORD_FIELDS}
        clean["metrics"] = _no_nan(clean["metrics"])
        write_text_atomic(self.path(record["key"]), json.dumps(clean, sort_keys=True) + "\n")

    def pending(self, specs: Sequence[RunSpec], retry_errors: bool = False) -> list[RunSpec]:
        """Specs whose run is not stored yet, one per key, in spec order."""
        seen: set[str] = set()
        todo = []
        for spec in specs:
            if spec.key in seen:
                continue
            seen.add(spec.key)
            record = self.load(spec)
            if record is None or (retry_errors and record.get("error")):
                todo.append(spec)
        return todo


def record_problem(record: Any, spec: RunSpec) -> str | None:
    """Why a stored record is not the run ``spec`` asks for, or None if it is."""
    if not isinstance(record, dict) or not set(RECORD_FIELDS) <= set(record):
        return "is not a whole run record"
    for name, expected in (("key", spec.key), ("seed", spec.seed)):
        if record[name] != expected:
            return f"holds {name} {record[name]!r}, not {expected!r} (copied from another run?)"
    if record["code_version"] != code_version():
        return f"is from code version {record['code_version']}, not {code_version()}"
    # A villages table counts by its content: the same rows read from another path match.
    if _canonical(keyed_config(record["config"])) != _canonical(keyed_config(spec.config)):
        return "holds another config than its key's (copied from another run?)"
    if record["error"] is None and not isinstance(record["metrics"], dict):
        return "has neither metrics nor an error"
    return None


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, default=str)


def _no_nan(metrics: dict | None) -> dict | None:
    # JSON has no NaN; None already means "not defined" (e.g. no disputes resolved).
    if metrics is None:
        return None
    return {k: None if isinstance(v, float) and math.isnan(v) else v for k, v in metrics.items()}


def lever_columns(specs: Sequence[RunSpec]) -> list[str]:
    """Dotted config keys (below ``policy``) whose values differ between arms."""
    first: dict[str, dict] = {}
    for spec in specs:
        first.setdefault(spec.arm, spec.config)
    flat = [_flatten(cfg.get("policy", {}), "policy") for cfg in first.values()]
    keys = sorted(set().union(*flat)) if flat else []
    return [
        k for k in keys if not k.endswith(".name") and len({json.dumps(f.get(k)) for f in flat}) > 1
    ]


def _flatten(tree: dict, prefix: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in tree.items():
        path = f"{prefix}.{key}"
        if isinstance(value, dict):
            out.update(_flatten(value, path))
        else:
            out[path] = value
    return out


def build_tables(
    specs: Sequence[RunSpec], store: RunStore, arm_order: Sequence[str]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One row per (arm, member, replication) with levers, seed, error and every metric;
    and the daily series (one row per arm, member, replication and day). The ``member``
    column exists only for an ensemble experiment. Runs not yet done are left out."""
    levers = lever_columns(specs)
    rows, series = [], []
    order = {name: i for i, name in enumerate(arm_order)}
    ensemble = any(s.member is not None for s in specs)
    for spec in sorted(specs, key=lambda s: (order[s.arm], s.member or 0, s.replication)):
        record = store.load(spec)
        if record is None:
            continue
        flat = _flatten(spec.config.get("policy", {}), "policy")
        metrics = record.get("metrics") or {}
        row = {
            "arm": spec.arm,
            "arm_index": order[spec.arm],
            **({"member": spec.member} if ensemble else {}),
            "replication": spec.replication,
            "seed": spec.seed,
            "key": spec.key,
            "error": record.get("error"),
            **{lever: flat.get(lever) for lever in levers},
            **metrics,
            **(table_metrics(metrics) if metrics else {}),
        }
        rows.append(row)
        if record.get("series"):
            frame = pd.DataFrame(record["series"])
            frame.insert(0, "replication", spec.replication)
            if ensemble:
                frame.insert(0, "member", spec.member)
            frame.insert(0, "arm", spec.arm)
            series.append(frame)
    table = pd.DataFrame(rows)
    if not table.empty:
        table = table.reset_index(drop=True)
    daily = pd.concat(series, ignore_index=True) if series else pd.DataFrame()
    return table, daily


def write_parquet_atomic(frame: pd.DataFrame, path: Path) -> None:
    """Replace ``path`` with ``frame`` as Parquet in one rename (readers never see half)."""
    write_atomic(path, lambda tmp: frame.to_parquet(tmp, index=False))
