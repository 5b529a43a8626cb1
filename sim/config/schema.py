"""The parameter schema: every input of a run, typed, bounded and documented.

Groups follow the Hydra config groups: ``scenario`` (the world), ``policy.visits``,
``policy.staffing``, ``policy.escalation`` (the levers planners argue about),
``behaviour`` (uncertain behavioural assumptions, the calibration targets' knobs) and
``costs``. Values and their sources are in ``configs/``; this file says what is valid.
"""

from __future__ import annotations

from dataclasses import dataclass

from sim.config.fields import (
    MAX_DAYS,
    MAX_LOGIT,
    MAX_SEED,
    MAX_STAFF,
    MAX_TENSION_SD,
    MAX_YUAN,
    beta_mean,
    count,
    param,
    positive,
    probability,
)


@dataclass(frozen=True)
class ScenarioParams:
    name: str = param("scenario label written into outputs")
    n_townships: int = count("townships in the county", lo=1)
    n_villages: int = count("villages in the county, spread evenly over townships", lo=1)
    residents_per_village: int = count("mean residents per village", "residents", lo=10)
    village_size_sd: float = positive("relative spread of village sizes (sd / mean)")
    min_village_size: float = positive(
        "smallest village size, as a share of the mean, before sizes are rescaled", "ratio"
    )
    household_size: float = param("mean residents per household", "residents", lo=1.0)
    lineages_per_village: int = count("kin lineages (clans) per village", lo=1)
    mixed_lineage_share: float = probability(
        "share of households (in-married, moved) not of the lineage of their stretch of lane",
        "share",
    )
    kin_ties_per_resident: float = positive("mean kin ties to own lineage", "ties")
    neighbour_span: int = count("households on each side counted as neighbours", "households")
    neighbour_ties_per_resident: float = positive("mean ties to neighbouring households", "ties")
    cross_village_ties_per_resident: float = positive("mean ties to other villages", "ties")
    closure_ties_per_resident: float = positive(
        "mean ties to friends of friends (triadic closure, raises clustering)", "ties"
    )
    cross_township_share: float = probability("share of cross-village ties leaving the township")
    tension_sd: float = positive(
        "sd of the log of each village's dispute-onset multiplier", hi=MAX_TENSION_SD
    )
    onset_multiplier: float = positive(
        "multiplier on every type's onset rate (a bad year, a requisition surge)",
        "ratio",
        hi=100.0,
    )


@dataclass(frozen=True)
class VisitsParams:
    name: str = param("preset label")
    cadre_visit_interval_days: int | None = param(
        "days between a cadre's routine visits to a village; null = no routine visits",
        "days",
        lo=1,
        hi=MAX_DAYS,
    )
    cadres_per_township: int = count(
        "township cadres assigned to visit villages", "cadres", hi=MAX_STAFF
    )
    cadre_visit_quality: float = probability(
        "share of a cadre visit day spent going door to door rather than meeting only the "
        "village leaders (走马观花)",
        "share of the day",
    )
    cadre_households_per_visit_day: float = positive(
        "households a cadre reaches in a visit day spent going door to door",
        "households/day",
        hi=1_000_000.0,
    )
    cadre_governance_days_per_month: float = param(
        "days a month a cadre can give to governance visits", "days/month", lo=0.0, hi=30.0
    )
    days_per_month: int = count(
        "length of the month over which cadres' governance days are budgeted", "days", lo=1
    )
    campaign_interval_days: int | None = param(
        "days between county-ordered screening campaigns; null = none", "days", lo=1, hi=MAX_DAYS
    )
    grid_households: int = count("households per grid (one grid worker each)", "households", lo=1)
    households_visited_per_day: float = positive(
        "households a grid worker could visit on a working day", "households/day"
    )
    other_duties_share: float = probability("share of grid-worker time taken by other duties")
    working_days_per_week: int = param("grid-worker working days a week", "days", lo=0, hi=7)
    online_platform: bool = param("an online reporting platform (12345, app) is in place")


