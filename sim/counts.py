"""What the model's parts did over a run, declared once: one field per count.

Statuses are counted by the dispute book; these are the acts that leave no status
behind. Each count is written by one part of the model (named in its comment) and
read by an outcome measure (``sim.metrics``), a cost (``sim.costs``) or a test.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass
class Counts:
    cadre_visit_days: int = 0  # agents.Cadre: governance days spent visiting villages
    cadre_visits_missed: int = 0  # agents.Cadre: visits due with no governance day left
    campaign_days: int = 0  # visits.Campaigns: cadre days of screening, one per village
    direct_filings: int = 0  # escalation.EscalationLadder: disputes filed with county bodies
    county_cases: int = 0  # escalation.EscalationLadder: cases the county took
    appeals_to_township: int = 0  # escalation.EscalationLadder: failed village mediations appealed
    mediation_attempts: int = 0  # mediation.MediationAttempts: attempts concluded, any level
    mediation_successes: int = 0  # mediation.MediationAttempts: attempts that reached agreement
    missed_deadlines: int = 0  # escalation.Deadlines: feedback deadlines missed
    relapses: int = 0  # relapse.Relapse: resolved disputes that flared up again
    kept_deadlines: int = 0  # escalation.Deadlines: feedback promised and given on time
    deadline_exits: int = 0  # escalation.Deadlines: parties who went to county bodies after a miss
    follow_ups: int = 0  # relapse.Relapse: follow-up visits made
    follow_ups_missed: int = 0  # relapse.Relapse: follow-up visits due that no one had time for
    relapses_caught: int = 0  # relapse.Relapse: relapses the follow-up grid worker heard of at once
    mediator_time_short: int = 0  # agents.Mediator: days a mediator lacked time for the next case
    county_queued: int = 0  # mediation.Centres: case-days spent queued for the county's slots
    township_queued: int = 0  # mediation.Centres: case-days queued for township centres' slots
    passed_up_attempts: int = 0  # escalation.EscalationLadder: passed up at a failed-attempt limit
    passed_up_days: int = 0  # escalation.Deadlines: passed up at a day limit
    # petitions.LettersAndVisits: petitions filed (件次) by kind (Status value), repeats included
    petitions_filed: Counter[str] = field(default_factory=Counter)
    group_petitioners: int = 0  # petitions.LettersAndVisits: people in group petitions filed
    repeat_petitions: int = 0  # petitions.LettersAndVisits: reviews and re-examinations asked
    petitions_resolved: int = 0  # petitions.LettersAndVisits: petitions resolved by an answer
    petitions_sent_back: int = 0  # petitions.LettersAndVisits: sent back down to mediation
    owned_cases: int = 0  # petitions.LettersAndVisits: hard cases a named cadre owned (包案)
    relief_cases: int = 0  # petitions.LettersAndVisits: hard cases the relief fund closed
    parties_ended: int = 0  # attitudes.Attitudes: parties of disputes that ended
    parties_satisfied: int = 0  # attitudes.Attitudes: of those, satisfied with the ending
    # evaluation.Evaluation: what officials' records hold, and how they kept them
    recorded_attempts: int = 0  # mediation attempts entered in the ledger
    recorded_successes: int = 0  # of those, agreements
    pressed_agreements: int = 0  # agreements reached only because the parties were pressed
    disputes_held: int = 0  # disputes the village held (never passed up)
    # petitions intercepted or talked down before an office registered them, by kind
    petitions_intercepted: Counter[str] = field(default_factory=Counter)
    disputes_prevented: int = 0  # onset.Onset: disputes village rules kept from arising
    elder_attempts: int = 0  # informal.Elders: disputes an elder stepped into
    elder_settlements: int = 0  # informal.Elders: of those, settled before the elder
    project_disputes: int = 0  # projects.Projects: collective disputes requisition projects raised
    project_disputes_averted: int = 0  # projects.Projects: of those, averted by an assessment
    risk_assessments: int = 0  # projects.Projects: projects assessed, one per village and project
