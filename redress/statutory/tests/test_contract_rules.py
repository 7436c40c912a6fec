"""Every rule of the contract (docs/deadline-engine.md): met, late, pending, overdue,
plus excepted, not_before statuses, rules that produce nothing, and the §2/§3 worked example.

All due dates below were worked out by hand from a printed calendar (see the comment on each
case); none is computed with the engine's arithmetic.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest

from redress.statutory.tests.conftest import (
    assert_absent,
    describe,
    ev,
    iso_plus,
    of_rule,
    pick,
    run,
)


@dataclass
class Case:
    id: str
    rule: str
    events: list
    due: str
    stop: Callable[[str], dict] | None  # None: informational rule with no stop event
    actor: str | None = None
    citation: str | None = None  # a substring the citation must contain
    ref: str | None = None
    check_due_only: bool = False
    extra: dict = field(default_factory=dict)


CASES = [
    # Wed 3 Sep 2025 + 42 days: Sep has 30 days, 3+27=30 Sep, +15 -> Wed 15 Oct 2025 (contract example).
    Case(
        "assessment.decision",
        "assessment.decision",
        [ev("assessment_requested", "2025-09-03")],
        "2025-10-15",
        lambda d: ev("assessment_decision", d, decision="assess"),
        "local_authority",
        "reg 5(1)",
    ),
    # Mon 20 Oct 2025 + 42 days: +11 -> 31 Oct, +31 -> Mon 1 Dec 2025.
    Case(
        "advice.response",
        "advice.response",
        [ev("advice_requested", "2025-10-20", ref="health", advice="health")],
        "2025-12-01",
        lambda d: ev("advice_received", d, ref="health"),
        "advice_giver",
        "reg 8(1)",
        ref="health",
    ),
    # Wed 3 Sep 2025 + 140 days: 3 Oct (30), 3 Nov (61), 3 Dec (91), 3 Jan (122), Wed 21 Jan 2026 (140).
    Case(
        "plan.final",
        "plan.final",
        [
            ev("assessment_requested", "2025-09-03"),
            ev("assessment_decision", "2025-10-08", decision="assess"),
        ],
        "2026-01-21",
        lambda d: ev("final_plan_issued", d),
        "local_authority",
        "reg 13(2)",
    ),
    # The 12 months starting with Fri 14 Mar 2025 end on Fri 13 Mar 2026 (CFA s.44(1); revision 2
    # corrected revision 1's Sat 14 Mar 2026, a day late).
    Case(
        "review.annual",
        "review.annual",
        [ev("final_plan_issued", "2025-03-14")],
        "2026-03-13",
        lambda d: ev("review_decision", d, decision="maintain"),
        None,
        "s.44(1)",
    ),
    # Thu 5 Mar 2026 + 14 days -> Thu 19 Mar 2026.
    Case(
        "review.report",
        "review.report",
        [ev("review_meeting_held", "2026-03-05")],
        "2026-03-19",
        lambda d: ev("review_report_sent", d),
        None,
        "reg 21(7)",
    ),
    # Thu 5 Mar 2026 + 28 days -> Thu 2 Apr 2026 (the day before Good Friday; not relevant).
    Case(
        "review.decision",
        "review.decision",
        [ev("review_meeting_held", "2026-03-05")],
        "2026-04-02",
        lambda d: ev("review_decision", d, decision="maintain"),
        "local_authority",
        "reg 20(10)",
    ),
    # Wed 8 Apr 2026 + 56 days: +22 -> 30 Apr, +31 -> 31 May (53), Wed 3 Jun 2026 (56).
    Case(
        "review.amended_plan",
        "review.amended_plan",
        [ev("amendment_notice_issued", "2026-04-08")],
        "2026-06-03",
        lambda d: ev("amended_plan_issued", d),
        "local_authority",
        "reg 22(3)",
    ),
    # Thu 5 Mar 2026 + 84 days: 31 Mar (26), 30 Apr (56), Thu 28 May 2026 (84).
    Case(
        "review.amended_plan_overall",
        "review.amended_plan_overall",
        [
            ev("review_meeting_held", "2026-03-05"),
            ev("review_decision", "2026-04-02", decision="amend"),
        ],
        "2026-05-28",
        lambda d: ev("amended_plan_issued", d),
        "local_authority",
        "Devon",
    ),
    # "before 15 February" of 2027 -> on or before Sun 14 Feb 2027 (docs: decision 0003).
    Case(
        "phase_transfer.amend/school",
        "phase_transfer.amend",
        [ev("phase_transfer_due", "2026-09-01", transfer="school", year=2027)],
        "2027-02-14",
        lambda d: ev("amended_plan_issued", d),
        "local_authority",
        "reg 18(1)",
    ),
    # "before 31 March" of 2027 -> on or before Tue 30 Mar 2027.
    Case(
        "phase_transfer.amend/post16",
        "phase_transfer.amend",
        [ev("phase_transfer_due", "2026-09-01", transfer="post16", year=2027)],
        "2027-03-30",
        lambda d: ev("amended_plan_issued", d),
        "local_authority",
        "reg 18(1)",
    ),
    # Wed 1 Oct 2025 + 2 months -> Mon 1 Dec 2025.
    Case(
        "mediation.contact_adviser",
        "mediation.contact_adviser",
        [ev("decision_notice_sent", "2025-10-01", certificate_required=True)],
        "2025-12-01",
        lambda d: ev("mediation_adviser_contacted", d),
        "parent_or_young_person",
        "reg 33",
    ),
    # Thu 17 Apr 2025 + 3 working days: Fri 18 Good Friday, Mon 21 Easter Monday;
    # Tue 22 (1), Wed 23 (2), Thu 24 Apr 2025 (3). (Contract example.)
    Case(
        "mediation.certificate_declined",
        "mediation.certificate_declined",
        [ev("mediation_declined", "2025-04-17")],
        "2025-04-24",
        lambda d: ev("certificate_issued", d),
        "mediation_adviser",
        "reg 34(1)",
    ),
    # Wed 24 Dec 2025 + 3 working days: Thu 25, Fri 26 holidays, weekend; Mon 29 (1),
    # Tue 30 (2), Wed 31 Dec 2025 (3).
    Case(
        "mediation.notify_health",
        "mediation.notify_health",
        [ev("mediation_requested", "2025-12-24", health=True)],
        "2025-12-31",
        lambda d: ev("health_commissioner_notified", d),
        "local_authority",
        None,
    ),
    # Mon 1 Sep 2025 + 30 days -> Wed 1 Oct 2025 (contract example for `days`).
    Case(
        "mediation.held",
        "mediation.held",
        [ev("mediation_requested", "2025-09-01")],
        "2025-10-01",
        lambda d: ev("mediation_held", d),
        "local_authority",
        None,
    ),
    # Health only: clock starts at health_commissioner_notified Wed 3 Sep 2025 + 30 days -> Fri 3 Oct 2025.
    Case(
        "mediation.held/health_only",
        "mediation.held",
        [
            ev("mediation_requested", "2025-09-01", health=True, health_only=True),
            ev("health_commissioner_notified", "2025-09-03"),
        ],
        "2025-10-03",
        lambda d: ev("mediation_held", d),
        "health_commissioner",
        None,
    ),
    # 5 working days before Wed 7 May 2025: Tue 6 (1), Mon 5 bank holiday, Fri 2 (2), Thu 1 (3),
    # Wed 30 Apr (4), Tue 29 Apr 2025 (5). (Contract example.)
    Case(
        "mediation.meeting_notice",
        "mediation.meeting_notice",
        [ev("mediation_scheduled", "2025-04-22", meeting_date="2025-05-07")],
        "2025-04-29",
        lambda d: ev("meeting_details_confirmed", d),
        "local_authority",
        None,
    ),
    # Fri 16 Sep 2022 + 3 working days: Mon 19 Sep state funeral; Tue 20 (1), Wed 21 (2), Thu 22 (3).
    Case(
        "mediation.certificate_not_arranged",
        "mediation.certificate_not_arranged",
        [ev("mediation_not_arranged", "2022-09-16")],
        "2022-09-22",
        lambda d: ev("certificate_issued", d),
        "mediation_adviser",
        None,
    ),
    # Thu 4 May 2023 + 3 working days: Fri 5 (1), Mon 8 coronation holiday, Tue 9 (2), Wed 10 (3).
    Case(
        "mediation.certificate_after",
        "mediation.certificate_after",
        [ev("mediation_concluded", "2023-05-04")],
        "2023-05-10",
        lambda d: ev("certificate_issued", d),
        "mediation_adviser",
        None,
    ),
    # Mon 2 Mar 2026 + 2 weeks (amend_school) -> Mon 16 Mar 2026.
    Case(
        "agreement.action",
        "agreement.action",
        [
            ev(
                "mediation_agreement",
                "2026-03-02",
                actions=[{"ref": "a1", "kind": "amend_school"}],
            )
        ],
        "2026-03-16",
        lambda d: ev("agreement_action_done", d, ref="a1"),
        "local_authority",
        "reg 42",
        ref="a1",
    ),
    # Mon 2 Mar 2026 + 1 week -> Mon 9 Mar 2026 (informational, no stop event).
    Case(
        "agreement.notify_la",
        "agreement.notify_la",
        [
            ev(
                "mediation_agreement",
                "2026-03-02",
                la_party=False,
                actions=[{"ref": "h1", "kind": "other"}],
            )
        ],
        "2026-03-09",
        None,
        "health_commissioner",
        "reg 42(4)",
    ),
    # Wed 1 Oct 2025 + 2 months -> Mon 1 Dec 2025, a working day outside August/Christmas: no move.
    Case(
        "appeal.lodge",
        "appeal.lodge",
        [ev("decision_notice_sent", "2025-10-01")],
        "2025-12-01",
        lambda d: ev("appeal_lodged", d),
        "parent_or_young_person",
        "r.20",
    ),
    # Mon 7 Jul 2025 + 30 tribunal working days: Jul 8-11 (4), 14-18 (9), 21-25 (14), 28-31 (18),
    # August skipped, Sep 1-5 (23), 8-12 (28), Mon 15 (29), Tue 16 Sep 2025 (30).
    Case(
        "appeal.la_response",
        "appeal.la_response",
        [ev("appeal_sent_to_la", "2025-07-07")],
        "2025-09-16",
        lambda d: ev("la_response_sent", d),
        "local_authority",
        "r.21",
    ),
    # Orders: Mon 2 Mar 2026 + 2 weeks = Mon 16 Mar; + 5 weeks = Mon 6 Apr (Easter Monday, not moved);
    # + 11 weeks = 77 days: 31 Mar (29), 30 Apr (59), Mon 18 May 2026 (77);
    # + 14 weeks = 98 days: 31 May (90), Mon 8 Jun 2026 (98).
    Case(
        "order.assess_notice",
        "order.assess_notice",
        [ev("tribunal_order", "2026-03-02", order="assess")],
        "2026-03-16",
        lambda d: ev("order_step_done", d, step="assess_notice"),
        "local_authority",
        "reg 44",
    ),
    Case(
        "order.final_plan/assess",
        "order.final_plan",
        [ev("tribunal_order", "2026-03-02", order="assess")],
        "2026-06-08",
        lambda d: ev("order_step_done", d, step="final_plan"),
        "local_authority",
        "reg 44",
    ),
    Case(
        "order.draft_plan",
        "order.draft_plan",
        [ev("tribunal_order", "2026-03-02", order="make_plan")],
        "2026-04-06",
        lambda d: ev("order_step_done", d, step="draft_plan"),
        "local_authority",
        "reg 44",
    ),
    Case(
        "order.final_plan/make_plan",
        "order.final_plan",
        [ev("tribunal_order", "2026-03-02", order="make_plan")],
        "2026-05-18",
        lambda d: ev("order_step_done", d, step="final_plan"),
        "local_authority",
        "reg 44",
    ),
    Case(
        "order.amended_plan/amend_contents",
        "order.amended_plan",
        [ev("tribunal_order", "2026-03-02", order="amend_contents")],
        "2026-04-06",
        lambda d: ev("order_step_done", d, step="amended_plan"),
        "local_authority",
        "reg 44",
    ),
    Case(
        "order.amended_plan/amend_school",
        "order.amended_plan",
        [ev("tribunal_order", "2026-03-02", order="amend_school")],
        "2026-03-16",
        lambda d: ev("order_step_done", d, step="amended_plan"),
        "local_authority",
        "reg 44",
    ),
    Case(
        "order.amended_plan/unopposed",
        "order.amended_plan",
        [ev("appeal_unopposed", "2026-03-02", order="amend_school")],
        "2026-03-16",
        lambda d: ev("order_step_done", d, step="amended_plan"),
        "local_authority",
        "reg 45",
    ),
    Case(
        "order.final_plan/unopposed_make_plan",
        "order.final_plan",
        [ev("appeal_unopposed", "2026-03-02", order="make_plan")],
        "2026-05-18",
        lambda d: ev("order_step_done", d, step="final_plan"),
        "local_authority",
        "reg 45",
    ),
    Case(
        "order.continue",
        "order.continue",
        [ev("tribunal_order", "2026-03-02", order="continue")],
        "2026-03-02",
        None,
        "local_authority",
        "reg 44",
    ),
    # Mon 2 Mar 2026 + 5 weeks -> Mon 6 Apr 2026.
    Case(
        "recommendation.response/health",
        "recommendation.response",
        [ev("recommendations_made", "2026-03-02", ref="r1", body="health")],
        "2026-04-06",
        lambda d: ev("recommendation_response_sent", d, ref="r1"),
        "health_commissioner",
        "2017",
        ref="r1",
    ),
    Case(
        "recommendation.response/social_care",
        "recommendation.response",
        [ev("recommendations_made", "2026-03-02", ref="r2", body="social_care")],
        "2026-04-06",
        lambda d: ev("recommendation_response_sent", d, ref="r2"),
        "social_care",
        "2017",
        ref="r2",
    ),
]

STOPPABLE = [c for c in CASES if c.stop is not None]
INFORMATIONAL = [c for c in CASES if c.stop is None]


def _ids(cases):
    return [c.id for c in cases]


def _check_static(d, case):
    assert d["kind"] == "by"
    if case.actor is not None:
        assert d["actor"] == case.actor, d
    if case.citation is not None:
        assert case.citation in d["citation"], d
    assert isinstance(d["citation"], str) and d["citation"]
    assert isinstance(d["evidence"], str) and d["evidence"]
    assert isinstance(d["explanation"], str) and d["explanation"]


@pytest.mark.parametrize("case", STOPPABLE, ids=_ids(STOPPABLE))
def test_met_on_the_due_date(case):
    out = run(case.events + [case.stop(case.due)], today=iso_plus(case.due, 40))
    d = pick(out, case.rule, case.ref, case.due)
    assert d["status"] == "met", d
    assert d["met_on"] == case.due
    _check_static(d, case)


@pytest.mark.parametrize("case", STOPPABLE, ids=_ids(STOPPABLE))
def test_met_a_day_early(case):
    early = iso_plus(case.due, -1)
    if early < case.events[-1]["date"]:
        pytest.skip("0-day period: nothing can be done earlier than the start")
    out = run(case.events + [case.stop(early)], today=iso_plus(case.due, 40))
    d = pick(out, case.rule, case.ref, case.due)
    assert d["status"] == "met", d
    assert d["met_on"] == early


@pytest.mark.parametrize("case", STOPPABLE, ids=_ids(STOPPABLE))
def test_late_the_day_after_due(case):
    done = iso_plus(case.due, 1)
    out = run(case.events + [case.stop(done)], today=iso_plus(case.due, 40))
    d = pick(out, case.rule, case.ref, case.due)
    assert d["status"] == "late", d
    # met_on records when the action was done (None would also be defensible for late).
    assert d["met_on"] in (done, None)
    _check_static(d, case)


@pytest.mark.parametrize("case", CASES, ids=_ids(CASES))
def test_pending_when_today_is_the_due_date(case):
    out = run(case.events, today=case.due)
    d = pick(out, case.rule, case.ref, case.due)
    assert d["status"] == "pending", d
    assert d["met_on"] is None
    _check_static(d, case)


@pytest.mark.parametrize("case", CASES, ids=_ids(CASES))
def test_overdue_the_day_after_due(case):
    out = run(case.events, today=iso_plus(case.due, 1))
    d = pick(out, case.rule, case.ref, case.due)
    assert d["status"] == "overdue", d
    assert d["met_on"] is None


def test_every_contract_rule_is_covered():
    rules = {c.rule for c in CASES} | {"assessment.no_plan_notice", "plan.draft_comments"}
    assert rules == {
        "assessment.decision",
        "advice.response",
        "assessment.no_plan_notice",
        "plan.draft_comments",
        "plan.final",
        "review.annual",
        "review.report",
        "review.decision",
        "review.amended_plan",
        "review.amended_plan_overall",
        "phase_transfer.amend",
        "mediation.contact_adviser",
        "mediation.certificate_declined",
        "mediation.notify_health",
        "mediation.held",
        "mediation.meeting_notice",
        "mediation.certificate_not_arranged",
        "mediation.certificate_after",
        "agreement.action",
        "agreement.notify_la",
        "appeal.lodge",
        "appeal.la_response",
        "order.assess_notice",
        "order.final_plan",
        "order.draft_plan",
        "order.amended_plan",
        "order.continue",
        "recommendation.response",
    }


# ---------------------------------------------------------------------------
# assessment.no_plan_notice: only exists once a not_issue decision exists, so it is
# always stopped: met or late (or excepted).
# Wed 3 Sep 2025 + 112 days: 3 Oct (30), 3 Nov (61), 3 Dec (91), Wed 24 Dec 2025 (112).
# ---------------------------------------------------------------------------

NO_PLAN_BASE = [
    ev("assessment_requested", "2025-09-03"),
    ev("assessment_decision", "2025-10-08", decision="assess"),
]


def test_no_plan_notice_met():
    out = run(
        NO_PLAN_BASE + [ev("plan_decision", "2025-12-24", decision="not_issue")], today="2026-02-01"
    )
    d = pick(out, "assessment.no_plan_notice")
    assert (d["due"], d["status"], d["met_on"]) == ("2025-12-24", "met", "2025-12-24")
    assert d["actor"] == "local_authority"
    assert "reg 10(1)" in d["citation"]
    assert d["kind"] == "by"


def test_no_plan_notice_late():
    out = run(
        NO_PLAN_BASE + [ev("plan_decision", "2025-12-29", decision="not_issue")], today="2026-02-01"
    )
    d = pick(out, "assessment.no_plan_notice")
    assert (d["due"], d["status"]) == ("2025-12-24", "late")


def test_no_plan_notice_not_produced_without_a_not_issue_decision():
    out = run(NO_PLAN_BASE, today="2025-12-25")
    assert_absent(out, "assessment.no_plan_notice")
    out = run(
        NO_PLAN_BASE + [ev("plan_decision", "2025-12-01", decision="issue")], today="2025-12-25"
    )
    assert_absent(out, "assessment.no_plan_notice")


def test_no_plan_notice_excepted():
    events = NO_PLAN_BASE + [
        ev(
            "exception_recorded",
            "2025-11-01",
            rule="assessment.no_plan_notice",
            ground="reg_10_4_c",
        ),
        ev("plan_decision", "2026-01-09", decision="not_issue"),
    ]
    d = pick(run(events, today="2026-02-01"), "assessment.no_plan_notice")
    assert (d["due"], d["status"]) == ("2025-12-24", "excepted")


# ---------------------------------------------------------------------------
# plan.draft_comments (not_before): draft served Mon 2 Feb 2026; the 15 days begin with the
# service day (2 Feb .. 16 Feb), so the plan may be finalised from Tue 17 Feb 2026.
# ---------------------------------------------------------------------------

DRAFT_BASE = [
    ev("assessment_requested", "2025-10-01"),
    ev("assessment_decision", "2025-11-05", decision="assess"),
    ev("plan_decision", "2026-01-20", decision="issue"),
    ev("draft_plan_issued", "2026-02-02"),
]


def test_draft_comments_ok_on_the_due_date():
    d = pick(
        run(DRAFT_BASE + [ev("final_plan_issued", "2026-02-17")], today="2026-03-01"),
        "plan.draft_comments",
    )
    assert (d["kind"], d["due"], d["status"], d["met_on"]) == (
        "not_before",
        "2026-02-17",
        "ok",
        "2026-02-17",
    )
    assert d["actor"] == "local_authority"
    assert "reg 13(1)" in d["citation"]


def test_draft_comments_ok_later():
    d = pick(
        run(DRAFT_BASE + [ev("final_plan_issued", "2026-02-18")], today="2026-03-01"),
        "plan.draft_comments",
    )
    assert (d["due"], d["status"]) == ("2026-02-17", "ok")


def test_draft_comments_breached_on_the_last_day_of_the_15():
    d = pick(
        run(DRAFT_BASE + [ev("final_plan_issued", "2026-02-16")], today="2026-03-01"),
        "plan.draft_comments",
    )
    assert (d["kind"], d["due"], d["status"]) == ("not_before", "2026-02-17", "breached")
    assert d["met_on"] in ("2026-02-16", None)


@pytest.mark.parametrize("today", ["2026-02-03", "2026-02-17", "2026-03-30"])
def test_draft_comments_pending_until_final(today):
    d = pick(run(DRAFT_BASE, today=today), "plan.draft_comments")
    assert (d["kind"], d["due"], d["status"], d["met_on"]) == (
        "not_before",
        "2026-02-17",
        "pending",
        None,
    )


def test_reissued_draft_restarts_the_15_days():
    # Draft Tue 20 Jan 2026 (would allow finalising from Wed 4 Feb), re-issued Mon 2 Feb 2026
    # (finalise from Tue 17 Feb); final on Mon 16 Feb is a breach of the re-issued draft's period.
    events = [
        ev("assessment_requested", "2025-10-01"),
        ev("assessment_decision", "2025-11-05", decision="assess"),
        ev("draft_plan_issued", "2026-01-20"),
        ev("draft_plan_issued", "2026-02-02"),
        ev("final_plan_issued", "2026-02-16"),
    ]
    out = run(events, today="2026-03-01")
    d = pick(out, "plan.draft_comments", due="2026-02-17")
    assert d["status"] == "breached"
    assert not [x for x in of_rule(out, "plan.draft_comments") if x["due"] == "2026-02-04"], (
        describe(out)
    )


def test_draft_comments_absent_without_a_draft():
    out = run(DRAFT_BASE[:3], today="2026-02-01")
    assert_absent(out, "plan.draft_comments")


# ---------------------------------------------------------------------------
# Rules that produce nothing
# ---------------------------------------------------------------------------


def test_no_events_no_deadlines():
    assert run([], today="2026-01-01") == []


def test_plan_final_not_produced_after_not_assess():
    events = [
        ev("assessment_requested", "2025-09-03"),
        ev("assessment_decision", "2025-10-08", decision="not_assess"),
    ]
    out = run(events, today="2026-03-01")
    d = pick(out, "assessment.decision")
    assert (d["due"], d["status"]) == ("2025-10-15", "met")
    assert_absent(out, "plan.final")
    assert_absent(out, "assessment.no_plan_notice")


def test_plan_final_not_produced_after_not_issue():
    events = [
        ev("assessment_requested", "2025-09-03"),
        ev("assessment_decision", "2025-10-08", decision="assess"),
        ev("plan_decision", "2025-12-10", decision="not_issue"),
    ]
    out = run(events, today="2026-03-01")
    assert_absent(out, "plan.final")
    d = pick(out, "assessment.no_plan_notice")
    assert (d["due"], d["status"]) == ("2025-12-24", "met")


def test_contact_adviser_not_produced_without_certificate_requirement():
    out = run(
        [ev("decision_notice_sent", "2025-10-01", certificate_required=False)], today="2025-10-02"
    )
    assert_absent(out, "mediation.contact_adviser")
    # appeal.lodge still runs from the notice: Wed 1 Oct 2025 + 2 months -> Mon 1 Dec 2025.
    assert pick(out, "appeal.lodge")["due"] == "2025-12-01"


def test_contact_adviser_certificate_required_defaults_to_true():
    out = run([ev("decision_notice_sent", "2025-10-01")], today="2025-10-02")
    assert pick(out, "mediation.contact_adviser")["due"] == "2025-12-01"


def test_notify_health_not_produced_without_health_issues():
    out = run([ev("mediation_requested", "2025-12-24")], today="2025-12-25")
    assert_absent(out, "mediation.notify_health")
    out = run([ev("mediation_requested", "2025-12-24", health=False)], today="2025-12-25")
    assert_absent(out, "mediation.notify_health")


def test_health_only_mediation_waits_for_notification():
    out = run(
        [ev("mediation_requested", "2025-09-01", health=True, health_only=True)], today="2025-09-02"
    )
    # Mon 1 Sep 2025 + 3 working days: Tue 2, Wed 3, Thu 4 Sep 2025.
    assert pick(out, "mediation.notify_health")["due"] == "2025-09-04"
    assert_absent(out, "mediation.held")


def test_notify_la_not_produced_when_la_is_party():
    acts = [{"ref": "a1", "kind": "other"}]
    out = run([ev("mediation_agreement", "2026-03-02", actions=acts)], today="2026-03-03")
    assert_absent(out, "agreement.notify_la")
    out = run(
        [ev("mediation_agreement", "2026-03-02", la_party=True, actions=acts)], today="2026-03-03"
    )
    assert_absent(out, "agreement.notify_la")


def test_amended_plan_overall_only_after_amend_decision():
    events = [
        ev("review_meeting_held", "2026-03-05"),
        ev("review_decision", "2026-03-20", decision="maintain"),
    ]
    assert_absent(run(events, today="2026-03-21"), "review.amended_plan_overall")
    assert_absent(run(events[:1], today="2026-03-06"), "review.amended_plan_overall")


def test_informational_rules_are_informational():
    for case in INFORMATIONAL:
        d = pick(run(case.events, today="2026-03-02"), case.rule, case.ref)
        assert d["status"] == "pending"


# ---------------------------------------------------------------------------
# agreement.action kinds and agreed_due; several refs at once
# ---------------------------------------------------------------------------


def test_agreement_action_periods_by_kind():
    # Agreement Mon 2 Mar 2026. amend_school/other 2 weeks -> Mon 16 Mar; amend_contents 5 weeks ->
    # Mon 6 Apr (Easter Monday, not moved); make_plan 11 weeks -> Mon 18 May; assess 14 weeks ->
    # Mon 8 Jun; continue 0 days -> Mon 2 Mar; agreed_due (reg 42(5)) replaces the default.
    actions = [
        {"ref": "s", "kind": "amend_school"},
        {"ref": "c", "kind": "amend_contents"},
        {"ref": "m", "kind": "make_plan"},
        {"ref": "a", "kind": "assess"},
        {"ref": "k", "kind": "continue"},
        {"ref": "o", "kind": "other"},
        {"ref": "g", "kind": "make_plan", "agreed_due": "2026-04-20"},
    ]
    out = run([ev("mediation_agreement", "2026-03-02", actions=actions)], today="2026-03-02")
    expected = {
        "s": "2026-03-16",
        "c": "2026-04-06",
        "m": "2026-05-18",
        "a": "2026-06-08",
        "k": "2026-03-02",
        "o": "2026-03-16",
        "g": "2026-04-20",
    }
    got = {d["ref"]: d["due"] for d in of_rule(out, "agreement.action")}
    assert got == expected
    for d in of_rule(out, "agreement.action"):
        assert d["status"] == "pending"


def test_agreement_actions_are_stopped_per_ref():
    actions = [{"ref": "s", "kind": "amend_school"}, {"ref": "c", "kind": "amend_contents"}]
    events = [
        ev("mediation_agreement", "2026-03-02", actions=actions),
        ev("agreement_action_done", "2026-03-20", ref="c"),
    ]
    out = run(events, today="2026-03-21")
    assert pick(out, "agreement.action", "s")["status"] == "overdue"
    c = pick(out, "agreement.action", "c")
    assert (c["status"], c["met_on"]) == ("met", "2026-03-20")


def test_several_advice_requests_run_separately():
    # health: Mon 20 Oct 2025 + 6 weeks = Mon 1 Dec 2025; ep: Wed 22 Oct 2025 + 6 weeks = Wed 3 Dec 2025.
    events = [
        ev("assessment_requested", "2025-09-03"),
        ev("assessment_decision", "2025-10-08", decision="assess"),
        ev("advice_requested", "2025-10-20", ref="health", advice="health"),
        ev("advice_requested", "2025-10-22", ref="ep", advice="psychological"),
        ev("advice_received", "2025-12-02", ref="ep"),
    ]
    out = run(events, today="2025-12-02")
    h = pick(out, "advice.response", "health")
    e = pick(out, "advice.response", "ep")
    assert (h["due"], h["status"]) == ("2025-12-01", "overdue")
    assert (e["due"], e["status"], e["met_on"]) == ("2025-12-03", "met", "2025-12-02")
    assert h["actor"] == e["actor"] == "advice_giver"


# ---------------------------------------------------------------------------
# excepted
# ---------------------------------------------------------------------------

ASSESS = [ev("assessment_requested", "2025-09-03")]


def test_excepted_when_not_done_and_overdue():
    events = ASSESS + [
        ev("exception_recorded", "2025-09-20", rule="assessment.decision", ground="reg_5_4_c")
    ]
    d = pick(run(events, today="2025-11-01"), "assessment.decision")
    assert (d["due"], d["status"], d["met_on"]) == ("2025-10-15", "excepted", None)


def test_excepted_when_not_done_and_not_yet_due():
    events = ASSESS + [
        ev("exception_recorded", "2025-09-20", rule="assessment.decision", ground="reg_5_4_d")
    ]
    d = pick(run(events, today="2025-10-01"), "assessment.decision")
    assert (d["due"], d["status"]) == ("2025-10-15", "excepted")


def test_excepted_when_late():
    events = ASSESS + [
        ev("exception_recorded", "2025-09-20", rule="assessment.decision", ground="reg_5_4_a"),
        ev("assessment_decision", "2025-10-20", decision="assess"),
    ]
    d = pick(run(events, today="2025-11-01"), "assessment.decision")
    assert (d["due"], d["status"]) == ("2025-10-15", "excepted")


def test_exception_does_not_change_met():
    events = ASSESS + [
        ev("exception_recorded", "2025-09-20", rule="assessment.decision", ground="reg_5_4_c"),
        ev("assessment_decision", "2025-10-15", decision="assess"),
    ]
    d = pick(run(events, today="2025-11-01"), "assessment.decision")
    assert (d["due"], d["status"], d["met_on"]) == ("2025-10-15", "met", "2025-10-15")


def test_exception_with_ref_excuses_one_advice_clock_only():
    events = [
        ev("advice_requested", "2025-10-20", ref="health", advice="health"),
        ev("advice_requested", "2025-10-20", ref="sc", advice="social_care"),
        ev(
            "exception_recorded",
            "2025-11-10",
            rule="advice.response",
            ground="reg_8_2_c",
            ref="health",
        ),
    ]
    out = run(events, today="2025-12-05")
    assert pick(out, "advice.response", "health")["status"] == "excepted"
    assert pick(out, "advice.response", "sc")["status"] == "overdue"


def test_exception_without_ref_covers_every_clock_of_the_rule():
    events = [
        ev("advice_requested", "2025-10-20", ref="health", advice="health"),
        ev("advice_requested", "2025-10-20", ref="sc", advice="social_care"),
        ev("exception_recorded", "2025-11-10", rule="advice.response", ground="reg_8_2_a"),
    ]
    out = run(events, today="2025-12-05")
    assert pick(out, "advice.response", "health")["status"] == "excepted"
    assert pick(out, "advice.response", "sc")["status"] == "excepted"


def test_plan_final_excepted_on_reg_10_4_ground():
    events = ASSESS + [
        ev("assessment_decision", "2025-10-08", decision="assess"),
        ev("exception_recorded", "2025-12-01", rule="plan.final", ground="reg_10_4_b"),
    ]
    d = pick(run(events, today="2026-02-01"), "plan.final")
    assert (d["due"], d["status"]) == ("2026-01-21", "excepted")
    # The exception names plan.final only: the decision clock (decided Wed 8 Oct, due 15 Oct) is met.
    assert pick(run(events, today="2026-02-01"), "assessment.decision")["status"] == "met"


def test_order_excepted_on_reg_44_3_ground():
    events = [
        ev("tribunal_order", "2026-03-02", order="assess"),
        ev("exception_recorded", "2026-04-01", rule="order.final_plan", ground="reg_44_3_c"),
    ]
    out = run(events, today="2026-07-01")
    assert pick(out, "order.final_plan")["status"] == "excepted"
    assert pick(out, "order.assess_notice")["status"] == "overdue"


# ---------------------------------------------------------------------------
# Cycles (docs/deadline-engine.md "Repeated events")
# ---------------------------------------------------------------------------


def test_second_assessment_request_opens_a_new_cycle():
    # Mon 3 Mar 2025 + 6 weeks: 31 Mar (28), Mon 14 Apr 2025 (42).
    events = [
        ev("assessment_requested", "2025-03-03"),
        ev("assessment_decision", "2025-04-01", decision="not_assess"),
        ev("assessment_requested", "2025-09-03"),
    ]
    out = run(events, today="2025-10-16")
    first = pick(out, "assessment.decision", due="2025-04-14")
    second = pick(out, "assessment.decision", due="2025-10-15")
    assert (first["status"], first["met_on"]) == ("met", "2025-04-01")
    assert second["status"] == "overdue"
    finals = of_rule(out, "plan.final")
    assert [f["due"] for f in finals] == ["2026-01-21"], describe(out)
    assert finals[0]["status"] == "pending"


def test_review_annual_cycles():
    # Final plan Thu 29 Feb 2024: the 12 months starting with it end Fri 28 Feb 2025.
    # Review decision Thu 20 Feb 2025 (met) opens a period ending Thu 19 Feb 2026; decision
    # Mon 2 Mar 2026 is late and opens a period ending Mon 1 Mar 2027, pending.
    events = [
        ev("final_plan_issued", "2024-02-29"),
        ev("review_decision", "2025-02-20", decision="maintain"),
        ev("review_decision", "2026-03-02", decision="maintain"),
    ]
    out = run(events, today="2026-03-10")
    a = of_rule(out, "review.annual")
    assert sorted((d["due"], d["status"]) for d in a) == [
        ("2025-02-28", "met"),
        ("2026-02-19", "late"),
        ("2027-03-01", "pending"),
    ]


def test_review_annual_amended_plan_does_not_restart_it():
    # Final Fri 14 Mar 2025; an amended plan Mon 30 Jun 2025 is not a review (CFA s.44(1)), so
    # the review is still due by Fri 13 Mar 2026 and is overdue on 20 Mar 2026. (Revision 1
    # restarted the clock at the amended plan: Tue 30 Jun 2026.)
    events = [ev("final_plan_issued", "2025-03-14"), ev("amended_plan_issued", "2025-06-30")]
    out = run(events, today="2026-03-20")
    d = pick(out, "review.annual", due="2026-03-13")
    assert d["status"] == "overdue"


def test_review_meeting_cycles_one_per_meeting():
    # Meetings Thu 5 Mar 2026 and Fri 5 Mar 2027: report due Thu 19 Mar 2026 and Fri 19 Mar 2027.
    events = [
        ev("review_meeting_held", "2026-03-05"),
        ev("review_report_sent", "2026-03-12"),
        ev("review_meeting_held", "2027-03-05"),
    ]
    out = run(events, today="2027-03-20")
    r = sorted((d["due"], d["status"]) for d in of_rule(out, "review.report"))
    assert r == [("2026-03-19", "met"), ("2027-03-19", "overdue")]


# ---------------------------------------------------------------------------
# The contract's worked example (§2 input, §3 output) verbatim
# ---------------------------------------------------------------------------

CONTRACT_DOC = {
    "today": "2026-03-02",
    "events": [
        {"type": "assessment_requested", "date": "2025-09-03"},
        {"type": "assessment_decision", "date": "2025-10-08", "decision": "assess"},
        {"type": "advice_requested", "date": "2025-10-20", "ref": "health", "advice": "health"},
        {"type": "advice_received", "date": "2025-12-05", "ref": "health"},
    ],
}


def test_contract_section_3_example_verbatim():
    from redress.statutory import compute

    out = compute(CONTRACT_DOC)["deadlines"]
    d = pick(out, "assessment.decision")
    assert d == {
        "rule": "assessment.decision",
        "ref": None,
        "kind": "by",
        "due": "2025-10-15",
        "status": "met",
        "met_on": "2025-10-08",
        "actor": "local_authority",
        "citation": "SEND Regulations 2014 reg 5(1)",
        "evidence": "primary",
        "explanation": "6 weeks from assessment_requested on Wed 3 Sep 2025 = Wed 15 Oct 2025",
    }


def test_contract_section_2_document_other_deadlines():
    from redress.statutory import compute

    out = compute(CONTRACT_DOC)["deadlines"]
    # advice: Mon 20 Oct 2025 + 6 weeks = Mon 1 Dec 2025; received Fri 5 Dec -> late.
    a = pick(out, "advice.response", "health")
    assert (a["due"], a["status"]) == ("2025-12-01", "late")
    # plan.final: Wed 3 Sep 2025 + 20 weeks = Wed 21 Jan 2026; not issued by 2 Mar 2026 -> overdue.
    f = pick(out, "plan.final")
    assert (f["due"], f["status"], f["met_on"]) == ("2026-01-21", "overdue", None)
    assert {d["rule"] for d in out} == {"assessment.decision", "advice.response", "plan.final"}


def test_input_order_does_not_matter():
    events = [
        ev("assessment_requested", "2025-09-03"),
        ev("assessment_decision", "2025-10-08", decision="assess"),
        ev("advice_requested", "2025-10-20", ref="health", advice="health"),
        ev("advice_requested", "2025-10-22", ref="ep", advice="psychological"),
        ev("advice_received", "2025-12-05", ref="health"),
        ev("draft_plan_issued", "2026-01-05"),
        ev("final_plan_issued", "2026-01-19"),
        ev("decision_notice_sent", "2026-01-19"),
        ev("mediation_declined", "2026-02-10"),
        ev("certificate_issued", "2026-02-12"),
    ]
    base = run(events, today="2026-03-02")
    key = lambda d: (d["rule"], str(d["ref"]), d["due"])  # noqa: E731
    rng = random.Random(20260302)
    for _ in range(5):
        shuffled = events[:]
        rng.shuffle(shuffled)
        assert sorted(run(shuffled, today="2026-03-02"), key=key) == sorted(base, key=key)


def test_output_sorted_by_due_then_rule_then_ref():
    events = [
        ev("tribunal_order", "2026-03-02", order="assess"),
        ev("recommendations_made", "2026-03-02", ref="r2", body="health"),
        ev("recommendations_made", "2026-03-02", ref="r1", body="social_care"),
        ev(
            "mediation_agreement",
            "2026-03-02",
            actions=[{"ref": "b", "kind": "amend_school"}, {"ref": "a", "kind": "other"}],
        ),
    ]
    out = run(events, today="2026-03-02")
    keys = [(d["due"], d["rule"], d["ref"] or "") for d in out]
    assert keys == sorted(keys)


# ---------------------------------------------------------------------------
# today: document field, keyword argument, default (Europe/London)
# ---------------------------------------------------------------------------


def test_today_keyword_argument():
    from redress.statutory import compute

    doc = {"events": [ev("assessment_requested", "2025-09-03")]}
    assert (
        pick(compute(doc, today=dt.date(2025, 10, 15))["deadlines"], "assessment.decision")[
            "status"
        ]
        == "pending"
    )
    assert (
        pick(compute(doc, today=dt.date(2025, 10, 16))["deadlines"], "assessment.decision")[
            "status"
        ]
        == "overdue"
    )


def test_default_today_is_the_date_in_london():
    import time_machine

    from redress.statutory import compute

    doc = {"events": [ev("assessment_requested", "2025-09-03")]}
    # 23:30 UTC on Wed 15 Oct 2025 is 00:30 BST on Thu 16 Oct 2025 in London: overdue.
    with time_machine.travel(dt.datetime(2025, 10, 15, 23, 30, tzinfo=dt.UTC), tick=False):
        assert pick(compute(doc)["deadlines"], "assessment.decision")["status"] == "overdue"
    # 22:30 UTC on 15 Oct 2025 is 23:30 BST on the due date itself: pending.
    with time_machine.travel(dt.datetime(2025, 10, 15, 22, 30, tzinfo=dt.UTC), tick=False):
        assert pick(compute(doc)["deadlines"], "assessment.decision")["status"] == "pending"


# ---------------------------------------------------------------------------
# Explanations name the start event, its date, the period and the due date
# ---------------------------------------------------------------------------

START_OVERRIDE = {"mediation.held/health_only": 1}  # index of the starting event in case.events
PERIOD = {
    "assessment.decision": "6 weeks",
    "advice.response": "6 weeks",
    "plan.final": "20 weeks",
    "review.annual": "12 months",
    "review.report": "2 weeks",
    "review.decision": "4 weeks",
    "review.amended_plan": "8 weeks",
    "review.amended_plan_overall": "12 weeks",
    "mediation.contact_adviser": "2 months",
    "mediation.certificate_declined": "3 working days",
    "mediation.notify_health": "3 working days",
    "mediation.held": "30 days",
    "mediation.meeting_notice": "5 working days",
    "mediation.certificate_not_arranged": "3 working days",
    "mediation.certificate_after": "3 working days",
    "agreement.action": "2 weeks",
    "agreement.notify_la": "1 week",
    "appeal.lodge": "2 months",
    "appeal.la_response": "30 tribunal working days",
    "order.assess_notice": "2 weeks",
    "recommendation.response": "5 weeks",
}


def fmt(iso: str) -> str:
    d = dt.date.fromisoformat(iso)
    return f"{d:%a} {d.day} {d:%b %Y}"


def test_fmt_helper():
    assert fmt("2025-09-03") == "Wed 3 Sep 2025"


@pytest.mark.parametrize("case", CASES, ids=_ids(CASES))
def test_explanation_names_start_event_date_period_and_due(case):
    start = case.events[START_OVERRIDE.get(case.id, 0)]
    d = pick(run(case.events, today=case.due), case.rule, case.ref, case.due)
    e = d["explanation"]
    assert start["type"] in e, e
    assert fmt(start["date"]) in e, e
    assert fmt(case.due) in e, e
    if case.rule in PERIOD:
        assert PERIOD[case.rule] in e, e


def test_draft_comments_explanation():
    d = pick(run(DRAFT_BASE, today="2026-02-03"), "plan.draft_comments")
    e = d["explanation"]
    for part in ("draft_plan_issued", "Mon 2 Feb 2026", "15 days", "Tue 17 Feb 2026"):
        assert part in e, e
    assert "run to Mon 16 Feb 2026, so the final plan may be issued from Tue 17 Feb 2026" in e


# ---------------------------------------------------------------------------
# Cycle boundaries
# ---------------------------------------------------------------------------


def test_rescheduled_mediation_replaces_the_earlier_notice_clock():
    # First: meeting Tue 15 Apr 2025 -> 5 working days before would be Tue 8 Apr.
    # Rescheduled on Thu 10 Apr for Wed 7 May 2025 -> Tue 29 Apr 2025 (contract example); the
    # notice for the cancelled meeting is no longer owed, so it is not listed as overdue.
    events = [
        ev("mediation_scheduled", "2025-04-01", meeting_date="2025-04-15"),
        ev("mediation_scheduled", "2025-04-10", meeting_date="2025-05-07"),
        ev("meeting_details_confirmed", "2025-04-25"),
    ]
    out = run(events, today="2025-05-01")
    second = pick(out, "mediation.meeting_notice", due="2025-04-29")
    assert (second["status"], second["met_on"]) == ("met", "2025-04-25")
    assert [d["due"] for d in out if d["rule"] == "mediation.meeting_notice"] == ["2025-04-29"]


def test_stop_on_the_day_of_the_next_start_belongs_to_the_next_cycle():
    # Meetings Thu 5 Mar 2026 (report due Thu 19 Mar 2026) and Fri 5 Mar 2027 (due Fri 19 Mar 2027);
    # a report sent on Fri 5 Mar 2027 is not before the next start, so it stops the second clock.
    events = [
        ev("review_meeting_held", "2026-03-05"),
        ev("review_meeting_held", "2027-03-05"),
        ev("review_report_sent", "2027-03-05"),
    ]
    out = run(events, today="2027-03-06")
    first = pick(out, "review.report", due="2026-03-19")
    second = pick(out, "review.report", due="2027-03-19")
    assert first["status"] == "overdue"
    assert (second["status"], second["met_on"]) == ("met", "2027-03-05")


def test_decision_on_the_day_of_a_second_request_belongs_to_it():
    events = [
        ev("assessment_requested", "2025-03-03"),
        ev("assessment_requested", "2025-09-03"),
        ev("assessment_decision", "2025-09-03", decision="assess"),
    ]
    out = run(events, today="2025-10-01")
    assert pick(out, "assessment.decision", due="2025-04-14")["status"] == "overdue"
    assert pick(out, "assessment.decision", due="2025-10-15")["status"] == "met"


def test_review_annual_superseded_cycle_without_decision_is_not_listed():
    # Docs: a review_decision closes the cycle opened by the latest start before it; the latest
    # start opens the current cycle. An amended plan opens none, so only the final plan's
    # period (ending Fri 13 Mar 2026) is listed.
    events = [
        ev("final_plan_issued", "2025-03-14"),
        ev("amended_plan_issued", "2025-06-30"),
        ev("final_plan_issued", "2025-09-01"),  # a re-issued plan is not the plan first made
    ]
    out = run(events, today="2026-03-20")
    assert [(d["due"], d["status"]) for d in of_rule(out, "review.annual")] == [
        ("2026-03-13", "overdue")
    ]


def test_advice_received_on_the_request_day_is_met():
    events = [
        ev("advice_requested", "2025-10-20", ref="p", advice="parent"),
        ev("advice_received", "2025-10-20", ref="p"),
    ]
    d = pick(run(events, today="2025-10-21"), "advice.response", "p")
    assert (d["due"], d["status"], d["met_on"]) == ("2025-12-01", "met", "2025-10-20")


def test_continue_action_done_on_the_day_is_met():
    events = [
        ev("mediation_agreement", "2026-03-02", actions=[{"ref": "k", "kind": "continue"}]),
        ev("agreement_action_done", "2026-03-02", ref="k"),
    ]
    d = pick(run(events, today="2026-03-03"), "agreement.action", "k")
    assert (d["due"], d["status"]) == ("2026-03-02", "met")


def test_today_keyword_wins_over_document_today():
    from redress.statutory import compute

    doc = {"today": "2025-10-01", "events": [ev("assessment_requested", "2025-09-03")]}
    assert pick(compute(doc)["deadlines"], "assessment.decision")["status"] == "pending"
    assert (
        pick(compute(doc, today=dt.date(2025, 10, 16))["deadlines"], "assessment.decision")[
            "status"
        ]
        == "overdue"
    )
