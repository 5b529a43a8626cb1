"""A planner's own county from a table of villages (``scenario.villages=PATH``).

The table is a CSV file with a header line: ``village, township, residents,
households, type`` and optionally ``mediators`` (the village's existing mediators). It is
given by an explicit path, only read, and checked like a config before anything is
built: a missing column, a negative count, an unknown type, a village in no township,
a file that cannot be read each end in one ``ConfigError`` line naming the file, the
line and what is allowed. Its rows then go into the resolved config itself
(``scenario.table``), so that a run's config holds the county it ran on; run keys and
folder hashes are taken over that content, never over the path (``keyed_config``).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import yaml

from sim.config.names import did_you_mean
from sim.config.validate import ConfigError, coerce_lever
from sim.config.village_schema import VILLAGE_LEVERS, VILLAGE_TYPES

REQUIRED = ("village", "township", "residents", "households", "type")
# Optional: the village's existing mediators, and any lever that can differ by village
# (its value in that village; an empty cell leaves the county's).
LEVER_COLUMNS = {lever: section for section, levers in VILLAGE_LEVERS.items() for lever in levers}
OPTIONAL = ("mediators", *LEVER_COLUMNS)
MAX_COUNT = 10_000_000  # residents or households of one village; far beyond any village


def with_table(cfg: dict[str, Any]) -> dict[str, Any]:
    """``cfg`` with the table of ``scenario.villages`` read into ``scenario.table`` and the
    county's counts (villages, townships, mean residents) taken from it."""
    scenario = cfg["scenario"]
    path = scenario.get("villages")
    if path is None:
        if scenario.get("table") is not None:
            raise ConfigError(
                "scenario.table: filled in from a file; give scenario.villages=PATH instead"
            )
        return cfg
    if path == "":  # scenario=from_table without a table
        raise ConfigError(
            "scenario.villages: missing; scenario=from_table needs the villages table: "
            "scenario.villages=path/to/villages.csv"
        )
    if not isinstance(path, str) or not path.strip():
        raise ConfigError(f"scenario.villages={path!r}: must be the path of a CSV file")
    rows = read_table(path)
    scenario["table"] = rows
    scenario["n_villages"] = len(rows)
    scenario["n_townships"] = len({r["township"] for r in rows})
    mean = sum(r["residents"] for r in rows) / len(rows)
    scenario["residents_per_village"] = max(10, round(mean))  # size estimates read it
    return cfg


def keyed_config(cfg: dict[str, Any]) -> dict[str, Any]:
    """The config a run key or folder hash is taken over: the table's path left out (its
    rows are in the config), so the same county read from two places has one key."""
    scenario = cfg.get("scenario")
    if not isinstance(scenario, dict) or scenario.get("villages") is None:
        return cfg
    # Only the scenario's entry changes: copies of the two dicts on the way, not of the
    # table's rows (this runs for every run key and stored record).
    return {**cfg, "scenario": {**scenario, "villages": "<table>"}}


def read_table(path: str) -> list[dict[str, Any]]:
    """The checked rows of the table at ``path``, township by township (in the order
    townships first appear), each a dict of the columns (``mediators`` None if absent)."""
    where = f"scenario.villages={path}"
    try:
        text = Path(path).expanduser().read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        reason = err.strerror if isinstance(err, OSError) and err.strerror else type(err).__name__
        raise ConfigError(f"{where}: cannot be read ({reason})") from None
    try:
        lines = [(n, r) for n, r in enumerate(csv.reader(io.StringIO(text)), 1) if any(r)]
    except csv.Error as err:
        raise ConfigError(f"{where}: not a valid CSV file ({err})") from None
    if not lines:
        raise ConfigError(f"{where}: empty; expected a header line: {', '.join(REQUIRED)}")
    header = [c.strip().lower() for c in lines[0][1]]
    _check_header(where, header)
    rows = [_row(f"{where} line {n}", header, cells) for n, cells in lines[1:]]
    if not rows:
        raise ConfigError(f"{where}: no villages below the header line")
    _check_unique(path, rows, [n for n, _ in lines[1:]])
    order: dict[str, int] = {}
    for r in rows:
        order.setdefault(r["township"], len(order))
    return sorted(rows, key=lambda r: order[r["township"]])


