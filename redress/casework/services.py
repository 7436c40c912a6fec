"""Writes to a child's case. Each service checks plausibility, saves, recomputes the child's
deadlines through the engine and writes the audit log, all in one transaction.

Errors a user can cause are raised as `ValidationError` keyed by form field, so views show them
in a GOV.UK error summary; nothing already saved is changed when a step is refused.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.db.models import Q, QuerySet

from redress.accounts.models import LA_ROLES, Organisation
from redress.accounts.selectors import has_role_at as _works_at
from redress.audit.services import audit_record
from redress.bankholidays.selectors import working_day_calendar
from redress.casework.deadlines import deadlines_recompute, events_for_child
from redress.casework.events import engine_event
from redress.casework.identifiers import uln_problem, upn_problem
from redress.casework.models import (
    AdviceRequest,
    AdviceWeighing,
    CaseAllocation,
    CaseEvent,
    Child,
    Consent,
    DeclaredConflict,
    FamilyMember,
    Provision,
)
from redress.casework.plan_basis import check_plan_basis
from redress.casework.selectors import declared_conflicts_with
from redress.core import registry, uploads
from redress.core.corrections import (
    WITHDRAWN_MESSAGE,
    history_reason,
    mark_corrected,
    mark_withdrawn,
)
from redress.core.dedupe import lock, recent_duplicate
from redress.core.service_checks import not_in_future as _not_in_future
from redress.core.versions import claim_version
from redress.statutory import InputError, compute_events, parse_document
from redress.statutory.calendar import format_date
from redress.statutory.engine import today_in_london
from redress.statutory.rules import EXCEPTION_GROUNDS, GROUND_DESCRIPTIONS, RULES

# One upload check for every app (redress/core/uploads.py); the apps import these from here.
ALLOWED_UPLOADS = uploads.ALLOWED_UPLOADS
MAX_UPLOAD_BYTES = uploads.MAX_UPLOAD_BYTES
validate_upload = uploads.validate_upload


def _check_caseworker(
    caseworker: Any, local_authority_id: int, errors: dict[str, list[str]]
) -> None:
    if caseworker is not None and not _works_at(caseworker, local_authority_id, LA_ROLES):
        errors.setdefault("caseworker", []).append(
            "Choose a caseworker who works at the child's local authority."
        )


def _check_identifiers(upn: str, uln: str, errors: dict[str, list[str]]) -> None:
    for field, value, problem in (("upn", upn, upn_problem), ("uln", uln, uln_problem)):
        message = problem(value) if value else None
        if message:
            errors.setdefault(field, []).append(message)


# A plan may be made up to age 25 (CFA 2014 s.83(2)): a plan step at 26 or over is impossible.
OLDEST_PLAN_AGE = 25
_PLAN_STEPS = {"plan_decision", "draft_plan_issued", "final_plan_issued", "plan_transferred_in"}


def check_life_dates(
    child: Child, when: date, errors: dict[str, list[str]], *, field: str = "date", plan: bool
) -> None:
    """No step before the child was born, and no plan step from age 26 (any app's steps)."""
    if when < child.date_of_birth:
        errors.setdefault(field, []).append(
            f"The date is before {child.full_name} was born "
            f"({child.date_of_birth:%-d %B %Y}). Check the date."
        )
    elif plan and child.age_on(when) > OLDEST_PLAN_AGE:
        errors.setdefault(field, []).append(
            f"{child.full_name} was {child.age_on(when)} on this date: an EHC plan can only be "
            f"for a young person up to age {OLDEST_PLAN_AGE}. Check the date, or the date of birth."
        )


# The family's 15 days beginning with the day of service, after which the plan may be issued:
# the engine's `not_before` row for each (reg 13(1)(a), reg 22(2)(c)).
_FAMILY_WINDOWS = {
    "final_plan_issued": (
        "plan.draft_comments", "final plan", "the draft plan", "reg 13(1)(a)",
    ),
    "amended_plan_issued": (
        "review.amendment_representations", "amended plan", "the proposed amendments",
        "reg 22(2)(c)",
    ),
}  # fmt: skip


def check_family_window(
    child: Child, event_type: str, when: date, errors: dict[str, list[str]], field: str = "date"
) -> None:
    """Refuse a final or amended plan issued before the family's 15 days to comment are over.

    The engine is asked what the step would do: its `not_before` row for the family's period,
    stopped by this step and `breached`, names the first day the plan may be issued (its due).
    Every place a final or amended plan is recorded calls this one check."""
    window = _FAMILY_WINDOWS.get(event_type)
    if window is None:
        return
    rule_id, what, commented_on, citation = window
    candidate = {"type": event_type, "date": when.isoformat()}
    try:
        _, events = parse_document({"events": [*events_for_child(child), candidate]})
    except InputError:
        return  # the engine's own check reports the problem in words
    rows = compute_events(events, today=today_in_london(), calendar=working_day_calendar())
    for row in rows:
        if row["rule"] == rule_id and row["status"] == "breached" and row["met_on"] == str(when):
            first_day = date.fromisoformat(row["due"])
            errors.setdefault(field, []).append(
                f"The {what} cannot be issued before the family's 15 days to comment on "
                f"{commented_on} are over (SEND Regulations 2014 {citation}). The first day it "
                f"may be issued is {format_date(first_day)}."
            )
            return


def _engine_check(events: list[dict[str, Any]], field: str = "date") -> None:
    try:
        parse_document({"events": events})
    except InputError as exc:
        raise ValidationError({field: [_plain(p) for p in exc.problems]}) from exc


def _plain(problem: str) -> str:
    """The engine names events by position; a caseworker sees the sentence after that."""
    head, _, rest = problem.partition(": ")
    return rest[:1].upper() + rest[1:] if head.startswith("event ") and rest else problem


# -- Children -------------------------------------------------------------------------------


def possible_duplicates(
    *,
    local_authority: Organisation,
    first_name: str,
    last_name: str,
    date_of_birth: date | None,
    upn: str = "",
    uln: str = "",
) -> QuerySet[Child]:
    """Records at the same authority that may be this child: the same first and last name
    (whatever the case) and date of birth, or the same UPN or ULN."""
    same = Q(
        first_name__iexact=first_name.strip(),
        last_name__iexact=last_name.strip(),
        date_of_birth=date_of_birth,
    )
    if upn:
        same |= Q(upn__iexact=upn)
    if uln:
        same |= Q(uln=uln)
    return Child.objects.filter(same, local_authority=local_authority).order_by("id")


DUPLICATE_MESSAGE = (
    "There is already a record at this local authority that may be this child (listed below). "
    "Open it instead, or tick “This is a different child” if it is not them."
)


@transaction.atomic
def child_create(
    *,
    actor: Any,
    first_name: str,
    last_name: str,
    date_of_birth: date,
    local_authority: Organisation,
    setting: Organisation | None = None,
    team: str = "",
    caseworker: Any = None,
    upn: str = "",
    uln: str = "",
    different_child: bool = False,
) -> Child:
    """Create a child's record; one that may already have a record is refused until the person
    says it is a different child."""
    child = Child(
        first_name=first_name,
        last_name=last_name,
        date_of_birth=date_of_birth,
        local_authority=local_authority,
        setting=setting,
        team=team,
        caseworker=caseworker,
        upn=upn,
        uln=uln,
    )
    errors: dict[str, list[str]] = {}
    _not_in_future(date_of_birth, "date_of_birth", errors)
    _check_caseworker(caseworker, local_authority.pk, errors)
    _check_identifiers(upn, uln, errors)
    if errors:
        raise ValidationError(errors)
    if not different_child:
        # Two people adding the same child at once queue here, and the second sees the first.
        Organisation.objects.select_for_update().filter(pk=local_authority.pk).first()
        if possible_duplicates(
            local_authority=local_authority, first_name=first_name, last_name=last_name,
            date_of_birth=date_of_birth, upn=upn, uln=uln,
        ).exists():  # fmt: skip
            raise ValidationError({"different_child": [DUPLICATE_MESSAGE]})
    child.full_clean()
    child.save()
    audit_record(actor=actor, action="create", obj=child, child=child, summary="Created the record")
    if caseworker is not None:
        _allocation_record(actor, child, None, reason="")
    return child


# -- Steps of the EHC needs assessment ------------------------------------------------------


def _plausibility(
    child: Child,
    event_type: str,
    when: date,
    details: Mapping[str, Any],
    reasons: str,
    existing: list[CaseEvent] | None = None,
) -> dict[str, list[str]]:
    """What is wrong with recording this step, given the case's other standing steps."""
    errors: dict[str, list[str]] = {}
    _not_in_future(when, "date", errors)
    check_life_dates(child, when, errors, plan=event_type in _PLAN_STEPS)
    if existing is None:
        existing = list(child.events.standing())
    _order_errors(child, event_type, when, details, existing, errors)
    if not errors.get("date"):
        check_family_window(child, event_type, when, errors)
    refusal = (event_type, details.get("decision")) in {
        ("assessment_decision", "not_assess"),
        ("plan_decision", "not_issue"),
        ("reassessment_decision", "not_reassess"),
        ("reassessment_no_change", None),
    }
    if refusal and not reasons.strip():
        errors.setdefault("reasons", []).append(
            "Give the reasons for the decision: the family is told them with their right to appeal."
        )
    if event_type == "exception_recorded":
        if not reasons.strip():
            errors.setdefault("reasons", []).append("Say why the time limit cannot be met.")
        _check_exception_ground(details, errors)
    return errors


def _order_errors(
    child: Child,
    event_type: str,
    when: date,
    details: Mapping[str, Any],
    existing: list[CaseEvent],
    errors: dict[str, list[str]],
) -> None:
    """The steps the law runs before this one must be on the case, on or before its date."""
    # The same check as the plans app's: one set of rules for a first plan's steps.
    check_plan_basis(event_type, when, existing, errors)
    if event_type == "final_plan_issued" and not [
        e for e in existing if e.type == "draft_plan_issued" and e.date <= when
    ]:
        errors.setdefault("date", []).append(
            "A final plan cannot be issued before a draft plan. "
            "Record the draft plan first, or check the date."
        )
    _check_plan_steps(child, event_type, when, details, existing, errors)


def _iso_or_none(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _has_plan_by(child: Child, when: date, existing: list[CaseEvent] | None = None) -> bool:
    """Whether a plan was made, issued or transferred in on or before the day (any app).

    `existing`, when given, stands for the child's casework steps (a correction's new state)."""
    plan_events = {"final_plan_issued", "amended_plan_issued", "plan_transferred_in"}
    events = (
        events_for_child(child)
        if existing is None
        else events_for_child(child, case_events=existing)
    )
    return any(e["type"] in plan_events and e["date"] <= when.isoformat() for e in events)


def _check_plan_steps(
    child: Child,
    event_type: str,
    when: date,
    details: Mapping[str, Any],
    existing: list[CaseEvent],
    errors: dict[str, list[str]],
) -> None:
    """A transfer in, and a re-assessment, in the order the law runs them (regs 15, 24-27)."""

    def before(t: str, decision: str | None = None) -> list[CaseEvent]:
        return [
            e
            for e in existing
            if e.type == t
            and e.date <= when
            and (decision is None or e.details.get("decision") == decision)
        ]

    if event_type == "plan_transferred_in":
        made = _iso_or_none(details.get("plan_made"))
        reviewed = _iso_or_none(details.get("last_reviewed"))
        if made is None:
            errors.setdefault("plan_made", []).append("Enter the date the plan was first made.")
        elif made > when:
            errors.setdefault("plan_made", []).append(
                "The plan cannot have been made after the day it transferred."
            )
        if reviewed is not None:
            if reviewed > when:
                errors.setdefault("last_reviewed", []).append(
                    "The last review cannot be after the day the plan transferred."
                )
            elif made is not None and reviewed < made:
                errors.setdefault("last_reviewed", []).append(
                    "The last review cannot be before the plan was first made."
                )
    elif event_type == "transfer_notice_sent" and not before("plan_transferred_in"):
        errors.setdefault("date", []).append(
            "There is no plan transferred in on or before this date. "
            "Record the transfer first, or check the date."
        )
    elif event_type == "reassessment_requested" and not _has_plan_by(child, when, existing):
        errors.setdefault("date", []).append(
            "There is no EHC plan on or before this date, so there is nothing to re-assess. "
            "Record the plan first, or check the date."
        )
    elif event_type == "reassessment_decision" and not before("reassessment_requested"):
        errors.setdefault("date", []).append(
            "There is no request for a re-assessment on or before this date. "
            "Record the request first, or check the date."
        )
    elif event_type == "reassessment_no_change" and not before("reassessment_decision", "reassess"):
        errors.setdefault("date", []).append(
            "There is no decision to re-assess on or before this date. "
            "Record the decision to re-assess first, or check the date."
        )


def _check_exception_ground(details: Mapping[str, Any], errors: dict[str, list[str]]) -> None:
    """Say in words when a ground does not excuse the chosen time limit."""
    rule_id, ground = details.get("rule"), details.get("ground")
    titles = {rule.id: rule.title for rule in RULES}
    allowed = EXCEPTION_GROUNDS.get(str(rule_id), ())
    if rule_id not in titles:
        errors.setdefault("rule", []).append("Choose the time limit the exception applies to.")
    elif not allowed:
        errors.setdefault("rule", []).append(
            f"The law allows no exceptions to “{titles[str(rule_id)]}”."
        )
    elif ground not in allowed:
        described = GROUND_DESCRIPTIONS.get(str(ground))
        what = f"“{described}”" if described else "That ground"
        options = "; ".join(GROUND_DESCRIPTIONS[g] for g in allowed)
        errors.setdefault("ground", []).append(
            f"{what} does not excuse “{titles[str(rule_id)].lower()}”. "
            f"The grounds for this time limit are: {options}."
        )


@transaction.atomic
def case_event_record(
    *,
    actor: Any,
    child: Child,
    event_type: str,
    when: date,
    details: Mapping[str, Any] | None = None,
    reasons: str = "",
    expected_version: int | None,
    weighings: Mapping[int, str] | None = None,
) -> CaseEvent:
    """Record a dated step of a child's assessment and recompute the child's deadlines.

    The same step sent twice by the same person (a double click, a resent form) is the first
    one again (docs/decisions/0066-double-submit.md)."""
    details = dict(details or {})
    lock(child)
    again = recent_duplicate(
        child.events.all(), created_field="recorded_at", type=event_type, date=when,
        details=details, reasons=reasons, recorded_by=actor,
    )  # fmt: skip
    if again is not None:
        return again
    errors = _plausibility(child, event_type, when, details, reasons)
    weighed = {pk: how for pk, how in (weighings or {}).items() if how.strip()}
    advice_by_pk = {a.pk: a for a in child.advice_requests.filter(pk__in=weighed)}
    if set(weighed) - set(advice_by_pk):
        errors.setdefault("__all__", []).append(
            "A piece of advice you weighed does not belong to this case. Reload the page."
        )
    if errors:
        raise ValidationError(errors)
    _engine_check([*events_for_child(child), engine_event(event_type, when, details)])
    claim_version(child, expected_version)
    event = CaseEvent(
        child=child, type=event_type, date=when, details=details, reasons=reasons, recorded_by=actor
    )
    event.full_clean()
    event.save()
    for advice_request_id, how in weighed.items():
        AdviceWeighing.objects.create(
            decision=event, advice_request=advice_by_pk[advice_request_id], how_weighed=how
        )
    deadlines_recompute(child=child)
    audit_record(actor=actor, action="create", obj=event, child=child, summary=f"Recorded: {event}")
    return event


# -- Correcting or withdrawing a recorded step (decision 0100) ---------------------------------

RECORD_STEP_PERMISSION = "casework.change_child"


def _require_may_record(actor: Any, child: Child, event: CaseEvent | None = None) -> None:
    """Whoever may record a step on the case may correct or withdraw one, and nobody else; the
    body asked for advice may also correct or withdraw its own advice exception."""
    if actor.has_perm(RECORD_STEP_PERMISSION, child):
        return
    if event is not None and _may_change_advice_exception(actor, event):
        return
    raise PermissionDenied


def _dependent_step_errors(child: Child, standing: list[CaseEvent]) -> list[str]:
    """Steps that would no longer follow the steps the law runs before them, in words."""
    problems = []
    for step in standing:
        others = [e for e in standing if e.pk != step.pk]
        errors: dict[str, list[str]] = {}
        _order_errors(child, step.type, step.date, step.details, others, errors)
        if errors:
            problems.append(
                f"The {step.get_type_display().lower()} on {step.date:%-d %B %Y} would no longer "
                f"follow the steps before it. Correct or withdraw that step first."
            )
    return problems


def _advice_without_request(child: Child, standing: list[CaseEvent]) -> list[str]:
    """Advice requests that would no longer follow a request for an assessment."""
    requests = [e.date for e in standing if e.type == "assessment_requested"]
    return [
        f"{advice} was requested on {advice.date_sent:%-d %B %Y}, which would be before any "
        "request for an assessment. Correct or withdraw that advice request first."
        for advice in child.advice_requests.standing().select_related("recipient_organisation")
        if not any(d <= advice.date_sent for d in requests)
    ]


def _save_step(step: models.Model, *, actor: Any, reason: str) -> None:
    step.full_clean()
    history_reason(step, actor=actor, reason=reason)
    step.save()


def _store_step(
    step: CaseEvent | AdviceRequest,
    *,
    actor: Any,
    expected_version: int | None,
    history: str,
    summary: str,
) -> None:
    """Save a corrected or withdrawn step of the child's case: claim its version, keep the
    reason in its history, recompute the child's deadlines and audit the change."""
    claim_version(step, expected_version)
    _save_step(step, actor=actor, reason=history)
    deadlines_recompute(child=step.child)
    audit_record(actor=actor, action="update", obj=step, child=step.child, summary=summary)


@transaction.atomic
def case_event_correct(
    *,
    actor: Any,
    event: CaseEvent,
    date: date,
    details: Mapping[str, Any] | None = None,
    reasons: str = "",
    reason: str,
    expected_version: int | None,
) -> CaseEvent:
    """Correct a step's date or details. It is checked as if recorded afresh; the earlier values
    stay in the step's history with who corrected it and why, and the deadlines are recomputed."""
    child = event.child
    _require_may_record(actor, child, event)
    lock(child)
    cleaned = mark_corrected(event, actor=actor, reason=reason)
    details = dict(details or {})
    if not actor.has_perm(RECORD_STEP_PERMISSION, child):
        # The advice giver corrects only the ground, date and reasons of its own exception.
        details = {**event.details, "ground": details.get("ground", event.details.get("ground"))}
    others = [e for e in child.events.standing() if e.pk != event.pk]
    errors = _plausibility(child, event.type, date, details, reasons, existing=others)
    if errors:
        raise ValidationError(errors)
    before = str(event)
    event.date, event.details, event.reasons = date, details, reasons
    problems = _dependent_step_errors(child, [*others, event])
    if event.type == "assessment_requested":
        problems += _advice_without_request(child, [*others, event])
    if problems:
        raise ValidationError({"date": problems})
    _engine_check(events_for_child(child, case_events=[*others, event]))
    _store_step(
        event,
        actor=actor,
        expected_version=expected_version,
        history=f"Corrected: {cleaned}",
        summary=f"Corrected the step {before} (now {event}): {cleaned}",
    )
    return event


@transaction.atomic
def case_event_withdraw(
    *, actor: Any, event: CaseEvent, reason: str, expected_version: int | None
) -> CaseEvent:
    """Withdraw a step recorded in error: it stays on the case, marked withdrawn, and the engine
    recomputes as if it had not happened (a withdrawn decision stops nothing)."""
    child = event.child
    _require_may_record(actor, child, event)
    lock(child)
    cleaned = mark_withdrawn(event, actor=actor, reason=reason)
    others = [e for e in child.events.standing() if e.pk != event.pk]
    problems = _dependent_step_errors(child, others)
    if event.type == "assessment_requested":
        problems += _advice_without_request(child, others)
    if problems:
        raise ValidationError({"reason": problems})
    _engine_check(events_for_child(child, case_events=others), field="reason")
    _store_step(
        event,
        actor=actor,
        expected_version=expected_version,
        history=f"Withdrawn: {cleaned}",
        summary=f"Withdrew the step {event} as recorded in error: {cleaned}",
    )
    return event


@transaction.atomic
def advice_request_correct(
    *,
    actor: Any,
    advice_request: AdviceRequest,
    date_sent: date,
    date_received: date | None,
    employed_by_setting: bool = False,
    paid_by: Organisation | None = None,
    would_deliver_provision: bool = False,
    relationship_notes: str = "",
    reason: str,
    expected_version: int | None,
) -> AdviceRequest:
    """Correct an advice request's dates or the advice giver's declared relationships, checked
    as when they were recorded. Who it was sent to is corrected on its own
    (`advice_request_recipient_correct`); asking someone else as well is a new request."""
    advice = advice_request
    child = advice.child
    _require_may_record(actor, child)
    lock(child)
    cleaned = mark_corrected(advice, actor=actor, reason=reason)
    errors: dict[str, list[str]] = {}
    _not_in_future(date_sent, "date_sent", errors)
    check_life_dates(child, date_sent, errors, field="date_sent", plan=False)
    if (
        not child.events.standing()
        .filter(type="assessment_requested", date__lte=date_sent)
        .exists()
    ):
        errors.setdefault("date_sent", []).append(
            "There is no request for an assessment on or before this date. "
            "Record the request first, or check the date."
        )
    if date_received is not None:
        _not_in_future(date_received, "date_received", errors)
        if date_received < date_sent:
            errors.setdefault("date_received", []).append(
                f"The advice cannot be received before it was requested ({date_sent:%-d %B %Y})."
            )
    if errors:
        raise ValidationError(errors)
    advice.date_sent, advice.date_received = date_sent, date_received
    advice.employed_by_setting = employed_by_setting
    advice.paid_by = paid_by
    advice.would_deliver_provision = would_deliver_provision
    advice.relationship_notes = relationship_notes
    others = [a for a in child.advice_requests.standing() if a.pk != advice.pk]
    _engine_check(events_for_child(child, advice_requests=[*others, advice]), field="date_sent")
    _store_step(
        advice,
        actor=actor,
        expected_version=expected_version,
        history=f"Corrected: {cleaned}",
        summary=f"Corrected the advice request {advice}: {cleaned}",
    )
    return advice


@transaction.atomic
def advice_request_withdraw(
    *, actor: Any, advice_request: AdviceRequest, reason: str, expected_version: int | None
) -> AdviceRequest:
    """Withdraw an advice request made in error; its time limit is no longer counted."""
    advice = advice_request
    child = advice.child
    _require_may_record(actor, child)
    lock(child)
    cleaned = mark_withdrawn(advice, actor=actor, reason=reason)
    others = [a for a in child.advice_requests.standing() if a.pk != advice.pk]
    _engine_check(events_for_child(child, advice_requests=others), field="reason")
    _store_step(
        advice,
        actor=actor,
        expected_version=expected_version,
        history=f"Withdrawn: {cleaned}",
        summary=f"Withdrew the advice request {advice} as recorded in error: {cleaned}",
    )
    return advice


def _conflict_errors(
    child: Child, person: Any, conflict_reason: str, errors: dict[str, list[str]]
) -> list[DeclaredConflict]:
    """The register's standing declarations of `person` with this child or their setting; an
    error on `conflict_reason` when there are some and no reason is given (decision 0102)."""
    declared = declared_conflicts_with(
        child=child, adviser_id=person.pk if person is not None else None
    )
    if declared and not conflict_reason.strip():
        described = "; ".join(
            f"{c.description} (declared {c.declared_on:%-d %B %Y})" for c in declared
        )
        errors.setdefault("conflict_reason", []).append(
            f"{person.display_name} has declared a conflict of interest with this child "
            f"or their setting: {described}. Give the reason they are asked all the same, or "
            "choose someone else."
        )
    return declared


@transaction.atomic
def advice_request_recipient_correct(
    *,
    actor: Any,
    advice_request: AdviceRequest,
    recipient_organisation: Organisation,
    recipient_person: Any = None,
    conflict_reason: str = "",
    reason: str,
    expected_version: int | None,
) -> AdviceRequest:
    """Correct who an advice request was sent to, when it was recorded against the wrong
    organisation or person (decision 0131). The earlier recipient stays in the history; from now
    on the request, and its deadline, are the new recipient's, and the one first recorded no
    longer sees it. The register of declared conflicts is checked as when a request is sent."""
    advice = advice_request
    child = advice.child
    _require_may_record(actor, child)
    lock(child)
    cleaned = mark_corrected(advice, actor=actor, reason=reason)
    errors: dict[str, list[str]] = {}
    if recipient_person is not None and not _works_at(recipient_person, recipient_organisation.pk):
        errors.setdefault("recipient_person", []).append(
            f"Choose someone who works at {recipient_organisation}, or no named person."
        )
    if (recipient_organisation.pk, getattr(recipient_person, "pk", None)) == (
        advice.recipient_organisation_id,
        advice.recipient_person_id,
    ):
        errors.setdefault("recipient_organisation", []).append(
            "The request is already recorded as sent to them. Choose who it was really sent to."
        )
    declared = _conflict_errors(child, recipient_person, conflict_reason, errors)
    if errors:
        raise ValidationError(errors)
    before = str(advice)
    if advice.recipient_person is not None:
        before += f" ({advice.recipient_person.display_name})"
    advice.recipient_organisation = recipient_organisation
    advice.recipient_person = recipient_person
    advice.conflict_reason = conflict_reason.strip() if declared else ""
    now = str(advice)
    if recipient_person is not None:
        now += f" ({recipient_person.display_name})"
    summary = f"Corrected who the advice request was sent to: {before}, now {now}: {cleaned}"
    if declared:
        summary += f". Asked despite a declared conflict of interest: {advice.conflict_reason}"
    _store_step(
        advice,
        actor=actor,
        expected_version=expected_version,
        history=f"Recipient corrected: {cleaned}",
        summary=summary,
    )
    return advice


# -- Advice requests -----------------------------------------------------------------------


@transaction.atomic
def advice_request_create(
    *,
    actor: Any,
    child: Child,
    advice_type: str,
    recipient_organisation: Organisation,
    commissioned_by: Organisation,
    date_sent: date,
    recipient_person: Any = None,
    employed_by_setting: bool = False,
    paid_by: Organisation | None = None,
    would_deliver_provision: bool = False,
    relationship_notes: str = "",
    conflict_reason: str = "",
    expected_version: int | None,
) -> AdviceRequest:
    errors: dict[str, list[str]] = {}
    _not_in_future(date_sent, "date_sent", errors)
    check_life_dates(child, date_sent, errors, field="date_sent", plan=False)
    if recipient_person is not None and not _works_at(recipient_person, recipient_organisation.pk):
        errors.setdefault("recipient_person", []).append(
            f"Choose someone who works at {recipient_organisation}, or no named person."
        )
    declared = _conflict_errors(child, recipient_person, conflict_reason, errors)
    requests = child.events.standing().filter(type="assessment_requested")
    if not requests.filter(date__lte=date_sent).exists():
        errors.setdefault("date_sent", []).append(
            "There is no request for an assessment on or before this date. "
            "Record the request first, or check the date."
        )
    if errors:
        raise ValidationError(errors)
    number = child.advice_requests.filter(advice_type=advice_type).count() + 1
    ref = f"{advice_type}-{number}"
    while child.advice_requests.filter(ref=ref).exists():
        number += 1
        ref = f"{advice_type}-{number}"
    claim_version(child, expected_version)
    advice = AdviceRequest(
        child=child,
        ref=ref,
        advice_type=advice_type,
        recipient_organisation=recipient_organisation,
        recipient_person=recipient_person,
        commissioned_by=commissioned_by,
        date_sent=date_sent,
        employed_by_setting=employed_by_setting,
        paid_by=paid_by,
        would_deliver_provision=would_deliver_provision,
        relationship_notes=relationship_notes,
        conflict_reason=conflict_reason.strip() if declared else "",
    )
    advice.full_clean()
    advice.save()
    deadlines_recompute(child=child)
    summary = f"Requested: {advice}"
    if declared:
        summary += f", despite a declared conflict of interest: {advice.conflict_reason}"
    audit_record(actor=actor, action="create", obj=advice, child=child, summary=summary)
    return advice


# -- The register of advice givers' declared conflicts ----------------------------------------


def _require_la_staff_at(actor: Any, local_authority: Organisation) -> None:
    if not _works_at(actor, local_authority.pk, LA_ROLES):
        raise PermissionDenied


@transaction.atomic
def declared_conflict_record(
    *,
    actor: Any,
    local_authority: Organisation,
    adviser: Any,
    description: str,
    declared_on: date,
    child: Child | None = None,
    organisation: Organisation | None = None,
) -> DeclaredConflict:
    """Add an advice giver's declared conflict to the authority's register."""
    _require_la_staff_at(actor, local_authority)
    errors: dict[str, list[str]] = {}
    _not_in_future(declared_on, "declared_on", errors)
    if child is None and organisation is None:
        errors.setdefault("child", []).append(
            "Choose the child, or the organisation, the conflict is with."
        )
    if child is not None and child.local_authority_id != local_authority.pk:
        errors.setdefault("child", []).append("Choose a child of this local authority.")
    if not description.strip():
        errors.setdefault("description", []).append("Describe the conflict as declared.")
    if errors:
        raise ValidationError(errors)
    conflict = DeclaredConflict(
        local_authority=local_authority,
        adviser=adviser,
        child=child,
        organisation=organisation,
        description=description.strip(),
        declared_on=declared_on,
        recorded_by=actor,
    )
    conflict.full_clean()
    conflict.save()
    audit_record(
        actor=actor,
        action="create",
        obj=conflict,
        child=child,
        summary=f"Declared conflict of {adviser.display_name}: {conflict.description}",
    )
    return conflict


@transaction.atomic
def declared_conflict_withdraw(
    *, actor: Any, conflict: DeclaredConflict, reason: str, expected_version: int | None
) -> DeclaredConflict:
    """Withdraw a declaration recorded in error (or on the wrong person); it stays listed."""
    _require_la_staff_at(actor, conflict.local_authority)
    cleaned = mark_withdrawn(conflict, actor=actor, reason=reason)
    claim_version(conflict, expected_version)
    _save_step(conflict, actor=actor, reason=f"Withdrawn: {cleaned}")
    audit_record(
        actor=actor,
        action="update",
        obj=conflict,
        child=conflict.child,
        summary=f"Withdrew a declared conflict as recorded in error: {cleaned}",
    )
    return conflict


@transaction.atomic
def advice_request_mark_received(
    *,
    actor: Any,
    advice_request: AdviceRequest,
    date_received: date,
    document: UploadedFile | None = None,
    expected_version: int | None = None,
) -> AdviceRequest:
    if advice_request.withdrawn:
        raise ValidationError({"date_received": [WITHDRAWN_MESSAGE]})
    errors: dict[str, list[str]] = {}
    _not_in_future(date_received, "date_received", errors)
    if date_received < advice_request.date_sent:
        errors.setdefault("date_received", []).append(
            "The advice cannot be received before it was requested "
            f"({advice_request.date_sent:%-d %B %Y})."
        )
    if errors:
        raise ValidationError(errors)
    if document is not None:
        validate_upload(document)
    child = advice_request.child
    claim_version(child, expected_version)
    advice_request.date_received = date_received
    if document is not None:
        advice_request.document = document
    advice_request.full_clean()
    advice_request.save()
    deadlines_recompute(child=child)
    audit_record(
        actor=actor,
        action="update",
        obj=advice_request,
        child=child,
        summary=f"Marked received on {date_received:%-d %B %Y}: {advice_request}",
    )
    return advice_request


# -- An advice giver's own exception (regulation 8(2), decision 0172) -------------------------

ADVICE_EXCEPTION_PERMISSION = "casework.except_advicerequest"


def advice_exception_events(advice_request: AdviceRequest) -> QuerySet[CaseEvent]:
    """The exceptions recorded against this request's time limit, withdrawn ones included."""
    return advice_request.child.events.filter(
        type=CaseEvent.Type.EXCEPTION_RECORDED,
        details__rule="advice.response",
        details__ref=advice_request.ref,
    )


@transaction.atomic
def advice_exception_record(
    *,
    actor: Any,
    advice_request: AdviceRequest,
    ground: str,
    when: date,
    reasons: str,
    expected_version: int | None,
) -> CaseEvent:
    """The body asked for advice records, itself, why it cannot give it within the time limit
    (SEND Regulations 2014 reg 8(2)). It is the same step of the case as the authority's, checked
    and recomputed the same way; the step names who recorded it and for which organisation."""
    if not actor.has_perm(ADVICE_EXCEPTION_PERMISSION, advice_request):
        raise PermissionDenied
    if advice_request.withdrawn:
        raise ValidationError({"__all__": [WITHDRAWN_MESSAGE]})
    if advice_request.date_received is not None:
        raise ValidationError(
            {"__all__": ["The advice is already received, so no exception is needed."]}
        )
    errors: dict[str, list[str]] = {}
    if when < advice_request.date_sent:
        errors.setdefault("date", []).append(
            "The exception cannot be recorded before the advice was requested "
            f"({advice_request.date_sent:%-d %B %Y})."
        )
    standing = advice_exception_events(advice_request).filter(withdrawn_at__isnull=True)
    if standing.exists():
        errors.setdefault("__all__", []).append(
            "An exception is already recorded for this advice request. Ask the local authority "
            "to correct it, or withdraw it first."
        )
    if errors:
        raise ValidationError(errors)
    details = {
        "rule": "advice.response",
        "ground": ground,
        "ref": advice_request.ref,
        "recorded_for": advice_request.recipient_organisation.name,
    }
    return case_event_record(
        actor=actor,
        child=advice_request.child,
        event_type=CaseEvent.Type.EXCEPTION_RECORDED,
        when=when,
        details=details,
        reasons=reasons,
        expected_version=expected_version,
    )


def _may_change_advice_exception(actor: Any, event: CaseEvent) -> bool:
    """The body that recorded an advice exception may correct or withdraw it (decision 0172)."""
    details = event.details or {}
    if event.type != CaseEvent.Type.EXCEPTION_RECORDED or details.get("rule") != "advice.response":
        return False
    advice = event.child.advice_requests.filter(ref=details.get("ref")).first()
    return advice is not None and actor.has_perm(ADVICE_EXCEPTION_PERMISSION, advice)


@transaction.atomic
def provision_record(
    *,
    actor: Any,
    child: Child,
    description: str,
    provider_organisation: Organisation | None = None,
    provider_person: Any = None,
    status: str = Provision.Status.CURRENT,
) -> Provision:
    if provider_organisation is None and provider_person is None:
        raise ValidationError({"provider_organisation": ["Say who provides it."]})
    provision = Provision(
        child=child,
        description=description,
        provider_organisation=provider_organisation,
        provider_person=provider_person,
        status=status,
    )
    provision.full_clean()
    provision.save()
    audit_record(
        actor=actor, action="create", obj=provision, child=child, summary=f"Provision: {provision}"
    )
    return provision


# -- The child's details, family and consents --------------------------------------------------

YOUNG_PERSON_AGE = 16


@transaction.atomic
def child_update(
    *,
    actor: Any,
    child: Child,
    first_name: str,
    last_name: str,
    date_of_birth: date,
    setting: Organisation | None,
    team: str,
    caseworker: Any,
    upn: str = "",
    uln: str = "",
    young_person_views: str = "",
    expected_version: int | None,
) -> Child:
    """Change a child's details; the young person's own views are recorded from age 16."""
    errors: dict[str, list[str]] = {}
    _not_in_future(date_of_birth, "date_of_birth", errors)
    _check_caseworker(caseworker, child.local_authority_id, errors)
    previous_caseworker = child.caseworker
    reallocated = getattr(caseworker, "pk", None) != child.caseworker_id
    if reallocated and not actor.has_perm("casework.allocate_child", child):
        errors.setdefault("caseworker", []).append(
            "Only a manager at the child's local authority can allocate the child to a "
            "caseworker. Ask your manager to allocate the case."
        )
    _check_identifiers(upn, uln, errors)
    first_step = child.events.standing().order_by("date").values_list("date", flat=True).first()
    if first_step is not None and date_of_birth > first_step:
        errors.setdefault("date_of_birth", []).append(
            f"The case has a step dated {first_step:%-d %B %Y}, before this date of birth. "
            "Check the date of birth, or the step's date."
        )
    today = today_in_london()
    if young_person_views.strip() and date_of_birth <= today:
        probe = Child(date_of_birth=date_of_birth)
        if probe.age_on(today) < YOUNG_PERSON_AGE:
            errors.setdefault("young_person_views", []).append(
                "A young person's own views are recorded from age 16. For a younger child, "
                "record the family's views instead."
            )
    if errors:
        raise ValidationError(errors)
    claim_version(child, expected_version)
    for name, value in {
        "first_name": first_name,
        "last_name": last_name,
        "date_of_birth": date_of_birth,
        "setting": setting,
        "team": team,
        "caseworker": caseworker,
        "upn": upn,
        "uln": uln,
        "young_person_views": young_person_views,
    }.items():
        setattr(child, name, value)
    child.full_clean()
    child.save()
    audit_record(actor=actor, action="update", obj=child, child=child, summary="Changed details")
    if reallocated:
        _allocation_record(actor, child, previous_caseworker, reason="")
    return child


# -- Allocation -------------------------------------------------------------------------------


def _allocation_record(
    actor: Any, child: Child, previous_caseworker: Any, *, reason: str
) -> CaseAllocation:
    allocation = CaseAllocation(
        child=child,
        caseworker=child.caseworker,
        previous_caseworker=previous_caseworker,
        allocated_by=actor,
        reason=reason,
    )
    allocation.full_clean()
    allocation.save()
    to = child.caseworker.display_name if child.caseworker else "nobody"
    was = f" (was {previous_caseworker.display_name})" if previous_caseworker else ""
    audit_record(
        actor=actor,
        action="update",
        obj=allocation,
        child=child,
        summary=f"Allocated to {to}{was}" + (f": {reason}" if reason else ""),
    )
    return allocation


# Apps with work that follows a child's caseworker (the case file's tasks, decision 0146)
# declare a function (`allocated_hook` on their DomainAppConfig) called as
# `hook(actor, child, previous, caseworker)` after each child is reallocated, in the same
# transaction.
AllocatedHook = Callable[[Any, Child, Any, Any], None]


@transaction.atomic
def child_allocate(
    *,
    actor: Any,
    children: Sequence[Child],
    caseworker: Any,
    reason: str = "",
    expected_versions: Mapping[int, int | None],
) -> list[CaseAllocation]:
    """Allocate one or many children to a caseworker at their local authority, each with a
    record of who allocated them, from whom and why. Children already with that caseworker are
    left as they are. A child changed since the list was shown refuses the whole allocation.

    Nothing the engine reads changes, so no deadline is recomputed. Work that follows the
    caseworker (open tasks) moves with the child through the registered hooks."""
    if not children:
        raise ValidationError({"children": ["Select at least one child or young person."]})
    for child in children:
        if not actor.has_perm("casework.allocate_child", child):
            raise PermissionDenied
    errors: dict[str, list[str]] = {}
    for authority_id in sorted({c.local_authority_id for c in children}):
        if caseworker is None or not _works_at(caseworker, authority_id, LA_ROLES):
            name = Organisation.objects.get(pk=authority_id).name
            errors.setdefault("caseworker", []).append(f"Choose a caseworker who works at {name}.")
    reason = reason.strip()
    if len(reason) > 500:
        errors.setdefault("reason", []).append("The reason must be 500 characters or fewer.")
    if errors:
        raise ValidationError(errors)
    allocations = []
    for child in children:
        claim_version(child, expected_versions.get(child.pk))
        if child.caseworker_id == caseworker.pk:
            continue
        previous = child.caseworker
        child.caseworker = caseworker
        child.full_clean()
        child.save(update_fields=["caseworker", "updated_at"])
        allocations.append(_allocation_record(actor, child, previous, reason=reason))
        for hook in registry.allocated_hooks:
            hook(actor, child, previous, caseworker)
    return allocations


@transaction.atomic
def family_member_add(
    *,
    actor: Any,
    child: Child,
    name: str,
    relationship: str,
    email: str = "",
    phone: str = "",
    address: str = "",
    interpreter_language: str = "",
    accessible_format: str = "",
) -> FamilyMember:
    if not (email.strip() or phone.strip() or address.strip()):
        raise ValidationError(
            {"email": ["Give at least one way to contact them: email, phone or address."]}
        )
    member = FamilyMember(
        child=child,
        name=name,
        relationship=relationship,
        email=email,
        phone=phone,
        address=address,
        interpreter_language=interpreter_language,
        accessible_format=accessible_format,
    )
    member.full_clean()
    member.save()
    audit_record(
        actor=actor, action="create", obj=member, child=child, summary=f"Added {member.name}"
    )
    return member


@transaction.atomic
def consent_record(
    *,
    actor: Any,
    child: Child,
    given_by: FamilyMember,
    supporter: Any,
    given_on: date,
    scope: str = "See the case and help with it",
    supporter_organisation: Organisation | None = None,
) -> Consent:
    """Record a family's consent for a supporter (for example SENDIASS) to see the case."""
    errors: dict[str, list[str]] = {}
    _not_in_future(given_on, "given_on", errors)
    if given_by.child_id != child.pk:
        errors.setdefault("given_by", []).append("Choose a member of this child's family.")
    if errors:
        raise ValidationError(errors)
    consent = Consent(
        child=child,
        given_by=given_by,
        supporter=supporter,
        supporter_organisation=supporter_organisation,
        scope=scope,
        given_on=given_on,
    )
    consent.full_clean()
    consent.save()
    audit_record(
        actor=actor,
        action="create",
        obj=consent,
        child=child,
        summary=f"Consent from {given_by.name} for {supporter}",
    )
    return consent
