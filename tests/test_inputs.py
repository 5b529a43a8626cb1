"""Names never escape their folder; every accepted value runs and every other is refused.

Each refusal is one ``govsim: error:`` line, exit status 2, and nothing written anywhere:
the tests snapshot the whole temporary tree (the results folder and the folders above
it) before and after.
"""

from __future__ import annotations

import dataclasses
import math
import typing
from pathlib import Path

import pytest
import yaml

from sim.cli import main
from sim.config import ConfigError, compose_config, params_from_dict
from sim.config.docs import schema_fields
from sim.run import run_simulation
from tests.conftest import one_error_line

TINY = ["scenario.n_villages=2", "days=5"]


def tree(root: Path) -> set[Path]:
    return set(root.rglob("*"))


def refused(capsys, argv: list[str], root: Path) -> str:
    """Run ``govsim argv``; it must refuse in one line and write nothing under ``root``."""
    before = tree(root)
    assert main(argv) == 2
    line = one_error_line(capsys)
    assert tree(root) == before, sorted(map(str, tree(root) - before))
    return line


@pytest.fixture
def deep(tmp_path) -> Path:
    """A results folder four levels down, so that ``../../../..`` stays inside tmp_path."""
    base = tmp_path / "a" / "b" / "c" / "d"
    base.mkdir(parents=True)
    return base


# --- names never escape their folder -------------------------------------------------


@pytest.mark.parametrize(
    "override",
    [
        "scenario.name=x/../../../../evil",
        "scenario.name=../evil",
        "scenario.name=.",
        "scenario.name=" + "x" * 65,
        "scenario=../../../../evil",
        "policy/visits=../staffing/fengqiao",
    ],
)
def test_a_name_that_would_leave_its_folder_is_refused(capsys, deep, tmp_path, override):
    (tmp_path / "evil.yaml").write_text("name: evil\n")  # a file a traversal could reach
    line = refused(capsys, ["run", "--results", str(deep / "results"), *TINY, override], tmp_path)
    assert "1-64 letters, digits" in line


def test_an_experiment_name_is_never_a_path(capsys, deep, tmp_path):
    # A valid experiment outside configs/: a traversal name must not load it or write beside it.
    outside = tmp_path / "some" / "dir"
    outside.mkdir(parents=True)
    text = (Path(__file__).parents[1] / "configs/experiment/escalation_rules.yaml").read_text()
    (outside / "name.yaml").write_text(text)
    rel = "../../../../some/dir/name"
    argv = ["experiment", rel, "--results", str(deep / "results"), "--no-progress"]
    assert "1-64 letters" in refused(capsys, argv, tmp_path)


def test_a_sensitivity_name_is_never_a_path(capsys, tmp_path):
    from sim.sensitivity.cli import main as sensitivity

    before = tree(tmp_path)
    argv = ["--name", "../../evil", "--results", str(tmp_path / "r" / "s"), "--workers", "1"]
    assert sensitivity(argv) == 2
    assert "--name=../../evil" in one_error_line(capsys)
    assert tree(tmp_path) == before


def test_results_that_is_a_file_is_refused_before_the_simulation(capsys, tmp_path, monkeypatch):
    import sim.run

    def never(*_args, **_kwargs):
        raise AssertionError("the simulation ran")

    monkeypatch.setattr(sim.run, "run_simulation", never)
    (tmp_path / "file").write_text("not a folder")
    for results in (tmp_path / "file", tmp_path / "file" / "below"):
        line = refused(capsys, ["run", "--results", str(results), *TINY], tmp_path)
        assert "is a file, not a folder" in line


def test_an_output_path_outside_results_is_refused():
    from sim.inputs import inside

    with pytest.raises(ConfigError, match="would leave"):
        inside(Path("results"), Path("results/../elsewhere"))
    assert inside(Path("results"), Path("results/runs/x")) == Path("results/runs/x").resolve()


TINY_EXPERIMENT = {
    "question": "Does fast-track help?",
    "scenario": "village",
    "days": 5,
    "baseline": "ladder",
    "replications": 1,
    "seed_base": 0,
    "primary_metric": "escalation_rate",
    "arms": [
        {"name": "ladder", "overrides": []},
        {"name": "fast", "overrides": ["policy/escalation=fast_track"]},
    ],
}


def test_an_experiment_file_from_anywhere_is_read_and_its_outputs_go_under_results(tmp_path):
    from sim.experiments.cli import main as experiment

    source = tmp_path / "elsewhere" / "tiny_exp.yaml"
    source.parent.mkdir()
    source.write_text(yaml.safe_dump(TINY_EXPERIMENT))
    results = tmp_path / "results"
    argv = ["--file", str(source), "scenario.n_villages=2", "--results", str(results)]
    assert experiment([*argv, "--no-progress", "--workers", "1"]) == 0
    assert (results / "experiments" / "tiny_exp" / "report.md").is_file()
    assert sorted(p.name for p in source.parent.iterdir()) == ["tiny_exp.yaml"]  # only read


@pytest.mark.parametrize(
    ("argv", "named"),
    [
        (["--file", "{tmp}/no such.yaml"], "no such file"),
        (["--file", "{tmp}/bad name.yaml"], "must be 1-64"),
        (["escalation_rules", "--seed-base", "-1"], "--seed-base=-1"),
        (["--file", "{tmp}/negative.yaml"], "seed_base=-3"),
    ],
)
def test_experiment_inputs_are_refused_in_one_line(capsys, tmp_path, argv, named):
    from sim.experiments.cli import main as experiment

    (tmp_path / "bad name.yaml").write_text(yaml.safe_dump(TINY_EXPERIMENT))
    (tmp_path / "negative.yaml").write_text(yaml.safe_dump({**TINY_EXPERIMENT, "seed_base": -3}))
    before = tree(tmp_path)
    argv = [a.format(tmp=tmp_path) for a in argv]
    assert experiment([*argv, "--results", str(tmp_path / "r"), "--no-progress"]) == 2
    assert named in one_error_line(capsys)
    assert tree(tmp_path) == before


