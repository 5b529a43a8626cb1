"""Property-based fuzzing of every command's input (hypothesis).

Overrides are generated for every numeric, boolean and choice key of the schema (found
by walking it, so a new key is fuzzed without touching this file): in range, at the
edges, out of range, of the wrong type, NaN and infinities, and huge. Each case runs
``govsim run`` in-process on a tiny village and must end in exactly one of two ways:
exit status 2 with one ``govsim: error:`` line and nothing written, or exit status 0
with a complete, valid run folder. Anything else (a traceback, another status, a
half-written folder, a non-finite number in the metrics) fails the test.

Experiment files given by ``--file`` are fuzzed the same way, with a smaller budget.
The examples are derandomized (the same every time), so the default suite stays fast
and repeatable; ``-m slow`` runs a larger budget.
"""

from __future__ import annotations

import contextlib
import io
import json
import math
import os
import tempfile
import typing
from pathlib import Path

import pandas as pd
import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import sim.estimate
from sim.cli import main
from sim.config import compose_config, params_from_dict
from sim.config.docs import schema_fields
from sim.config.walk import get_value

BASE = ["scenario=village", "scenario.n_villages=2", "days=5"]
RUN_FILES = {"config.yaml", "metrics.json", "series.parquet", "disputes.parquet", "run.log"}
# The fuzz pretends the machine has this much memory, so that a generated size that would
# fit the real machine but take minutes is refused (cleanly) instead of run.
FUZZ_MEMORY = 0.4e9
DEFAULT_BUDGET, SLOW_BUDGET = 30, 600
FILE_BUDGET, SLOW_FILE_BUDGET = 10, 80


def _kind(hint: typing.Any) -> tuple[type, bool]:
    args = [a for a in typing.get_args(hint) if a is not type(None)]
    return (args[0] if args else hint), bool(args) and type(None) in typing.get_args(hint)


BASE_CFG = compose_config(BASE)
KEYS = {
    key: meta
    for key, meta in schema_fields().items()
    if _kind(meta["type"])[0] in (int, float, bool) or meta.get("choices")
}

WRONG_TYPE = ["abc", "true", "'12'", "[1,2]", "{a: 1}", "''", "null", "1:2", "x y"]
NON_FINITE = ["nan", "inf", "-inf", "NaN", "1e400", "-1e400"]
HUGE = ["1000000000", "1e300", "-1e300", "1" + "0" * 30, "-" + "9" * 25, "1e18"]


def _number(kind: type, value: float) -> str:
    return str(int(value)) if kind is int else repr(float(value))


@st.composite
def value_for(draw, key: str) -> str:
    """Override text for ``key``: valid, edge, out of range, wrong type, non-finite, huge."""
    meta = KEYS[key]
    kind, optional = _kind(meta["type"])
    extra = ["null"] if optional else []
    if kind is bool:
        return draw(st.sampled_from(["true", "false", "1", "yes", "maybe", *extra]))
    if meta.get("choices"):
        choices = list(meta["choices"])
        return draw(st.sampled_from([*choices, choices[0].upper(), "other", "1", *extra]))
    lo, hi = meta.get("lo"), meta.get("hi")
    default = get_value(BASE_CFG, key)
    top = hi if hi is not None else max(3 * abs(default or 1), (lo or 0) + 10)
    bottom = lo if lo is not None else -top
    top = min(top, bottom + 1e6)  # keep generated in-range sizes small
    if kind is int:
        inside = st.integers(math.ceil(bottom), math.floor(top)).map(str)
    else:
        inside = st.floats(bottom, top, allow_nan=False).map(repr)
    edges = [_number(kind, v) for v in (lo, hi) if v is not None]
    outside = [_number(kind, lo - (1 if kind is int else 1e-3))] if lo is not None else []
    outside += [_number(kind, hi + (1 if kind is int else 1e-3))] if hi is not None else []
    if kind is int:
        outside.append(f"{bottom + 0.5}")  # not a whole number
    return draw(
        st.one_of(
            inside,
            st.sampled_from(edges or ["0"]),
            st.sampled_from(outside or ["-1"]),
            st.sampled_from([*WRONG_TYPE, *extra]),
            st.sampled_from(NON_FINITE),
            st.sampled_from(HUGE),
        )
    )


