"""The built county: sizes from essays-063, a dense clustered village network, reproducible."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest

from sim.world import TieKind, build_world
from tests.conftest import params


def _world(*overrides: str, seed: int = 0):
    p = params(*overrides)
    return build_world(p.scenario, p.policy.visits.grid_households, np.random.default_rng(seed))


def test_county_has_the_reference_county_size():
    w = _world("scenario=county")
    assert w.n_villages == 58 and w.n_townships == 9
    assert set(np.unique(w.village_township)) == set(range(9))
    assert w.n_residents == pytest.approx(59_000, rel=0.03)
    assert w.n_residents / w.n_households == pytest.approx(3.5, abs=0.1)


def test_village_network_is_dense_clustered_and_has_every_tie_kind():
    w = _world("scenario=village")
    degree = w.network.degree()
    assert 10 <= degree.mean() <= 20
    graph = w.network.to_networkx()
    assert graph.number_of_edges() == w.network.n_ties
    assert nx.average_clustering(graph) >= 0.3
    kinds = {data["kind"] for _, _, data in graph.edges(data=True)}
    assert kinds == {k.name.lower() for k in TieKind}
    same_village = w.resident_village[w.network.edge_a] == w.resident_village[w.network.edge_b]
    cross = w.network.edge_kind == TieKind.CROSS_VILLAGE
    assert not same_village[cross].any() and same_village[~cross].all()
    assert 0 < cross.mean() < 0.2  # a few ties across villages


def test_households_and_grids_nest_inside_villages():
    w = _world("scenario=village", "policy.visits.grid_households=50")
    assert (w.household_village[w.resident_household] == w.resident_village).all()
    assert (w.grid_village[w.household_grid] == w.household_village).all()
    assert w.grid_size.sum() == w.n_households
    assert np.abs(w.grid_size - 50).max() <= 25
    for g in range(w.n_grids):
        slots = np.sort(w.household_slot[w.household_grid == g])
        assert (slots == np.arange(w.grid_size[g])).all()  # a full visit rotation


def test_world_is_reproducible_from_its_seed():
    a, b, c = _world(seed=3), _world(seed=3), _world(seed=4)
    assert np.array_equal(a.network.indices, b.network.indices)
    assert np.array_equal(a.household_size, b.household_size)
    assert not np.array_equal(a.household_size, c.household_size)
