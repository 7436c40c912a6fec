"""Revision 2 of the contract (docs/deadline-engine.md, "Revision 2"): every new and corrected rule
on time, late, pending and overdue, the new invalid inputs, and two decisions open at once.

Every due date is worked out by hand from a calendar, as the comment beside it shows; none is
computed with the engine's arithmetic. Bank holidays used: Good Friday Fri 26 Mar 2027, Christmas
Fri 25 Dec 2026 and the substitute Boxing Day Mon 28 Dec 2026, New Year's Day Thu 1 Jan 2026,
early May Mon 4 May 2026, summer Mon 31 Aug 2026.
"""

from __future__ import annotations

import pytest

from redress.statutory import InputError, compute
from redress.statutory.rules import EXCEPTION_GROUNDS, RULE_IDS, rule_row
from redress.statutory.tests.conftest import (
    assert_absent,
    describe,
    ev,
    iso_plus,
    of_rule,
    pick,
    run,
)


def statuses(start_events, rule, due, stop, ref=None):
    """The four statuses of a `by` rule around its due date, checked one by one."""
    # (A stop that is itself a start, such as a review decision, opens a later row: pick by due.)
    on_time = pick(run([*start_events, stop(due)], today=iso_plus(due, 30)), rule, ref, due)
    assert (on_time["due"], on_time["status"], on_time["met_on"]) == (due, "met", due)
    late = pick(
        run([*start_events, stop(iso_plus(due, 1))], today=iso_plus(due, 30)), rule, ref, due
    )
    assert (late["due"], late["status"]) == (due, "late")
    pending = pick(run(start_events, today=due), rule, ref)
    assert (pending["due"], pending["status"], pending["met_on"]) == (due, "pending", None)
    overdue = pick(run(start_events, today=iso_plus(due, 1)), rule, ref)
    assert (overdue["due"], overdue["status"]) == (due, "overdue")


# -- 7.1 Annual review: CFA 2014 s.44(1) as written ------------------------------------------------


@pytest.mark.parametrize(
    "made,due,words",
    [
        # The period of 12 months starting with the day the plan was made ends the day before
        # its anniversary.
        ("2019-01-01", "2019-12-31", "Tue 31 Dec 2019"),
        # No 29 Feb 2025: the period starting Thu 29 Feb 2024 ends Fri 28 Feb 2025.
        ("2024-02-29", "2025-02-28", "Fri 28 Feb 2025"),
        # Starting Fri 1 Mar 2024: the day before is Thu 29 Feb 2024; 12 months on, no 29 Feb.
        ("2024-03-01", "2025-02-28", "Fri 28 Feb 2025"),
        ("2025-07-15", "2026-07-14", "Tue 14 Jul 2026"),
        # Ends on Mon 28 Dec 2026, the substitute Boxing Day: not moved (not a Tribunal period).
        ("2025-12-29", "2026-12-28", "Mon 28 Dec 2026"),
        # Ends on Good Friday, Fri 26 Mar 2027: not moved.
        ("2026-03-27", "2027-03-26", "Fri 26 Mar 2027"),
    ],
)
def test_annual_review_ends_the_day_before_the_anniversary(made, due, words):
    d = pick(run([ev("final_plan_issued", made)], today=made), "review.annual")
    assert d["due"] == due
    assert words in d["explanation"]
    assert "starting with final_plan_issued" in d["explanation"]
    assert d["citation"].startswith("Children and Families Act 2014 s.44(1)")


def test_annual_review_statuses():
    # Plan made Tue 15 Jul 2025: review due by Tue 14 Jul 2026.
    statuses(
        [ev("final_plan_issued", "2025-07-15")],
        "review.annual",
        "2026-07-14",
        lambda d: ev("review_decision", d, decision="maintain"),
    )


def test_annual_review_then_runs_from_each_review_decision():
    # Made Tue 15 Jul 2025 (due Tue 14 Jul 2026); reviewed Fri 5 Jun 2026: the next period
    # starts with Fri 5 Jun 2026 and ends Fri 4 Jun 2027.
    events = [
        ev("final_plan_issued", "2025-07-15"),
        ev("review_decision", "2026-06-05", decision="amend"),
        ev("amendment_notice_issued", "2026-06-05"),
        ev("amended_plan_issued", "2026-07-20"),
    ]
    out = run(events, today="2026-08-01")
    assert [(d["due"], d["status"], d["met_on"]) for d in of_rule(out, "review.annual")] == [
        ("2026-07-14", "met", "2026-06-05"),
        ("2027-06-04", "pending", None),
    ]


