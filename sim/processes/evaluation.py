"""How officials are assessed, how they respond, and what their records then show.

Under assessment targets (zero petitions 零上访, a mediation success-rate quota 调成率,
disputes kept in the village) the documents describe figures produced "to meet
indicators, fill in report forms and pass assessments" (essays-063), officials for whom
"as long as nothing happens, better to do nothing" (grassroots-9), and stability
indicators stressed alone breeding group incidents (five-papers). Under the one-vote
veto (一票否决) a single group petition sinks a township's assessment. The responses
modelled here (``policy.evaluation``; every one off under ``none``):

- a dispute that comes to light at the grassroots may be kept off the mediation ledger
  until a mediator settles it: failed attempts on it are never entered, so the recorded
  success rate rises and disputes that end otherwise are never registered;
- the village may hold a dispute: it is never passed up to the township, by rule or by
  the parties' appeal (小事不出村 taken to the extreme);
- mediators press the parties to agree: agreement comes more often, and an agreement
  reached only because of the pressure relapses more often;
- an agreement pressed on the parties leaves them aggrieved (less often satisfied);
- petitioners are intercepted or talked down before an office registers the petition:
  the petition is never recorded, the dispute stays where it was, unresolved, the
  petitioners' grievance rises, and officials watch them (稳控) for some days so that
  they cannot petition again at once.

``Evaluation`` is consulted where these happen (like the escalation ladder): by
``ladder.intake`` when a dispute comes to light, by ``attempts.conclude`` when a
mediation ends, by ``offices.file`` before a petition is registered and by ``_lodge``
when it is. Its daily ``step`` only counts the residents who are aggrieved. Every draw comes
from the evaluation stream, and none is made under ``none``, so the recorded figures
then equal the true ones and no other number moves.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from sim.disputes import Channel, Dispute, Level, Status
from sim.processes import Process

if TYPE_CHECKING:
    from sim.model import GovernanceModel

# Channels through which grassroots officials learn of a dispute (and could keep it off
# their ledger); courts and letters-and-visits offices register what reaches them.
GRASSROOTS = frozenset(
    {
        Channel.SELF_REPORT,
        Channel.NEIGHBOUR,
        Channel.GRID_VISIT,
        Channel.CADRE_VISIT,
        Channel.CAMPAIGN,
    }
)


class Evaluation(Process):
    rng: np.random.Generator

    def __init__(self, model: GovernanceModel, rng: np.random.Generator) -> None:
        super().__init__(model, rng)
        self.rule = rule = model.params.policy.evaluation
        self.pressure = {
            Level.ON_THE_SPOT: rule.pressure_logit_village,
            Level.VILLAGE: rule.pressure_logit_village,
            Level.TOWNSHIP: rule.pressure_logit_township,
        }
        n = model.world.n_villages
        # Petition events by village: every attempt (filed or intercepted) and those an
        # office registered.
        self.attempts_by_village = np.zeros(n, dtype=np.int64)
        self.recorded_by_village = np.zeros(n, dtype=np.int64)
        # Residents who would not be satisfied (grievance at or above the satisfaction
        # threshold), summed over days: the true grievance officials' figures do not show.
        self.aggrieved_days = 0.0

    def step(self) -> None:
        self.aggrieved_days += self.model.attitudes.aggrieved_today()

    # --- a dispute comes to light ------------------------------------------------------
    def came_to_light(self, d: Dispute, channel: Channel) -> None:
        """Once per dispute, at its first coming to light at the grassroots: whether the
        officials keep it off the ledger until settled, and whether the village holds it."""
        rule = self.rule
        if d.assessed or channel not in GRASSROOTS:
            return
        d.assessed = True
        if rule.hide_unsettled > 0 and self.rng.random() < rule.hide_unsettled:
            d.hidden = True
        if rule.hold_down > 0 and self.rng.random() < rule.hold_down:
            d.held = True
            self.model.counts.disputes_held += 1

    # --- mediation ---------------------------------------------------------------------
    def pressure_logit(self, level: Level) -> float:
        """Log-odds of agreement the officials' pressure adds at ``level``."""
        return self.pressure.get(level, 0.0)

    def concluded(self, d: Dispute, agreed: bool, pressed: bool) -> None:
        """A mediation attempt ended; ``pressed``: the agreement came only from pressure.
        Called before an agreement resolves the dispute, so that a pressed agreement's
        grievance is in place when the parties' satisfaction is counted.

        The ledger enters the attempt unless the dispute is kept off it; a settled
        dispute that was kept off is entered now, with its successful attempt."""
        counts = self.model.counts
        if agreed:
            d.hidden = False
            d.pressed = pressed
            if pressed:
                counts.pressed_agreements += 1
                self.model.attitudes.pressed(d, self.rule.pressed_grievance)
        if not d.hidden:
            counts.recorded_attempts += 1
            counts.recorded_successes += int(agreed)

    # --- petitions ---------------------------------------------------------------------
    def intercepts(self, d: Dispute, kind: Status, petitioners: np.ndarray) -> bool:
        """Whether the petition is intercepted or talked down before an office registers
        it; if so the dispute stays as it was and the petitioners' grievance rises."""
        rule = self.rule
        chance = (
            rule.group_interception if kind is Status.GROUP_PETITION else rule.petition_interception
        )
        if chance <= 0 or self.rng.random() >= chance:
            return False
        model = self.model
        model.counts.petitions_intercepted[kind.value] += 1
        self.attempts_by_village[d.village] += 1
        d.watched_until = model.day + rule.watch_days
        d.intercepted += 1
        model.attitudes.intercepted(d, petitioners, rule.interception_grievance)
        return True

    def registered(self, d: Dispute) -> None:
        """An office registered a petition (件次) from ``d``'s village."""
        self.attempts_by_village[d.village] += 1
        self.recorded_by_village[d.village] += 1
