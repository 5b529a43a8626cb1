"""PRIM finds a planted condition, says it in words, and runs on the real ensemble."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from sim.search.failure import find_box, in_words, member_values

SELF_REPORT = "behaviour.discovery.self_report_per_day"
SKILL = "behaviour.mediation.skill_effect"


def planted(seed: int = 3, n: int = 300) -> tuple[pd.DataFrame, np.ndarray]:
    """Five parameters; the recommendation loses when self-reporting is above 0.03 a day
    and mediator skill matters little (below 3), plus 3% noise."""
    rng = np.random.default_rng(seed)
    x = pd.DataFrame(
        {
            SELF_REPORT: rng.uniform(0.0, 0.05, n),
            SKILL: rng.uniform(1.0, 6.0, n),
            "behaviour.relapse.chance": rng.uniform(0.0, 0.3, n),
            "behaviour.intensity.growth_per_day": rng.uniform(0.0, 0.01, n),
            "behaviour.responses.group_per_day": rng.uniform(0.0, 0.3, n),
        }
    )
    lost = ((x[SELF_REPORT] > 0.03) & (x[SKILL] < 3.0)).to_numpy()
    return x, lost | (rng.random(n) < 0.03)


def test_prim_finds_the_planted_ranges_and_only_them():
    x, lost = planted()
    box = find_box(x, lost)
    assert box is not None
    assert set(box.limits) == {SELF_REPORT, SKILL}
    low, _ = box.limits[SELF_REPORT]
    _, high = box.limits[SKILL]
    assert low == pytest.approx(0.03, abs=0.004)
    assert high == pytest.approx(3.0, abs=0.4)
    assert box.density >= 0.8 and box.coverage >= 0.6
    words = in_words(box, x, lost, "the recommendation", "the runner-up")
    assert "discovery.self report per day is above 0.03" in words
    assert "mediation.skill effect is below" in words


def test_no_losses_or_no_pattern_is_said_plainly():
    x, _ = planted()
    never = np.zeros(len(x), dtype=bool)
    assert find_box(x, never) is None
    assert "did not lose" in in_words(None, x, never, "A", "B")
    noise = np.random.default_rng(0).random(len(x)) < 0.3
    box = find_box(x, noise)
    text = in_words(box, x, noise, "A", "B")
    assert box is None and "no range" in text


def test_member_overrides_become_a_numeric_table():
    table = member_values(
        [[f"{SELF_REPORT}=0.01", "policy/visits=weekly"], [f"{SELF_REPORT}=0.02"]]
    )
    assert list(table.columns) == [SELF_REPORT]
    assert table[SELF_REPORT].tolist() == [0.01, 0.02]


@pytest.mark.slow
def test_prim_runs_on_the_real_ensemble(tmp_path):
    """Weekly vs monthly visits in the five-village world under every ensemble member."""
    from concurrent.futures import ThreadPoolExecutor

    from sim.calibration.ensemble import ensemble_overrides
    from sim.experiments.store import RunStore
    from sim.search.evaluate import Candidate, Composer, run, specs_for, table
    from sim.search.pipeline import lost_per_set
    from sim.search.space import load_search

    members = ensemble_overrides()
    composer = Composer(load_search("village"), ["days=60"])
    pair = [Candidate("a", ("policy/visits=monthly",)), Candidate("b", ("policy/visits=weekly",))]
    specs = specs_for(composer, pair, [1], members)
    store = RunStore(tmp_path / "runs")
    with ThreadPoolExecutor(1) as pool:
        run(specs, store, pool, progress=False)
    lost = lost_per_set(table(specs, store), "a", "b", len(members))
    x = member_values(members)
    assert len(lost) == len(members) == len(x)
    text = in_words(find_box(x, lost), x, lost, "monthly", "weekly")
    assert "monthly" in text and "weekly" in text