def test_an_amended_plan_after_a_tribunal_order_does_not_restart_the_review():
    # Last reviewed Wed 1 Jul 2026 (next due Wed 30 Jun 2027). The Tribunal's ordered amendment
    # issued Fri 30 Apr 2027 is not a review: the review is still due Wed 30 Jun 2027.
    events = [
        ev("final_plan_issued", "2025-07-15"),
        ev("review_decision", "2026-07-01", decision="maintain"),
        ev("tribunal_order", "2027-03-26", order="amend_contents"),
        ev("amended_plan_issued", "2027-04-30"),
    ]
    d = pick(run(events, today="2027-05-01"), "review.annual", due="2027-06-30")
    assert d["status"] == "pending"
    assert [x["due"] for x in of_rule(run(events, today="2027-05-01"), "review.annual")] == [
        "2026-07-14",
        "2027-06-30",
    ]


def test_a_second_final_plan_is_not_the_plan_first_made():
    # A plan issued again after a re-assessment is not the plan first made: the review stays
    # due 12 months from Tue 15 Jul 2025.
    events = [ev("final_plan_issued", "2025-07-15"), ev("final_plan_issued", "2026-02-02")]
    assert [d["due"] for d in of_rule(run(events, today="2026-03-01"), "review.annual")] == [
        "2026-07-14"
    ]


def test_a_cessation_still_stops_the_annual_review():
    events = [
        ev("final_plan_issued", "2025-07-15"),
        ev("review_decision", "2026-06-05", decision="cease"),
    ]
    out = run(events, today="2026-08-01")
    assert [(d["due"], d["status"]) for d in of_rule(out, "review.annual")] == [
        ("2026-07-14", "met")
    ]


# -- 7.2 One appeal window per decision ------------------------------------------------------------


def _two_decisions():
    return [
        # A final plan's notice, Thu 15 Jan 2026, and a cessation notice, Mon 2 Mar 2026.
        ev("decision_notice_sent", "2026-01-15", ref="plan"),
        ev("decision_notice_sent", "2026-03-02", ref="cease"),
        ev("mediation_adviser_contacted", "2026-02-01", ref="plan"),
        ev("certificate_issued", "2026-02-20", ref="plan"),
        ev("appeal_lodged", "2026-03-10", ref="plan"),
    ]


def test_two_decisions_live_at_once_keep_their_own_rows():
    out = run(_two_decisions(), today="2026-06-01")
    assert sorted(
        (d["rule"], d["ref"], d["due"], d["status"], d["met_on"])
        for d in out
        if d["rule"] in ("appeal.lodge", "mediation.contact_adviser")
    ) == [
        # Cease: Mon 2 Mar 2026 + 2 months = Sat 2 May 2026; the appeal moves by r.12(2) past
        # the weekend and the early May bank holiday (Mon 4 May) to Tue 5 May 2026.
        ("appeal.lodge", "cease", "2026-05-05", "overdue", None),
        # Plan: the later of Sun 15 Mar 2026 (notice + 2 months) and Fri 20 Mar 2026
        # (certificate Fri 20 Feb + 1 month): Fri 20 Mar 2026.
        ("appeal.lodge", "plan", "2026-03-20", "met", "2026-03-10"),
        ("mediation.contact_adviser", "cease", "2026-05-02", "overdue", None),
        # Thu 15 Jan 2026 + 2 months = Sun 15 Mar 2026 (SEND Regulations: not moved).
        ("mediation.contact_adviser", "plan", "2026-03-15", "met", "2026-02-01"),
    ]


def test_one_decisions_events_never_touch_the_other():
    events = [
        *_two_decisions(),
        # A certificate and an appeal for the cessation, later than the plan's.
        ev("certificate_issued", "2026-04-20", ref="cease"),
        ev("appeal_lodged", "2026-05-11", ref="cease"),
    ]
    out = run(events, today="2026-06-01")
    # Plan unchanged by the cessation's certificate.
    assert pick(out, "appeal.lodge", "plan")["due"] == "2026-03-20"
    # Cease: the later of Sat 2 May 2026 and Wed 20 May 2026 (Mon 20 Apr + 1 month): Wed 20 May.
    cease = pick(out, "appeal.lodge", "cease")
    assert (cease["due"], cease["status"], cease["met_on"]) == ("2026-05-20", "met", "2026-05-11")
    assert pick(out, "mediation.contact_adviser", "cease")["status"] == "overdue"


@pytest.mark.parametrize(
    "rule,due",
    [
        # Named decision Wed 10 Jun 2026 + 2 months = Mon 10 Aug 2026: in August, so the appeal
        # moves to the first working day after 31 August; Mon 31 Aug 2026 is itself the summer
        # bank holiday, so Tue 1 Sep 2026 (r.12(3)(a)).
        ("appeal.lodge", "2026-09-01"),
        ("mediation.contact_adviser", "2026-08-10"),
    ],
)
def test_named_decision_in_august(rule, due):
    out = run([ev("decision_notice_sent", "2026-06-10", ref="cease")], today="2026-06-10")
    assert pick(out, rule, "cease")["due"] == due