@dataclass(frozen=True)
class StaffingParams:
    name: str = param("preset label")
    mediators_per_village: int = count(
        "village people's-mediation committee members", "mediators", hi=MAX_STAFF
    )
    mediator_type: str = param("village mediators' status", choices=("volunteer", "full_time"))
    mediator_skill_mean: float = probability("mean skill of village mediators", "skill 0-1")
    mediator_skill_sd: float = positive("spread of village mediator skill", "skill 0-1")
    mediator_cases_at_once: int = count(
        "cases one mediator handles at once", "cases", lo=1, hi=MAX_STAFF
    )
    volunteer_days_per_month: float = param(
        "days a month a volunteer mediator gives to mediation beside farm work",
        "days/month",
        lo=0.0,
        hi=30.0,
    )
    full_time_days_per_month: float = param(
        "days a month a full-time mediator gives to mediation", "days/month", lo=0.0, hi=30.0
    )
    county_roving_mediators: int = count(
        "full-time mediators serving every village in the county", hi=MAX_STAFF
    )
    roving_mediator_skill: float = probability(
        "skill of the county's roving mediators", "skill 0-1"
    )
    township_centre_slots: int = count(
        "joint-mediation cases a township centre runs at once", hi=MAX_STAFF
    )
    township_skill: float = probability("skill of township joint mediation", "skill 0-1")
    grid_worker_skill: float = probability(
        "skill of grid workers settling on the spot", "skill 0-1"
    )
    on_the_spot_max_severity: float = probability(
        "grid workers try to settle on the spot disputes up to this severity", "severity 0-1"
    )


@dataclass(frozen=True)
class EscalationParams:
    name: str = param("preset label")
    max_failed_attempts_village: int = count("failed village mediations before passing up", lo=1)
    max_failed_attempts_township: int = count("failed township mediations before the county", lo=1)
    max_days_village: int | None = param(
        "days at village level before passing up; null = no limit", "days", lo=1, hi=MAX_DAYS
    )
    max_days_township: int | None = param(
        "days at township level before the county; null = no limit", "days", lo=1, hi=MAX_DAYS
    )
    fast_track_severity: float | None = param(
        "disputes at least this severe go straight to the township; null = never",
        "severity",
        lo=0.0,
        hi=1.0,
    )
    hold_at_village: bool = param("villages pass nothing upward (矛盾不上交 taken to the extreme)")
    feedback_deadline_simple_days: int | None = param(
        "days within which the parties of a simple dispute are promised feedback: kept, "
        "trust grows; missed, grievance grows and they may go to county bodies; null = none",
        "days",
        lo=1,
        hi=MAX_DAYS,
    )
    feedback_deadline_complex_days: int | None = param(
        "days within which the parties of a general or complex dispute are promised "
        "feedback; null = none",
        "days",
        lo=1,
        hi=MAX_DAYS,
    )
    follow_up_visits: bool = param("one follow-up visit after each resolution (一案一回访)")


@dataclass(frozen=True)
class DisputeTypeParams:
    onset_per_household_year: float = positive(
        "new disputes per household a year", "1/household/yr"
    )
    severity_mean: float = beta_mean("mean severity at onset", "severity 0-1")
    difficulty: float = param(
        "how much harder to mediate than a neighbour dispute", "logit", lo=-MAX_LOGIT, hi=MAX_LOGIT
    )
    intensification: float = positive("multiplier on the daily intensification rate")
    households_involved: int = count("households on the aggrieved side", "households", lo=1)
    can_turn_criminal: bool = param("whether an intensified dispute can turn criminal (民转刑)")


@dataclass(frozen=True)
class DisputeTypes:
    family: DisputeTypeParams = param("family and marriage disputes (婚姻家庭)")
    neighbour: DisputeTypeParams = param("neighbour disputes (邻里)")
    land: DisputeTypeParams = param("land contracting and homestead disputes (土地承包/宅基地)")
    damages_debt: DisputeTypeParams = param("damages, debts and contracts")
    labour: DisputeTypeParams = param("labour and wage disputes (劳资)")
    collective: DisputeTypeParams = param(
        "collective land-requisition and demolition disputes with the government (征地拆迁)"
    )


