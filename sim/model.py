"""The governance model: one county, one policy, one seed; one step is one day.

The daily order of processes is written down once, in ``GovernanceModel.step``.
The model takes validated ``Params`` and never reads files or Hydra objects.
"""

from __future__ import annotations

from collections import Counter

import mesa
import numpy as np
from mesa.agentset import AgentSet

from sim.agents import Cadre, GridWorker, Mediator, Resident
from sim.config.schema import Params
from sim.costs import Ledger
from sim.disputes import Dispute, DisputeBook, Status
from sim.metrics import SERIES_REPORTERS
from sim.processes.attitudes import Attitudes
from sim.processes.discovery import Discovery
from sim.processes.escalation import EscalationLadder
from sim.processes.mediation import Mediation
from sim.processes.onset import TYPES, Onset, complexity_of
from sim.processes.relapse import Relapse
from sim.processes.responses import Responses
from sim.rng import RngTree
from sim.world import build_world


class GovernanceModel(mesa.Model):
    dispute_types = TYPES

    def __init__(self, params: Params) -> None:
        self.streams = RngTree(params.seed)
        super().__init__(rng=self.streams.integer_seed("mesa"))
        self.params, self.behaviour = params, params.behaviour
        self.day = 0
        self.world = build_world(
            params.scenario, params.policy.visits.grid_households, self.streams["world"]
        )
        self.book = DisputeBook()
        self.tally: Counter[str] = Counter()
        self.ledger = Ledger(params.costs)
        self.discovery_delays: list[int] = []
        self.visit_log: list[tuple[int, int]] = []
        self.attitudes = Attitudes(
            self.behaviour.attitudes, self.world.network, self.streams["world"]
        )
        self.onset = Onset(self.behaviour, self.world, self.streams["onset"])
        self.discovery = Discovery(self, self.streams["discovery"])
        self.mediation = Mediation(self, self.streams["mediation"])
        self.escalation = EscalationLadder(
            params.policy.escalation,
            params.policy.staffing.on_the_spot_max_severity,
            self.behaviour.responses.appeal_after_village_failure,
            self.streams["appeal"],
        )
        self.responses = Responses(self, self.streams["escalation"])
        self.relapse = Relapse(self, self.streams["relapse"])
        self._create_agents()
        self.datacollector = mesa.DataCollector(model_reporters=SERIES_REPORTERS)

    def _create_agents(self) -> None:
        w = self.world
        self.residents = Resident.create_agents(
            self, w.n_residents, index=list(range(w.n_residents))
        )
        workers = [
            GridWorker(self, g, int(w.grid_village[g]), int(w.grid_size[g]))
            for g in range(w.n_grids)
        ]
        self.worker_of_grid = workers  # AgentSet indexing is linear; grids need a lookup
        self.grid_workers = AgentSet(workers, random=self.random)
        self.mediators = AgentSet(self._staff_mediators(), random=self.random)
        self.cadres = AgentSet(self._assign_cadres(), random=self.random)

    def _staff_mediators(self) -> list[Mediator]:
        # Skills are the world stream's last draws, so staffing never changes the world.
        s, n_villages = self.params.policy.staffing, self.world.n_villages
        full_time = s.mediator_type == "full_time"
        skills = np.clip(
            self.streams["world"].normal(
                s.mediator_skill_mean, s.mediator_skill_sd, (n_villages, s.mediators_per_village)
            ),
            0.0,
            1.0,
        )
        staff = [
            Mediator(self, (v,), float(skill), full_time, s.mediator_cases_at_once)
            for v in range(n_villages)
            for skill in skills[v]
        ]
        every_village = tuple(range(n_villages))
        staff += [
            Mediator(self, every_village, s.roving_mediator_skill, True, s.mediator_cases_at_once)
            for _ in range(s.county_roving_mediators)
        ]
        return staff

    def _assign_cadres(self) -> list[Cadre]:
        # Each township's villages are dealt out to its cadres in turn.
        w, n = self.world, self.params.policy.visits.cadres_per_township
        cadres = []
        for t in range(w.n_townships):
            villages = [v for v in range(w.n_villages) if w.village_township[v] == t]
            cadres += [Cadre(self, t, tuple(villages[c::n])) for c in range(n)]
        return cadres

    def step(self) -> None:
        """One day, in this order (the only place the order is written)."""
        self.arise()  # 1. new disputes (onset stream only)
        self.discovery.reports_and_tips()  # 2. reports, neighbours' tips, private settlements
        self.grid_workers.do("visit_households")  # 3. grid-worker household visits
        self.cadres.do("visit_villages")  # 4. cadre visit days
        self.discovery.campaign()  # 5. county-ordered screening campaigns
        self.mediators.do("conclude_cases")  # 6. village mediation: finish, then start cases
        self.mediators.do("take_cases")
        self.mediation.run_centres()  # 7. township centres and the county
        self.escalation.apply(self)  # 8. day limits and feedback deadlines pass disputes up
        self.responses.apply()  # 9. intensification, grievance, petitions, criminal turns
        self.relapse.apply()  # 10. relapses of recently resolved disputes
        self.attitudes.relax()  # 11. trust drifts back, grievance fades
        self.datacollector.collect(self)  # 12. the day's counters
        self.day += 1

    def arise(self) -> None:
        m = self.behaviour.mediation
        for d in self.onset.arise(
            self.day, lambda s: complexity_of(s, m.simple_below, m.complex_above)
        ):
            self.book.add(d)

    def end_badly(self, d: Dispute, outcome: Status) -> None:
        """The dispute leaves the mediation system as a petition or a criminal case."""
        self.mediation.dequeue(d)
        self.book.move(d, outcome, self.day)
        self.tally[outcome.value] += 1