def _check_header(where: str, header: list[str]) -> None:
    for column in REQUIRED:
        if column not in header:
            raise ConfigError(
                f"{where}: missing column {column!r}; needed: {', '.join(REQUIRED)} "
                "(optional: mediators and the per-village levers)"
            )
    for column in header:
        if column not in REQUIRED + OPTIONAL:
            hint = did_you_mean(column, REQUIRED + OPTIONAL, cutoff=0.6)
            raise ConfigError(
                f"{where}: unknown column {column!r}; allowed: "
                f"{', '.join(REQUIRED + OPTIONAL)}{hint}"
            )
        if header.count(column) > 1:
            raise ConfigError(f"{where}: column {column!r} appears twice")


def _row(where: str, header: list[str], cells: list[str]) -> dict[str, Any]:
    if len(cells) != len(header):
        raise ConfigError(
            f"{where}: {len(cells)} fields, expected {len(header)} ({', '.join(header)})"
        )
    raw = {c: v.strip() for c, v in zip(header, cells, strict=True)}
    if not raw["village"]:
        raise ConfigError(f"{where}: village is empty; every village needs a name")
    if not raw["township"]:
        raise ConfigError(
            f"{where}: village {raw['village']!r} is in no township (township is empty)"
        )
    kind = raw["type"].lower()
    if kind not in VILLAGE_TYPES:
        hint = did_you_mean(kind, VILLAGE_TYPES, cutoff=0.6)
        raise ConfigError(
            f"{where}: type={raw['type']!r}: unknown village type; allowed: "
            f"{', '.join(VILLAGE_TYPES)}{hint}"
        )
    row: dict[str, Any] = {"village": raw["village"], "township": raw["township"], "type": kind}
    row["residents"] = _count(where, "residents", raw["residents"], lo=1)
    row["households"] = _count(where, "households", raw["households"], lo=1)
    if row["residents"] < row["households"]:
        raise ConfigError(
            f"{where}: residents={row['residents']} is fewer than households={row['households']}; "
            "every household has at least one resident"
        )
    staff = raw.get("mediators", "")
    row["mediators"] = _count(where, "mediators", staff, lo=0, hi=1000) if staff else None
    row["staffing"], row["visits"] = {}, {}
    for column, section in LEVER_COLUMNS.items():
        if raw.get(column, ""):
            value = _cell(where, column, raw[column])
            row[section.split(".")[-1]][column] = coerce_lever(
                section, column, value, f"{where}: {column}"
            )
    return row


def _cell(where: str, column: str, text: str) -> Any:
    """A lever cell as a value: a number, text, true/false or null."""
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError:
        raise ConfigError(f"{where}: {column}={text!r}: not a value") from None


def _count(where: str, column: str, text: str, lo: int, hi: int = MAX_COUNT) -> int:
    try:
        value = int(text)
    except ValueError:
        raise ConfigError(
            f"{where}: {column}={text!r}: must be a whole number in [{lo}, {hi}]"
        ) from None
    if value < 0:
        raise ConfigError(f"{where}: {column}={value}: a negative count; must be in [{lo}, {hi}]")
    if not lo <= value <= hi:
        raise ConfigError(f"{where}: {column}={value}: must be a whole number in [{lo}, {hi}]")
    return value


def _check_unique(path: str, rows: list[dict[str, Any]], numbers: list[int]) -> None:
    seen: dict[str, int] = {}
    for row, n in zip(rows, numbers, strict=True):
        if row["village"] in seen:
            raise ConfigError(
                f"scenario.villages={path} line {n}: village {row['village']!r} is listed twice "
                f"(also line {seen[row['village']]}); names must be unique"
            )
        seen[row["village"]] = n
