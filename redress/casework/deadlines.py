"""The bridge from a child's records to the statutory engine, and back to the deadline table."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import Any

from django.db import transaction

from redress.bankholidays.selectors import working_day_calendar
from redress.casework.models import AdviceRequest, CaseEvent, Child, Deadline
from redress.statutory import EVENT_TYPES, compute_events, parse_document
from redress.statutory.engine import today_in_london
from redress.statutory.rules import RULES

# A rule id can have several rows (an order's final plan after an order to assess or to make a
# plan); the engine's output names the row by its citation, so the title is looked up by both.
_TITLES = {rule.id: rule.title for rule in RULES}
_TITLES_BY_CITATION = {(rule.id, rule.citation): rule.title for rule in RULES}


def deadline_title(rule_id: str, citation: str) -> str:
    """The catalogue's title for the engine's row (the variant's own title where it has one)."""
    return _TITLES_BY_CITATION.get((rule_id, citation)) or _TITLES.get(rule_id, rule_id)


# Other apps (plans and reviews, mediation, appeals) keep their own records of dated steps and
# register a function here that turns a child's records into engine input events.
EventSource = Callable[[Child], Iterable[dict[str, Any]]]
_EVENT_SOURCES: list[EventSource] = []


def register_event_source(source: EventSource) -> EventSource:
    """Add a source of engine events (call from an app's AppConfig.ready)."""
    if source not in _EVENT_SOURCES:
        _EVENT_SOURCES.append(source)
    return source


_INFORMATIONAL = {rule.id for rule in RULES if rule.informational}

# Apps that know which organisation must act on one of their rules' deadlines (the body asked to
# respond to a Tribunal recommendation, for example) register a function from a child to
# {ref: organisation id}; rows with no entry keep the child's local authority.
OrganisationSource = Callable[[Child], dict[str, int]]
_ORGANISATION_SOURCES: dict[str, OrganisationSource] = {}


def register_deadline_organisation(rule: str, source: OrganisationSource) -> None:
    """Say which organisation must act on each of a rule's deadlines (call from ready())."""
    _ORGANISATION_SOURCES[rule] = source


def engine_event(event_type: str, when: date, details: dict[str, Any]) -> dict[str, Any]:
    """An engine input event: the type, the date and only the fields the engine knows."""
    fields = {k: v for k, v in details.items() if k in EVENT_TYPES[event_type]}
    return {"type": event_type, "date": when.isoformat(), **fields}


def events_for_child(
    child: Child,
    *,
    case_events: Iterable[CaseEvent] | None = None,
    advice_requests: Iterable[AdviceRequest] | None = None,
) -> list[dict[str, Any]]:
    """Every dated step of a child's case, as the engine's input events."""
    if case_events is None:
        case_events = child.events.all()
    if advice_requests is None:
        advice_requests = child.advice_requests.all()
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
    for source in _EVENT_SOURCES:
        events.extend(source(child))
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


def validate_events(events: Sequence[dict[str, Any]]) -> None:
    """Raise the engine's InputError if the events do not make a valid document."""
    parse_document({"events": list(events)})


@transaction.atomic
def deadlines_recompute(*, child: Child, today: date | None = None) -> list[Deadline]:
    """Replace the child's rows in the deadline table with the engine's answer."""
    _, events = parse_document({"events": events_for_child(child)})
    results = compute_events(
        events, today=today or today_in_london(), calendar=working_day_calendar()
    )
    advice_by_ref = {a.ref: a for a in child.advice_requests.all()}
    organisations_by_rule = {
        rule: source(child)
        for rule, source in _ORGANISATION_SOURCES.items()
        if any(r["rule"] == rule for r in results)
    }
    rows = []
    for result in results:
        organisation_id = child.local_authority_id
        if result["rule"] == "advice.response" and result["ref"] in advice_by_ref:
            organisation_id = advice_by_ref[result["ref"]].recipient_organisation_id
        elif result["rule"] in organisations_by_rule:
            organisation_id = organisations_by_rule[result["rule"]].get(
                result["ref"] or "", organisation_id
            )
        rows.append(
            Deadline(
                child=child,
                rule=result["rule"],
                ref=result["ref"] or "",
                kind=result["kind"],
                due=date.fromisoformat(result["due"]),
                status=result["status"],
                met_on=date.fromisoformat(result["met_on"]) if result["met_on"] else None,
                actor=result["actor"],
                citation=result["citation"],
                evidence=result["evidence"],
                explanation=result["explanation"],
                title=deadline_title(result["rule"], result["citation"]),
                informational=result["rule"] in _INFORMATIONAL,
                organisation_id=organisation_id,
            )
        )
    child.deadlines.all().delete()
    return Deadline.objects.bulk_create(rows)


__all__ = [
    "DECISION_SOURCES",
    "deadlines_recompute",
    "decision_ref",
    "engine_event",
    "events_for_child",
    "register_deadline_organisation",
    "register_event_source",
    "validate_events",
]