def test_named_decision_over_christmas():
    # Mon 27 Oct 2025 + 2 months = Sat 27 Dec 2025: between 25 Dec and 1 Jan, so the first
    # working day after 1 Jan 2026: Fri 2 Jan 2026 (r.12(3)(a)).
    out = run([ev("decision_notice_sent", "2025-10-27", ref="plan")], today="2025-10-27")
    d = pick(out, "appeal.lodge", "plan")
    assert d["due"] == "2026-01-02"
    assert "r.12(3)(a)" in d["explanation"]


def test_named_appeal_statuses():
    statuses(
        [ev("decision_notice_sent", "2026-01-15", ref="plan")],
        "appeal.lodge",
        # Thu 15 Jan 2026 + 2 months = Sun 15 Mar 2026, moved to Mon 16 Mar 2026 (r.12(2)).
        "2026-03-16",
        lambda d: ev("appeal_lodged", d, ref="plan"),
        ref="plan",
    )


def test_named_contact_adviser_statuses():
    statuses(
        [ev("decision_notice_sent", "2026-03-02", ref="cease")],
        "mediation.contact_adviser",
        "2026-05-02",  # Mon 2 Mar 2026 + 2 months, not moved
        lambda d: ev("mediation_adviser_contacted", d, ref="cease"),
        ref="cease",
    )


def test_a_resent_notice_with_the_same_ref_replaces_the_first():
    # Re-sent Thu 29 Jan 2026: + 2 months = Sun 29 Mar 2026; the appeal moves to Mon 30 Mar.
    events = [
        ev("decision_notice_sent", "2026-01-15", ref="plan"),
        ev("decision_notice_sent", "2026-01-29", ref="plan"),
    ]
    out = run(events, today="2026-02-01")
    assert describe(of_rule(out, "appeal.lodge")) == [
        ("appeal.lodge", "plan", "2026-03-30", "pending")
    ]
    assert describe(of_rule(out, "mediation.contact_adviser")) == [
        ("mediation.contact_adviser", "plan", "2026-03-29", "pending")
    ]


def test_contact_before_a_resent_notice_still_counts():
    events = [
        ev("decision_notice_sent", "2026-01-15", ref="plan"),
        ev("mediation_adviser_contacted", "2026-01-20", ref="plan"),
        ev("decision_notice_sent", "2026-01-29", ref="plan"),
    ]
    d = pick(run(events, today="2026-02-01"), "mediation.contact_adviser", "plan")
    assert (d["status"], d["met_on"]) == ("met", "2026-01-20")


def test_a_named_notice_leaves_the_unnamed_window_alone():
    # Unnamed notice Wed 1 Oct 2025 (contact due Mon 1 Dec 2025); a cessation notice named
    # "cease" on Mon 3 Nov 2025 neither closes nor replaces it. Contact without a ref on
    # Thu 20 Nov 2025 meets the unnamed window, not the cessation's.
    events = [
        ev("decision_notice_sent", "2025-10-01"),
        ev("decision_notice_sent", "2025-11-03", ref="cease"),
        ev("mediation_adviser_contacted", "2025-11-20"),
    ]
    out = run(events, today="2025-11-21")
    unnamed = pick(out, "mediation.contact_adviser")
    assert (unnamed["due"], unnamed["status"], unnamed["met_on"]) == (
        "2025-12-01",
        "met",
        "2025-11-20",
    )
    assert pick(out, "mediation.contact_adviser", "cease")["status"] == "pending"
    assert pick(out, "appeal.lodge")["due"] == "2025-12-01"  # Mon 1 Dec 2025, a working day
    assert pick(out, "appeal.lodge", "cease")["due"] == "2026-01-05"  # Sat 3 Jan -> Mon 5 Jan


def test_certificate_clocks_are_stopped_by_any_certificate():
    # Declined Thu 17 Apr 2025: 3 working days past Good Friday and Easter Monday = Thu 24 Apr.
    events = [
        ev("decision_notice_sent", "2025-03-03", ref="cease"),
        ev("mediation_declined", "2025-04-17"),
        ev("certificate_issued", "2025-04-24", ref="cease"),
    ]
    d = pick(run(events, today="2025-05-01"), "mediation.certificate_declined")
    assert (d["due"], d["status"]) == ("2025-04-24", "met")


def test_a_decision_without_a_certificate_requirement_has_no_contact_row():
    events = [ev("decision_notice_sent", "2026-01-15", ref="school", certificate_required=False)]
    out = run(events, today="2026-01-15")
    assert_absent(out, "mediation.contact_adviser")
    assert pick(out, "appeal.lodge", "school")["due"] == "2026-03-16"


# -- 7.3 A decision not to amend (reg 22(4)) -------------------------------------------------------


def test_amendment_not_made_stops_the_eight_weeks():
    # Notice Wed 8 Apr 2026 + 8 weeks = Wed 3 Jun 2026.
    statuses(
        [ev("amendment_notice_issued", "2026-04-08")],
        "review.amended_plan",
        "2026-06-03",
        lambda d: ev("amendment_not_made", d),
    )


