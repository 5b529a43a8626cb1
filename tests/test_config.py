"""Every preset composes, validates and runs; bad input gets one clear line."""

from __future__ import annotations

import dataclasses
import re
import typing

import pytest

from sim.config import ConfigError, config_dir, load_params, presets
from sim.config.schema import Params
from sim.disputes import Status
from sim.run import build_model

GROUPS = ("scenario", "policy/visits", "policy/staffing", "policy/escalation", "behaviour", "costs")


def test_each_policy_group_has_at_least_three_presets():
    for group in ("policy/visits", "policy/staffing", "policy/escalation"):
        assert len(presets(group)) >= 3, group
    assert {"village", "county"} <= set(presets("scenario"))


@pytest.mark.parametrize(
    "override",
    [f"{g}={p}" for g in GROUPS for p in presets(g) if g != "scenario"] + ["scenario=village"],
)
def test_every_preset_composes_validates_and_runs(override):
    cfg, p = load_params([override, "scenario.n_villages=2"])
    group, name = override.split("=")
    section = cfg
    for part in group.split("/"):
        section = section[part]
    assert section.get("name", name) == name  # the preset was really selected
    model = build_model(p)
    model.run_for(20)
    assert model.day == 20 and sum(model.book.status_counts.values()) == len(model.book)


def test_county_preset_matches_the_reference_county():
    _, p = load_params(["scenario=county"])
    assert (p.scenario.n_townships, p.scenario.n_villages) == (9, 58)
    assert p.scenario.residents_per_village * p.scenario.n_villages == pytest.approx(
        59_000, rel=0.01
    )


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        (
            ["policy/visits=biweekly"],
            r"^policy/visits=biweekly: unknown preset; available: .*weekly",
        ),
        (["scenario=city"], r"^scenario=city: unknown preset; available: county, village$"),
        (
            ["policy.visits.cadre_visit_intervl=7"],
            r"^policy\.visits\.cadre_visit_intervl: unknown key; "
            r"allowed keys here: .*cadre_visit_interval_days",
        ),
        (["+policy.visits.extra=1"], r"^policy\.visits\.extra: unknown key; allowed keys here: .*"),
        (
            ["behaviour.discovery.visit_detection=1.5"],
            r"^behaviour\.discovery\.visit_detection=1\.5: must be in \[0, 1\]$",
        ),
        (
            ["behaviour.relapse.chance=-0.1"],
            r"^behaviour\.relapse\.chance=-0\.1: must be in \[0, 1\]$",
        ),
        (
            ["policy.staffing.mediators_per_village=-1"],
            r"^policy\.staffing\.mediators_per_village=-1: must be >= 0$",
        ),
        (
            ["policy.staffing.mediators_per_village=1.5"],
            r"^policy\.staffing\.mediators_per_village=1\.5: must be a whole number >= 0$",
        ),
        (
            ["policy.visits.grid_households=5000"],
            r"^policy\.visits\.grid_households=5000: must be at most the households in a village",
        ),
        (
            ["policy.staffing.mediator_type=paid"],
            r"^policy\.staffing\.mediator_type='paid': must be one of volunteer, full_time$",
        ),
        (["seed=abc"], r"^seed='abc': must be a whole number >= 0$"),
        (["days=0"], r"^days=0: must be a whole number >= 1|^days=0: must be >= 1$"),
    ],
)
def test_bad_input_gives_one_clear_line(overrides, expected):
    with pytest.raises(ConfigError) as caught:
        load_params(overrides)
    message = str(caught.value)
    assert "\n" not in message
    assert re.search(expected, message), message


def _schema_keys(cls: type, prefix: str = "") -> dict[str, dict]:
    out = {}
    hints = typing.get_type_hints(cls)
    for f in dataclasses.fields(cls):
        key = f"{prefix}{f.name}"
        if dataclasses.is_dataclass(hints[f.name]):
            out.update(_schema_keys(hints[f.name], key + "."))
        else:
            out[key] = dict(f.metadata)
    return out


def test_every_parameter_is_documented_in_schema_and_config():
    keys = _schema_keys(Params)
    assert all(meta.get("doc") for meta in keys.values())
    # Every base preset line that sets a value says where the value comes from.
    base = [
        "scenario/village.yaml",
        "policy/visits/weekly.yaml",
        "policy/staffing/fengqiao.yaml",
        "policy/escalation/ladder.yaml",
        "behaviour/default.yaml",
        "costs/default.yaml",
    ]
    for name in base:
        for line in (config_dir() / name).read_text(encoding="utf-8").splitlines():
            stripped = line.strip()
            if (
                not stripped
                or stripped.startswith(("#", "defaults", "-"))
                or stripped.endswith(":")
            ):
                continue
            if stripped.startswith("name:"):
                continue
            assert "#" in stripped, f"{name}: undocumented value: {stripped}"
            comment = stripped.split("#", 1)[1]
            assert re.search(r"brief|assumption|none|never|no limit|reference", comment), (
                f"{name}: no source for: {stripped}"
            )


def test_status_names_cover_the_brief():
    names = {s.value for s in Status}
    assert {
        "latent",
        "known",
        "in_mediation",
        "resolved",
        "petition",
        "skip_level_petition",
        "group_petition",
        "criminal",
    } == names