@dataclass(frozen=True)
class DiscoveryBehaviour:
    self_report_per_day: float = probability("daily chance a party reports, at trust 1", "1/day")
    neighbour_tip_per_day: float = probability(
        "daily chance the dispute's ties in the village tell the grid worker, when "
        "tip_reference_ties of them know",
        "1/day",
    )
    visit_detection: float = probability(
        "chance a household visit uncovers a dispute there, at full trust and full visibility"
    )
    cadre_hearing: float = probability(
        "chance the parties bring a dispute to a cadre who reaches their household, at trust 1"
    )
    campaign_hearing: float = probability("chance a screening campaign uncovers a latent dispute")
    platform_multiplier: float = param("self-report multiplier with an online platform", lo=1.0)
    visibility: float = positive("extra discovery chance per unit of intensity (loud disputes)")
    self_settle_per_day: float = probability(
        "daily chance the parties settle a latent dispute", "1/day"
    )
    direct_filing_per_day: float = probability(
        "daily chance the parties take a latent dispute straight to county bodies"
        " (court, police, arbitration), bypassing village and township",
        "1/day",
    )
    visit_trust_weight: float = probability(
        "how far distrust hides a dispute from a visiting grid worker (0 = not at all)", "weight"
    )
    cadre_trust_weight: float = probability(
        "how far distrust keeps residents from bringing a dispute to a cadre (0 = not at all)",
        "weight",
    )
    ripening_days: float = param(
        "days over which a new dispute becomes known around its household (at onset it is "
        "half as visible to visitors)",
        "days",
        lo=1e-3,
    )
    family_visibility: float = probability(
        "visibility of family disputes to visitors and neighbours relative to other types "
        "(家丑不可外扬)",
        "ratio",
    )
    leader_relay: float = probability(
        "share of latent disputes village leaders pass on to a cadre who meets only them"
    )
    tip_reference_ties: float = param(
        "ties in the village who know of a dispute at which the neighbour tip chance applies",
        "ties",
        lo=1e-3,
    )


@dataclass(frozen=True)
class MediationBehaviour:
    base_logit: float = param(
        "log-odds of success for a neighbour dispute, skill 0.5",
        "logit",
        lo=-MAX_LOGIT,
        hi=MAX_LOGIT,
    )
    skill_effect: float = positive(
        "log-odds gained per unit of mediator skill above 0.5", "logit", hi=MAX_LOGIT
    )
    severity_effect: float = positive("log-odds lost per unit of severity", "logit", hi=MAX_LOGIT)
    intensity_effect: float = positive("log-odds lost per unit of intensity", "logit", hi=MAX_LOGIT)
    township_bonus: float = positive(
        "log-odds gained by township joint mediation (三调联动)", "logit", hi=MAX_LOGIT
    )
    on_the_spot_penalty: float = positive(
        "log-odds lost by an on-the-spot settlement", "logit", hi=MAX_LOGIT
    )
    simple_below: float = probability("severity below which a dispute is simple", "severity")
    complex_above: float = probability("severity above which a dispute is complex", "severity")
    service_days_simple: int = count("days to mediate a simple dispute", "days", lo=1, hi=MAX_DAYS)
    service_days_general: int = count(
        "days to mediate a general dispute", "days", lo=1, hi=MAX_DAYS
    )
    service_days_complex: int = count(
        "days to mediate a complex dispute", "days", lo=1, hi=MAX_DAYS
    )
    county_service_days: int = count(
        "days the county (courts) takes to conclude a case when nothing is queued",
        "days",
        lo=1,
        hi=MAX_DAYS,
    )
    effort_days_simple: float = positive(
        "days of a mediator's time a simple dispute takes", "mediator-days", hi=MAX_DAYS
    )
    effort_days_general: float = positive(
        "days of a mediator's time a general dispute takes", "mediator-days", hi=MAX_DAYS
    )
    effort_days_complex: float = positive(
        "days of a mediator's time a complex dispute takes", "mediator-days", hi=MAX_DAYS
    )
    county_slots_per_10k: float = positive(
        "cases county bodies (courts, police, arbitration) hear at once per 10,000 residents",
        "cases/10,000 residents",
        hi=float(MAX_STAFF),
    )
    county_congestion: float = positive(
        "lengthening of the county's service time per queued case per slot", "ratio", hi=100.0
    )


