"""The daily processes of the model, one module each; the order is in ``GovernanceModel.step``.

Every process is built with the model and the random stream it draws from, and does
its day's work in ``step()``. Processes never hold one another: they change disputes
through the dispute book (``model.book``), the residents' trust and grievance through
``model.attitudes``, and count what they did in ``model.counts``. Two shared rules are
consulted at the moment a dispute needs them, wherever that happens in the day:
``model.ladder`` routes a dispute that comes to light or fails mediation, and
``model.attempts`` concludes a mediation attempt (see ``sim.model``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from sim.model import GovernanceModel
    from sim.rng import Uniforms


# A daily step that batches its disputes (their chances as arrays, their draws as one
# block: the same numbers) takes the rule one dispute at a time when it has fewer than
# this: below it the arrays' fixed costs outweigh the per-dispute work they save
# (measured on a village and a county).
BATCH_FROM = 64
# A batched step's chance computed with numpy's exp or power may differ from the rule's
# scalar one in the last bits: a dispute whose draw falls within this of its chance goes
# through the rule all the same (far wider than any rounding; a few more than needed).
MARGIN = 1e-9


class Process:
    """One daily process: ``step()`` does one day's work."""

    def __init__(
        self, model: GovernanceModel, rng: np.random.Generator | Uniforms | None = None
    ) -> None:
        self.model = model
        # None for a process that draws no random numbers of its own; ``Uniforms`` for one
        # that draws only uniforms, one at a time (read ahead, ``sim.rng``).
        self.rng = rng

    def step(self) -> None:
        raise NotImplementedError
