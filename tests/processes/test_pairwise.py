"""Sums taken block by block in numpy's order of addition equal numpy's sum exactly."""

from __future__ import annotations

import numpy as np
import pytest

from sim.processes.pairwise import PairwiseBlocks
from sim.run import build_model
from tests.conftest import params


@pytest.mark.parametrize("n", [1, 127, 128, 129, 1000, 4097, 65_536, 100_003, 1_000_003])
@pytest.mark.parametrize("most", [128, 256, 1000, 32_768])
def test_block_sums_added_back_are_numpys_sum_to_the_last_bit(n, most):
    # Values of very different sizes, so that any other order of addition rounds
    # differently (a plain running sum of blocks does, for most of these).
    rng = np.random.default_rng(n + most)
    values = rng.random(n) * rng.choice([1e-6, 1.0, 1e6], n)
    blocks = PairwiseBlocks(n, most)
    starts, stops = zip(*blocks.ranges, strict=True)
    assert starts[0] == 0 and stops[-1] == n and starts[1:] == stops[:-1]  # in order, whole
    assert max(b - a for a, b in blocks.ranges) <= most
    sums = [np.add.reduce(values[a:b]) for a, b in blocks.ranges]
    assert blocks.total(sums) == np.add.reduce(values)


def test_blocks_shorter_than_numpys_own_are_refused():
    with pytest.raises(ValueError, match="at least 128"):
        PairwiseBlocks(1000, 64)


def test_the_series_mean_trust_is_numpys_mean_every_day(monkeypatch):
    # Blocks of 256 over a small county's residents (many blocks), and every event that
    # moves trust on: the day's mean, summed during the drift, must be ``trust.mean()``
    # after all of the day's steps (none after the drift may change trust).
    monkeypatch.setattr("sim.processes.attitudes.BLOCK", 256)
    model = build_model(
        params("scenario=county", "scenario.n_villages=4", "scenario.n_townships=1")
    )
    assert len(model.attitudes._blocks.ranges) > 8
    recorded = model.datacollector.model_vars["mean_trust"]  # the series, as collected
    for _ in range(60):
        model.step()
        assert recorded[-1] == float(model.attitudes.trust.mean())
    assert model.book.all  # disputes arose, so trust moved by events as well as drift