@dataclass(frozen=True)
class IntensityBehaviour:
    severity_concentration: float = param("Beta concentration of severity at onset", lo=0.1)
    initial_share: float = probability("intensity at onset as a share of severity")
    growth_per_day: float = probability("daily intensification toward 1 while unattended", "1/day")
    failed_mediation_jump: float = probability("intensity added by a failed mediation")


@dataclass(frozen=True)
class AttitudeBehaviour:
    trust_mean: float = beta_mean("mean initial trust in the institutions (公信力)")
    trust_concentration: float = param("Beta concentration of initial trust", lo=0.1)
    trust_gain_resolved: float = probability("share of the gap to 1 gained on a resolution")
    trust_loss_failed: float = probability("share of trust lost on a failure or missed deadline")
    trust_relax_per_day: float = probability(
        "daily pull of trust back to its initial value", "1/day"
    )
    spillover: float = probability("share of a party's trust or grievance change passed to ties")
    grievance_wait_per_day: float = probability(
        "grievance added per day of waiting, at intensity 1"
    )
    grievance_failed_jump: float = probability("grievance added by a failed mediation")
    grievance_deadline_jump: float = probability("grievance added by a missed feedback deadline")
    grievance_relief_resolved: float = probability("share of grievance removed by a resolution")
    grievance_decay_per_day: float = probability("daily fading of grievance", "1/day")
    trust_loss_wait_per_day: float = probability(
        "share of trust a claimant loses per day a dispute waits without help, at intensity 1",
        "1/day",
    )
    trust_gain_visit: float = probability(
        "share of the gap to 1 gained when a grid worker or cadre visits the household"
    )
    trust_gain_kept_promise: float = probability(
        "share of the gap to 1 in trust gained when promised feedback or a follow-up visit "
        "comes on time"
    )
    trust_loss_neighbour_petition: float = probability(
        "share of trust lost by the ties of a resident who petitions or turns violent"
    )
    trust_acceptance_effect: float = param(
        "log-odds of accepting an agreement per unit of the parties' trust above trust_mean",
        "logit",
        lo=0.0,
    )
    grievance_judgement_loser: float = probability(
        "grievance added to the side a court judgement goes against"
    )
    satisfied_below: float = probability(
        "a party whose dispute ended resolved in its favour or by agreement is satisfied "
        "when its grievance is below this",
        "grievance",
    )


@dataclass(frozen=True)
class ResponseBehaviour:
    petition_threshold: float = probability("net grievance above which residents petition")
    petition_steepness: float = param(
        "width of the petition threshold (smaller = sharper)", lo=1e-3
    )
    petition_per_day: float = probability("daily chance of petitioning well above the threshold")
    risk_aversion: float = positive("weight on the perceived chance of being stopped (Epstein)")
    deterrence: float = probability("perceived chance a petition is stopped")
    skip_level_trust: float = probability("below this trust a petition skips levels (越级上访)")
    group_min_size: int = count("linked aggrieved residents needed for a group petition", lo=2)
    group_threshold: float = probability("net grievance at which a resident joins a group")
    group_per_day: float = probability("daily chance a ready group petitions", "1/day")
    group_risk_share: float = probability(
        "share of the perceived risk a resident feels when acting with a group (safety in "
        "numbers, Epstein)",
        "share",
    )
    criminal_intensity: float = probability("intensity above which violence becomes possible")
    criminal_per_day: float = probability(
        "daily chance of turning criminal at intensity 1", "1/day"
    )
    criminal_grievance_weight: float = positive(
        "relative rise of the criminal hazard per unit of the parties' highest grievance",
        hi=MAX_LOGIT,
    )
    appeal_after_village_failure: float = probability(
        "chance the parties take a dispute the village failed to settle to the township"
        " themselves, without waiting for another village attempt"
    )


