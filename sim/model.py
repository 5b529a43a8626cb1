"""The governance model: one county, one policy, one seed; one step is one day.

The daily order of processes is written down once, in ``GovernanceModel.step``.
The model takes validated ``Params`` and never reads files or Hydra objects.
"""

from __future__ import annotations

import mesa
from mesa.agentset import AgentSet

from sim.agents import Cadre, GridWorker, Mediator, Residents
from sim.config.schema import Params
from sim.costs import Ledger
from sim.counts import Counts
from sim.disputes import DisputeBook
from sim.housekeeping import small_pages
from sim.metrics import SERIES_REPORTERS
from sim.processes.attitudes import Attitudes
from sim.processes.discovery import Reports
from sim.processes.escalation import Deadlines, EscalationLadder
from sim.processes.evaluation import Evaluation
from sim.processes.informal import Elders
from sim.processes.mediation import Centres, MediationAttempts, VillageMediation
from sim.processes.onset import Onset
from sim.processes.petitions import LettersAndVisits, Petitions
from sim.processes.prevention import LegalAdvisers, VillageRules
from sim.processes.projects import Projects
from sim.processes.relapse import Relapse
from sim.processes.responses import Responses
from sim.processes.visits import CadreVisits, Campaigns, GridWorkerVisits
from sim.rng import RngTree
from sim.schedules import Rotation
from sim.village_policy import mediator_skills, village_policy
from sim.world import build_world


