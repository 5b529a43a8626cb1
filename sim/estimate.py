"""Memory and time of a run, estimated from its validated parameters before anything is built.

A size the machine cannot hold (a billion residents, a hundred million days) is refused
in one line saying how much memory it would need and how much there is, instead of
running until the operating system kills it.

The figures are measured on the 2-core development machine with
``experiments/benchmarks/bench_model.py`` (world build plus 365 days; the county: 59,000
residents, about 0.3 GB peak, about 1 s a year) and with single runs varying one size at
a time (peak resident memory from ``resource.getrusage``; assumption: memory and time
grow linearly in residents, ties, days and disputes, which these runs bore out):

- village (5,000 residents) peaks at 177 MB, the county (59,000) at 301 MB: a fixed part
  of about 180 MB (interpreter, numpy, pandas, Mesa, matplotlib) and about 2.3 kB per
  resident at the default 16 tie entries each; adding 80,000 tie entries (closure ties
  100 a resident) added 15 MB, about 180 bytes an entry at the build's peak;
- 100 years of the village: 450 bytes a simulated day (the daily series) beyond the
  disputes, about 2 kB a dispute (5,250 disputes a year added 10 MB);
- time: build 6 us a resident; 15 ns a resident-day (attitude arrays); 40 us a day
  (the step's fixed work and the daily record); 0.7 ms a dispute over its life.

The estimate errs high (it is a bound to refuse by, not a forecast); ``govsim run``
prints it only when the run is expected to take long.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from sim.config import ConfigError
from sim.config.schema import Params

BASE_BYTES = 180e6
BYTES_PER_RESIDENT = 500.0
BYTES_PER_TIE_ENTRY = 180.0
BYTES_PER_DAY = 450.0
BYTES_PER_DISPUTE = 2000.0
SECONDS_PER_RESIDENT_BUILD = 6e-6
SECONDS_PER_RESIDENT_DAY = 15e-9
SECONDS_PER_DAY = 40e-6
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
