"""Trust and grievance events: what residents and their ties go through moves
trust in the institutions; private settlements do not; a judgement satisfies one side."""

from __future__ import annotations

import numpy as np

from sim.disputes import Level
from tests.processes.states import latent, quiet_model, waiting


def test_a_private_settlement_relieves_grievance_but_leaves_institutional_trust():
    model = quiet_model()
    d = latent(model)
    att = model.attitudes
    att.grievance[d.parties] = 0.5
    before = att.trust.copy()
    model.book.resolve(d, Level.PARTIES, 0)
    att.resolved(d)
    assert (att.trust == before).all()
    assert (att.grievance[d.parties] < 0.5).all()
    assert model.counts.parties_ended == d.parties.size


def test_a_court_judgement_satisfies_at_most_one_side():
    for seed in range(6):
        model = quiet_model(f"seed={seed}")
        d = waiting(model)
        att = model.attitudes
        att.grievance[d.parties] = 0.2
        trust = att.trust[d.parties].copy()
        model.book.resolve(d, Level.COUNTY, 0)
        att.resolved(d)
        relieved = att.grievance[d.parties] < 0.2
        assert relieved.sum() == 1  # one side won, one lost
        assert (att.trust[d.parties][relieved] > trust[relieved]).all()
        assert (att.trust[d.parties][~relieved] < trust[~relieved]).all()
        assert model.counts.parties_satisfied <= 1 and model.counts.parties_ended == 2


def test_an_agreement_satisfies_parties_whose_grievance_is_low():
    model = quiet_model("behaviour.attitudes.satisfied_below=0.3")
    calm, bitter = waiting(model), waiting(model, household=3)
    att = model.attitudes
    att.grievance[bitter.parties] = 1.0  # relieved by 70%: still 0.3, not below it
    for d in (calm, bitter):
        model.book.resolve(d, Level.VILLAGE, 0)
        att.resolved(d)
    assert model.counts.parties_ended == 4 and model.counts.parties_satisfied == 2


def test_waiting_without_help_erodes_trust_more_when_the_dispute_is_intense():
    model = quiet_model("behaviour.attitudes.trust_loss_wait_per_day=0.1")
    mild, intense = latent(model, intensity=0.1), waiting(model, household=3, intensity=0.9)
    att = model.attitudes
    att.trust[:] = 0.6
    att.waiting(mild)
    att.waiting(intense)
    assert att.grievance[mild.claimants].min() > 0
    lost_mild = 0.6 - att.trust[mild.claimants]
    lost_intense = 0.6 - att.trust[intense.claimants]
    assert (lost_mild > 0).all() and (lost_intense > lost_mild).all()


def test_visits_and_kept_promises_build_trust_and_a_neighbours_petition_erodes_it():
    model = quiet_model()
    att = model.attitudes
    d = waiting(model)
    before = att.trust.copy()
    att.visited(np.array([0, 1]))
    assert (att.trust[[0, 1]] > before[[0, 1]]).all() and att.trust[2] == before[2]
    mid = att.trust.copy()
    att.kept_promise(d)
    assert (att.trust[d.parties] > mid[d.parties]).all()
    mid = att.trust.copy()
    att.petitioned(d)
    assert d.linked.size and (att.trust[d.linked] < mid[d.linked]).all()


def test_trust_raises_the_chance_of_accepting_an_agreement():
    model = quiet_model("behaviour.attitudes.trust_acceptance_effect=2")
    d = waiting(model)
    att = model.attitudes
    att.trust[d.parties] = 0.9
    trusting = model.attempts.success_probability(d, 0.5, Level.VILLAGE)
    att.trust[d.parties] = 0.1
    assert model.attempts.success_probability(d, 0.5, Level.VILLAGE) < trusting


def test_the_daily_drift_and_fade_block_by_block_are_the_plain_arithmetic(monkeypatch):
    # Blocks of 256 over about 2,000 residents (the last one short), and grievance held
    # by few residents (faded where it is) and then by many (faded over everyone).
    monkeypatch.setattr("sim.processes.attitudes.BLOCK", 256)
    model = quiet_model()
    att, rng = model.attitudes, np.random.default_rng(1)
    assert att.trust.size % 256 and att.trust.size > 4 * 256
    att.trust[:] = rng.random(att.trust.size)
    for share in (0.02, 0.5):  # below and above the share where everyone is faded
        who = np.flatnonzero(rng.random(att.trust.size) < share)
        att.may_grieve(who)
        att.grievance[who] = rng.random(who.size)
        rule = att.behaviour
        trust = att.trust + (att.initial_trust - att.trust) * rule.trust_relax_per_day
        grievance = att.grievance * (1.0 - rule.grievance_decay_per_day)
        att.step()
        assert np.array_equal(att.trust, trust) and np.array_equal(att.grievance, grievance)
        expected = np.count_nonzero(grievance >= 0.3) / grievance.size
        assert att.aggrieved_share(0.3) == expected
        # The day's records, taken on the way: numpy's mean to the last bit, the count.
        assert att.mean_trust_of_all() == float(trust.mean())
        satisfied = rule.satisfied_below
        assert att.aggrieved_today() == np.count_nonzero(grievance >= satisfied) / grievance.size


def test_mean_trust_of_one_two_or_many_is_numpys_mean():
    model = quiet_model()
    att = model.attitudes
    att.trust[:] = np.random.default_rng(2).random(att.trust.size)
    for size in (1, 2, 3, 7):
        for first in range(0, 600, size):
            who = np.arange(first, first + size)
            assert att.mean_trust(who) == float(att.trust[who].mean())


def test_a_trust_change_of_a_few_residents_is_the_arrays_arithmetic_to_the_bit():
    # Groups of up to ``SMALL`` change trust through Python floats: the same numbers as
    # the array rule, for a gain and a loss, ties at the spillover share, and a resident
    # named twice counted once (the last write, as numpy's).
    model = quiet_model()
    att, spill = model.attitudes, model.attitudes.behaviour.spillover
    for share in (0.3, -0.2):
        for who in ([4], [4, 9], [7, 7]):
            group, ties = np.array(who), np.array([11, 12])
            before = att.trust.copy()
            att._scale_trust(group, ties, share)
            expected = before.copy()
            for g, w in ((group, 1.0), (ties, spill)):
                t = expected[g]
                expected[g] = t + w * share * ((1.0 - t) if share > 0 else t)
            assert att.trust.tobytes() == expected.tobytes(), (share, who)
