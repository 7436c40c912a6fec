"""Event types the engine understands, and validation of an input document.

Validation collects every problem it finds, one sentence each, naming the event's position
(counted from 1) so a caseworker can find it; nothing is computed from a document with problems.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .rules import EXCEPTION_GROUNDS, RULE_IDS

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_EARLIEST = date(1990, 1, 1)
_LATEST = date(2099, 12, 31)

ADVICE_KINDS = ("health", "social_care", "educational", "psychological", "parent", "other")
ORDER_KINDS = ("assess", "make_plan", "amend_contents", "amend_school", "continue")
ACTION_KINDS = ("assess", "make_plan", "amend_contents", "amend_school", "continue", "other")
TRANSFER_KINDS = ("school", "post16", "post16_move")
ORDER_STEPS = ("assess_notice", "draft_plan", "final_plan", "amended_plan", "plan_decision")

# The optional `ref` naming the decision a mediation or appeal event belongs to (revision 2):
# "" (the default) is the one unnamed decision of revision 1.
_DECISION_REF = ("decision_ref", False, "")

# field name -> (kind, required, allowed values or default)
_Spec = dict[str, tuple[str, bool, Any]]

EVENT_TYPES: dict[str, _Spec] = {
    # EHC needs assessment and plan
    "assessment_requested": {},
    "assessment_decision": {"decision": ("enum", True, ("assess", "not_assess"))},
    "advice_requested": {"ref": ("ref", True, None), "advice": ("enum", True, ADVICE_KINDS)},
    "advice_received": {"ref": ("ref", True, None)},
    "institution_consulted": {"ref": ("ref", True, None)},
    "institution_responded": {"ref": ("ref", True, None)},
    "plan_decision": {"decision": ("enum", True, ("issue", "not_issue"))},
    "draft_plan_issued": {},
    "final_plan_issued": {},
    "exception_recorded": {
        "rule": ("rule", True, None),
        "ground": ("text", True, None),
        "ref": ("ref", False, None),
    },
    # Annual review and phase transfer
    "review_meeting_held": {},
    "review_report_sent": {},
    "review_decision": {"decision": ("enum", True, ("maintain", "amend", "cease"))},
    "amendment_notice_issued": {},
    # Added by Redress (docs/decisions/0109): the phase transfer the amendment was made for.
    "amended_plan_issued": {"transfer_ref": ("ref", False, None)},
    "amendment_not_made": {},
    # Added by Redress (docs/decisions/0006-review-meeting-clocks.md)
    "review_meeting_scheduled": {"meeting_date": ("date", True, None)},
    "review_invitations_sent": {},
    "review_advice_circulated": {},
    "cessation_decided": {},
    "phase_transfer_due": {
        "transfer": ("enum", True, TRANSFER_KINDS),
        # Required for school and post16, optional for post16_move (checked below).
        "year": ("year", False, None),
        "move_date": ("date", False, None),
        # With a ref, only an amended plan made for this transfer (its transfer_ref) meets it.
        "ref": ("ref", False, None),
    },
    # Transfer of a plan from another authority, and re-assessment (revision 2)
    "plan_transferred_in": {
        "plan_made": ("date", True, None),
        "last_reviewed": ("date", False, None),
    },
    "transfer_notice_sent": {},
    "reassessment_requested": {},
    "reassessment_decision": {"decision": ("enum", True, ("reassess", "not_reassess"))},
    "reassessment_no_change": {},
    # Mediation
    "decision_notice_sent": {
        "certificate_required": ("bool", False, True),
        "ref": _DECISION_REF,
    },
    "mediation_adviser_contacted": {"ref": _DECISION_REF},
    "mediation_declined": {},
    "mediation_requested": {
        "health": ("bool", False, False),
        "health_only": ("bool", False, False),
    },
    "health_commissioner_notified": {},
    "mediation_scheduled": {"meeting_date": ("date", True, None)},
    "meeting_details_confirmed": {},
    "mediation_not_arranged": {},
    "mediation_held": {},
    "mediation_concluded": {},
    "certificate_issued": {"ref": _DECISION_REF},
    "mediation_agreement": {
        "actions": ("actions", True, None),
        "la_party": ("bool", False, True),
    },
    "agreement_action_done": {"ref": ("ref", True, None)},
    # Tribunal appeals, orders and recommendations
    "appeal_lodged": {"ref": _DECISION_REF},
    "appeal_sent_to_la": {},
    "response_directed": {"due": ("date", True, None)},
    "la_response_sent": {},
    "tribunal_order": {"order": ("enum", True, ORDER_KINDS)},
    "appeal_unopposed": {"order": ("enum", True, ORDER_KINDS)},
    "order_step_done": {"step": ("enum", True, ORDER_STEPS)},
    "recommendations_made": {
        "ref": ("ref", True, None),
        "body": ("enum", True, ("health", "social_care")),
    },
    "recommendation_response_sent": {"ref": ("ref", True, None)},
}

# Each event type in words, for people reading an explanation.
EVENT_WORDS: dict[str, str] = {
    "assessment_requested": "the request for an assessment",
    "assessment_decision": "the decision whether to assess",
    "advice_requested": "the request for advice",
    "advice_received": "the advice being received",
    "institution_consulted": "the school or college being consulted",
    "institution_responded": "the school or college's reply to the consultation",
    "plan_decision": "the decision whether to issue a plan",
    "draft_plan_issued": "the draft plan being issued",
    "final_plan_issued": "the final plan being issued",
    "exception_recorded": "the exception being recorded",
    "review_meeting_held": "the review meeting",
    "review_report_sent": "the review report being sent",
    "review_decision": "the review decision",
    "amendment_notice_issued": "the amendment notice",
    "amended_plan_issued": "the amended plan being issued",
    "amendment_not_made": "the decision not to amend the plan being notified",
    "review_meeting_scheduled": "the review meeting being arranged",
    "review_invitations_sent": "the invitations to the review meeting being sent",
    "review_advice_circulated": "the advice for the review meeting being circulated",
    "cessation_decided": "the decision to cease to maintain the plan",
    "phase_transfer_due": "the phase transfer being recorded",
    "plan_transferred_in": "the plan being transferred from another authority",
    "transfer_notice_sent": "the family being told the plan has transferred",
    "reassessment_requested": "the request for a re-assessment",
    "reassessment_decision": "the decision whether to re-assess",
    "reassessment_no_change": "the family being told the plan will not change after re-assessment",
    "decision_notice_sent": "the decision letter being sent",
    "mediation_adviser_contacted": "contact with the mediation adviser",
    "mediation_declined": "the family declining mediation",
    "mediation_requested": "the request for mediation",
    "health_commissioner_notified": "the health commissioner being told",
    "mediation_scheduled": "the mediation being arranged",
    "meeting_details_confirmed": "the meeting details being confirmed",
    "mediation_not_arranged": "the local authority saying mediation cannot be arranged in time",
    "mediation_held": "the mediation meeting",
    "mediation_concluded": "the end of mediation",
    "certificate_issued": "the mediation certificate being issued",
    "mediation_agreement": "the mediation agreement",
    "agreement_action_done": "the agreed action being done",
    "appeal_lodged": "the appeal being lodged",
    "appeal_sent_to_la": "the Tribunal sending the appeal to the local authority",
    "response_directed": "the Tribunal's direction",
    "la_response_sent": "the local authority's response",
    "tribunal_order": "the Tribunal's order",
    "appeal_unopposed": "the local authority saying it will not oppose the appeal",
    "order_step_done": "the ordered step being done",
    "recommendations_made": "the Tribunal's recommendations",
    "recommendation_response_sent": "the response to the recommendations",
}

# Clocks paired by `ref`: start event type -> stop event type.
REF_PAIRS = {
    "advice_requested": "advice_received",
    "institution_consulted": "institution_responded",
    "recommendations_made": "recommendation_response_sent",
}

# Rules whose clocks are kept one per `ref`.
PER_REF_RULES = {
    "advice.response": "advice_requested",
    "plan.institution_consultation": "institution_consulted",
    "recommendation.response": "recommendations_made",
    "agreement.action": "mediation_agreement",
}


@dataclass(frozen=True)
class AgreedAction:
    ref: str
    kind: str
    agreed_due: date | None


@dataclass(frozen=True)
class Event:
    position: int  # 1-based position in the input list
    type: str
    date: date
    fields: Mapping[str, Any] = field(default_factory=dict)

    def get(self, name: str) -> Any:
        return self.fields.get(name)


class InputError(ValueError):
    """The input document has problems; `problems` holds one sentence for each."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        super().__init__("; ".join(self.problems))