@dataclass(frozen=True)
class PetitionBehaviour:
    resolve_logit: float = param(
        "log-odds that a letters-and-visits office resolves a neighbour-type petition "
        "(the type's mediation difficulty is subtracted)",
        "logit",
        lo=-MAX_LOGIT,
        hi=MAX_LOGIT,
    )
    send_back_share: float = probability(
        "share of unresolved petitions the office sends back down to township mediation "
        "without a substantive answer (属地管理)"
    )
    repeat_chance: float = probability(
        "chance an unsatisfied petitioner at trust 0.5 asks the next level to review "
        "(scales with 1 - trust)"
    )
    group_cap: int = count(
        "largest group petition counted (people); larger ready groups send this many",
        "people",
        lo=2,
        hi=MAX_STAFF,
    )


@dataclass(frozen=True)
class RelapseBehaviour:
    chance: float = probability("chance a resolved dispute relapses within the window")
    window_days: int = count(
        "days after resolution during which a relapse can happen", "days", lo=1, hi=MAX_DAYS
    )
    follow_up_factor: float = probability("relapse chance multiplier after a follow-up visit")
    follow_up_catch: float = probability(
        "chance a relapse of a followed-up dispute comes to the grid worker at once"
    )


@dataclass(frozen=True)
class PromiseBehaviour:
    exit_after_missed: float = probability(
        "chance the parties take a dispute to county bodies (court, police, arbitration) "
        "when its feedback deadline is missed"
    )
    feedback_visits: float = positive(
        "grid-worker household visits that giving feedback on one dispute takes",
        "household visits",
    )
    follow_up_visits_per_case: float = positive(
        "grid-worker household visits one follow-up visit takes", "household visits"
    )
    follow_up_delay_days: int = count(
        "days after a resolution when its follow-up visit is due", "days", lo=1
    )
    errand_backlog_days: float = positive(
        "working days of visiting time a grid worker may owe to feedback and follow-ups "
        "before further ones fall through",
        "working days",
    )


@dataclass(frozen=True)
class BehaviourParams:
    name: str = param("parameter-set label")
    disputes: DisputeTypes = param("per-type onset, severity and difficulty")
    discovery: DiscoveryBehaviour = param("how disputes come to light")
    mediation: MediationBehaviour = param("mediation success and service time")
    intensity: IntensityBehaviour = param("how disputes intensify (矛盾激化)")
    attitudes: AttitudeBehaviour = param("trust and grievance dynamics")
    responses: ResponseBehaviour = param("petitions, group petitions, criminal turns")
    petitions: PetitionBehaviour = param("how letters-and-visits offices answer petitions")
    relapse: RelapseBehaviour = param("relapse of resolved disputes")
    promises: PromiseBehaviour = param("feedback deadlines and follow-up visits kept or missed")


