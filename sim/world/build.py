"""Build the county reproducibly from the world stream of the run's seed.

Households sit along a village lane; a lineage (clan) holds a stretch of neighbouring
households, so neighbour ties follow kinship as a village-network study (S22, docs/SOURCES.md)
reports. Ties: everyone in a household, kin within the lineage, neighbours within
``neighbour_span`` households, and a few ties to other villages.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor

import numpy as np

from sim.config.schema import ScenarioParams
from sim.config.validate import village_names
from sim.world.network import SocialNetwork, TieKind, chunks, each
from sim.world.table import table_household_sizes, table_townships
from sim.world.types import type_codes, village_traits
from sim.world.world import World


def build_world(scenario: ScenarioParams, grid_households: int, rng: np.random.Generator) -> World:
    """The county of ``scenario``, cut into grids of about ``grid_households``."""
    codes = type_codes(scenario)
    traits = village_traits(scenario, codes)
    if scenario.table is None:
        village_township, village_households = _generated_villages(scenario, rng)
        n_households = int(village_households.sum())
        # Residents at home per household: fewer in a hollowed-out village (the old left
        # behind); an ordinary village's mean is the scenario's household size.
        at_home = np.repeat(traits.at_home_share, village_households)
        household_size = 1 + rng.poisson(
            np.maximum(scenario.household_size * at_home - 1, 0.0), n_households
        )
    else:
        village_township = table_townships(scenario.table)
        village_households = np.array([r.households for r in scenario.table], dtype=np.int64)
        n_households = int(village_households.sum())
        household_size = table_household_sizes(scenario.table, traits.at_home_share, rng)
    n_villages = village_township.size
    household_village = np.repeat(np.arange(n_villages), village_households)
    household_first = np.concatenate([[0], np.cumsum(household_size)[:-1]])
    resident_household = np.repeat(np.arange(n_households), household_size)
    resident_village = household_village[resident_household]

    village_first_household = np.concatenate([[0], np.cumsum(village_households)[:-1]])
    village_residents = np.bincount(resident_village, minlength=n_villages)
    village_first_resident = np.concatenate([[0], np.cumsum(village_residents)[:-1]])
    household_lineage = _lineages(scenario, village_households, traits.lineages, rng)
    resident_lineage = household_lineage[resident_household]
    tension = np.exp(
        scenario.tension_sd * rng.standard_normal(n_villages) - scenario.tension_sd**2 / 2
    )

    grid_of, slot, grid_village, grid_size = _grids(village_households, grid_households)

    world = World(
        resident_household=resident_household,
        resident_village=resident_village,
        resident_lineage=resident_lineage,
        household_first=household_first,
        household_size=household_size,
        household_village=household_village,
        household_grid=grid_of,
        household_slot=slot,
        grid_village=grid_village,
        grid_size=grid_size,
        village_township=village_township,
        village_first_household=village_first_household,
        village_households=village_households,
        village_first_resident=village_first_resident,
        village_residents=village_residents,
        village_tension=tension,
        n_townships=int(village_township.max()) + 1,
        network=None,  # type: ignore[arg-type]
        village_type=codes,
        village_names=tuple(village_names(scenario)),
        traits=traits,
    )
    world.network = _network(scenario, world, rng)
    return world


def _generated_villages(scenario: ScenarioParams, rng: np.random.Generator):
    """Townships and households of a county generated from the scenario's numbers."""
    village_township = np.arange(scenario.n_villages) * scenario.n_townships // scenario.n_villages
    size_factor = np.clip(
        1 + scenario.village_size_sd * rng.standard_normal(scenario.n_villages),
        scenario.min_village_size,
        None,
    )
    size_factor /= size_factor.mean()  # the county's total stays at its stated size
    village_households = np.maximum(
        2, np.rint(scenario.residents_per_village * size_factor / scenario.household_size)
    ).astype(np.int64)
    return village_township, village_households


