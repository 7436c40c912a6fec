"""Casework's own dated steps as statutory engine events: the case's steps (requests, decisions,
plans recorded on the case) and its advice requests, with the decision notice a family may appeal
from (CFA 2014 s.51(2)). Other apps declare their own sources (`DomainAppConfig.event_source`);
`redress.casework.deadlines` gathers them all for the engine."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from redress.casework.models import AdviceRequest, CaseEvent, Child
from redress.statutory import EVENT_TYPES


def engine_event(event_type: str, when: date, details: dict[str, Any]) -> dict[str, Any]:
    """An engine input event: the type, the date and only the fields the engine knows."""
    fields = {k: v for k, v in details.items() if k in EVENT_TYPES[event_type]}
    return {"type": event_type, "date": when.isoformat(), **fields}


def casework_events(
    child: Child,
    *,
    case_events: Iterable[CaseEvent] | None = None,
    advice_requests: Iterable[AdviceRequest] | None = None,
) -> list[dict[str, Any]]:
    if case_events is None:
        case_events = child.events.all()
    if advice_requests is None:
        advice_requests = child.advice_requests.all()
    # A step withdrawn as recorded in error is left out, as if it had not happened (decision 0100).
    case_events = [e for e in case_events if e.withdrawn_at is None]
    advice_requests = [a for a in advice_requests if a.withdrawn_at is None]
    events = []
    for e in case_events:
        events.append(engine_event(e.type, e.date, e.details))
        if _is_appealable(e.type, e.details):
            # The decision's notice is sent with it: the family's appeal window and their
            # 2 months to contact the mediation adviser start here (reg 33; HESC r.20), one
            # window per decision, named by the decision's ref.
            events.append(
                {
                    "type": "decision_notice_sent",
                    "date": e.date.isoformat(),
                    "certificate_required": True,
                    "ref": decision_ref("case_event", e.pk),
                }
            )
    for advice in advice_requests:
        events.append(
            {
                "type": "advice_requested",
                "date": advice.date_sent.isoformat(),
                "ref": advice.ref,
                "advice": advice.advice_type,
            }
        )
        if advice.date_received is not None:
            events.append(
                {
                    "type": "advice_received",
                    "date": advice.date_received.isoformat(),
                    "ref": advice.ref,
                }
            )
    return events


# Decisions a family may appeal to the Tribunal (CFA 2014 s.51(2)(a)-(e)).
_APPEALABLE = {
    ("assessment_decision", "not_assess"),
    ("plan_decision", "not_issue"),
    ("final_plan_issued", None),
    ("reassessment_decision", "not_reassess"),
    ("reassessment_no_change", None),
}

# The records an appealable decision can be: a step of the case, a plan version (issued, or a
# decision not to amend it), a review's decision to maintain the plan, a cessation, and a
# mediation case about a decision Redress has no record of.
DECISION_SOURCES = ("case_event", "plan", "review_step", "cessation", "mediation_case")


def decision_ref(source: str, pk: int | None) -> str:
    """The name of one appealable decision, the same everywhere: the engine's `ref` on its
    notice and on the mediation, certificate and appeal about it, and the key of its letter
    (docs/decisions/0055-decision-refs.md)."""
    if source not in DECISION_SOURCES:
        raise ValueError(f"unknown decision source {source!r}")
    return f"{source}-{pk}"


def _is_appealable(event_type: str, details: dict[str, Any]) -> bool:
    return (event_type, details.get("decision")) in _APPEALABLE
