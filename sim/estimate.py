"""Memory and time of a run, estimated from its validated parameters before anything is built.

A size the machine cannot hold (a billion residents, a hundred million days) is refused
in one line saying how much memory it would need and how much there is, instead of
running until the operating system kills it.

The coefficients are fitted to runs on the 2-core development machine (Python 3.12,
numpy 2.5), each a fresh process building one world and simulating 365 days; peak
resident memory from ``resource.getrusage``: the README's scale curve
(``experiments/benchmarks/bench_scale.py``, 2026-11-30 21:41 UTC, load average about
1), after the daily steps were batched and the world build slimmed. Assumption: memory
and time grow linearly in residents, tie entries, days and disputes; the runs bear that
out within the factors stated below.

- Memory, base: 158 MB after imports and a warm-up village in a benchmark process,
  207 MB for ``govsim run scenario=village days=1`` (which also writes its folder and
  figures): 200 MB.
- Memory per resident and per tie entry: above the benchmark's base, 4 counties peak
  110 MB (325,000 residents: 340 bytes each), 16 counties 368 MB (1.30 M: 283 bytes),
  the city 839 MB (3.06 M: 274 bytes); at 16.5 tie entries a resident that is about
  17 bytes a tie entry. Taken as 50 bytes a resident and 18 a tie entry (350 bytes a
  resident at the defaults), so the estimate is a bound to refuse by.
- Memory per day and per dispute: ten years of the village took 2 MB more than one
  (450 bytes a day for the daily series, about 2 kB a dispute).
- Time, build: 0.85 us a resident in the county, 1.0 at 4 counties, 1.3 at 16 counties
  and in the city (sorting and scattering millions of ties outgrows the caches): 1.2 us.
- Time, a day's fixed work: the village's year with 40 disputes takes 0.05 s; about
  90 us a day (the daily steps' own overheads), 1.5 ns a resident-day (trust drift,
  fading grievance, daily means).
- Time per dispute: the year less the resident-days and the fixed days, over the
  disputes: 0.37 ms (county), 0.21 ms (4 counties), 0.27 ms (16 counties), 0.25 ms
  (city): 0.28 ms.

Against that table (village to city) the estimate is 0.94-1.36 times the measured build
+ year and 1.19-1.33 times the measured peak memory (``tests/test_estimate.py`` holds
it within 0.8-1.6); it counts disputes from the onset rates with every relapse, 10-30%
above what a run sees. It is a bound to refuse by, not a forecast; ``govsim run``
prints it only when the run is expected to take long.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from sim.config import ConfigError
from sim.config.schema import Params

BASE_BYTES = 200e6
BYTES_PER_RESIDENT = 50.0
BYTES_PER_TIE_ENTRY = 18.0
BYTES_PER_DAY = 450.0
BYTES_PER_DISPUTE = 2000.0
SECONDS_PER_RESIDENT_BUILD = 1.2e-6
SECONDS_PER_RESIDENT_DAY = 1.5e-9
SECONDS_PER_DAY = 90e-6
SECONDS_PER_DISPUTE = 2.8e-4
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