def _lineages(
    scenario: ScenarioParams,
    village_households: np.ndarray,
    lineages: np.ndarray,
    rng: np.random.Generator,
):
    """A lineage id per household: contiguous stretches of a lane, a few households mixed.
    ``lineages`` gives each village's number (fewer in a lineage-dominated village)."""
    out = []
    offsets = np.concatenate([[0], np.cumsum(lineages)[:-1]])
    for v, count in enumerate(village_households):
        n_lineages = int(lineages[v])
        shares = rng.dirichlet(np.ones(n_lineages))
        cuts = np.rint(np.cumsum(shares)[:-1] * count).astype(int)
        # A household's lineage is the number of cuts at or before it along the lane.
        local = np.cumsum(np.bincount(cuts, minlength=count + 1)[:count])
        mixed = rng.random(count) < scenario.mixed_lineage_share  # in-married and moved households
        local[mixed] = rng.integers(0, n_lineages, mixed.sum())
        out.append(local + offsets[v])
    return np.concatenate(out)


def _grids(village_households: np.ndarray, grid_households: int):
    """Cut each village's lane into equal grids of about ``grid_households``."""
    # Python's round (half to even) on each village's count, as np.rint does.
    n_grids = np.maximum(1, np.rint(village_households / grid_households)).astype(np.int64)
    first_grid = np.concatenate([[0], np.cumsum(n_grids)[:-1]])
    household_village = np.repeat(np.arange(village_households.size), village_households)
    first_household = np.concatenate([[0], np.cumsum(village_households)[:-1]])
    along = np.arange(household_village.size) - first_household[household_village]
    local = along * n_grids[household_village] // village_households[household_village]
    grid_of = local + first_grid[household_village]
    grid_village = np.repeat(np.arange(village_households.size), n_grids)
    grid_size = np.bincount(grid_of, minlength=int(n_grids.sum()))
    grid_first = np.concatenate([[0], np.cumsum(grid_size)[:-1]])
    slot = np.arange(household_village.size) - grid_first[grid_of]
    return grid_of, slot, grid_village, grid_size


def _network(scenario: ScenarioParams, world: World, rng: np.random.Generator) -> SocialNetwork:
    n = world.n_residents
    parts = [
        _household_ties(world),
        _kin_ties(scenario, world, rng),
        _neighbour_ties(scenario, world, rng),
    ]
    parts.append(_cross_village_ties(scenario, world, rng))
    # Resident numbers fit 32 bits: half the memory of a city's raw ties.
    ties = [
        np.concatenate([x[0] for x in parts], dtype=np.int32),
        np.concatenate([x[1] for x in parts], dtype=np.int32),
        np.concatenate(
            [np.full(x[0].size, k, np.int8) for x, k in zip(parts, TieKind, strict=True)]
        ),
    ]
    del parts  # a city's raw ties run to hundreds of MB: hold each only while needed
    # numpy lets go of the GIL in its loops, so the second core builds the first rows
    # while this thread draws how many friends of friends each resident ties (the next
    # draws of the stream either way), and later shares the closure's look-ups.
    with ThreadPoolExecutor(max_workers=2) as pool:
        # Closure reads only the rows; ``from_ties`` lets go of the raw ties before
        # building them.
        building = pool.submit(SocialNetwork.from_ties, n, ties, with_kinds=False)
        counts = _source_counts(n, scenario.closure_ties_per_resident * _other(world), rng)
        first = building.result()
        del building
        ca, cb = _closure_ties(first, counts, rng, pool)
        edges = first.edge_a, first.edge_b, first.edge_kind
        del first  # its rows: the closure ties are the last to read them
        ckind = _closure_kinds(world, ca, cb, pool)
        ties = [
            np.concatenate([edges[0], ca], dtype=np.int32),
            np.concatenate([edges[1], cb], dtype=np.int32),
            np.concatenate([edges[2], ckind]),
        ]
        del edges, ca, cb, ckind
        return SocialNetwork.from_ties(n, ties, pool=pool)


