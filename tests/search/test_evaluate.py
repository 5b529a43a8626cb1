"""Candidates' configs under ensemble members: the quick path gives what Hydra composes."""

from __future__ import annotations

import json

import pytest

from sim.calibration.ensemble import ensemble_overrides
from sim.config import ConfigError, load_params
from sim.config.compose import merge_overrides
from sim.search.evaluate import Candidate, Composer
from sim.search.space import load_search


def test_member_configs_equal_composed_ones_byte_for_byte():
    search = load_search("village")
    composer = Composer(search, ["days=30"])
    cand = Candidate("c", ("policy/visits=monthly", "policy.staffing.mediators_per_village=2"))
    for member in ensemble_overrides()[:2]:
        quick = composer.config(cand, member)
        layers = merge_overrides(search.base, ["days=30"], member, search.baseline, cand.overrides)
        composed = load_params(layers)[0]
        assert json.dumps(quick, sort_keys=True) == json.dumps(composed, sort_keys=True)


def test_a_member_value_the_validator_rejects_still_fails():
    composer = Composer(load_search("village"))
    with pytest.raises(ConfigError):
        composer.config(Candidate("c", ()), ["behaviour.relapse.chance=1.5"])