def parse_iso_date(value: Any) -> date | str:
    """A date, or a sentence saying what is wrong with the value."""
    if not isinstance(value, str):
        return f"must be a date written YYYY-MM-DD, not {value!r}"
    return _parse_iso_text(value)


# A night's recompute parses the same few thousand dates millions of times; the answer for a
# string never changes (a date and a sentence are both immutable).
@functools.lru_cache(maxsize=16384)
def _parse_iso_text(value: str) -> date | str:
    if not _ISO_DATE.match(value):
        return f"{value!r} is not a date written YYYY-MM-DD"
    try:
        parsed = date.fromisoformat(value)
    except ValueError:
        return f"{value!r} is not a real date"
    if not _EARLIEST <= parsed <= _LATEST:
        return f"{value!r} is outside the years Redress supports (1990 to 2099)"
    return parsed


def parse_document(document: Any) -> tuple[date | None, list[Event]]:
    """Validate a whole input document; raise InputError listing every problem."""
    problems: list[str] = []
    today: date | None = None
    if not isinstance(document, Mapping):
        raise InputError(["the document must be a JSON object with an 'events' list"])
    unknown_keys = sorted(set(document) - {"today", "events"})
    for key in unknown_keys:
        problems.append(f"unknown field {key!r} in the document (expected 'today' and 'events')")
    if document.get("today") is not None:
        parsed = parse_iso_date(document["today"])
        if isinstance(parsed, str):
            problems.append(f"today: {parsed}")
        else:
            today = parsed
    raw_events = document.get("events")
    if raw_events is None:
        problems.append("the document has no 'events' list")
        raw_events = []
    elif not isinstance(raw_events, list):
        problems.append("'events' must be a list of events")
        raw_events = []
    events: list[Event] = []
    for index, raw in enumerate(raw_events, start=1):
        event = _parse_event(index, raw, problems)
        if event is not None:
            events.append(event)
    problems.extend(_check_relations(events))
    if problems:
        raise InputError(problems)
    return today, events


