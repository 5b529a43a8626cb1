"""Memory and time of a run, estimated from its validated parameters before anything is built.

A size the machine cannot hold (a billion residents, a hundred million days) is refused
in one line saying how much memory it would need and how much there is, instead of
running until the operating system kills it.

The coefficients are fitted to runs on the 2-core development machine (Python 3.12,
numpy 2.5), each a fresh process building one world and simulating 365 days; peak
resident memory from ``resource.getrusage``; residents are lazy (arrays, with a
``Resident`` agent only for those a dispute touches), on 2026-11-30 between 17:49 and
18:05 UTC at load average 0.5-1.8 (the village, county and 4-county figures: one
world built and run for its days per process; the build figures from
``experiments/benchmarks/bench_scale.py``; larger scales from its table in the
README). Assumption: memory and time grow
linearly in residents, tie entries, days and disputes; the runs bear that out within
the factors stated below.

- Memory, base: 158 MB after imports and a warm-up village in a benchmark process,
  207 MB for ``govsim run scenario=village days=1`` (which also writes its folder and
  figures): 200 MB.
- Memory per resident and per tie entry: a county-year peaks 26 MB above the base
  (59,000 residents at 16.5 tie entries each, 440 bytes a resident), 4 counties
  147 MB (325,000 residents, 450 bytes), the README's city 1.33 GB (3.06 M, 435 bytes);
  20 more closure ties a resident in the county added 21 MB (18 bytes a tie entry).
  Rounded up to 200 bytes a resident and 20 bytes a tie entry (530 bytes a resident
  at the defaults), so the estimate is a bound to refuse by.
- Memory per day and per dispute: ten years of the village took 2 MB more than one
  (450 bytes a day for the daily series, about 2 kB a dispute).
- Time, build: 0.83-0.95 us a resident at 4 counties, 1.5-2.2 us in the city (4.6-6.7 s
  at load average 2-3; sorting and scattering millions of ties outgrows the caches):
  1.8 us a resident.
- Time, a year without disputes (every onset rate 0): village 0.026 s, county 0.061 s,
  4 counties 0.182 s: 1.25 ns a resident-day (trust drift, daily means), about 65 us a
  day of fixed work; taken as 1.5 ns and 65 us.
- Time per dispute: the year with disputes less the year without, over the disputes:
  0.55 ms (county), 0.60 ms (4 counties), 0.65 ms (city), 0.72 ms (ten village
  years): 0.7 ms. With the streams read ahead as uniforms (``sim.rng.Uniforms``,
  measured again at 18:17 UTC, load average 1.6-1.9) a dispute costs 0.38 ms (county)
  and 0.52 ms (4 counties): the time estimate is then up to about 1.5 times high.

Against ``make bench-scale`` in the README (village to city) the estimate is 0.98-1.35
times the measured build + year and 0.97-1.27 times the measured peak memory
(``tests/test_estimate.py`` holds it within 0.8-1.6); it counts disputes from the onset
rates with every relapse, 10-30% above what a run sees. It is a bound to refuse by,
not a forecast; ``govsim run`` prints it only when the run is
expected to take long.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from sim.config import ConfigError
from sim.config.schema import Params

BASE_BYTES = 200e6
BYTES_PER_RESIDENT = 200.0
BYTES_PER_TIE_ENTRY = 20.0
BYTES_PER_DAY = 450.0
BYTES_PER_DISPUTE = 2000.0
SECONDS_PER_RESIDENT_BUILD = 1.8e-6
SECONDS_PER_RESIDENT_DAY = 1.5e-9
SECONDS_PER_DAY = 65e-6
SECONDS_PER_DISPUTE = 7e-4
# Above this expected wall time a single run says its estimate and shows progress.
LONG_RUN_SECONDS = 30.0


@dataclass(frozen=True)
class Estimate:
    residents: float
    disputes: float
    bytes: float
    seconds: float


def estimate(p: Params) -> Estimate:
    """Expected size, peak memory and wall time of one run of ``p`` (one process)."""
    s = p.scenario
    residents = float(s.n_villages) * s.residents_per_village
    households = residents / s.household_size
    tie_entries = (
        s.kin_ties_per_resident
        + s.neighbour_ties_per_resident
        + s.cross_village_ties_per_resident
        + s.closure_ties_per_resident
        + max(s.household_size - 1.0, 0.0)
    )
    types = p.behaviour.disputes
    per_household_year = sum(
        getattr(types, name).onset_per_household_year
        for name in ("family", "neighbour", "land", "damages_debt", "labour", "collective")
    )
    years = p.days / 365.0
    disputes = households * per_household_year * years * (1.0 + p.behaviour.relapse.chance)
    memory = (
        BASE_BYTES
        + residents * (BYTES_PER_RESIDENT + BYTES_PER_TIE_ENTRY * tie_entries)
        + p.days * BYTES_PER_DAY
        + disputes * BYTES_PER_DISPUTE
    )
    seconds = (
        residents * SECONDS_PER_RESIDENT_BUILD
        + residents * p.days * SECONDS_PER_RESIDENT_DAY
        + p.days * SECONDS_PER_DAY
        + disputes * SECONDS_PER_DISPUTE
    )
    return Estimate(residents, disputes, memory, seconds)


def available_memory() -> float:
    """Bytes this process could still use: the smaller of the free memory the kernel
    reports (``MemAvailable``) and any cgroup limit; the physical total if neither is known."""
    limits: list[float] = []
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemAvailable:"):
                limits.append(float(line.split()[1]) * 1024)
    except OSError:
        pass
    for name in ("/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"):
        try:
            text = Path(name).read_text().strip()
        except OSError:
            continue
        if text.isdigit() and float(text) < 2**60:
            limits.append(float(text))
    if not limits:
        limits.append(float(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")))
    return min(limits)


def size(nbytes: float) -> str:
    for unit, scale in (("TB", 1e12), ("GB", 1e9), ("MB", 1e6)):
        if nbytes >= scale:
            return f"{nbytes / scale:.3g} {unit}"
    return f"{nbytes / 1e3:.3g} kB"


def duration(seconds: float) -> str:
    for unit, scale in (("years", 3.15e7), ("days", 86400.0), ("h", 3600.0), ("min", 60.0)):
        if seconds >= scale:
            return f"{seconds / scale:.3g} {unit}"
    return f"{seconds:.2g} s"


def check_fits(p: Params, processes: int = 1) -> Estimate:
    """The run's estimate; a ``ConfigError`` if ``processes`` such runs at once would not
    fit the memory available now."""
    est = estimate(p)
    need = BASE_BYTES + processes * (est.bytes - BASE_BYTES)
    have = available_memory()
    if need > have:
        what = f"{est.residents:,.0f} residents, {p.days:,} days, ~{est.disputes:,.0f} disputes"
        raise ConfigError(
            f"this run would need about {size(need)} of memory ({what}); {size(have)} is available"
        )
    return est