def test_amendment_not_made_also_stops_the_twelve_weeks():
    # Meeting Thu 5 Mar 2026 + 12 weeks = Thu 28 May 2026.
    events = [
        ev("review_meeting_held", "2026-03-05"),
        ev("review_decision", "2026-04-02", decision="amend"),
        ev("amendment_notice_issued", "2026-04-08"),
        ev("amendment_not_made", "2026-05-28"),
    ]
    out = run(events, today="2026-07-01")
    overall = pick(out, "review.amended_plan_overall")
    assert (overall["due"], overall["status"], overall["met_on"]) == (
        "2026-05-28",
        "met",
        "2026-05-28",
    )
    assert pick(out, "review.amended_plan")["status"] == "met"
    # The 15 days are about the amended plan being issued too early: nothing issued, pending.
    assert pick(out, "review.amendment_representations")["status"] == "pending"


# -- 7.4 Exceptions the law allows, and only those -------------------------------------------------


def _late_decision(decision):
    return [
        ev("assessment_requested", "2026-01-05"),  # Mon 5 Jan 2026 + 6 weeks = Mon 16 Feb 2026
        ev("exception_recorded", "2026-02-01", rule="assessment.decision", ground="reg_5_4_c"),
        ev("assessment_decision", "2026-03-02", decision=decision),
    ]


def test_a_late_refusal_to_assess_is_late_whatever_the_exception():
    d = pick(run(_late_decision("not_assess"), today="2026-03-10"), "assessment.decision")
    assert (d["due"], d["status"]) == ("2026-02-16", "late")
    assert "does not excuse a decision not to assess" in d["explanation"]


def test_where_redress_asks_more_than_the_law_every_explanation_says_so():
    said = {
        "advice.response": "Redress counts from the request, which is never later",
        "mediation.held": "Redress tracks it being held",
        "mediation.meeting_notice": "Redress tracks notice to every attendee",
        "mediation.certificate_after": "the mediator issues this certificate",
    }
    mediation = [
        ev("mediation_scheduled", "2026-03-09", meeting_date="2026-03-25"),
        ev("mediation_concluded", "2026-03-25"),
    ]
    health_only = run(
        [
            ev("advice_requested", "2026-01-05", ref="a", advice="health"),
            ev("mediation_requested", "2026-03-02", health=True, health_only=True),
            ev("health_commissioner_notified", "2026-03-03"),
            *mediation,
        ],
        today="2026-04-01",
    )
    arranged_by_la = run([ev("mediation_requested", "2026-03-02"), *mediation], today="2026-04-01")
    for out in (health_only, arranged_by_la):
        for rule, words in said.items():
            rows = of_rule(out, rule)
            assert all(words in d["explanation"] for d in rows), rule
        # The other rows say nothing of the kind.
        assert not any("Redress tracks" in d["explanation"] for d in out if d["rule"] not in said)
    assert {d["actor"] for d in of_rule(health_only + arranged_by_la, "mediation.held")} == {
        "local_authority",
        "health_commissioner",
    }
    assert {d["rule"] for d in health_only} >= set(said)


def test_a_late_decision_to_assess_is_excepted():
    d = pick(run(_late_decision("assess"), today="2026-03-10"), "assessment.decision")
    assert (d["due"], d["status"]) == ("2026-02-16", "excepted")


def test_an_undecided_request_with_an_exception_is_excepted():
    d = pick(run(_late_decision("assess")[:2], today="2026-03-10"), "assessment.decision")
    assert d["status"] == "excepted"


def test_agreed_action_exception_with_the_actions_ref():
    # Agreement Mon 2 Mar 2026; change of school 2 weeks = Mon 16 Mar 2026 (x); other 2 weeks (y).
    events = [
        ev(
            "mediation_agreement",
            "2026-03-02",
            actions=[{"ref": "x", "kind": "amend_school"}, {"ref": "y", "kind": "other"}],
        ),
        ev(
            "exception_recorded",
            "2026-03-10",
            rule="agreement.action",
            ground="reg_44_3_a",
            ref="x",
        ),
    ]
    out = run(events, today="2026-03-20")
    assert pick(out, "agreement.action", "x")["status"] == "excepted"
    assert pick(out, "agreement.action", "y")["status"] == "overdue"
    late = run([*events, ev("agreement_action_done", "2026-03-19", ref="x")], today="2026-03-20")
    assert pick(late, "agreement.action", "x")["status"] == "excepted"
    on_time = run([*events, ev("agreement_action_done", "2026-03-16", ref="x")], today="2026-03-20")
    assert pick(on_time, "agreement.action", "x")["status"] == "met"


def test_agreed_action_takes_only_the_reg_44_3_grounds():
    assert EXCEPTION_GROUNDS["agreement.action"] == (
        "reg_44_3_a",
        "reg_44_3_b",
        "reg_44_3_c",
        "reg_44_3_d",
    )
    with pytest.raises(InputError) as exc:
        compute(
            {
                "events": [
                    ev(
                        "mediation_agreement", "2026-03-02", actions=[{"ref": "x", "kind": "other"}]
                    ),
                    ev(
                        "exception_recorded",
                        "2026-03-10",
                        rule="agreement.action",
                        ground="reg_10_4_c",
                        ref="x",
                    ),
                ]
            }
        )
    assert "is not a ground for excepting 'agreement.action'" in exc.value.problems[0]


