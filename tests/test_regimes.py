"""Named policy regimes (configs/regime/) are presets setting the three policy groups:
``regime=reactive`` composes exactly the reactive county, a later group override wins,
and in experiment layers an arm's regime beats the command line like explicit overrides."""

from __future__ import annotations

from sim.config import compose_config
from sim.config.compose import merge_overrides

EXPLICIT = ("policy/visits=campaign_only", "policy/staffing=reactive", "policy/escalation=reactive")


def names(cfg: dict) -> list[str]:
    return [cfg["policy"][g]["name"] for g in ("visits", "staffing", "escalation")]


def test_regimes_are_the_three_policy_presets():
    assert compose_config(["regime=reactive"]) == compose_config(list(EXPLICIT))
    assert compose_config(["regime=fengqiao"]) == compose_config([])  # the defaults
    assert "regime" not in compose_config(["regime=reactive"])


def test_a_group_override_beats_the_regime_in_either_order():
    staffing = "policy/staffing=fengqiao"
    for overrides in (["regime=reactive", staffing], [staffing, "regime=reactive"]):
        assert names(compose_config(overrides)) == ["campaign_only", "fengqiao", "reactive"]


def test_layers_expand_a_regime_so_the_later_layer_wins():
    command_line, arm = ["policy/staffing=yichang"], ["regime=reactive"]
    assert merge_overrides(command_line, arm) == list(EXPLICIT)
    assert merge_overrides(arm, command_line) == [EXPLICIT[0], EXPLICIT[2], *command_line]