class GovernanceModel(mesa.Model):
    """The county's day by day: the state (world, dispute book, residents' attitudes,
    counts, cost ledger), the agents, two shared rules and the daily processes."""

    def __init__(self, params: Params) -> None:
        self.streams = streams = RngTree(params.seed)
        super().__init__(rng=streams.integer_seed("mesa"))
        self.params, self.behaviour = params, params.behaviour
        self.day = 0
        with small_pages():  # the build's short-lived arrays: see sim.housekeeping
            self.world = build_world(
                params.scenario, params.policy.visits.grid_households, streams["world"]
            )
        # The staffing and visit levers of each village (county, type, table, name).
        self.local = village_policy(params, self.world)
        self.book = DisputeBook(self.world.n_villages, self.world.n_townships)
        self.counts = Counts()
        self.ledger = Ledger(params.costs)
        self.visit_log: list[tuple[int, int]] = []  # (day, village) of every cadre visit day
        # The residents' trust and grievance; their initial trust draws on the world stream
        # after the world and before the mediators' skills.
        self.attitudes = Attitudes(self, streams["world"], streams["judgements"])
        # Officials' responses to their assessment and the records they keep: consulted
        # by the rules and processes below; its step sums the day's grievance.
        self.evaluation = Evaluation(self, streams["evaluation"])
        # Rules consulted whenever a dispute needs them, wherever that falls in the day.
        self.attempts = MediationAttempts(self, streams.uniforms("mediation"))
        self.ladder = EscalationLadder(self, streams["appeal"])
        self.offices = LettersAndVisits(self, streams["petitions"])
        # Prevention levers consulted by onset, discovery and relapse (off by default).
        self.village_rules = VillageRules(self, streams["village_rules"])
        self.advisers = LegalAdvisers(self)
        # The daily processes, in the order of ``step``. The four discovery processes
        # share the discovery stream; the mediation processes draw through ``attempts``.
        # Streams drawn only as uniforms, one at a time, are read through a shared
        # read-ahead (``streams.uniforms``): the same numbers, without a numpy call each.
        self.onset = Onset(self, streams["onset"])
        self.elders = Elders(self, streams["elders"])
        self.projects = Projects(self, streams["projects"])
        self.reports = Reports(self, streams.uniforms("discovery"))
        self.grid_visits = GridWorkerVisits(self, streams.uniforms("discovery"))
        self.cadre_visits = CadreVisits(self, streams.uniforms("discovery"))
        self.campaigns = Campaigns(self, streams.uniforms("discovery"))
        self.village_mediation = VillageMediation(self)
        self.centres = Centres(self)
        self.deadlines = Deadlines(self, streams["promises"])
        self.responses = Responses(self, streams.uniforms("responses"))
        self.petitions = Petitions(self)
        self.relapse = Relapse(self, streams.uniforms("relapse"))
        self._create_agents()
        self.datacollector = mesa.DataCollector(model_reporters=SERIES_REPORTERS)

    @property
    def discovery_delays(self) -> list[int]:
        return self.book.discovery_delays

    def _create_agents(self) -> None:
        world = self.world
        # A resident's agent is created when a dispute first involves them (onset).
        self.residents = Residents(self)
        self.rotation = Rotation(self, world.grid_size)
        workers = [
            GridWorker(self, grid, int(world.grid_village[grid]), int(world.grid_size[grid]))
            for grid in range(world.n_grids)
        ]
        self.worker_of_grid = workers  # AgentSet indexing is linear; grids need a lookup
        self.grid_workers = AgentSet(workers, random=self.random)
        self.mediators = AgentSet(self._staff_mediators(), random=self.random)
        self.cadres = AgentSet(self._assign_cadres(), random=self.random)

    def _staff_mediators(self) -> list[Mediator]:
        # Skills are the world stream's last draws, so staffing never changes the world.
        staffing, n_villages = self.params.policy.staffing, self.world.n_villages
        skills = mediator_skills(self.local, staffing, self.streams["world"], self.streams["staff"])
        staff = []
        for village in range(n_villages):
            local = self.local.staffing[village]
            full_time = local.mediator_type == "full_time"
            staff += [
                Mediator(self, (village,), float(skill), full_time, local.mediator_cases_at_once)
                for skill in skills[village]
            ]
        every_village = tuple(range(n_villages))
        staff += [
            Mediator(
                self,
                every_village,
                staffing.roving_mediator_skill,
                True,
                staffing.mediator_cases_at_once,
            )
            for _ in range(staffing.county_roving_mediators)
        ]
        return staff

    def _assign_cadres(self) -> list[Cadre]:
        # Each township's villages are dealt out to its cadres in turn.
        world, per_township = self.world, self.params.policy.visits.cadres_per_township
        cadres = []
        for township in range(world.n_townships):
            villages = [v for v in range(world.n_villages) if world.village_township[v] == township]
            cadres += [
                Cadre(self, township, tuple(villages[first::per_township]))
                for first in range(per_township)
            ]
        return cadres

    def step(self) -> None:
        """One day, in this order (the only place the order is written).

        Whatever comes to light in steps 2-5 is routed at that moment by
        ``ladder.intake``: a mild dispute found by a grid worker is settled on the spot
        by that grid worker then and there, and every other one joins a queue (or the
        county's cases) that steps 6-7 read. A failed mediation, whenever it ends, is
        routed at once by ``ladder.after_failure``. A petition (step 9) is filed with
        the letters-and-visits offices by ``offices.file``; step 10 answers those due.
        """
        self.onset.step()  # 1. new disputes (onset stream only; village rules prevent some)
        self.elders.step()  # 1a. elders settle some latent disputes informally (if any)
        self.projects.step()  # 1b. disputes of requisition projects under way (projects stream)
        self.reports.step()  # 2. reports, neighbours' tips, direct filings, private settlements
        self.grid_visits.step()  # 3. grid workers visit households
        self.cadre_visits.step()  # 4. cadres' visit days
        self.campaigns.step()  # 5. county-ordered screening campaigns
        self.village_mediation.step()  # 6. village mediators finish cases, then take new ones
        self.centres.step()  # 7. township centres and the county
        self.deadlines.step()  # 8. day limits pass disputes up; feedback deadlines kept or missed
        self.responses.step()  # 9. intensification, grievance, petitions, criminal turns
        self.petitions.step()  # 10. letters-and-visits offices answer the petitions due
        self.relapse.step()  # 11. follow-up visits, relapses of recently resolved disputes
        self.attitudes.step()  # 12. trust drifts back, grievance fades
        self.evaluation.step()  # 12b. residents aggrieved today (officials' responses act above)
        self.datacollector.collect(self)  # 13. the day's series
        self.day += 1