# -- 7.5 Transfer of a plan from another authority (reg 15) ----------------------------------------


def test_transfer_notice_statuses():
    # Transfer Tue 10 Mar 2026 + 6 weeks = Tue 21 Apr 2026.
    statuses(
        [ev("plan_transferred_in", "2026-03-10", plan_made="2024-06-03")],
        "transfer.notify",
        "2026-04-21",
        lambda d: ev("transfer_notice_sent", d),
    )


@pytest.mark.parametrize(
    "transfer,fields,due",
    [
        # Last reviewed Thu 1 May 2025: its period ends Thu 30 Apr 2026; 3 months from the
        # transfer Tue 10 Mar 2026 is Wed 10 Jun 2026, the later.
        ("2026-03-10", {"plan_made": "2024-06-03", "last_reviewed": "2025-05-01"}, "2026-06-10"),
        # Never reviewed; made Mon 15 Sep 2025: ends Mon 14 Sep 2026, later than Sun 5 Apr 2026.
        ("2026-01-05", {"plan_made": "2025-09-15"}, "2026-09-14"),
        # Transfer Sun 30 Nov 2025 + 3 months: no 30 Feb, so Sat 28 Feb 2026; reviewed
        # Sun 1 Dec 2024, period ending Sun 30 Nov 2025: the later is Sat 28 Feb 2026.
        ("2025-11-30", {"plan_made": "2023-12-01", "last_reviewed": "2024-12-01"}, "2026-02-28"),
        # Transfer Thu 30 Nov 2023 + 3 months = Thu 29 Feb 2024 (a leap year).
        ("2023-11-30", {"plan_made": "2023-01-10"}, "2024-02-29"),
    ],
)
def test_first_review_after_a_transfer(transfer, fields, due):
    d = pick(run([ev("plan_transferred_in", transfer, **fields)], today=transfer), "review.annual")
    assert (d["due"], d["status"]) == (due, "pending")
    assert "reg 15(5)" in d["explanation"]


def test_review_after_a_transfer_statuses_and_then_from_each_review():
    events = [
        ev("plan_transferred_in", "2026-03-10", plan_made="2024-06-03", last_reviewed="2025-05-01")
    ]
    statuses(
        events,
        "review.annual",
        "2026-06-10",
        lambda d: ev("review_decision", d, decision="maintain"),
    )
    # Reviewed Mon 1 Jun 2026: the next period ends Mon 31 May 2027.
    out = run([*events, ev("review_decision", "2026-06-01", decision="maintain")], "2026-06-02")
    assert [(d["due"], d["status"]) for d in of_rule(out, "review.annual")] == [
        ("2026-06-10", "met"),
        ("2027-05-31", "pending"),
    ]


# -- 7.6 Re-assessment (regs 25 and 27) ------------------------------------------------------------


def test_reassessment_decision_statuses():
    # Request Mon 5 Jan 2026 + 15 days = Tue 20 Jan 2026.
    statuses(
        [ev("reassessment_requested", "2026-01-05")],
        "reassessment.decision",
        "2026-01-20",
        lambda d: ev("reassessment_decision", d, decision="reassess"),
    )


def test_reassessment_decision_over_new_year_is_not_moved():
    # Wed 17 Dec 2025 + 15 days = Thu 1 Jan 2026, New Year's Day: a SEND Regulations period.
    d = pick(run([ev("reassessment_requested", "2025-12-17")], today="2025-12-17"),
             "reassessment.decision")  # fmt: skip
    assert d["due"] == "2026-01-01"


@pytest.mark.parametrize(
    "closing", ["final_plan_issued", "amended_plan_issued", "reassessment_no_change"]
)
def test_reassessment_final_plan_statuses(closing):
    # Decision to re-assess Thu 22 Jan 2026 + 14 weeks = Thu 30 Apr 2026.
    statuses(
        [
            ev("reassessment_requested", "2026-01-05"),
            ev("reassessment_decision", "2026-01-22", decision="reassess"),
        ],
        "reassessment.final_plan",
        "2026-04-30",
        lambda d: ev(closing, d),
    )


def test_no_final_plan_clock_after_a_decision_not_to_reassess():
    events = [
        ev("reassessment_requested", "2026-01-05"),
        ev("reassessment_decision", "2026-01-12", decision="not_reassess"),
    ]
    out = run(events, today="2026-06-01")
    assert_absent(out, "reassessment.final_plan")
    assert pick(out, "reassessment.decision")["status"] == "met"