class _Label:
    """How a problem names its event ("event 3 (plan_issued)"), written only when there is one."""

    __slots__ = ("index", "raw")

    def __init__(self, index: int, raw: Any) -> None:
        self.index = index
        self.raw = raw

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)

    def __str__(self) -> str:
        raw = self.raw
        if isinstance(raw, Mapping) and isinstance(raw.get("type"), str) and raw["type"]:
            return f"event {self.index} ({raw['type']})"
        return f"event {self.index}"


def _parse_event(index: int, raw: Any, problems: list[str]) -> Event | None:
    label = _Label(index, raw)
    if type(raw) is not dict and not isinstance(raw, Mapping):
        problems.append(f"{label}: must be an object with 'type' and 'date'")
        return None
    ok = True
    event_type = raw.get("type")
    spec: _Spec | None = None
    if event_type is None:
        problems.append(f"{label}: missing 'type'")
        ok = False
    elif not isinstance(event_type, str) or event_type not in EVENT_TYPES:
        problems.append(f"{label}: unknown event type {event_type!r}")
        ok = False
    else:
        spec = EVENT_TYPES[event_type]
    event_date: date | None = None
    if "date" not in raw or raw["date"] is None:
        problems.append(f"{label}: missing 'date'")
        ok = False
    else:
        parsed = parse_iso_date(raw["date"])
        if isinstance(parsed, str):
            problems.append(f"{label}: date {parsed}")
            ok = False
        else:
            event_date = parsed
    if spec is None or event_date is None or not isinstance(event_type, str):
        return None
    fields: dict[str, Any] = {}
    for name, (kind, required, extra) in spec.items():
        value = raw.get(name)
        if value is None:
            if required:
                problems.append(f"{label}: missing '{name}'")
                ok = False
            elif kind in ("bool", "decision_ref"):
                fields[name] = extra
            continue
        checked = _check_field(kind, extra, value)
        if isinstance(checked, _Problem):
            problems.append(f"{label}: '{name}' {checked.text}")
            ok = False
        else:
            fields[name] = checked
    if ok and event_type == "exception_recorded":
        ground = fields["ground"]
        allowed = EXCEPTION_GROUNDS.get(fields["rule"], ())
        if not allowed:
            problems.append(
                f"{label}: rule {fields['rule']!r} has no statutory exceptions, so none can "
                "be recorded against it"
            )
            ok = False
        elif ground not in allowed:
            problems.append(
                f"{label}: {ground!r} is not a ground for excepting {fields['rule']!r}; "
                f"the grounds are {', '.join(allowed)}"
            )
            ok = False
        elif "ref" in fields and fields["rule"] not in PER_REF_RULES:
            problems.append(
                f"{label}: rule {fields['rule']!r} has one clock per case, so the exception "
                "takes no 'ref'"
            )
            ok = False
    if ok and event_type == "mediation_agreement":
        for action in fields["actions"]:
            if action.agreed_due is not None and action.agreed_due < event_date:
                problems.append(
                    f"{label}: action {action.ref!r} is agreed to be done on "
                    f"{action.agreed_due.isoformat()}, before the agreement itself"
                )
                ok = False
    if (
        ok
        and event_type in ("mediation_scheduled", "review_meeting_scheduled")
        and fields["meeting_date"] < event_date
    ):
        problems.append(f"{label}: the meeting date is before the day it was scheduled")
        ok = False
    if ok and event_type == "response_directed" and fields["due"] < event_date:
        problems.append(f"{label}: the directed date is before the direction was given")
        ok = False
    if event_type == "phase_transfer_due" and "transfer" in fields:
        if fields["transfer"] == "post16_move":
            if "move_date" not in fields:
                problems.append(f"{label}: missing 'move_date' (required for post16_move)")
                ok = False
        elif "year" not in fields:
            problems.append(f"{label}: missing 'year'")
            ok = False
    if ok and event_type == "plan_transferred_in":
        for name in ("plan_made", "last_reviewed"):
            if name in fields and fields[name] > event_date:
                problems.append(
                    f"{label}: '{name}' {fields[name].isoformat()} is after the transfer on "
                    f"{event_date.isoformat()}"
                )
                ok = False
        if ok and "last_reviewed" in fields and fields["last_reviewed"] < fields["plan_made"]:
            problems.append(
                f"{label}: 'last_reviewed' {fields['last_reviewed'].isoformat()} is before the "
                f"plan was made on {fields['plan_made'].isoformat()}"
            )
            ok = False
    if ok and event_type == "mediation_requested" and fields["health_only"]:
        fields["health"] = True
    return Event(index, event_type, event_date, fields) if ok else None