def _closure_kinds(
    world: World, a: np.ndarray, b: np.ndarray, pool: ThreadPoolExecutor
) -> np.ndarray:
    """A closure tie is kin within a lineage, a neighbour within a village, else
    cross-village; both ends' labels read from their narrowest type, a chunk at a time
    (a city's closure ties are millions: each gathered label array is a copy of that size)
    and the chunks shared between the pool's threads."""
    kind = np.full(a.size, TieKind.CROSS_VILLAGE, dtype=np.int8)
    village, lineage = _narrowest(world.resident_village), _narrowest(world.resident_lineage)

    def label(part: slice) -> None:
        ends = a[part], b[part]
        kind[part][village[ends[0]] == village[ends[1]]] = TieKind.NEIGHBOUR
        kind[part][lineage[ends[0]] == lineage[ends[1]]] = TieKind.KIN

    each(pool, label, chunks(a.size))
    return kind


def _narrowest(labels: np.ndarray) -> np.ndarray:
    """Non-negative ``labels`` in the narrowest unsigned integer type that holds them."""
    return labels.astype(np.min_scalar_type(int(labels.max(initial=0))))


def _residents(n: int) -> np.ndarray:
    """Resident numbers ``0..n-1`` in 32 bits: every tie array is built in the type the
    network keeps (it refuses more than 2**30 residents), not converted from 64 bits."""
    return np.arange(n, dtype=np.int32)


def _closure_ties(
    net: SocialNetwork, counts: np.ndarray, rng: np.random.Generator, pool: ThreadPoolExecutor
):
    """Friends of friends: tie a resident to a tie of one of their ties (Holme-Kim closure),
    ``counts`` of them for each resident.

    Village networks are dense and clustered (S22); closure raises clustering
    without adding distant ties.
    """
    # Row starts and lengths, 32-bit wherever the rows' ties can be so numbered: the
    # tables looked up at random are then half as large (fewer cache misses).
    index = np.int64 if net.indices.size > np.iinfo(np.int32).max else np.int32
    rows = net.indptr[:-1].astype(index), np.diff(net.indptr).astype(index)
    counts[rows[1] == 0] = 0  # someone without ties has no friends of friends
    src = np.repeat(_residents(net.n), counts)
    # A tie of each source, then a tie of that friend: all sources' draws come before all
    # friends' draws, as one draw each would give them (the stream is the same drawn a
    # chunk at a time), so a city's millions need no full-size draws or places.
    mid = np.empty_like(src)
    _ties_of(net.indices, rows, src, mid, rng, pool)
    # Every friend has a tie (the one to their source: rows hold each tie at both ends).
    _ties_of(net.indices, rows, mid, mid, rng, pool)
    return src, mid


def _ties_of(
    indices: np.ndarray,
    rows: tuple[np.ndarray, np.ndarray],
    who: np.ndarray,
    out: np.ndarray,
    rng: np.random.Generator,
    pool: ThreadPoolExecutor,
) -> None:
    """``out``: a random tie of each of ``who`` (``rows``: each row's start and length),
    a chunk at a time. This thread draws the chunks in order; the pool looks them up,
    at most a few chunks behind (each waiting chunk holds its draws)."""
    pending: list[Future[None]] = []
    for part in chunks(who.size):
        if len(pending) > 2:
            pending.pop(0).result()
        draw = rng.random(who[part].size)
        pending.append(pool.submit(_tie_of, indices, rows, who[part], draw, out[part]))
    for job in pending:
        job.result()


def _tie_of(
    indices: np.ndarray,
    rows: tuple[np.ndarray, np.ndarray],
    who: np.ndarray,
    draw: np.ndarray,
    out: np.ndarray,
) -> None:
    """``out``: a tie of each of ``who``, the uniform ``draw`` times the degree, cut to a
    whole number as a cast does, being its place in their row."""
    draw *= rows[1][who]
    out[:] = indices[draw.astype(np.intp) + rows[0][who]]