def test_reassessment_exceptions_are_reg_27_3():
    events = [
        ev("reassessment_decision", "2026-01-22", decision="reassess"),
        ev("exception_recorded", "2026-03-01", rule="reassessment.final_plan", ground="reg_27_3_c"),
    ]
    d = pick(run(events, today="2026-05-01"), "reassessment.final_plan")
    assert (d["due"], d["status"]) == ("2026-04-30", "excepted")
    assert EXCEPTION_GROUNDS["reassessment.final_plan"] == (
        "reg_27_3_a",
        "reg_27_3_b",
        "reg_27_3_c",
        "reg_27_3_d",
    )
    assert "reassessment.decision" not in EXCEPTION_GROUNDS


# -- 7.7 Phase transfers ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "move,due",
    [
        ("2026-07-31", "2026-02-28"),  # Fri 31 Jul 2026 - 5 months: no 31 Feb, so Sat 28 Feb 2026
        ("2027-08-31", "2027-03-31"),  # Tue 31 Aug 2027 - 5 months = Wed 31 Mar 2027
        ("2024-07-29", "2024-02-29"),  # Mon 29 Jul 2024 - 5 months = Thu 29 Feb 2024 (leap year)
        ("2027-05-26", "2026-12-26"),  # Wed 26 May 2027 - 5 months = Sat 26 Dec 2026, not moved
    ],
)
def test_post16_move_is_due_five_months_before(move, due):
    events = [ev("phase_transfer_due", "2023-09-01", transfer="post16_move", move_date=move)]
    d = pick(run(events, today="2023-09-01"), "phase_transfer.amend")
    assert (d["due"], d["status"]) == (due, "pending")
    assert d["citation"] == "SEND Regulations 2014 reg 18(2)"


def test_post16_move_statuses():
    statuses(
        [ev("phase_transfer_due", "2025-11-03", transfer="post16_move", move_date="2026-07-31")],
        "phase_transfer.amend",
        "2026-02-28",
        lambda d: ev("amended_plan_issued", d),
    )


@pytest.mark.parametrize(
    "transfer,fields,due",
    [
        ("school", {"year": 2027}, "2027-02-14"),
        ("post16", {"year": 2027}, "2027-03-30"),
        ("post16_move", {"move_date": "2027-06-30"}, "2027-01-30"),
    ],
)
def test_a_review_deciding_to_maintain_meets_the_phase_transfer(transfer, fields, due):
    statuses(
        [ev("phase_transfer_due", "2026-09-01", transfer=transfer, **fields)],
        "phase_transfer.amend",
        due,
        lambda d: ev("review_decision", d, decision="maintain"),
    )


def test_phase_transfer_ignores_earlier_reviews_and_decisions_to_amend():
    events = [
        ev("review_decision", "2026-08-28", decision="maintain"),  # before the transfer's record
        ev("phase_transfer_due", "2026-09-01", transfer="school", year=2027),
        ev("review_decision", "2026-11-20", decision="amend"),  # amending is not yet amended
    ]
    d = pick(run(events, today="2027-02-15"), "phase_transfer.amend")
    assert (d["due"], d["status"]) == ("2027-02-14", "overdue")
    done = run([*events, ev("amended_plan_issued", "2027-01-29")], today="2027-02-15")
    assert pick(done, "phase_transfer.amend")["status"] == "met"


# -- 7.8 After an order to assess: the decision whether to make a plan -----------------------------


@pytest.mark.parametrize("start", ["tribunal_order", "appeal_unopposed"])
def test_order_plan_decision_statuses(start):
    # Order Mon 5 Jan 2026 + 10 weeks = Mon 16 Mar 2026.
    statuses(
        [ev(start, "2026-01-05", order="assess")],
        "order.plan_decision",
        "2026-03-16",
        lambda d: ev("order_step_done", d, step="plan_decision"),
    )


def test_order_plan_decision_only_after_an_order_to_assess():
    out = run([ev("tribunal_order", "2026-01-05", order="make_plan")], today="2026-01-05")
    assert_absent(out, "order.plan_decision")
    row = rule_row("order.plan_decision", "assess")
    assert (row.amount, row.unit, row.actor) == (10, "weeks", "local_authority")
    assert "reg 44(2)(b)" in row.citation


def test_order_plan_decision_exception():
    events = [
        ev("tribunal_order", "2026-01-05", order="assess"),
        ev("exception_recorded", "2026-03-01", rule="order.plan_decision", ground="reg_44_3_b"),
    ]
    assert pick(run(events, today="2026-04-01"), "order.plan_decision")["status"] == "excepted"