@st.composite
def override_sets(draw) -> list[str]:
    keys = draw(st.lists(st.sampled_from(sorted(KEYS)), min_size=1, max_size=2, unique=True))
    return [f"{key}={draw(value_for(key))}" for key in keys]


def run_govsim(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return code, out.getvalue(), err.getvalue()


def check_refusal(code: int, err: str, root: Path) -> None:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("govsim: error: "), err
    assert not any(root.rglob("*")), sorted(map(str, root.rglob("*")))


def _strict_json(text: str) -> dict:
    def refuse(constant: str) -> float:
        raise AssertionError(f"metrics.json holds {constant}")

    return json.loads(text, parse_constant=refuse)


def _numbers(tree: typing.Any) -> list[float]:
    if isinstance(tree, dict):
        return [x for v in tree.values() for x in _numbers(v)]
    return [float(tree)] if isinstance(tree, int | float) and not isinstance(tree, bool) else []


def check_run_folder(out: str, results: Path) -> None:
    folder = Path(out.strip().splitlines()[-1])
    assert folder.parent == results / "runs" and folder.is_dir(), out
    assert not [p for p in folder.parent.iterdir() if p.name.startswith(".")]  # no staging
    assert {p.name for p in folder.iterdir()} >= RUN_FILES
    cfg = yaml.safe_load((folder / "config.yaml").read_text(encoding="utf-8"))
    assert all(math.isfinite(v) for v in _numbers(cfg)), cfg  # a run never takes inf or nan
    params = params_from_dict(cfg)  # what was written is itself a valid config
    metrics = _strict_json((folder / "metrics.json").read_text(encoding="utf-8"))
    for name, value in metrics.items():
        assert value is None or isinstance(value, int | float), (name, value)
    assert len(pd.read_parquet(folder / "series.parquet")) == params.days
    assert len(pd.read_parquet(folder / "disputes.parquet")) == metrics["disputes_total"]


def fuzz_run(overrides: list[str]) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        results = Path(tmp) / "results"
        code, out, err = run_govsim(
            ["run", "--results", str(results), "--no-progress", *BASE, *overrides]
        )
        assert "Traceback" not in err, err
        if os.environ.get("GOVSIM_FUZZ_LOG"):  # one line per case, to see what was tried
            with open(os.environ["GOVSIM_FUZZ_LOG"], "a", encoding="utf-8") as log:
                log.write(f"{code}\t{' '.join(overrides)}\t{err.strip()}\n")
        if code == 2:
            check_refusal(code, err, Path(tmp))
            return "refused"
        assert code == 0, (code, err)
        check_run_folder(out, results)
        return "ran"


TALLY: dict[str, int] = {}


def _fuzz_overrides(overrides: list[str]) -> None:
    outcome = fuzz_run(overrides)
    TALLY[outcome] = TALLY.get(outcome, 0) + 1


FUZZ = settings(
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@pytest.fixture(autouse=True)
def small_machine(monkeypatch):
    monkeypatch.setattr(sim.estimate, "available_memory", lambda: FUZZ_MEMORY)


# Cases that once ended in a traceback, a hang or a silently wrong run, always tried
# first, so that the property fails at once if one of their protections goes.
PROBES = [
    ["costs.cadre_visit_day=inf"],
    ["scenario.tension_sd=inf"],
    ["scenario.kin_ties_per_resident=inf"],  # keys with no upper bound: only finiteness
    ["behaviour.disputes.land.intensification=inf"],
    ["scenario.household_size=1.0"],
    ["behaviour.attitudes.trust_mean=0.0"],
    ["behaviour.disputes.neighbour.severity_mean=1.0"],
    ["scenario.residents_per_village=1000000000"],
    ["policy.staffing.mediators_per_village=1000000000"],
    ["scenario.lineages_per_village=1000000000"],
    ["behaviour.mediation.skill_effect=1e9"],
    ["scenario.name=x/../../evil"],
    ["scenario=../../evil"],
]


def with_probes(test):
    for probe in PROBES:
        test = example(probe)(test)
    return test


@with_probes
@settings(FUZZ, max_examples=DEFAULT_BUDGET)
@given(override_sets())
def test_fuzzed_overrides_either_run_completely_or_are_refused_in_one_line(overrides):
    _fuzz_overrides(overrides)


@pytest.mark.slow
@settings(FUZZ, max_examples=SLOW_BUDGET)
@given(override_sets())
def test_fuzzed_overrides_large_budget(overrides):
    _fuzz_overrides(overrides)


def test_the_fuzz_reaches_every_key_and_both_outcomes():
    """The generator covers the schema, and a budget's worth of cases meets both ends."""
    assert len(KEYS) > 100
    kinds = {_kind(m["type"])[0] for m in KEYS.values()}
    assert {int, float, bool, str} <= kinds
    assert fuzz_run(["behaviour.attitudes.trust_mean=0.5"]) == "ran"
    assert fuzz_run(["scenario.tension_sd=inf"]) == "refused"


# --- experiment files given by --file ------------------------------------------------

ARM_OVERRIDES = [
    "policy/escalation=fast_track",
    "policy/escalation=fast_track",
    "policy/visits=monthly",
    "policy/visits=monthly",
    "policy.staffing.mediators_per_village=2",
    "policy/visits=nope",
    "policy.visits=weekly",
    "seed=3",
    "scenario.name=../x",
    "days=inf",
    "policy.staffing.mediators_per_village=-1",
]
ARM_NAMES = ["base", "base", "b", "fast", "", "a b", "../up"]


@st.composite
def experiment_files(draw) -> dict:
    arms = draw(
        st.lists(
            st.fixed_dictionaries(
                {
                    "name": st.sampled_from(ARM_NAMES),
                    "overrides": st.lists(st.sampled_from(ARM_OVERRIDES), max_size=2),
                }
            ),
            min_size=1,
            max_size=3,
        )
    )
    # Mostly valid values (repeated, so that they are drawn more often), some not.
    raw = {
        "question": draw(st.sampled_from(["Does it help?"] * 4 + [7, None])),
        "scenario": draw(st.sampled_from(["village"] * 4 + ["county", "../x", 3])),
        "days": draw(st.sampled_from([3] * 5 + [0, -1, "abc", 2.5, None])),
        "baseline": draw(st.sampled_from(["base"] * 5 + ["missing", None])),
        "replications": draw(st.sampled_from([1] * 5 + [0, -3, "two", True])),
        "seed_base": draw(st.sampled_from([0] * 4 + [5, -1, "x"])),
        "primary_metric": draw(st.sampled_from(["escalation_rate"] * 5 + ["happiness", ["x"]])),
        "arms": draw(st.sampled_from([arms] * 6 + ["none", 5])),
    }
    return {k: v for k, v in raw.items() if v is not None}


def fuzz_experiment(raw: dict) -> str:
    from sim.experiments.cli import main as experiment

    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "input" / "fuzzed.yaml"
        source.parent.mkdir()
        source.write_text(yaml.safe_dump(raw), encoding="utf-8")
        results = Path(tmp) / "results"
        argv = ["--file", str(source), "--results", str(results), "--no-progress"]
        argv += ["--workers", "1", "scenario.n_villages=2"]
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = experiment(argv)
        text = err.getvalue()
        if os.environ.get("GOVSIM_FUZZ_LOG"):
            with open(os.environ["GOVSIM_FUZZ_LOG"], "a", encoding="utf-8") as log:
                log.write(f"{code}\t{json.dumps(raw)}\t{text.strip()}\n")
        assert "Traceback" not in text, text
        assert sorted(p.name for p in source.parent.iterdir()) == ["fuzzed.yaml"]  # only read
        if code == 2:
            check_refusal(code, text, results)
            return "refused"
        assert code == 0, (code, text)
        folder = results / "experiments" / "fuzzed"
        assert (folder / "report.md").is_file() and (folder / "report.html").is_file()
        table = pd.read_parquet(folder / "table.parquet")
        assert table["error"].isna().all(), table["error"].dropna().tolist()
        return "ran"


@settings(FUZZ, max_examples=FILE_BUDGET)
@given(experiment_files())
def test_fuzzed_experiment_files_either_run_or_are_refused_in_one_line(raw):
    fuzz_experiment(raw)


@pytest.mark.slow
@settings(FUZZ, max_examples=SLOW_FILE_BUDGET)
@given(experiment_files())
def test_fuzzed_experiment_files_large_budget(raw):
    fuzz_experiment(raw)