@pytest.mark.parametrize("command", ["sensitivity", "calibrate"])
def test_a_negative_seed_is_refused_up_front(capsys, tmp_path, command):
    import importlib

    module = importlib.import_module(
        {"sensitivity": "sim.sensitivity.cli", "calibrate": "sim.calibration.cli"}[command]
    )
    extra = ["--results", str(tmp_path / "r")] if command == "sensitivity" else []
    extra += ["--study", str(tmp_path / "s.journal")] if command == "calibrate" else []
    assert module.main(["--seed", "-1", "--workers", "1", *extra]) == 2
    assert "--seed=-1" in one_error_line(capsys)
    assert not any(tmp_path.iterdir())


# --- every accepted value runs; every other is refused -------------------------------


@pytest.fixture(scope="module")
def base_cfg() -> dict:
    return compose_config(TINY)


def _set(cfg: dict, key: str, value) -> dict:
    import copy

    out = copy.deepcopy(cfg)
    node = out
    *parents, last = key.split(".")
    for part in parents:
        node = node[part]
    node[last] = value
    return out


def _base_type(hint):
    args = [a for a in typing.get_args(hint) if a is not type(None)]
    return args[0] if args else hint


FLOAT_KEYS = [k for k, m in schema_fields().items() if _base_type(m["type"]) is float]


@pytest.mark.parametrize("value", [math.inf, -math.inf, math.nan])
def test_non_finite_numbers_are_refused_for_every_float_key(base_cfg, value):
    assert len(FLOAT_KEYS) > 50
    for key in FLOAT_KEYS:
        with pytest.raises(ConfigError) as err:
            params_from_dict(_set(base_cfg, key, value))
        text = str(err.value)
        assert text.startswith(f"{key}={value!r}: must be a finite number"), text
        assert "\n" not in text


@pytest.mark.parametrize(
    "override", ["scenario.tension_sd=inf", "costs.cadre_visit_day=inf", "days=5e400"]
)
def test_non_finite_overrides_are_refused_on_the_command_line(capsys, tmp_path, override):
    line = refused(capsys, ["run", "--results", str(tmp_path / "r"), *TINY, override], tmp_path)
    assert override.split("=")[0] in line


def _edges(key: str, meta: dict) -> list:
    kind = _base_type(meta["type"])
    return [kind(v) for v in (meta.get("lo"), meta.get("hi")) if v is not None]


# Values at the edges of the schema that once crashed mid-run (or that the schema no
# longer allows), with enough disputes arising for the Beta draws to be exercised.
@pytest.mark.parametrize(
    "override",
    [
        "scenario.household_size=1.0",
        "behaviour.attitudes.trust_mean=0.001",
        "behaviour.attitudes.trust_mean=0.999",
        "behaviour.disputes.neighbour.severity_mean=0.001",
        "behaviour.disputes.neighbour.severity_mean=0.999",
    ],
)
def test_edge_values_the_schema_allows_run(override):
    busy = "behaviour.disputes.neighbour.onset_per_household_year=5"
    cfg = compose_config([*TINY, override, busy])
    result = run_simulation(params_from_dict(cfg))
    assert result.metrics["disputes_total"] > 0


@pytest.mark.parametrize(
    "override",
    ["behaviour.attitudes.trust_mean=0", "behaviour.disputes.land.severity_mean=1"],
)
def test_a_beta_mean_at_zero_or_one_is_refused(override):
    with pytest.raises(ConfigError, match=r"must be in \[0.001, 0.999\]"):
        params_from_dict(compose_config([*TINY, override]))


@pytest.mark.slow
def test_every_numeric_key_runs_at_its_minimum_and_maximum(base_cfg):
    """The sweep that found the crashes above: each numeric key at each of its bounds."""
    failures = []
    for key, meta in schema_fields().items():
        for value in _edges(key, meta):
            try:
                params = params_from_dict(_set(base_cfg, key, value))
            except ConfigError:
                continue  # refused with a line (e.g. a consistency rule): fine
            try:
                run_simulation(dataclasses.replace(params, days=5))
            except Exception as err:  # collect every failure
                failures.append(f"{key}={value}: {type(err).__name__}: {err}")
    assert not failures, failures


@pytest.mark.parametrize(
    ("override", "allowed"),
    [
        ("policy.staffing.mediators_per_village=1000000000", "in [0, 1000]"),
        ("policy.visits.cadres_per_township=1000000000", "in [0, 1000]"),
        ("policy.staffing.county_roving_mediators=1000000000", "in [0, 1000]"),
        ("scenario.lineages_per_village=1000000000", "at most the households in a village"),
        ("behaviour.mediation.skill_effect=1e9", "in [0, 50]"),
        ("behaviour.disputes.land.difficulty=-1e9", "in [-50, 50]"),
        ("costs.county_case=1e300", "in [0, 1e+12]"),
        ("scenario.tension_sd=1e9", "in [0, 3]"),
        ("policy.escalation.max_days_village=10000000000000000000000", "in [1, 100000]"),
    ],
)
def test_counts_and_effects_that_are_not_sizes_have_upper_bounds(override, allowed):
    """Each of these once hung, ran out of memory, overflowed or silently emptied the run."""
    with pytest.raises(ConfigError) as err:
        params_from_dict(compose_config([*TINY, override]))
    assert str(err.value).startswith(override.split("=")[0]) and allowed in str(err.value)
