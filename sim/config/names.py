"""The one pattern for names that become parts of paths (presets, scenarios, experiments),
and the hint for a misspelt name."""

import difflib
import re
from collections.abc import Iterable

SAFE_NAME = re.compile(r"[A-Za-z0-9_-]{1,64}")
NAME_RULE = "1-64 letters, digits, '_' or '-' (it names a file or folder)"


def did_you_mean(word: str, options: Iterable[str], cutoff: float = 0.75) -> str:
    """``; did you mean X?`` for the closest option (``difflib`` similarity at least
    ``cutoff``), or nothing."""
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=cutoff)
    return f"; did you mean {close[0]}?" if close else ""