@dataclass(frozen=True)
class _Problem:
    text: str


def _check_field(kind: str, extra: Any, value: Any) -> Any:
    if kind == "enum":
        if value not in extra:
            return _Problem(f"must be one of {', '.join(extra)}, not {value!r}")
        return value
    if kind == "ref":
        if not isinstance(value, str) or not value.strip():
            return _Problem(f"must be a non-empty text, not {value!r}")
        return value
    if kind == "decision_ref":
        if not isinstance(value, str):
            return _Problem(f"must be a text naming the decision, not {value!r}")
        return value.strip()
    if kind == "text":
        if not isinstance(value, str) or not value.strip():
            return _Problem(f"must be a non-empty text, not {value!r}")
        return value
    if kind == "bool":
        if not isinstance(value, bool):
            return _Problem(f"must be true or false, not {value!r}")
        return value
    if kind == "date":
        parsed = parse_iso_date(value)
        return _Problem(parsed) if isinstance(parsed, str) else parsed
    if kind == "year":
        if isinstance(value, bool) or not isinstance(value, int) or not 1990 <= value <= 2099:
            return _Problem(f"must be a year from 1990 to 2099, not {value!r}")
        return value
    if kind == "rule":
        if value not in RULE_IDS:
            return _Problem(f"names no rule Redress knows: {value!r}")
        return value
    if kind == "actions":
        return _check_actions(value)
    raise AssertionError(kind)


