"""A planner's county from a villages table: ``govsim run scenario=from_table
scenario.villages=PATH``. The happy path on the shipped example and on a file written
here; every malformed file ends in one line, exit 2, and nothing written."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import yaml

from sim.cli import main
from sim.config import config_dir, load_params
from sim.experiments.design import RunSpec, run_key
from sim.experiments.store import record_problem
from sim.experiments.version import code_version
from sim.output.run_folder import config_hash
from sim.run import build_model
from tests.conftest import one_error_line

EXAMPLE = config_dir() / "villages" / "example_county.csv"
HEADER = "village,township,residents,households,type,mediators\n"
GOOD = HEADER + "Dong,East,400,120,requisition,4\nXi,West,300,100,hollow,\nNan,East,250,80,clan,\n"


def _write(tmp_path: Path, text: str, name: str = "villages.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _run(path, results: Path, *extra: str) -> int:
    return main(
        ["run", "scenario=from_table", f"scenario.villages={path}", "days=5", "--no-progress",
         "--results", str(results), *extra]
    )  # fmt: skip


def test_shipped_example_builds_and_runs(tmp_path, capsys):
    assert _run(EXAMPLE, tmp_path / "results") == 0
    folder = Path(capsys.readouterr().out.strip().splitlines()[-1])
    cfg = yaml.safe_load((folder / "config.yaml").read_text(encoding="utf-8"))
    assert len(cfg["scenario"]["table"]) == 12 and cfg["scenario"]["n_townships"] == 3
    assert {r["type"] for r in cfg["scenario"]["table"]} == {
        "ordinary", "requisition", "hollow", "clan", "peri_urban"
    }  # fmt: skip


def test_a_written_table_sets_villages_townships_sizes_types_and_staff(tmp_path):
    path = _write(tmp_path, GOOD)
    _, p = load_params(["scenario=from_table", f"scenario.villages={path}"])
    model = build_model(p)
    world = model.world
    # Rows come township by township, in the order townships first appear.
    assert world.village_names == ("Dong", "Nan", "Xi")
    assert world.village_township.tolist() == [0, 0, 1] and world.n_townships == 2
    assert world.village_households.tolist() == [120, 80, 100]
    # Everyone registered lives at home in an ordinary-like village; hollow keeps 60%.
    assert world.village_residents.tolist() == [400, 250, round(300 * 0.6)]
    assert world.village_type.tolist() == [1, 3, 2]
    staff = [sum(m.villages == (v,) for m in model.mediators) for v in range(3)]
    assert staff == [4, 2, 2]  # the table's 4; the preset's 2 where the cell is empty


def test_store_keys_hash_the_content_not_the_path(tmp_path):
    a = _write(tmp_path, GOOD, "a.csv")
    b = _write(tmp_path / "..", GOOD, f"{tmp_path.name}-b.csv")
    changed = _write(tmp_path, GOOD.replace("400,120", "410,120"), "c.csv")
    cfgs = [
        load_params(["scenario=from_table", f"scenario.villages={p}"])[0] for p in (a, b, changed)
    ]
    assert run_key(cfgs[0], "v") == run_key(cfgs[1], "v") != run_key(cfgs[2], "v")
    assert config_hash(cfgs[0]) == config_hash(cfgs[1]) != config_hash(cfgs[2])


def test_a_stored_run_of_the_same_table_elsewhere_is_reused(tmp_path):
    copies = [_write(tmp_path, GOOD, "a.csv"), _write(tmp_path, GOOD, "b.csv")]
    changed = _write(tmp_path, GOOD.replace("250,80", "251,80"), "c.csv")
    a, b, c = (
        load_params(["scenario=from_table", f"scenario.villages={p}"])[0]
        for p in (*copies, changed)
    )
    spec = RunSpec("arm", 0, a["seed"], run_key(a, code_version()), a)

    def record(cfg):
        return {"key": spec.key, "seed": spec.seed, "code_version": code_version(),
                "config": cfg, "metrics": {}, "series": None, "error": None}  # fmt: skip

    assert record_problem(record(b), spec) is None  # same rows, another path
    assert "another config" in record_problem(record(c), spec)


def test_named_village_of_a_table_takes_its_own_lever(tmp_path):
    path = _write(tmp_path, GOOD)
    _, p = load_params(
        ["scenario=from_table", f"scenario.villages={path}",
         "policy.staffing.by_village.Xi.mediators_per_village=6"]
    )  # fmt: skip
    model = build_model(p)
    assert [s.mediators_per_village for s in model.local.staffing] == [4, 2, 6]


def test_lever_columns_set_a_villages_levers_whatever_its_name(tmp_path):
    text = (
        "village,township,residents,households,type,mediator_type,households_visited_per_day,"
        "cadre_visit_interval_days\n"
        "东山,桥头,400,120,requisition,full_time,8,null\n"
        "西山,桥头,300,100,ordinary,,,\n"
    )
    path = _write(tmp_path, text)
    _, p = load_params(["scenario=from_table", f"scenario.villages={path}"])
    model = build_model(p)
    assert model.world.village_names == ("东山", "西山")
    staffing, visits = model.local.staffing, model.local.visits
    assert [s.mediator_type for s in staffing] == ["full_time", "volunteer"]
    assert [v.households_visited_per_day for v in visits] == [8.0, 4.0]
    assert [v.cadre_visit_interval_days for v in visits] == [None, 7]  # null: no visits
    # A policy by type still wins over the table (the table is the county as it is).
    _, p = load_params(
        ["scenario=from_table", f"scenario.villages={path}",
         "policy.visits.by_type.requisition.households_visited_per_day=2"]
    )  # fmt: skip
    assert build_model(p).local.visits[0].households_visited_per_day == 2.0


MALFORMED = [
    ("missing column", "village,township,residents,households\nA,T,100,30\n",
     "missing column 'type'"),
    ("negative count", HEADER + "A,T,-100,30,ordinary,\n",
     "line 2: residents=-100: a negative count"),
    ("unknown type", HEADER + "A,T,100,30,farm,\n", "type='farm': unknown village type; allowed:"),
    ("no township", HEADER + "A,,100,30,clan,\n", "village 'A' is in no township"),
    ("fewer residents than households", HEADER + "A,T,10,30,clan,\n", "residents=10 is fewer"),
    ("not a number", HEADER + "A,T,many,30,clan,\n", "residents='many': must be a whole number"),
    ("twice", HEADER + "A,T,100,30,clan,\nA,U,90,30,clan,\n", "village 'A' is listed twice"),
    ("short row", HEADER + "A,T,100\n", "3 fields, expected 6"),
    ("unknown column", "village,township,residents,households,type,mayor\nA,T,1,1,clan,x\n",
     "unknown column 'mayor'"),
    ("no villages", HEADER, "no villages below the header line"),
    ("empty file", "", "empty; expected a header line"),
    ("negative staff", HEADER + "A,T,100,30,clan,-2\n", "mediators=-2: a negative count"),
    ("bad lever value", "village,township,residents,households,type,other_duties_share\n"
     "A,T,100,30,clan,1.5\n", "line 2: other_duties_share=1.5: must be in [0, 1]"),
    ("county-wide lever", "village,township,residents,households,type,township_skill\n"
     "A,T,100,30,clan,1\n", "unknown column 'township_skill'"),
]  # fmt: skip


@pytest.mark.parametrize(("case", "text", "expected"), MALFORMED, ids=[m[0] for m in MALFORMED])
def test_malformed_table_gives_one_line_exit_2_and_writes_nothing(
    tmp_path, capsys, case, text, expected
):
    path = _write(tmp_path, text)
    results = tmp_path / "results"
    assert _run(path, results) == 2
    line = one_error_line(capsys)
    assert expected in line and "scenario.villages=" in line, line
    assert not results.exists()


@pytest.mark.parametrize("what", ["missing file", "a folder", "not text"])
def test_unreadable_table_gives_one_line_exit_2_and_writes_nothing(tmp_path, capsys, what):
    path = {"missing file": tmp_path / "nope.csv", "a folder": tmp_path}.get(what)
    if path is None:
        path = tmp_path / "binary.csv"
        path.write_bytes(b"\xff\xfe\x00\x81 not utf-8")
    results = tmp_path / "results"
    assert _run(path, results) == 2
    assert "cannot be read" in one_error_line(capsys)
    assert not results.exists()


def test_from_table_without_a_table_says_what_to_give(tmp_path, capsys):
    results = tmp_path / "results"
    code = main(["run", "scenario=from_table", "--no-progress", "--results", str(results)])
    assert code == 2
    assert "scenario.villages: missing" in one_error_line(capsys)
    assert not results.exists()


def test_table_is_only_read(tmp_path):
    path = _write(tmp_path, GOOD)
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    load_params(["scenario=from_table", f"scenario.villages={path}"])
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before
    assert np.array_equal(sorted(p.name for p in tmp_path.iterdir()), ["villages.csv"])
