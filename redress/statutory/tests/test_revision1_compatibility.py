"""A document that uses none of revision 2's events or fields gives revision 1's output, apart from
the deliberate corrections of revision 2:

- `review.annual` (the plan first made and each review start it; the period ends the day before
  the anniversary);
- `assessment.decision` when an exception is recorded against a refusal to assess (never
  excepted now);
- `phase_transfer.amend` when a review decides to maintain the plan (that meets the duty now);
- `order.plan_decision`, a new row after every order to assess.

Revision 1's behaviour is a frozen copy of its engine (`tests/revision1/`). Random documents
are compared deadline by deadline on every field but the wording (citation, evidence and
explanation were corrected too); a document one revision refuses, the other refuses with the
same problems.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from redress.statutory import InputError, compute
from redress.statutory.tests.revision1 import engine as revision1
from redress.statutory.tests.revision1.events import InputError as Revision1InputError
from redress.statutory.tests.revision1.rules import EXCEPTION_GROUNDS as REVISION1_GROUNDS

BASE = date(2025, 1, 1)
FIELDS = ("rule", "ref", "kind", "due", "status", "met_on", "actor")

days = st.integers(min_value=0, max_value=700)


def _iso(offset: int) -> str:
    return (BASE + timedelta(days=offset)).isoformat()


@st.composite
def event(draw: Any) -> dict[str, Any]:
    offset = draw(days)
    kind = draw(st.sampled_from(sorted(_FIELDS)))
    fields = draw(_FIELDS[kind](offset))
    return {"type": kind, "date": _iso(offset), **fields}


def _none(offset: int) -> Any:
    return st.just({})


def _choice(name: str, values: tuple[str, ...]) -> Any:
    return lambda offset: st.sampled_from(values).map(lambda v: {name: v})


def _later(name: str) -> Any:
    return lambda offset: st.integers(0, 120).map(lambda n: {name: _iso(offset + n)})


def _exception(offset: int) -> Any:
    return st.sampled_from(sorted(REVISION1_GROUNDS)).flatmap(
        lambda rule: st.sampled_from(REVISION1_GROUNDS[rule]).map(
            lambda ground: {"rule": rule, "ground": ground}
        )
    )


def _agreement(offset: int) -> Any:
    action = st.fixed_dictionaries(
        {
            "kind": st.sampled_from(
                ("assess", "make_plan", "amend_contents", "amend_school", "continue", "other")
            ),
        },
        optional={"agreed_due": st.integers(0, 90).map(lambda n: _iso(offset + n))},
    )
    return st.tuples(
        st.lists(action, min_size=1, max_size=2), st.sampled_from(("x", "y")), st.booleans()
    ).map(
        lambda t: {
            "actions": [{"ref": f"{t[1]}{i}", **a} for i, a in enumerate(t[0])],
            "la_party": t[2],
        }
    )


_ORDERS = ("assess", "make_plan", "amend_contents", "amend_school", "continue")
_FIELDS: dict[str, Any] = {
    "assessment_requested": _none,
    "assessment_decision": _choice("decision", ("assess", "not_assess")),
    "advice_requested": lambda o: st.sampled_from(("a", "b")).map(
        lambda r: {"ref": r, "advice": "health"}
    ),
    "advice_received": _choice("ref", ("a", "b")),
    "plan_decision": _choice("decision", ("issue", "not_issue")),
    "draft_plan_issued": _none,
    "final_plan_issued": _none,
    "exception_recorded": _exception,
    "review_meeting_held": _none,
    "review_report_sent": _none,
    "review_decision": _choice("decision", ("maintain", "amend", "cease")),
    "amendment_notice_issued": _none,
    "amended_plan_issued": _none,
    "review_meeting_scheduled": _later("meeting_date"),
    "review_invitations_sent": _none,
    "review_advice_circulated": _none,
    "cessation_decided": _none,
    "phase_transfer_due": lambda o: st.tuples(
        st.sampled_from(("school", "post16")), st.integers(2025, 2027)
    ).map(lambda t: {"transfer": t[0], "year": t[1]}),
    "decision_notice_sent": lambda o: st.booleans().map(lambda b: {"certificate_required": b}),
    "mediation_adviser_contacted": _none,
    "mediation_declined": _none,
    "mediation_requested": lambda o: st.sampled_from(
        ({}, {"health": True}, {"health": True, "health_only": True})
    ),
    "health_commissioner_notified": _none,
    "mediation_scheduled": _later("meeting_date"),
    "meeting_details_confirmed": _none,
    "mediation_not_arranged": _none,
    "mediation_held": _none,
    "mediation_concluded": _none,
    "certificate_issued": _none,
    "mediation_agreement": _agreement,
    "agreement_action_done": _choice("ref", ("x0", "y0")),
    "appeal_lodged": _none,
    "appeal_sent_to_la": _none,
    "response_directed": _later("due"),
    "la_response_sent": _none,
    "tribunal_order": _choice("order", _ORDERS),
    "appeal_unopposed": _choice("order", _ORDERS),
    "order_step_done": _choice(
        "step", ("assess_notice", "draft_plan", "final_plan", "amended_plan")
    ),
    "recommendations_made": lambda o: st.sampled_from(("r", "s")).map(
        lambda r: {"ref": r, "body": "health"}
    ),
    "recommendation_response_sent": _choice("ref", ("r", "s")),
}


def _deliberately_changed(document: dict[str, Any], row: dict[str, Any]) -> bool:
    events = document["events"]
    rule = row["rule"]
    if rule in ("review.annual", "order.plan_decision"):
        return True
    if rule == "assessment.decision":
        return any(
            e["type"] == "exception_recorded" and e["rule"] == "assessment.decision" for e in events
        ) and any(e.get("decision") == "not_assess" for e in events)
    if rule == "phase_transfer.amend":
        return any(e["type"] == "review_decision" and e["decision"] == "maintain" for e in events)
    return False


def _rows(document: dict[str, Any], output: dict[str, Any]) -> list[tuple[Any, ...]]:
    return sorted(
        tuple(d[f] or "" for f in FIELDS)
        for d in output["deadlines"]
        if not _deliberately_changed(document, d)
    )


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(event(), min_size=1, max_size=9), st.integers(0, 900))
def test_revision1_documents_give_revision1_output(events, today):
    document = {"today": _iso(today), "events": events}
    try:
        old = revision1.compute(document)
    except Revision1InputError as exc:
        try:
            compute(document)
        except InputError as new_exc:
            assert new_exc.problems == exc.problems
            return
        raise AssertionError(f"revision 2 accepted a document revision 1 refused: {exc}") from None
    new = compute(document)
    assert _rows(document, new) == _rows(document, old)


def test_a_revision1_document_with_every_correction():
    # One fixed document showing each deliberate difference at once.
    document = {
        "today": "2026-09-01",
        "events": [
            {"type": "final_plan_issued", "date": "2025-03-14"},
            {"type": "amended_plan_issued", "date": "2025-06-30"},
            {"type": "assessment_requested", "date": "2026-01-05"},
            {
                "type": "exception_recorded",
                "date": "2026-02-01",
                "rule": "assessment.decision",
                "ground": "reg_5_4_c",
            },
            {"type": "assessment_decision", "date": "2026-03-02", "decision": "not_assess"},
            {
                "type": "phase_transfer_due",
                "date": "2026-09-01",
                "transfer": "school",
                "year": 2027,
            },
            {"type": "review_decision", "date": "2026-03-20", "decision": "maintain"},
            {"type": "tribunal_order", "date": "2026-04-01", "order": "assess"},
        ],
    }
    old = {(d["rule"], d["due"], d["status"]) for d in revision1.compute(document)["deadlines"]}
    new = {(d["rule"], d["due"], d["status"]) for d in compute(document)["deadlines"]}
    # Revision 1: from the amended plan Mon 30 Jun 2025, to Tue 30 Jun 2026, met by the review.
    assert ("review.annual", "2026-06-30", "met") in old
    # Revision 2: from the plan Fri 14 Mar 2025 to Fri 13 Mar 2026; the review on 20 Mar is late.
    assert ("review.annual", "2026-03-13", "late") in new
    assert ("assessment.decision", "2026-02-16", "excepted") in old
    assert ("assessment.decision", "2026-02-16", "late") in new
    assert ("order.plan_decision", "2026-06-10", "overdue") in new
    assert not any(rule == "order.plan_decision" for rule, _, _ in old)
    assert old - new == {
        ("review.annual", "2026-06-30", "met"),
        ("review.annual", "2027-03-20", "pending"),
        ("assessment.decision", "2026-02-16", "excepted"),
    }