def _household_ties(world: World):
    a_parts, b_parts = [], []
    for size in np.unique(world.household_size):
        if size < 2:
            continue
        first = world.household_first[world.household_size == size].astype(np.int32)
        i, j = (x.astype(np.int32) for x in np.triu_indices(size, k=1))
        a_parts.append((first[:, None] + i).ravel())
        b_parts.append((first[:, None] + j).ravel())
    if not a_parts:  # every household has one resident (household_size 1)
        return np.empty(0, np.int32), np.empty(0, np.int32)
    return np.concatenate(a_parts), np.concatenate(b_parts)


def _kin(world: World) -> np.ndarray:
    """Each resident's multiplier on kin ties, from the village's type (2 in a clan village)."""
    return world.traits.kin_ties[world.resident_village]


def _other(world: World) -> np.ndarray:
    """Each resident's multiplier on neighbour and friend-of-friend ties (fewer where
    people come and go or are away)."""
    return world.traits.other_ties[world.resident_village]


def _source_counts(
    n: int, ties_per_resident: float | np.ndarray, rng: np.random.Generator
) -> np.ndarray:
    """How many ties each resident starts."""
    # Each tie adds one to both ends' degree, so half as many draws as the mean degree.
    return rng.poisson(ties_per_resident / 2, n)


def _draw_sources(
    n: int, ties_per_resident: float | np.ndarray, rng: np.random.Generator
) -> np.ndarray:
    """The first end of each new tie: resident i repeated once per tie it starts."""
    return np.repeat(_residents(n), _source_counts(n, ties_per_resident, rng))


def _kin_ties(scenario: ScenarioParams, world: World, rng: np.random.Generator):
    src = _draw_sources(world.n_residents, scenario.kin_ties_per_resident * _kin(world), rng)
    order = np.argsort(world.resident_lineage, kind="stable")
    counts = np.bincount(world.resident_lineage)
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
    lineage = world.resident_lineage[src]
    pick = starts[lineage] + (rng.random(src.size) * counts[lineage]).astype(np.int64)
    return src, order[pick]


def _neighbour_ties(scenario: ScenarioParams, world: World, rng: np.random.Generator):
    src = _draw_sources(
        world.n_residents, scenario.neighbour_ties_per_resident * _other(world), rng
    )
    if scenario.neighbour_span == 0:
        return src[:0], src[:0]
    # The household a random offset away along the lane from the source's home, built
    # in one array (a city draws millions), kept if on the lane of the same village.
    target = rng.integers(1, scenario.neighbour_span + 1, src.size)
    target *= rng.choice([-1, 1], src.size)
    target += world.resident_household[src]
    ok = (target >= 0) & (target < world.n_households)
    # Off the lane's ends the end household stands in; ``ok`` already drops it.
    np.clip(target, 0, world.n_households - 1, out=target)
    village = _narrowest(world.household_village)
    ok &= village[target] == _narrowest(world.resident_village)[src]
    src, target = src[ok], target[ok]
    member = rng.random(src.size)
    member *= world.household_size[target]
    dst = world.household_first[target]
    dst += member.astype(np.int64)
    return src, dst


def _cross_village_ties(scenario: ScenarioParams, world: World, rng: np.random.Generator):
    src = _draw_sources(world.n_residents, scenario.cross_village_ties_per_resident, rng)
    leave = rng.random(src.size) < scenario.cross_township_share
    township = world.village_township[world.resident_village[src]]
    t_first, t_count = np.array(
        [world.township_residents(t) for t in range(world.n_townships)], dtype=np.int64
    ).T
    first = np.zeros(src.size, dtype=np.int64)
    span = np.full(src.size, world.n_residents, dtype=np.int64)
    stay = ~leave
    first[stay], span[stay] = t_first[township[stay]], t_count[township[stay]]
    dst = first + (rng.random(src.size) * span).astype(np.int64)
    other = world.resident_village[dst] != world.resident_village[src]
    return src[other], dst[other]