@dataclass(frozen=True)
class CostParams:
    grid_worker_salary: float = positive(
        "yearly cost of a grid worker's governance time", "yuan/yr", hi=MAX_YUAN
    )
    full_time_mediator_salary: float = positive(
        "yearly salary of a full-time mediator", "yuan/yr", hi=MAX_YUAN
    )
    village_subsidy_simple: float = positive(
        "per-case subsidy, village, simple", "yuan", hi=MAX_YUAN
    )
    village_subsidy_general: float = positive(
        "per-case subsidy, village, general", "yuan", hi=MAX_YUAN
    )
    village_subsidy_complex: float = positive(
        "per-case subsidy, village, complex", "yuan", hi=MAX_YUAN
    )
    township_subsidy_simple: float = positive(
        "per-case subsidy, township, simple", "yuan", hi=MAX_YUAN
    )
    township_subsidy_general: float = positive(
        "per-case subsidy, township, general", "yuan", hi=MAX_YUAN
    )
    township_subsidy_complex: float = positive(
        "per-case subsidy, township, complex", "yuan", hi=MAX_YUAN
    )
    township_slot_cost: float = positive(
        "yearly cost of one township joint-mediation slot", "yuan/yr", hi=MAX_YUAN
    )
    cadre_visit_day: float = positive(
        "cost of one cadre day spent visiting a village", "yuan", hi=MAX_YUAN
    )
    county_case: float = positive(
        "cost of one case concluded by the county (courts)", "yuan", hi=MAX_YUAN
    )
    petition_case: float = positive(
        "office cost of handling one petition (件次) at a letters-and-visits office",
        "yuan",
        hi=MAX_YUAN,
    )
    interception: float = positive(
        "officials' cost of intercepting one petition, talking the petitioners down and "
        "watching them (截访, 稳控)",
        "yuan",
        hi=MAX_YUAN,
    )
    elder_stipend: float = positive(
        "yearly honorarium of one elder mediator (乡贤, 五老)", "yuan/yr", hi=MAX_YUAN
    )
    elder_case_subsidy: float = positive(
        "subsidy paid for one dispute an elder settles", "yuan", hi=MAX_YUAN
    )
    village_rules_cost: float = positive(
        "yearly cost of village rules and the points system in one village (rewards, upkeep)",
        "yuan/yr",
        hi=MAX_YUAN,
    )
    legal_adviser_fee: float = positive(
        "yearly fee of one village's legal adviser", "yuan/yr", hi=MAX_YUAN
    )


@dataclass(frozen=True)
class PetitionsPolicy:
    name: str = param("preset label")
    acceptance_days: int = count(
        "days the office takes to accept a petition and say how it is handled",
        "days",
        lo=1,
        hi=MAX_DAYS,
    )
    handling_days: int = count("days to handle an accepted petition", "days", lo=1, hi=MAX_DAYS)
    extension_days: int = count("extra handling days for a complex petition", "days", hi=MAX_DAYS)
    review_days: int = count(
        "days a review (复查) or re-examination (复核) takes", "days", lo=1, hi=MAX_DAYS
    )
    max_rounds: int = count(
        "handling rounds before a claim is closed (handling, review, re-examination)",
        lo=1,
        hi=MAX_STAFF,
    )
    case_ownership: bool = param(
        "a named cadre owns each hard petition (包案) and answers it by a deadline"
    )
    ownership_deadline_days: int = count(
        "days an owning cadre has to answer", "days", lo=1, hi=MAX_DAYS
    )
    ownership_bonus_logit: float = positive(
        "log-odds of resolution gained when a cadre owns the case", "logit", hi=MAX_LOGIT
    )
    ownership_cadre_days: float = positive(
        "cadre days spent on one owned case", "days", hi=float(MAX_DAYS)
    )
    relief_fund_yuan: float = positive(
        "yearly petition relief fund that closes hard cases with money; 0 = none",
        "yuan/yr",
        hi=MAX_YUAN,
    )
    relief_per_case: float = positive("relief paid to close one hard case", "yuan", hi=MAX_YUAN)
    relief_acceptance: float = probability(
        "chance a hard-case petitioner offered relief accepts it and the case closes"
    )


