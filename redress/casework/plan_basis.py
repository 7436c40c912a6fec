"""What must be on record before a first plan's steps, whichever screen records them.

Casework's assessment screens (`case_event_record`) and the plans app (`plan_issue_draft`,
`plan_issue_final`) both record a first plan's draft and final; both call `check_plan_basis`, so
the same steps are refused the same way. It lives in casework, below the plans app, and reads
only the casework steps that stand (a step withdrawn as recorded in error does not count).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from redress.casework.models import CaseEvent

_NEEDS_REQUEST = {"assessment_decision", "plan_decision", "draft_plan_issued", "final_plan_issued"}
_NEEDS_DECISION_TO_ASSESS = {"plan_decision", "draft_plan_issued", "final_plan_issued"}
_AFTER_THE_DECISION_TO_ISSUE = {"draft_plan_issued", "final_plan_issued"}


def check_plan_basis(
    event_type: str,
    when: date,
    existing: Iterable[CaseEvent],
    errors: dict[str, list[str]],
    *,
    field: str = "date",
) -> None:
    """A request for an assessment on or before the step, a decision to assess after that
    request, and no decision not to issue a plan after it (CFA 2014 ss.36-37; SEND Regulations
    2014 regs 4, 10 and 13): a plan cannot be drafted or issued without them."""
    if event_type not in _NEEDS_REQUEST:
        return
    events = [e for e in existing if e.withdrawn_at is None]
    requests = [e for e in events if e.type == "assessment_requested" and e.date <= when]
    if not requests:
        errors.setdefault(field, []).append(
            "There is no request for an assessment on or before this date. "
            "Record the request first, or check the date."
        )
        return
    latest_request = max(e.date for e in requests)

    def in_cycle(event_type: str, decision: str) -> bool:
        return any(
            e.type == event_type
            and latest_request <= e.date <= when
            and e.details.get("decision") == decision
            for e in events
        )

    if event_type in _NEEDS_DECISION_TO_ASSESS and not in_cycle("assessment_decision", "assess"):
        errors.setdefault(field, []).append(
            "There is no decision to assess on or before this date. "
            "Record the decision to assess first, or check the date."
        )
    elif event_type in _AFTER_THE_DECISION_TO_ISSUE and in_cycle("plan_decision", "not_issue"):
        errors.setdefault(field, []).append(
            "The local authority decided not to issue a plan after this assessment."
        )
