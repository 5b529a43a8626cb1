"""The uncertain-parameter ranges: every key is a schema parameter, every range inside
the schema's bounds, and a point of the space becomes validated parameters."""

from __future__ import annotations

import pytest

from sim.config import ConfigError, compose_config
from sim.uncertainty.space import apply_values, load_space, make_spec, schema_field


def test_parameter_ranges_lie_inside_the_schema():
    specs = load_space()
    assert len(specs) >= 15
    for s in specs:
        _, lo, hi = schema_field(s.key)
        assert s.key.startswith("behaviour.")
        assert (lo is None or s.low >= lo) and (hi is None or s.high <= hi), s.key


def test_default_values_lie_inside_the_ranges():
    cfg = compose_config(["scenario=village"])
    for s in load_space():
        node = cfg
        for part in s.key.split("."):
            node = node[part]
        assert s.low <= node <= s.high, s.key


def test_a_point_becomes_params():
    specs = load_space()
    cfg = compose_config(["scenario=village"])
    params = apply_values(cfg, {"behaviour.mediation.base_logit": 2.25}, specs)
    assert params.behaviour.mediation.base_logit == 2.25
    assert params.behaviour.mediation.skill_effect == cfg["behaviour"]["mediation"]["skill_effect"]


@pytest.mark.parametrize(
    ("key", "low", "high", "message"),
    [
        ("behaviour.mediation.base_logt", 1.0, 2.0, "unknown parameter key"),
        ("behaviour.discovery.visit_detection", 0.5, 1.5, "outside the schema bounds"),
        ("behaviour.mediation", 0.0, 1.0, "names a group"),
        ("behaviour.mediation.base_logit", 2.0, 1.0, "empty"),
    ],
)
def test_bad_specs_are_rejected(key, low, high, message):
    with pytest.raises(ConfigError, match=message):
        make_spec(key, low, high)


def test_dummy_keys_are_accepted_and_never_applied():
    specs = [*load_space(), make_spec("dummy.d0", 0.0, 1.0)]
    cfg = compose_config(["scenario=village"])
    assert apply_values(cfg, {"dummy.d0": 0.7}, specs) == apply_values(cfg, {}, specs)