# -- 7.9 Invalid input ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "event,message",
    [
        (
            ev("phase_transfer_due", "2026-01-05", transfer="post16_move"),
            "event 1 (phase_transfer_due): missing 'move_date' (required for post16_move)",
        ),
        (
            ev("phase_transfer_due", "2026-01-05", transfer="school"),
            "event 1 (phase_transfer_due): missing 'year'",
        ),
        (
            ev("plan_transferred_in", "2026-01-05"),
            "event 1 (plan_transferred_in): missing 'plan_made'",
        ),
        (
            ev("plan_transferred_in", "2026-01-05", plan_made="2026-01-06"),
            "event 1 (plan_transferred_in): 'plan_made' 2026-01-06 is after the transfer on "
            "2026-01-05",
        ),
        (
            ev(
                "plan_transferred_in",
                "2026-01-05",
                plan_made="2024-01-06",
                last_reviewed="2026-02-01",
            ),
            "event 1 (plan_transferred_in): 'last_reviewed' 2026-02-01 is after the transfer on "
            "2026-01-05",
        ),
        (
            ev(
                "plan_transferred_in",
                "2026-01-05",
                plan_made="2024-01-06",
                last_reviewed="2023-02-01",
            ),
            "event 1 (plan_transferred_in): 'last_reviewed' 2023-02-01 is before the plan was "
            "made on 2024-01-06",
        ),
        (
            ev("plan_transferred_in", "2026-01-05", plan_made="2024-02-30"),
            "event 1 (plan_transferred_in): 'plan_made' '2024-02-30' is not a real date",
        ),
        (
            ev("reassessment_decision", "2026-01-05", decision="maybe"),
            "event 1 (reassessment_decision): 'decision' must be one of reassess, not_reassess, "
            "not 'maybe'",
        ),
        (
            ev("decision_notice_sent", "2026-01-05", ref=7),
            "event 1 (decision_notice_sent): 'ref' must be a text naming the decision, not 7",
        ),
        (
            ev("order_step_done", "2026-01-05", step="plan"),
            "event 1 (order_step_done): 'step' must be one of assess_notice, draft_plan, "
            "final_plan, amended_plan, plan_decision, not 'plan'",
        ),
    ],
)
def test_invalid_revision2_input_is_refused(event, message):
    with pytest.raises(InputError) as exc:
        compute({"events": [event]})
    assert exc.value.problems == [message]


def test_post16_move_needs_no_year():
    events = [
        ev("phase_transfer_due", "2026-01-05", transfer="post16_move", move_date="2026-09-01")
    ]
    assert pick(run(events, today="2026-01-05"), "phase_transfer.amend")["due"] == "2026-04-01"


def test_new_rule_ids_are_in_the_catalogue():
    for rule_id in (
        "transfer.notify",
        "reassessment.decision",
        "reassessment.final_plan",
        "order.plan_decision",
    ):
        assert rule_id in RULE_IDS
    assert rule_row("phase_transfer.amend", "post16_move").unit == "months_before"


# -- The command line on revision 2 documents ------------------------------------------------------

REVISION2_DOC = {
    "today": "2026-06-01",
    "events": [
        *_two_decisions(),
        {"type": "plan_transferred_in", "date": "2026-03-10", "plan_made": "2024-06-03"},
        {"type": "reassessment_requested", "date": "2026-01-05"},
        {"type": "reassessment_decision", "date": "2026-01-22", "decision": "reassess"},
        {"type": "amendment_notice_issued", "date": "2026-04-08"},
        {"type": "amendment_not_made", "date": "2026-05-20"},
        {
            "type": "phase_transfer_due",
            "date": "2026-01-05",
            "transfer": "post16_move",
            "move_date": "2026-09-01",
        },
        {"type": "tribunal_order", "date": "2026-01-05", "order": "assess"},
    ],
}

INVALID_REVISION2_DOC = {
    "events": [
        {"type": "phase_transfer_due", "date": "2026-01-05", "transfer": "post16_move"},
        {"type": "plan_transferred_in", "date": "2026-01-05"},
        {"type": "plan_transferred_in", "date": "2026-01-05", "plan_made": "2026-02-01"},
    ]
}


def _call(argv, stdin_text=""):
    import io

    from redress.statutory.cli import main

    out, err = io.StringIO(), io.StringIO()
    code = main(argv, stdin=io.StringIO(stdin_text), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_cli_prints_revision2_deadlines():
    import json

    code, out, err = _call(["-"], json.dumps(REVISION2_DOC))
    assert (code, err) == (0, "")
    deadlines = json.loads(out)["deadlines"]
    assert deadlines == compute(REVISION2_DOC)["deadlines"]
    assert pick(deadlines, "appeal.lodge", "cease")["due"] == "2026-05-05"
    assert pick(deadlines, "appeal.lodge", "plan")["status"] == "met"
    assert pick(deadlines, "transfer.notify")["due"] == "2026-04-21"
    assert pick(deadlines, "reassessment.final_plan")["due"] == "2026-04-30"
    assert pick(deadlines, "review.amended_plan")["status"] == "met"
    assert pick(deadlines, "phase_transfer.amend")["due"] == "2026-04-01"  # 1 Sep - 5 months
    assert pick(deadlines, "order.plan_decision")["due"] == "2026-03-16"


def test_cli_refuses_revision2_invalid_input_line_by_line():
    import json

    code, out, err = _call(["-"], json.dumps(INVALID_REVISION2_DOC))
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        "event 1 (phase_transfer_due): missing 'move_date' (required for post16_move)",
        "event 2 (plan_transferred_in): missing 'plan_made'",
        "event 3 (plan_transferred_in): 'plan_made' 2026-02-01 is after the transfer on 2026-01-05",
    ]


