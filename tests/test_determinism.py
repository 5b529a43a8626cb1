"""Same config and seed, same numbers; other seeds, other streams; policy-blind onset."""

from __future__ import annotations

import numpy as np
import pytest

from sim.rng import STREAMS, RngTree
from sim.run import run_simulation
from tests.conftest import REACTIVE, SMALL, params

ONSET = ["id", "type", "village", "arose", "claimant", "severity"]


def test_same_seed_gives_identical_results():
    a = run_simulation(params(*SMALL, "seed=5"))
    b = run_simulation(params(*SMALL, "seed=5"))
    assert a.metrics == b.metrics
    assert a.series.equals(b.series) and a.disputes.equals(b.disputes)


def test_different_seeds_give_different_streams():
    a, b = RngTree(1), RngTree(2)
    draws = {name: a[name].random(4) for name in STREAMS}
    assert all(not np.array_equal(draws[n], b[n].random(4)) for n in STREAMS)
    # and the streams of one tree are independent of each other
    assert len({tuple(v) for v in draws.values()}) == len(STREAMS)
    ra, rb = run_simulation(params(*SMALL, "seed=1")), run_simulation(params(*SMALL, "seed=2"))
    assert not ra.disputes[ONSET].equals(rb.disputes[ONSET])


def test_policy_changes_do_not_shift_which_disputes_arise():
    # Common random numbers: onset draws come from their own stream.
    base = run_simulation(params(*SMALL, "seed=9"))
    for policy in (
        REACTIVE,
        ("policy.staffing.mediators_per_village=4",),
        ("policy.visits.grid_households=60",),
    ):
        other = run_simulation(params(*SMALL, *policy, "seed=9"))
        assert other.disputes[ONSET].equals(base.disputes[ONSET])
        if policy is REACTIVE:
            assert not other.disputes.equals(base.disputes)  # what happened to them differs


def test_uniforms_read_ahead_give_the_streams_own_draws_in_order():
    # The daily processes read some streams through a read-ahead; the numbers, across
    # batch boundaries, must be those of one ``random()`` call per draw.
    tree, plain = RngTree(4), RngTree(4)
    uniforms = tree.uniforms("responses")
    assert tree.uniforms("responses") is uniforms  # one read-ahead per stream, shared
    n = 2 * uniforms.BATCH + 3
    drawn = [uniforms.random() for _ in range(n)]
    assert drawn == [plain["responses"].random() for _ in range(n)]
    assert all(type(u) is float for u in drawn)


def test_uniforms_taken_in_blocks_are_the_draws_one_at_a_time():
    # Blocks that end inside the read-ahead, run past it, and span several batches,
    # mixed with single draws: the same numbers in the same order as one at a time.
    tree, plain = RngTree(5), RngTree(5)
    uniforms = tree.uniforms("responses")
    sizes = (3, 1, uniforms.BATCH - 2, 7, 0, 3 * uniforms.BATCH + 5, 2)
    drawn: list[float] = []
    for k in sizes:
        drawn += uniforms.take(k).tolist()
        drawn.append(uniforms.random())
    expected = [plain["responses"].random() for _ in range(sum(sizes) + len(sizes))]
    assert drawn == expected


def test_a_stream_read_ahead_cannot_also_be_drawn_directly():
    """Its next draws sit in the read-ahead: a direct draw would take later numbers and
    shift every draw after it, so it is refused."""
    streams = RngTree(3)
    streams.uniforms("relapse").random()
    with pytest.raises(KeyError, match="relapse"):
        streams["relapse"]
    streams["appeal"].random()  # other streams as before
