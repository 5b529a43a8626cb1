"""What aggrieved residents do when help does not come (Epstein's rule, S26).

Each day, for each open dispute: it intensifies while unattended; the claimants'
grievance grows; an intense interpersonal dispute may turn criminal (民转刑), more readily
when its parties are aggrieved; a group petition forms when enough linked residents share
the grievance; a claimant with high grievance and low trust petitions, skipping levels
when trust is very low; not while officials watch them after an interception
(``policy.evaluation``). Petitions are filed with the letters-and-visits offices
(``model.offices``, sim.processes.petitions), which handle them from then on.
"""

from __future__ import annotations

from itertools import compress
from typing import TYPE_CHECKING

import numpy as np

from sim import processes
from sim.agents import Resident
from sim.disputes import PETITIONING, Dispute, Status
from sim.processes import MARGIN, Process
from sim.processes.onset import TYPES
from sim.processes.roster import Kind, Roster
from sim.processes.turns import SharedWaits
from sim.ranges import ranges
from sim.rng import Uniforms

if TYPE_CHECKING:
    from sim.model import GovernanceModel


class Responses(Process):
    rng: Uniforms

    def __init__(self, model: GovernanceModel, rng: Uniforms) -> None:
        super().__init__(model, rng)
        self.behaviour = model.params.behaviour.responses
        self.risk = self.behaviour.risk_aversion * self.behaviour.deterrence
        disputes = model.params.behaviour.disputes
        self.growth = model.params.behaviour.intensity.growth_per_day
        self.type_params = {t: getattr(disputes, t.value) for t in TYPES}
        self.group_cap = model.params.behaviour.petitions.group_cap
        # Per type, keyed by the member's identity: hashing an Enum member runs Python
        # code, and these are read for every open dispute every day.
        self._step = {
            id(t): min(1.0, self.growth * p.intensification) for t, p in self.type_params.items()
        }
        self._violent = {id(t): p.can_turn_criminal for t, p in self.type_params.items()}
        # Statuses by identity, for the same reason (a dispute at an office is not
        # petitioned again).
        self._petitioning = frozenset(map(id, PETITIONING))
        kinds = {id(t): Kind(self._violent[id(t)], self._step[id(t)]) for t in TYPES}
        self.roster = Roster(model.attitudes, kinds, model.world.n_residents)
        self.turns = SharedWaits(model.attitudes, self.roster)

    def step(self) -> None:
        """Every open dispute in the book's order: a dispute not under mediation
        intensifies and its claimants wait (``attitudes.waiting``), then its parties
        respond, with three draws each (``respond``).

        Dispute by dispute, that is a dozen Python steps for each open dispute every day,
        and almost always nothing comes of them. So a day of many disputes
        (``processes.BATCH_FROM``) runs in two passes with the same result. A dispute
        whose residents (claimants, ties, respondents) no other open dispute involves
        changes and reads only its own residents, whenever in the day that is done: the
        waiting of all those disputes is done at once (``roster.Roster``). Then, in the
        book's order, the disputes that share a resident wait in their turn, and of all
        the disputes only those whose draws leave something possible today respond
        (``_may_act``, ``_in_turn``). The draws are the same, three per dispute in order."""
        model = self.model
        disputes = list(model.book.open.values())
        n = len(disputes)
        if n < processes.BATCH_FROM:
            self.one_by_one(disputes)
            return
        draws = self.rng.take(3 * n).reshape(n, 3)
        ids = model.book.open.ids()
        waits = ~model.book.mediating[ids]
        day = self.roster
        day.update(disputes, ids)
        # ``intensify``, for every dispute not under mediation at once.
        intensity = np.fromiter((d.intensity for d in disputes), float, n)
        intensity[waits] += day.growth[waits] * (1.0 - intensity[waits])
        for d, grown in zip(compress(disputes, waits), intensity[waits].tolist(), strict=True):
            d.intensity = grown
        apart = day.alone & waits
        each = np.repeat(apart, day.who_size)  # the claimants and ties of those
        model.attitudes.wait_apart(
            day.who[each], day.weight[each], np.repeat(intensity, day.who_size)[each]
        )
        alone = np.flatnonzero(day.alone)
        actors = alone[self._may_act(day, intensity, draws, alone)]
        self.turns.begin(disputes, np.flatnonzero(~day.alone), waits, intensity)
        self._in_turn(disputes, intensity, draws, actors)

    def one_by_one(self, disputes: list[Dispute]) -> None:
        """The day as the rule reads, for a few disputes (the arrays' fixed costs would
        outweigh the work): each intensifies and waits unless under mediation, then
        responds with its three draws."""
        draw, waiting, mediating = (
            self.rng.random,
            self.model.attitudes.waiting,
            Status.IN_MEDIATION,
        )
        for d in disputes:
            u_group, u_crime, u_petition = draw(), draw(), draw()
            if d.status is not mediating:
                self.intensify(d)
                waiting(d)
            self.respond(d, u_group, u_crime, u_petition)

    def _in_turn(
        self, disputes: list[Dispute], intensity: np.ndarray, draws: np.ndarray, actors: np.ndarray
    ) -> None:
        """The disputes that share residents, in the book's order, each waiting and then
        responding after those before it, with ``actors`` (disputes alone whose draws
        leave an action possible) responding in their places among them.

        Waiting only raises a resident's net grievance, so what a dispute may do today
        is bounded by its residents' attitudes after all the remaining waits
        (``_possible``). Until a dispute so bounded comes, the waits before it are made
        at once (``turns.SharedWaits``) and nobody responds; only a response that acts
        changes attitudes otherwise, and then the bound is taken again for those after it."""
        turns = self.turns
        shared = turns.shared
        possible, next_actor = self._possible(0, intensity, draws), 0
        while True:
            j = int(possible[0]) if possible.size else shared.size  # the next that may act
            possible = possible[1:]
            turns.wait_through(j)
            place = shared[j] if j < shared.size else len(disputes)
            stop = int(np.searchsorted(actors, place))
            for i in actors[next_actor:stop].tolist():
                self.respond(disputes[i], *draws[i].tolist())
            if j == shared.size:
                return
            next_actor = stop
            if self.respond(disputes[shared[j]], *draws[shared[j]].tolist()):
                possible = j + 1 + self._possible(j + 1, intensity, draws)

    def _possible(self, first: int, intensity: np.ndarray, draws: np.ndarray) -> np.ndarray:
        """Which of the sharing disputes from ``first`` on (places among them) may act
        today whatever is left of their waits: judged on the attitudes they read as
        after all those waits (``SharedWaits.all_made``)."""
        day, rest = self.roster, self.turns.shared[first:]
        if rest.size == 0:
            return rest
        group = rest[draws[rest, 0] < self.behaviour.group_per_day]
        read = np.concatenate(
            [
                day.parties[ranges(day.parties_at[rest], day.parties_size[rest])],
                day.who[ranges(day.who_at[group], day.who_size[group])],
            ]
        )
        with self.turns.all_made(read):
            return np.flatnonzero(self._may_act(day, intensity, draws, rest))

    def _may_act(
        self, day: Roster, intensity: np.ndarray, draws: np.ndarray, places: np.ndarray
    ) -> np.ndarray:
        """For the disputes at ``places``, whether their draws leave violence, a group
        petition or a petition possible today. Computed for all at once, and generous by
        a hair (``processes.MARGIN``) where numpy's exp may round differently: a dispute
        it lets through still decides by ``respond``; one it stops could not have acted."""
        rule, attitudes = self.behaviour, self.model.attitudes
        u_group, u_crime, u_petition = draws[places].T
        act = np.zeros(places.size, dtype=bool)
        if rule.criminal_intensity < 1.0:  # as ``turns_criminal``
            violent = day.violent[places] & (intensity[places] > rule.criminal_intensity)
            intense = places[violent]
            size = day.parties_size[intense]
            grievance = attitudes.grievance[day.parties[ranges(day.parties_at[intense], size)]]
            most = np.maximum.reduceat(grievance, np.cumsum(size) - size) if size.size else size
            excess = (intensity[intense] - rule.criminal_intensity) / (
                1.0 - rule.criminal_intensity
            )
            hazard = rule.criminal_per_day * excess * (1.0 + rule.criminal_grievance_weight * most)
            act[violent] = u_crime[violent] < hazard + MARGIN
        # A group of at least ``group_min_size`` ready to join (as ``Resident.join_group``),
        # read only where today's draw lets a group form (a city's disputes have tens of
        # thousands of claimants and ties; most draws rule a group out).
        may = np.flatnonzero(u_group < rule.group_per_day)
        if may.size:
            size = day.who_size[places[may]]
            columns = ranges(day.who_at[places[may]], size)
            ready = attitudes.net_grievance(day.who[columns], self.risk * rule.group_risk_share)
            start = np.cumsum(size) - size  # each dispute's first column among them
            ready_count = np.add.reduceat(ready > rule.group_threshold, start, dtype=np.int64)
            act[may] |= ready_count >= rule.group_min_size
        # The lead claimant's chance (as ``Resident.petition_chance``).
        lead = attitudes.net_grievance(day.lead[places], self.risk)
        excess = (lead - rule.petition_threshold) / rule.petition_steepness
        with np.errstate(over="ignore"):  # far below the threshold: exp overflows, chance 0
            chance = rule.petition_per_day / (1.0 + np.exp(-excess))
        act |= u_petition < chance + MARGIN
        return act

    def intensify(self, d: Dispute) -> None:
        """Intensity grows a type's daily share of the way to 1 (at most all of it)."""
        d.intensity += self._step[id(d.kind)] * (1.0 - d.intensity)

    def respond(self, d: Dispute, u_group: float, u_crime: float, u_petition: float) -> bool:
        """The parties' response today, if any; one uniform draw per option.

        Violence can break out whatever the dispute's state; an open dispute (latent,
        waiting or under mediation: parties petition while a court or a centre works on
        their case too) may be taken to a letters-and-visits office, by a group of linked
        residents who share the grievance or by the lead claimant. A dispute already at an
        office is not petitioned again, nor one whose claim was closed after
        re-examination. Whether the parties acted (and so may have changed attitudes)."""
        model, rule = self.model, self.behaviour
        if self.turns_criminal(d, u_crime):
            model.book.end_badly(d, Status.CRIMINAL, model.day)
            model.attitudes.turned_criminal(d)
            return True
        if d.petition_closed or id(d.status) in self._petitioning or d.watched_until > model.day:
            return False  # at an office, closed, or watched after an interception (稳控)
        if u_group < rule.group_per_day:  # a group forms today if enough are ready
            group = model.attitudes.claimants_and_ties(d)
            group_risk = self.risk * rule.group_risk_share  # safety in numbers
            ready = Resident.join_group(model, group, group_risk, rule.group_threshold)
            if ready.size >= rule.group_min_size:
                model.offices.file(d, Status.GROUP_PETITION, ready[: self.group_cap])
                return True
        if u_petition >= rule.petition_per_day:
            return False  # above the most any claimant's chance can be: nobody petitions today
        lead = model.residents[int(d.claimants[0])]
        if u_petition < lead.petition_chance(self.risk, rule):
            model.offices.file(d, lead.petition_kind(rule), d.claimants[:1])
            return True
        return False

    def turns_criminal(self, d: Dispute, u: float) -> bool:
        """民转刑: an intense dispute of a type that produces violence turns criminal, more
        readily the more aggrieved its most aggrieved party is."""
        rule = self.behaviour
        if not self._violent[id(d.kind)] or d.intensity <= rule.criminal_intensity:
            return False
        excess = (d.intensity - rule.criminal_intensity) / (1.0 - rule.criminal_intensity)
        grievance = float(self.model.attitudes.grievance[d.parties].max())
        hazard = rule.criminal_per_day * excess * (1.0 + rule.criminal_grievance_weight * grievance)
        return u < hazard