def _redress_deadlines(tmp_path, document):
    import json
    import subprocess
    import sys
    from pathlib import Path

    path = tmp_path / "case.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "redress", "deadlines", str(path)],
        cwd=str(Path(__file__).resolve().parents[3]),
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_redress_deadlines_command_on_revision2_documents(tmp_path):
    import json

    proc = _redress_deadlines(tmp_path, REVISION2_DOC)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["deadlines"] == compute(REVISION2_DOC)["deadlines"]
    bad = _redress_deadlines(tmp_path, INVALID_REVISION2_DOC)
    assert (bad.returncode, bad.stdout) == (2, "")
    assert len(bad.stderr.strip().splitlines()) == 3
    assert "Traceback" not in bad.stderr


# -- The bulk path gives the same answers --------------------------------------------------------


def test_bulk_path_agrees_on_revision2_documents():
    from datetime import date

    from redress.statutory import parse_document
    from redress.statutory.bulk import compute_bulk
    from redress.statutory.engine import compute_events

    documents = [
        REVISION2_DOC,
        {"events": _late_decision("not_assess")},
        {"events": _late_decision("assess")},
        {"events": [ev("plan_transferred_in", "2025-11-30", plan_made="2023-12-01")]},
        {"events": [ev("plan_transferred_in", "2023-11-30", plan_made="2023-01-10")]},
        {"events": [ev("final_plan_issued", "2024-03-01"), ev("final_plan_issued", "2024-02-29")]},
        {
            "events": [
                ev(
                    "phase_transfer_due",
                    "2026-01-05",
                    transfer="post16_move",
                    move_date="2026-07-31",
                ),
                ev("review_decision", "2026-02-10", decision="maintain"),
            ]
        },
        {"events": [ev("decision_notice_sent", "2025-10-27", ref="plan")]},
        {"events": [ev("decision_notice_sent", "2026-06-10", ref="cease")]},
        {
            "events": [
                ev("mediation_scheduled", "2027-04-08", meeting_date="2027-04-12"),
                ev("meeting_details_confirmed", "2027-04-08"),
                ev(
                    "exception_recorded",
                    "2027-04-08",
                    rule="mediation.meeting_notice",
                    ground="consent_short_notice",
                ),
            ]
        },
    ]
    cases = [parse_document(d)[1] for d in documents]
    today = date(2026, 6, 1)
    fields = ("rule", "ref", "kind", "due", "status", "met_on", "actor")
    per_case = [
        sorted(tuple(d[f] for f in fields) for d in compute_events(events, today=today))
        for events in cases
    ]
    bulk: list[list[tuple]] = [[] for _ in cases]
    for index, row in compute_bulk(cases, today=today).rows():
        bulk[index].append(tuple(row[f] for f in fields))
    assert [sorted(rows) for rows in bulk] == per_case


def test_consent_to_short_notice_excuses_a_mediation_arranged_inside_the_5_working_days():
    # Arranged Thu 8 Apr 2027 for Mon 12 Apr: 5 working days before is Mon 5 Apr (Easter Monday
    # 29 Mar is already past), so no notice given after arranging can be in time.
    events = [
        {"type": "mediation_scheduled", "date": "2027-04-08", "meeting_date": "2027-04-12"},
        {"type": "meeting_details_confirmed", "date": "2027-04-08"},
    ]
    late = compute({"events": events, "today": "2027-04-09"})["deadlines"]
    assert [(d["due"], d["status"]) for d in late] == [("2027-04-05", "late")]
    consented = events + [
        {
            "type": "exception_recorded",
            "date": "2027-04-08",
            "rule": "mediation.meeting_notice",
            "ground": "consent_short_notice",
        }
    ]
    row = compute({"events": consented, "today": "2027-04-09"})["deadlines"][0]
    assert row["status"] == "excepted"
    assert "consent_short_notice" in row["explanation"]


def test_consent_to_short_notice_excuses_nothing_else():
    assert EXCEPTION_GROUNDS["mediation.meeting_notice"] == ("consent_short_notice",)
    for rule in sorted(set(RULE_IDS) - {"mediation.meeting_notice"}):
        with pytest.raises(InputError) as refused:
            compute(
                {
                    "events": [
                        {"type": "assessment_requested", "date": "2027-01-04"},
                        {
                            "type": "exception_recorded",
                            "date": "2027-01-05",
                            "rule": rule,
                            "ground": "consent_short_notice",
                        },
                    ]
                }
            )
        [problem] = refused.value.problems
        assert problem.startswith("event 2 (exception_recorded): "), rule
        assert (
            f"'consent_short_notice' is not a ground for excepting {rule!r}" in problem
            or f"rule {rule!r} has no statutory exceptions" in problem
        ), problem