def _check_actions(value: Any) -> Any:
    if not isinstance(value, list) or not value:
        return _Problem("must be a non-empty list of agreed actions")
    actions: list[AgreedAction] = []
    seen: set[str] = set()
    for number, item in enumerate(value, start=1):
        where = f"action {number}"
        if not isinstance(item, Mapping):
            return _Problem(f"{where} must be an object with 'ref' and 'kind'")
        ref = item.get("ref")
        if not isinstance(ref, str) or not ref.strip():
            return _Problem(f"{where} needs a non-empty 'ref'")
        if ref in seen:
            return _Problem(f"{where} repeats ref {ref!r}")
        seen.add(ref)
        kind = item.get("kind")
        if kind not in ACTION_KINDS:
            kinds = ", ".join(ACTION_KINDS)
            return _Problem(f"{where} 'kind' must be one of {kinds}, not {kind!r}")
        agreed_due: date | None = None
        if item.get("agreed_due") is not None:
            parsed = parse_iso_date(item["agreed_due"])
            if isinstance(parsed, str):
                return _Problem(f"{where} 'agreed_due' {parsed}")
            agreed_due = parsed
        actions.append(AgreedAction(ref, kind, agreed_due))
    return tuple(actions)


def _check_relations(events: Sequence[Event]) -> list[str]:
    """Problems between events: refs that pair up wrongly, stops before their starts."""
    problems: list[str] = []
    starts: dict[str, dict[str, Event]] = {start: {} for start in REF_PAIRS}
    action_starts: dict[str, Event] = {}
    for event in events:
        if event.type in REF_PAIRS:
            ref = event.fields["ref"]
            if ref in starts[event.type]:
                first = starts[event.type][ref]
                problems.append(
                    f"event {event.position} ({event.type}): ref {ref!r} is already used by "
                    f"event {first.position}"
                )
            else:
                starts[event.type][ref] = event
        elif event.type == "mediation_agreement":
            for action in event.fields["actions"]:
                if action.ref in action_starts:
                    first = action_starts[action.ref]
                    problems.append(
                        f"event {event.position} (mediation_agreement): action ref "
                        f"{action.ref!r} is already used by event {first.position}"
                    )
                else:
                    action_starts[action.ref] = event
    stop_to_start = {stop: start for start, stop in REF_PAIRS.items()}
    for event in events:
        if event.type in stop_to_start:
            start_type = stop_to_start[event.type]
            start = starts[start_type].get(event.fields["ref"])
        elif event.type == "agreement_action_done":
            start_type = "mediation_agreement"
            start = action_starts.get(event.fields["ref"])
        else:
            continue
        ref = event.fields["ref"]
        if start is None:
            problems.append(
                f"event {event.position} ({event.type}): ref {ref!r} stops a clock that no "
                f"{start_type} event starts"
            )
        elif event.date < start.date:
            problems.append(
                f"event {event.position} ({event.type}): dated {event.date.isoformat()}, before "
                f"{start_type} (event {start.position}) on {start.date.isoformat()} for ref {ref!r}"
            )
    per_ref_starts = {
        "advice.response": set(starts["advice_requested"]),
        "plan.institution_consultation": set(starts["institution_consulted"]),
        "recommendation.response": set(starts["recommendations_made"]),
        "agreement.action": set(action_starts),
    }
    for event in events:
        if event.type == "exception_recorded" and "ref" in event.fields:
            rule = event.fields["rule"]
            if event.fields["ref"] not in per_ref_starts.get(rule, set()):
                problems.append(
                    f"event {event.position} (exception_recorded): ref {event.fields['ref']!r} "
                    f"names no clock of rule {rule!r}"
                )
    return problems
