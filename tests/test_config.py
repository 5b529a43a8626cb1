"""Every preset composes, validates and runs; bad input gets one clear line."""

from __future__ import annotations

import re

import pytest

from sim.config import ConfigError, config_dir, load_params, presets
from sim.config.docs import (
    BEGIN,
    END,
    documented_parameters,
    parameter_tables,
    schema_fields,
)
from sim.disputes import Status
from sim.metrics import METRICS, METRICS_BEGIN, METRICS_END, SERIES, metric_table
from sim.run import build_model

# A cited source id: S1, S2, ... or a source document's short name (essays-063, five-papers).
ID_PATTERN = re.compile(r"\b(?:S\d+|[a-z]+-(?:\d+|papers))\b")
DOCS = ("docs/ODD.md", "README.md")  # besides every config, these cite source ids
GROUPS = (
    "scenario",
    "policy/visits",
    "policy/staffing",
    "policy/escalation",
    "policy/prevention",
    "behaviour",
    "costs",
)


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
            r"^policy\.staffing\.mediators_per_village=-1: must be in \[0, 1000\]$",
        ),
        (
            ["policy.staffing.mediators_per_village=1.5"],
            r"^policy\.staffing\.mediators_per_village=1\.5: "
            r"must be a whole number in \[0, 1000\]$",
        ),
        (
            ["policy.visits.grid_households=5000"],
            r"^policy\.visits\.grid_households=5000: must be at most the households in a village",
        ),
        (
            ["policy.staffing.mediator_type=paid"],
            r"^policy\.staffing\.mediator_type='paid': must be one of volunteer, full_time$",
        ),
        (["seed=abc"], r"^seed='abc': must be a whole number in \[0, 9223372036854775807\]$"),
        (["days=0"], r"^days=0: must be a whole number >= 1|^days=0: must be >= 1$"),
    ],
)
def test_bad_input_gives_one_clear_line(overrides, expected):
    with pytest.raises(ConfigError) as caught:
        load_params(overrides)
    message = str(caught.value)
    assert "\n" not in message
    assert re.search(expected, message), message


def test_every_parameter_is_documented_in_schema_and_config():
    schema = schema_fields()
    assert all(meta.get("doc") for meta in schema.values())
    documented = documented_parameters()
    model_keys = {k for k in schema if k not in ("seed", "days") and not k.endswith(".name")}
    assert set(documented) == model_keys  # every parameter has one line in a base preset
    for key, comment in documented.items():
        # meaning (the schema's words, so config and schema cannot drift), then the source
        assert comment.startswith(schema[key]["doc"]), f"{key}: comment does not give its meaning"
        source = comment.rsplit("|", 1)[-1]
        assert "|" in comment, f"{key}: comment gives no source"
        cited = set(ID_PATTERN.findall(source))
        assert cited or "assumption" in source, f"{key}: cites neither a source id nor 'assumption'"
        assert cited <= source_ids(), f"{key}: unknown source ids {sorted(cited - source_ids())}"


def source_ids() -> set[str]:
    """Ids defined in docs/SOURCES.md: one ``### <id>`` section each."""
    text = (config_dir().parent / "docs" / "SOURCES.md").read_text(encoding="utf-8")
    return set(re.findall(r"^### (\S+)$", text, flags=re.MULTILINE))


def cited_ids(text: str) -> set[str]:
    return set(ID_PATTERN.findall(text))


def test_sources_document_defines_each_id_once_and_lists_it():
    text = (config_dir().parent / "docs" / "SOURCES.md").read_text(encoding="utf-8")
    sections = re.findall(r"^### (\S+)$", text, flags=re.MULTILINE)
    assert len(sections) == len(set(sections)), "an id has two sections"
    listed = set(re.findall(r"^\| \[`([^`]+)`\]\(#", text, flags=re.MULTILINE))
    assert listed == set(sections), "the table of ids and the sections disagree"
    assert {"essays-063", "guangdong-7", "five-papers", "grassroots-9", "ningxia-2020"} <= listed


@pytest.mark.parametrize(
    "path",
    sorted(
        str(p.relative_to(config_dir().parent))
        for p in [*config_dir().rglob("*.yaml"), *(config_dir().parent / n for n in DOCS)]
    ),
)
def test_every_cited_source_id_exists(path):
    text = (config_dir().parent / path).read_text(encoding="utf-8")
    unknown = cited_ids(text) - source_ids()
    assert not unknown, f"{path} cites ids not in docs/SOURCES.md: {sorted(unknown)}"


def test_odd_parameter_tables_match_the_schema():
    odd = (config_dir().parent / "docs" / "ODD.md").read_text(encoding="utf-8")
    generated = parameter_tables()
    assert "UNDOCUMENTED" not in generated
    current = odd[odd.index(BEGIN) : odd.index(END) + len(END)]
    assert current == generated, "docs/ODD.md is stale: run python -m sim.config.docs"
    rows = [line for line in current.splitlines() if line.startswith("| `")]
    n_parameters = sum(
        1 for k in schema_fields() if k not in ("seed", "days") and not k.endswith(".name")
    )
    assert len(rows) == n_parameters  # one row per parameter, none left over


def test_readme_metric_table_matches_the_registry():
    readme = (config_dir().parent / "README.md").read_text(encoding="utf-8")
    current = readme[readme.index(METRICS_BEGIN) : readme.index(METRICS_END) + len(METRICS_END)]
    assert current == metric_table(), "README.md is stale: run python -m sim.config.docs"
    rows = [line for line in current.splitlines() if line.startswith("| `")]
    assert len(rows) == len(METRICS) + len(SERIES)  # one row per metric and per series


def test_status_names_cover_the_dispute_outcomes():
    names = {s.value for s in Status}
    assert {
        "latent",
        "waiting",
        "in_mediation",
        "resolved",
        "petition",
        "skip_level_petition",
        "group_petition",
        "criminal",
    } == names
