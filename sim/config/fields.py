"""Declaring a parameter: its meaning, unit and allowed range travel with its type.

The values themselves live in the YAML presets under ``configs/`` (one place per
value, each with its source); this module only says what a valid value is, so that
the validator, the documentation and the model agree on one declaration.
"""

from __future__ import annotations

from dataclasses import field
from typing import Any

# Upper bounds where the schema had none (assumption: far beyond any figure in the
# sources, yet small enough that no value can exhaust memory or overflow arithmetic):
MAX_STAFF = 1000  # staff or case slots per village, township or county (sources: 1-20)
MAX_DAYS = 100_000  # a duration longer than this (274 years) is "never": use null
MAX_LOGIT = 50.0  # log-odds; 50 is certainty to 21 decimal places, exp() stays finite
MAX_YUAN = 1e12  # any unit cost; keeps every cost total finite
MAX_SEED = 2**63 - 1  # seeds are stored in 64-bit integer columns
MAX_TENSION_SD = 3.0  # log units; beyond, the mean-one multiplier underflows to 0 almost everywhere


def param(
    doc: str,
    unit: str = "",
    *,
    lo: float | None = None,
    hi: float | None = None,
    choices: tuple[str, ...] | None = None,
) -> Any:
    """A required dataclass field carrying its documentation and bounds.

    ``lo``/``hi`` are inclusive bounds for numbers; ``choices`` lists the allowed
    strings. No default: every value must come from a config preset.
    """
    return field(metadata={"doc": doc, "unit": unit, "lo": lo, "hi": hi, "choices": choices})


def probability(doc: str, unit: str = "probability") -> Any:
    """A number in [0, 1]."""
    return param(doc, unit, lo=0.0, hi=1.0)


def beta_mean(doc: str, unit: str = "") -> Any:
    """The mean of a Beta distribution: strictly inside (0, 1), for at 0 or 1 the
    distribution does not exist (assumption: a thousandth from either end is as close
    as a mean of severity or trust needs to come)."""
    return param(doc, unit, lo=0.001, hi=0.999)


def count(doc: str, unit: str = "count", *, lo: int = 0, hi: int | None = None) -> Any:
    """A whole number, by default at least zero."""
    return param(doc, unit, lo=lo, hi=hi)


def positive(doc: str, unit: str = "", *, hi: float | None = None) -> Any:
    """A number at least zero."""
    return param(doc, unit, lo=0.0, hi=hi)