@dataclass(frozen=True)
class EvaluationPolicy:
    """How officials are assessed, and how they respond (essays-063, grassroots-9,
    five-papers: figures produced to meet indicators). Every response is 0 under ``none``."""

    name: str = param("preset label")
    hide_unsettled: float = probability(
        "chance a dispute that comes to light at the grassroots is kept off the mediation "
        "ledger until a mediator settles it (failed attempts on it are never entered)"
    )
    hold_down: float = probability(
        "chance the village holds a dispute that comes to light: it is never passed up "
        "to the township by rule or appeal (小事不出村 taken to the extreme)"
    )
    pressure_logit_village: float = positive(
        "log-odds of agreement added when village mediators or grid workers press the "
        "parties to settle",
        "logit",
        hi=MAX_LOGIT,
    )
    pressure_logit_township: float = positive(
        "log-odds of agreement added when the township centre presses the parties to settle",
        "logit",
        hi=MAX_LOGIT,
    )
    pressed_relapse_factor: float = param(
        "relapse chance multiplier for an agreement reached under pressure",
        "ratio",
        lo=1.0,
        hi=100.0,
    )
    petition_interception: float = probability(
        "chance an individual or skip-level petition is intercepted or talked down before "
        "an office registers it (截访, 劝返)"
    )
    group_interception: float = probability(
        "chance a group petition is intercepted or talked down before an office registers it"
    )
    interception_grievance: float = probability(
        "grievance added to residents whose petition was intercepted", "grievance"
    )
    watch_days: int = count(
        "days after an interception during which officials watch the parties (稳控) and "
        "keep them from petitioning again",
        "days",
        hi=MAX_DAYS,
    )
    pressed_grievance: float = probability(
        "grievance added to the parties of an agreement pressed on them, before the "
        "agreement's relief (they are less often satisfied)",
        "grievance",
    )


@dataclass(frozen=True)
class PreventionPolicy:
    """Prevention and informal institutions (``sim.processes.informal``, ``.prevention``):
    each lever with its effect and, in ``costs``, its price; all off in ``none``."""

    name: str = param("preset label")
    elders_per_village: int = count(
        "respected elders (乡贤, 五老) per village who settle disputes informally; 0 = none",
        "elders",
        hi=MAX_STAFF,
    )
    elder_hearing_per_day: float = probability(
        "daily chance that one elder hears of a latent dispute in the village and steps in",
        "1/day",
    )
    elder_skill: float = probability(
        "elders' skill on the mediation rule's scale (the rule's severity, intensity and type "
        "terms apply; no trust term: the parties accept the elder, not the institutions)",
        "skill 0-1",
    )
    elder_cases_per_month: float = positive(
        "disputes one elder takes up a month", "cases/month", hi=float(MAX_STAFF)
    )
    village_rules: bool = param(
        "every village keeps village rules with a points system for good conduct (村规民约, 积分制)"
    )
    rules_onset_reduction: float = probability(
        "share of disputes among villagers (family, neighbour, land, damages and debts) that "
        "village rules and points prevent from arising",
        "share",
    )
    legal_advisers: bool = param("every village has a legal adviser (一村一法律顾问)")
    adviser_filing_factor: float = positive(
        "multiplier on the parties' daily chance of filing directly with county bodies in a "
        "village with a legal adviser (below 1: the adviser steers them to mediation)",
        "ratio",
        hi=100.0,
    )
    adviser_relapse_factor: float = probability(
        "multiplier on the relapse chance of an agreement mediated in a village with a legal "
        "adviser (the adviser checks the agreement)",
        "ratio",
    )


@dataclass(frozen=True)
class PolicyParams:
    visits: VisitsParams = param("how often officials and grid workers look for disputes")
    staffing: StaffingParams = param("who mediates, how many, how skilled")
    escalation: EscalationParams = param("when an unresolved dispute is passed upward")
    petitions: PetitionsPolicy = param(
        "how petitions are handled: time limits, case ownership (包案), relief fund"
    )
    evaluation: EvaluationPolicy = param(
        "how officials are assessed (targets, one-vote veto) and how the records respond"
    )
    prevention: PreventionPolicy = param(
        "prevention and informal institutions: elders, village rules and points, legal advisers"
    )


@dataclass(frozen=True)
class Params:
    seed: int = count("root seed of the run's random-number tree", hi=MAX_SEED)
    days: int = count("simulated days", "days", lo=1)
    scenario: ScenarioParams = param("the county and its villages")
    policy: PolicyParams = param("the governance policy under test")
    behaviour: BehaviourParams = param("behavioural assumptions")
    costs: CostParams = param("unit costs")
