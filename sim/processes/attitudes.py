"""Trust in the institutions and grievance, held as arrays over all residents (assumption).

Trust in the institutions (公信力) changes with what residents and their ties go through
with them: a mediated agreement or a resolved petition builds it, a failed mediation, a
missed or kept promise, a long wait after reporting, a court judgement against them and a
neighbour's petition or violent turn move it. A private settlement relieves grievance but
does nothing for trust in the institutions (nobody from them was there). A court
judgement satisfies at most one side: the other side's grievance rises. Grievance grows
while a dispute waits and jumps when help fails. A share of every change spills over to
the parties' ties. Daily, trust drifts back to its initial level and grievance fades:
a vectorised line over all residents, and one over those with a grievance.

Trust feeds back: it raises reporting (``discovery``), the chance of accepting an
agreement (``agents.Resident.accept_logit``) and lowers petitioning (``net_grievance``).

The arrays are the residents' state, which other processes change through the event
methods below when something happens (as they change disputes through the dispute
book); ``step`` is the daily drift. The event methods other processes call:
``waiting``, ``failed``, ``missed_deadline``, ``kept_promise``, ``resolved`` (which
dispatches private settlements and court judgements), ``visited``, ``petitioned``,
``petition_rejected``, ``intercepted``, ``pressed``, ``turned_criminal``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from sim.disputes import Dispute, Level
from sim.processes import Process
from sim.processes.pairwise import PairwiseBlocks

if TYPE_CHECKING:
    from sim.model import GovernanceModel

NOBODY = np.empty(0, dtype=np.int64)  # no residents: a trust change without spillover
BLOCK = 1 << 15  # residents relaxed at a time: three blocks of floats fit a core's cache
SMALL = 2  # groups up to this size change trust through Python floats (cheaper than arrays)


class Attitudes(Process):
    def __init__(
        self,
        model: GovernanceModel,
        rng: np.random.Generator,
        judgements: np.random.Generator,
    ) -> None:
        """``rng`` (the world stream) draws only the initial trust, here; ``judgements``
        (the judgements stream) draws which side a court judgement favours."""
        super().__init__(model, rng)
        self.behaviour = behaviour = model.behaviour.attitudes
        n = model.world.network.n
        a = behaviour.trust_mean * behaviour.trust_concentration
        self.initial_trust = rng.beta(a, behaviour.trust_concentration - a, n)
        self.trust = self.initial_trust.copy()
        self.grievance = np.zeros(n)
        self.judgements = judgements
        self._drift = np.empty(min(n, BLOCK))  # a block's trust drift, computed in place
        # The blocks are parts of numpy's pairwise sum, so the day's pass also sums
        # trust exactly as ``trust.mean()`` would (the daily series' mean).
        self._blocks = PairwiseBlocks(n, BLOCK)
        self._block_sums = np.empty(len(self._blocks.ranges))
        self._today: tuple[int, float, float] | None = None  # day, mean trust, aggrieved
        # Grievance fades only where there is some (zero stays zero): the fade runs over
        # the residents who have ever had a grievance, a few thousand, not the county.
        # Their numbers are kept as they come (the fade and the count of the aggrieved do
        # not depend on the order), so that no day searches the whole county for them.
        self._grieved = np.zeros(n, dtype=bool)
        self._grieved_index = NOBODY
        self._newly_grieved: list[np.ndarray] = []
        self._grieving_disputes: set[int] = set()
        self._groups: dict[int, tuple[np.ndarray, np.ndarray | None]] = {}

    def step(self) -> None:
        """Trust drifts back to its initial level (``trust += (initial - trust) *
        relax``); grievance fades (``grievance *= 1 - decay``, zero staying zero).

        One pass over every resident, block by block, with the blocks' temporaries kept
        in the cache (a city's arrays of 3 M are read once, not once for each use): it
        drifts trust, fades grievance when many have one (else only theirs fade, as in
        ``_grievances``), and on the way sums trust and counts the aggrieved for the
        day's records (``mean_trust_of_all``, ``aggrieved_today``)."""
        b = self.behaviour
        relax, fade = b.trust_relax_per_day, 1.0 - b.grievance_decay_per_day
        trust, initial, grievance = self.trust, self.initial_trust, self.grievance
        grieved = self._grieved_residents()
        fade_all = self._many(grieved)
        sums, aggrieved = self._block_sums, 0
        for k, (start, stop) in enumerate(self._blocks.ranges):
            t, d = trust[start:stop], self._drift[: stop - start]
            np.subtract(initial[start:stop], t, out=d)
            d *= relax
            t += d
            sums[k] = np.add.reduce(t)
            if fade_all:
                g = grievance[start:stop]
                g *= fade
                aggrieved += int(np.count_nonzero(g >= b.satisfied_below))
        if not fade_all and grieved.size:
            faded = grievance[grieved]
            faded *= fade
            grievance[grieved] = faded
            aggrieved = int(np.count_nonzero(faded >= b.satisfied_below))
        mean = self._blocks.total(sums.tolist()) / trust.size
        self._today = (self.model.day, mean, self._share(aggrieved, b.satisfied_below))

    def mean_trust_of_all(self) -> float:
        """Mean trust of all residents; after today's ``step``, its sum taken on the way
        (``float(trust.mean())`` to the last bit: no step after it changes trust)."""
        today = self._recorded_today()
        return today[1] if today else float(self.trust.mean())

    def aggrieved_today(self) -> float:
        """Share of all residents aggrieved after today's ``step`` (a grievance of at
        least ``satisfied_below``): ``aggrieved_share(satisfied_below)``, counted on the way."""
        today = self._recorded_today()
        return today[2] if today else self.aggrieved_share(self.behaviour.satisfied_below)

    def _recorded_today(self) -> tuple[int, float, float] | None:
        """What today's ``step`` recorded on its way (None before it has run today)."""
        return self._today if self._today and self._today[0] == self.model.day else None

    def aggrieved_share(self, at_least: float) -> float:
        """Share of all residents whose grievance is at least ``at_least``, read over the
        residents who have ever had one (everyone else is at zero)."""
        return self._share(int(np.count_nonzero(self._grievances() >= at_least)), at_least)

    def _share(self, count: int, at_least: float) -> float:
        """``count`` residents as a share of all; a threshold of zero counts everyone."""
        return count / self.grievance.size if at_least > 0.0 else 1.0

    def _many(self, grieved: np.ndarray) -> bool:
        """Whether so many have a grievance that reading (or fading) everyone's is cheaper
        than picking theirs out (the others are at zero): beyond about one in sixteen,
        picking out scattered residents costs more than a pass over all (3 M residents:
        1.1 ms a day either way at 7%, 3.5 ms against 1.0 ms at 12%, measured)."""
        return grieved.size * 16 > self.grievance.size

    def _grievances(self) -> np.ndarray:
        """The grievance of those who have ever had one, or everyone's when they are many."""
        grieved = self._grieved_residents()
        return self.grievance if self._many(grieved) else self.grievance[grieved]

    def may_grieve(self, who: np.ndarray) -> None:
        """``who`` are about to have a grievance: include them in the daily fade (the
        event methods here call it; code that writes ``grievance`` directly must too)."""
        new = who[~self._grieved[who]]
        if new.size:
            if new.size > 1 and len(set(new.tolist())) < new.size:
                new = np.unique(new)  # each once, should ``who`` name someone twice
            self._grieved[new] = True
            self._newly_grieved.append(new)

    def _grieved_residents(self) -> np.ndarray:
        """Everyone who has ever had a grievance, each once (in the order they had one)."""
        if self._newly_grieved:
            self._grieved_index = np.concatenate([self._grieved_index, *self._newly_grieved])
            self._newly_grieved.clear()
        return self._grieved_index

    # --- events ------------------------------------------------------------------------
    def waiting(self, d: Dispute) -> None:
        """A day without help: the claimants' grievance grows with the dispute's intensity
        and their trust erodes, whether or not they reported it (nobody came either way;
        a dispute under mediation is not waiting)."""
        b = self.behaviour
        grievance = b.grievance_wait_per_day * d.intensity
        share = -b.trust_loss_wait_per_day * d.intensity
        who, weight = self._claimants_and_ties(d)
        if weight is None:  # claimants among their own ties (hand-built): one side at a time
            self._add_grievance(d, grievance)
            if b.trust_loss_wait_per_day > 0:
                self._scale_trust(d.claimants, d.linked, share)
            return
        # Both sides at once, each with its weight (1, or the spillover share): the same
        # arithmetic as one side after the other, since no resident is on both.
        self._add_grievance_once(d)
        g = self.grievance
        g[who] = np.minimum(1.0, g[who] + weight * grievance)
        if b.trust_loss_wait_per_day > 0:
            t = self.trust[who]
            self.trust[who] = t + weight * share * t

    def wait_apart(self, who: np.ndarray, weight: np.ndarray, intensity: np.ndarray) -> None:
        """``waiting`` for several disputes at once: ``who`` are their claimants and ties,
        each with its ``weight`` and its dispute's ``intensity``. The arithmetic is that of
        ``waiting`` for each resident, provided no resident is in two of the disputes and
        no claimant among their own ties (the caller checks: ``roster.Roster.alone``), and
        ``who`` are in the fade already (``may_grieve``: the roster puts each dispute's
        claimants and ties there as the dispute comes in, not each day)."""
        if who.size == 0:
            return
        b = self.behaviour
        g = self.grievance
        g[who] = np.minimum(1.0, g[who] + weight * (b.grievance_wait_per_day * intensity))
        if b.trust_loss_wait_per_day > 0:
            t = self.trust[who]
            self.trust[who] = t + weight * (-b.trust_loss_wait_per_day * intensity) * t

    def wait_in_turn(
        self,
        who: np.ndarray,
        weight: np.ndarray,
        intensity: np.ndarray,
        repeats: np.ndarray,
    ) -> None:
        """``wait_apart`` where a resident may be in several of the disputes (listed in
        the order they wait): each resident's waits in that order, in rounds (everyone's
        first wait, then the second waits of those with two or more, ...), so that no
        round names a resident twice. ``repeats`` marks the columns whose resident may
        be named in another (the others are in the first round without being sorted).
        ``waiting``'s arithmetic where no claimant is among their own ties (with such a
        dispute's ties at full weight it gives more, never less)."""
        if who.size == 0:
            return
        again = np.flatnonzero(repeats)
        order = again[np.argsort(who[again], kind="stable")]  # each resident's in order
        sorted_who = who[order]
        first = np.flatnonzero(np.concatenate([[True], sorted_who[1:] != sorted_who[:-1]]))
        turn = np.arange(order.size) - np.repeat(first, np.diff(first, append=order.size))
        if not turn.any():  # nobody twice: one round
            self.wait_apart(who, weight, intensity)
            return
        rounds = np.zeros(who.size, dtype=np.int64)
        rounds[order] = turn
        for k in range(int(turn.max()) + 1):
            now = rounds == k
            self.wait_apart(who[now], weight[now], intensity[now])

    def weights(self, d: Dispute) -> np.ndarray | None:
        """The weight of each of the claimants and their ties in a change of attitude
        (1, or the spillover share); None if a claimant is also among the ties."""
        return self._claimants_and_ties(d)[1]

    def claimants_and_ties(self, d: Dispute) -> np.ndarray:
        """The dispute's claimants followed by their ties."""
        return self._claimants_and_ties(d)[0]

    def _claimants_and_ties(self, d: Dispute) -> tuple[np.ndarray, np.ndarray | None]:
        """The claimants followed by their ties, and the weight of each in a change of
        attitude (None if a claimant is also among the ties)."""
        cached = self._groups.get(d.id)
        if cached is None:
            who = np.concatenate([d.claimants, d.linked])
            apart = set(d.claimants.tolist()).isdisjoint(d.linked.tolist())
            weight = np.ones(who.size)
            weight[d.claimants.size :] = self.behaviour.spillover
            cached = self._groups[d.id] = (who, weight if apart else None)
        return cached

    def failed(self, d: Dispute) -> None:
        """A mediation attempt (or a petition) failed."""
        self._add_grievance(d, self.behaviour.grievance_failed_jump)
        self._scale_trust(d.parties, d.linked, -self.behaviour.trust_loss_failed)

    def missed_deadline(self, d: Dispute) -> None:
        self._add_grievance(d, self.behaviour.grievance_deadline_jump)
        self._scale_trust(d.parties, d.linked, -self.behaviour.trust_loss_failed)

    def kept_promise(self, d: Dispute) -> None:
        """Promised feedback or a follow-up visit came on time: the parties' trust grows
        (their ties a spillover share of that)."""
        self._scale_trust(d.parties, d.linked, self.behaviour.trust_gain_kept_promise)

    def visited(self, residents: np.ndarray) -> None:
        """A grid worker or cadre called on these residents (no spillover)."""
        t = self.trust[residents]
        self.trust[residents] = t + self.behaviour.trust_gain_visit * (1.0 - t)

    def resolved(self, d: Dispute) -> None:
        """The dispute ended resolved at ``d.level``: by the parties (no trust gained),
        by the county's judgement (one side wins) or by agreement or an office's answer
        (both sides' grievance relieved, trust gained)."""
        if d.level is Level.PARTIES:
            self._relieve(d.parties)
            self._record_ending(d.parties)
        elif d.level is Level.COUNTY:
            self.judged(d)
        else:
            self._relieve(d.parties)
            self._scale_trust(d.parties, d.linked, self.behaviour.trust_gain_resolved)
            self._record_ending(d.parties)

    def judged(self, d: Dispute) -> None:
        """A court judgement: one side (drawn evenly; the claimants when there is no
        other party) wins and is relieved; the other's grievance rises and its trust falls."""
        b = self.behaviour
        sides = [d.claimants, d.respondents]
        if d.respondents.size and self.judgements.random() < 0.5:
            sides.reverse()
        winner, loser = sides
        self._relieve(winner)
        self._scale_trust(winner, NOBODY, b.trust_gain_resolved)
        if loser.size:
            self.may_grieve(loser)
            g = self.grievance
            g[loser] = np.minimum(1.0, g[loser] + b.grievance_judgement_loser)
            self._scale_trust(loser, NOBODY, -b.trust_loss_failed)
        self._record_ending(winner)
        self.model.counts.parties_ended += int(loser.size)

    def petitioned(self, d: Dispute) -> None:
        """Residents petitioned: their ties see that help did not come."""
        self._scale_trust(d.linked, NOBODY, -self.behaviour.trust_loss_neighbour_petition)

    def intercepted(self, d: Dispute, petitioners: np.ndarray, grievance: float) -> None:
        """Petitioners were intercepted or talked down: their grievance rises and their
        trust falls as after a failure (their ties hear of it)."""
        self.may_grieve(petitioners)
        g = self.grievance
        g[petitioners] = np.minimum(1.0, g[petitioners] + grievance)
        self._scale_trust(petitioners, d.linked, -self.behaviour.trust_loss_failed)

    def pressed(self, d: Dispute, grievance: float) -> None:
        """An agreement was pressed on the parties: they resent it (before its relief)."""
        self.may_grieve(d.parties)
        g = self.grievance
        g[d.parties] = np.minimum(1.0, g[d.parties] + grievance)

    def petition_rejected(self, d: Dispute) -> None:
        """The office's answer did not resolve the matter."""
        self.failed(d)

    def turned_criminal(self, d: Dispute) -> None:
        """The dispute ended in violence: nobody is satisfied, the ties lose trust."""
        self.model.counts.parties_ended += int(d.parties.size)
        self._scale_trust(d.linked, NOBODY, -self.behaviour.trust_loss_neighbour_petition)

    # --- feedback ----------------------------------------------------------------------
    def net_grievance(self, residents: np.ndarray, risk: float) -> np.ndarray:
        """Epstein's rule with trust as legitimacy: grievance x (1 - trust) - risk."""
        return self.grievance[residents] * (1.0 - self.trust[residents]) - risk

    def mean_trust(self, residents: np.ndarray) -> float:
        """Mean trust of ``residents``; most disputes have one claimant, whose trust is
        the mean exactly, without an array reduction."""
        if residents.size == 1:
            return float(self.trust[residents[0]])
        if residents.size == 2:  # a dispute's two parties: numpy's mean, (a + b) / 2, exactly
            a, b = self.trust[residents].tolist()
            return (a + b) / 2
        return float(self.trust[residents].mean())

    # --- helpers -----------------------------------------------------------------------
    def _relieve(self, who: np.ndarray) -> None:
        self.grievance[who] *= 1.0 - self.behaviour.grievance_relief_resolved

    def _record_ending(self, satisfied_side: np.ndarray) -> None:
        """Count the parties of an ending; those whose grievance is low are satisfied."""
        counts = self.model.counts
        counts.parties_ended += int(satisfied_side.size)
        counts.parties_satisfied += int(
            (self.grievance[satisfied_side] < self.behaviour.satisfied_below).sum()
        )

    def _add_grievance_once(self, d: Dispute) -> None:
        if d.id not in self._grieving_disputes:  # claimants and ties join the fade once
            self._grieving_disputes.add(d.id)
            self.may_grieve(d.claimants)
            self.may_grieve(d.linked)

    def _add_grievance(self, d: Dispute, amount: float) -> None:
        self._add_grievance_once(d)
        g = self.grievance
        g[d.claimants] = np.minimum(1.0, g[d.claimants] + amount)
        if d.linked.size:
            g[d.linked] = np.minimum(1.0, g[d.linked] + self.behaviour.spillover * amount)

    def _scale_trust(self, who: np.ndarray, ties: np.ndarray, share: float) -> None:
        # A gain moves trust a share of the way to 1; a loss takes a share of it away.
        trust = self.trust
        for group, weight in ((who, 1.0), (ties, self.behaviour.spillover)):
            if group.size == 0:
                continue
            step = weight * share
            if group.size <= SMALL:  # most often a dispute's two parties: the same
                # arithmetic on Python floats (both are IEEE doubles, one operation at a
                # time), without the arrays' fixed cost; with repeats the last one counts,
                # as when numpy writes them.
                residents = group.tolist()
                old = trust[group].tolist()
                for r, t in zip(residents, old, strict=True):
                    trust[r] = t + step * ((1.0 - t) if share > 0 else t)
                continue
            t = trust[group]
            trust[group] = t + step * ((1.0 - t) if share > 0 else t)
