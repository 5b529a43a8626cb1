"""One seeded random-number tree per run.

Each process that draws random numbers gets its own numpy stream, spawned from the
run's seed in a fixed order. A policy that changes how often mediation is attempted
therefore cannot shift which disputes arise: onset draws come from a stream that no
other process touches (common random numbers across policy arms).
"""

from __future__ import annotations

import numpy as np

# Appending a name keeps every earlier stream unchanged; never reorder or remove.
# Streams are spawned by position, so a name may change without changing its numbers
# ("responses" was once called "escalation").
STREAMS = (
    "world",
    "onset",
    "discovery",
    "mediation",
    "responses",
    "relapse",
    "mesa",
    "appeal",
    "promises",  # escalation.Deadlines: whether parties whose deadline was missed go elsewhere
    "petitions",
    "judgements",
    "evaluation",  # evaluation.Evaluation: which disputes officials hide or hold, interceptions
    "elders",  # informal.Elders: whether an elder hears of a dispute, and settles it
    "village_rules",  # prevention.VillageRules: which arising disputes the rules prevent
    "projects",  # projects.Projects: disputes of requisition projects; which are averted
    "staff",  # village_policy: skills of mediators beyond the county preset's number
)


class Uniforms:
    """A stream's uniform draws on [0, 1), read ahead in batches: the same numbers in the
    same order as one ``Generator.random()`` call per draw, without the cost of a numpy
    call per draw (the daily processes draw one or three per dispute and day).

    Draws read ahead are no longer in the generator, so every reader of the stream must
    read it through this one object (``RngTree.uniforms``), and only uniforms."""

    BATCH = 512

    def __init__(self, rng: np.random.Generator) -> None:
        self._rng = rng
        self._ahead: list[float] = []
        self._next = 0

    def random(self) -> float:
        """The stream's next uniform draw."""
        i = self._next
        if i == len(self._ahead):
            self._ahead, i = self._rng.random(self.BATCH).tolist(), 0
        self._next = i + 1
        return self._ahead[i]

    def take(self, k: int) -> np.ndarray:
        """The stream's next ``k`` uniform draws at once: the numbers ``k`` calls of
        ``random()`` would return, in that order (for a loop that draws a fixed number
        per dispute, read as one block)."""
        start, ahead = self._next, self._ahead
        if start + k <= len(ahead):
            self._next = start + k
            return np.array(ahead[start : start + k])
        # The rest of the read-ahead, then fresh draws: what is left over is read ahead.
        short = k - (len(ahead) - start)
        fresh = self._rng.random(short + self.BATCH)
        self._ahead, self._next = fresh[short:].tolist(), 0
        return np.concatenate([np.array(ahead[start:]), fresh[:short]])


class RngTree:
    """Named, independent ``numpy.random.Generator`` streams spawned from one seed."""

    def __init__(self, seed: int) -> None:
        self.seed = seed
        children = np.random.SeedSequence(seed).spawn(len(STREAMS))
        self._seqs = dict(zip(STREAMS, children, strict=True))
        self._streams = {
            name: np.random.Generator(np.random.PCG64(s)) for name, s in self._seqs.items()
        }
        self._uniforms: dict[str, Uniforms] = {}

    def __getitem__(self, name: str) -> np.random.Generator:
        if name in self._uniforms:  # its next draws already sit in the read-ahead
            raise KeyError(f"stream {name!r} is read through uniforms({name!r}) only")
        return self._streams[name]

    def uniforms(self, name: str) -> Uniforms:
        """The stream ``name`` read as uniforms only, through one shared read-ahead (a
        stream read this way must not also be read through ``[name]``)."""
        if name not in self._uniforms:
            self._uniforms[name] = Uniforms(self._streams[name])
        return self._uniforms[name]

    def integer_seed(self, name: str) -> int:
        """A plain integer drawn from a stream's seed, for libraries that want one (Mesa)."""
        return int(self._seqs[name].generate_state(1)[0])
