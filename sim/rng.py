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

    A daily loop over many disputes may also look at its next draws as one array
    (``peek``), pass over those it does not need one by one (``skip``) and draw the rest
    through ``random``: the stream goes on exactly as after one ``random()`` per draw.

    Draws read ahead are no longer in the generator, so every reader of the stream must
    read it through this one object (``RngTree.uniforms``), and only uniforms."""

    BATCH = 512
    LISTED = 64  # draws turned into Python floats at a time, for ``random``, after a peek

    def __init__(self, rng: np.random.Generator) -> None:
        self._rng = rng
        self._block = np.empty(0)  # the draws read ahead, not all taken yet
        self._ahead: list[float] = []  # the first of them as Python floats, for ``random``
        self._next = 0  # the next draw's place in the block
        self._before = 0  # draws taken before the block

    def random(self) -> float:
        """The stream's next uniform draw."""
        i = self._next
        if i == len(self._ahead):
            i = self._list_more()
        self._next = i + 1
        return self._ahead[i]

    @property
    def drawn(self) -> int:
        """How many draws have been taken from the stream so far."""
        return self._before + self._next

    def peek(self, k: int) -> np.ndarray:
        """The stream's next ``k`` draws (read-only), still to be taken."""
        if self._block.size - self._next < k:
            self._read_ahead(k)
        return self._block[self._next : self._next + k]

    def skip(self, k: int) -> None:
        """Take the next ``k`` draws without looking at them (after ``peek``)."""
        if self._block.size - self._next < k:
            self._read_ahead(k)
        self._next += k
        if self._next > len(self._ahead):  # past the floats listed: list from here on
            self._rebase()

    def take(self, k: int) -> np.ndarray:
        """The stream's next ``k`` uniform draws at once: the numbers ``k`` calls of
        ``random()`` would return, in that order (for a loop that draws a fixed number
        per dispute, read as one block)."""
        block = self.peek(k).copy()
        self.skip(k)
        return block

    def _list_more(self) -> int:
        """List more of the block as Python floats (reading a new batch when it is all
        taken); the next draw's place."""
        listed = len(self._ahead)
        if listed == self._block.size:
            self._read_ahead(1)
            self._ahead = self._block.tolist()
        else:  # after a peek and skips: a few at a time, most draws are skipped
            self._ahead += self._block[listed : listed + self.LISTED].tolist()
        return self._next

    def _read_ahead(self, k: int) -> None:
        """Read on in whole batches (at least ``k`` draws), after the draws not yet taken;
        a generator's draws are the same however they are split into calls."""
        rest = self._block[self._next :]
        fresh = self._rng.random(max(self.BATCH, k - rest.size))
        self._block = np.concatenate([rest, fresh]) if rest.size else fresh
        self._block.flags.writeable = False
        self._before += self._next
        self._next, self._ahead = 0, []

    def _rebase(self) -> None:
        """Drop the draws taken from the block (none of them is listed any more)."""
        self._block = self._block[self._next :]
        self._before += self._next
        self._next, self._ahead = 0, []


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
