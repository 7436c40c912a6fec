"""Writes to an annual review's record: who was invited and who came (SEND Regulations 2014 reg
20(2)), the documents circulated (reg 20(4)), the child's or young person's views (CFA 2014
s.19) and progress towards each outcome in section E (reg 20(5)).

Each record is added, corrected with a reason (the history keeps the earlier values) or withdrawn
as recorded in error (it stays, marked), as every other plan step (decision 0100). None of them
feeds the engine: the dated review steps (`ReviewStep`) do. Each service checks, claims the
case's version, saves with `full_clean()` and audits, in one transaction.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction

from redress.audit.services import audit_record
from redress.core.corrections import (
    WITHDRAWN_MESSAGE,
    history_reason,
    mark_corrected,
    mark_withdrawn,
)
from redress.core.service_checks import not_in_future
from redress.core.versions import claim_version
from redress.plans.models import (
    Outcome,
    OutcomeProgress,
    ReviewCycle,
    ReviewDocument,
    ReviewParticipant,
    ReviewStep,
    ReviewView,
)
from redress.plans.services._common import _may_record, _raise
from redress.statutory.calendar import format_date

Errors = dict[str, list[str]]


def _cycle_open(cycle: ReviewCycle, errors: Errors) -> None:
    if cycle.plan.withdrawn:
        errors.setdefault("__all__", []).append(
            "The plan under review was withdrawn as recorded in error: nothing more is recorded "
            "on its review."
        )


def _on_or_after_issue(cycle: ReviewCycle, day: date | None, field: str, errors: Errors) -> None:
    issued = cycle.plan.issued_on
    if day is not None and issued is not None and day < issued:
        errors.setdefault(field, []).append(
            f"The date is before the plan under review was issued ({format_date(issued)})."
        )


def _save(
    record: Any, *, actor: Any, child: Any, action: str, summary: str, reason: str = ""
) -> None:
    record.full_clean()
    if reason:
        history_reason(record, actor=actor, reason=reason)
    record.save()
    audit_record(actor=actor, action=action, obj=record, child=child, summary=summary)


def _withdraw(record: Any, *, actor: Any, cycle: ReviewCycle, reason: str, version: Any) -> Any:
    _may_record(actor, cycle.child)
    cleaned = mark_withdrawn(record, actor=actor, reason=reason)
    claim_version(cycle.child, version)
    _save(
        record, actor=actor, child=cycle.child, action="update", reason=cleaned,
        summary=f"Withdrawn as recorded in error: {record}: {cleaned}",
    )  # fmt: skip
    return record


# -- Who was invited, who came (reg 20(2)) ------------------------------------------------------


def _participant_errors(
    cycle: ReviewCycle, role: str, name: str, invited_on: date | None, attendance: str
) -> Errors:
    errors: Errors = {}
    _cycle_open(cycle, errors)
    if role not in ReviewParticipant.Role.values:
        errors.setdefault("role", []).append("Choose who they are at the review.")
    if not name.strip():
        errors.setdefault("name", []).append("Enter their name.")
    if invited_on is not None:
        not_in_future(invited_on, "invited_on", errors)
        _on_or_after_issue(cycle, invited_on, "invited_on", errors)
    if attendance not in ReviewParticipant.Attendance.values:
        errors.setdefault("attendance", []).append("Choose whether they attended.")
    elif attendance and cycle.step(ReviewStep.Kind.MEETING_HELD) is None:
        errors.setdefault("attendance", []).append(
            "Record the review meeting first: who attended is known once it is held."
        )
    return errors


@transaction.atomic
def review_participant_add(
    *,
    actor: Any,
    cycle: ReviewCycle,
    role: str,
    name: str,
    organisation: str = "",
    invited_on: date | None = None,
    attendance: str = "",
    expected_version: int | None,
) -> ReviewParticipant:
    """Someone invited to the review meeting; whether they came once it is held."""
    _may_record(actor, cycle.child)
    _raise(_participant_errors(cycle, role, name, invited_on, attendance))
    claim_version(cycle.child, expected_version)
    participant = ReviewParticipant(
        cycle=cycle, role=role, name=name.strip(), organisation=organisation.strip(),
        invited_on=invited_on, attendance=attendance, recorded_by=actor,
    )  # fmt: skip
    _save(
        participant, actor=actor, child=cycle.child, action="create",
        summary=f"Review: invited {participant}",
    )  # fmt: skip
    return participant


@transaction.atomic
def review_attendance_record(
    *, actor: Any, participant: ReviewParticipant, attendance: str, expected_version: int | None
) -> ReviewParticipant:
    """Whether someone invited came to the meeting. Changing a recorded answer is a correction
    (with a reason), so this only fills one not yet recorded."""
    cycle = participant.cycle
    _may_record(actor, cycle.child)
    errors = _participant_errors(cycle, participant.role, participant.name, None, attendance)
    if not attendance:
        errors.setdefault("attendance", []).append("Choose whether they attended.")
    if participant.withdrawn:
        errors.setdefault("__all__", []).append(WITHDRAWN_MESSAGE)
    elif participant.attendance:
        errors.setdefault("attendance", []).append(
            "Their attendance is already recorded: correct it, giving the reason."
        )
    _raise(errors)
    claim_version(cycle.child, expected_version)
    participant.attendance = attendance
    _save(
        participant, actor=actor, child=cycle.child, action="update",
        summary=f"Review: {participant}: {participant.get_attendance_display().lower()}",
    )  # fmt: skip
    return participant


@transaction.atomic
def review_participant_correct(
    *,
    actor: Any,
    participant: ReviewParticipant,
    role: str,
    name: str,
    organisation: str,
    invited_on: date | None,
    attendance: str,
    reason: str,
    expected_version: int | None,
) -> ReviewParticipant:
    cycle = participant.cycle
    _may_record(actor, cycle.child)
    cleaned = mark_corrected(participant, actor=actor, reason=reason)
    _raise(_participant_errors(cycle, role, name, invited_on, attendance))
    claim_version(cycle.child, expected_version)
    participant.role, participant.name = role, name.strip()
    participant.organisation, participant.invited_on = organisation.strip(), invited_on
    participant.attendance = attendance
    _save(
        participant, actor=actor, child=cycle.child, action="update", reason=cleaned,
        summary=f"Corrected: review: {participant}: {cleaned}",
    )  # fmt: skip
    return participant


@transaction.atomic
def review_participant_withdraw(
    *, actor: Any, participant: ReviewParticipant, reason: str, expected_version: int | None
) -> ReviewParticipant:
    return _withdraw(  # type: ignore[no-any-return]
        participant, actor=actor, cycle=participant.cycle, reason=reason,
        version=expected_version,
    )  # fmt: skip


# -- Documents circulated (reg 20(4)): links to the case's document store -----------------------


def _document_errors(
    cycle: ReviewCycle, document: Any, circulated_on: date, link: ReviewDocument | None = None
) -> Errors:
    errors: Errors = {}
    _cycle_open(cycle, errors)
    if document is None or document.child_id != cycle.child_id or document.withdrawn:
        errors.setdefault("document", []).append(
            "Choose a document on this child's case that stands (upload it to the case first)."
        )
        return errors
    not_in_future(circulated_on, "circulated_on", errors)
    if circulated_on < document.dated:
        errors.setdefault("circulated_on", []).append(
            f"The document is dated {format_date(document.dated)}: it cannot be circulated "
            "before then."
        )
    meeting = cycle.step(ReviewStep.Kind.MEETING_HELD)
    if meeting is not None and circulated_on > meeting.date:
        errors.setdefault("circulated_on", []).append(
            f"The date is after the review meeting ({format_date(meeting.date)}): advice is "
            "circulated before it."
        )
    again = ReviewDocument.objects.filter(cycle=cycle, document=document, withdrawn_at__isnull=True)
    if link is not None:
        again = again.exclude(pk=link.pk)
    if again.exists():
        errors.setdefault("document", []).append("This document is already linked to the review.")
    return errors


@transaction.atomic
def review_document_add(
    *,
    actor: Any,
    cycle: ReviewCycle,
    document: Any,
    circulated_on: date,
    expected_version: int | None,
) -> ReviewDocument:
    """A document on the case (the school's review report, advice) circulated for the review:
    the review links it, the case's document store keeps it and decides who may see it."""
    _may_record(actor, cycle.child)
    _raise(_document_errors(cycle, document, circulated_on))
    claim_version(cycle.child, expected_version)
    link = ReviewDocument(
        cycle=cycle, document=document, circulated_on=circulated_on, recorded_by=actor
    )
    _save(
        link, actor=actor, child=cycle.child, action="create",
        summary=f"Review: {document} circulated on {format_date(circulated_on)}",
    )  # fmt: skip
    return link


@transaction.atomic
def review_document_correct(
    *,
    actor: Any,
    link: ReviewDocument,
    circulated_on: date,
    reason: str,
    expected_version: int | None,
) -> ReviewDocument:
    cycle = link.cycle
    _may_record(actor, cycle.child)
    cleaned = mark_corrected(link, actor=actor, reason=reason)
    _raise(_document_errors(cycle, link.document, circulated_on, link))
    claim_version(cycle.child, expected_version)
    link.circulated_on = circulated_on
    _save(
        link, actor=actor, child=cycle.child, action="update", reason=cleaned,
        summary=f"Corrected: review: {link}: {cleaned}",
    )  # fmt: skip
    return link


@transaction.atomic
def review_document_withdraw(
    *, actor: Any, link: ReviewDocument, reason: str, expected_version: int | None
) -> ReviewDocument:
    """The link was made in error; the document itself stays on the case."""
    return _withdraw(  # type: ignore[no-any-return]
        link, actor=actor, cycle=link.cycle, reason=reason, version=expected_version
    )


# -- The child's or young person's views (CFA 2014 s.19) -------------------------------------------


def _view_errors(cycle: ReviewCycle, whose: str, how: str, gathered_on: date, text: str) -> Errors:
    errors: Errors = {}
    _cycle_open(cycle, errors)
    if whose not in ReviewView.Whose.values:
        errors.setdefault("whose", []).append("Choose whose views these are.")
    if how not in ReviewView.How.values:
        errors.setdefault("how", []).append("Choose how the views were given.")
    not_in_future(gathered_on, "gathered_on", errors)
    _on_or_after_issue(cycle, gathered_on, "gathered_on", errors)
    if not text.strip():
        errors.setdefault("text", []).append("Enter their views, in their words where you can.")
    return errors


@transaction.atomic
def review_view_add(
    *,
    actor: Any,
    cycle: ReviewCycle,
    whose: str,
    how: str,
    gathered_on: date,
    text: str,
    expected_version: int | None,
) -> ReviewView:
    _may_record(actor, cycle.child)
    _raise(_view_errors(cycle, whose, how, gathered_on, text))
    claim_version(cycle.child, expected_version)
    view = ReviewView(
        cycle=cycle, whose=whose, how=how, gathered_on=gathered_on, text=text.strip(),
        recorded_by=actor,
    )  # fmt: skip
    _save(view, actor=actor, child=cycle.child, action="create", summary=f"Review: {view}")
    return view


@transaction.atomic
def review_view_correct(
    *,
    actor: Any,
    view: ReviewView,
    whose: str,
    how: str,
    gathered_on: date,
    text: str,
    reason: str,
    expected_version: int | None,
) -> ReviewView:
    cycle = view.cycle
    _may_record(actor, cycle.child)
    cleaned = mark_corrected(view, actor=actor, reason=reason)
    _raise(_view_errors(cycle, whose, how, gathered_on, text))
    claim_version(cycle.child, expected_version)
    view.whose, view.how, view.gathered_on, view.text = whose, how, gathered_on, text.strip()
    _save(
        view, actor=actor, child=cycle.child, action="update", reason=cleaned,
        summary=f"Corrected: review: {view}: {cleaned}",
    )  # fmt: skip
    return view


@transaction.atomic
def review_view_withdraw(
    *, actor: Any, view: ReviewView, reason: str, expected_version: int | None
) -> ReviewView:
    return _withdraw(  # type: ignore[no-any-return]
        view, actor=actor, cycle=view.cycle, reason=reason, version=expected_version
    )


# -- Progress towards each outcome in section E (reg 20(5)) ---------------------------------------


def _progress_errors(
    cycle: ReviewCycle,
    outcome: Outcome | None,
    progress: str,
    record: OutcomeProgress | None = None,
) -> Errors:
    errors: Errors = {}
    _cycle_open(cycle, errors)
    if outcome is None or outcome.plan_id != cycle.plan_id:
        errors.setdefault("outcome", []).append(
            "Choose an outcome in section E of the plan under review."
        )
    elif (
        record is None
        and OutcomeProgress.objects.filter(
            cycle=cycle, outcome=outcome, withdrawn_at__isnull=True
        ).exists()
    ):
        errors.setdefault("outcome", []).append(
            "Progress towards this outcome is already recorded for this review: correct it."
        )
    if progress not in OutcomeProgress.Progress.values:
        errors.setdefault("progress", []).append("Choose the progress made.")
    return errors


@transaction.atomic
def outcome_progress_record(
    *,
    actor: Any,
    cycle: ReviewCycle,
    outcome: Outcome,
    progress: str,
    evidence: str = "",
    expected_version: int | None,
) -> OutcomeProgress:
    _may_record(actor, cycle.child)
    _raise(_progress_errors(cycle, outcome, progress))
    claim_version(cycle.child, expected_version)
    record = OutcomeProgress(
        cycle=cycle, outcome=outcome, progress=progress, evidence=evidence.strip(),
        recorded_by=actor,
    )  # fmt: skip
    _save(record, actor=actor, child=cycle.child, action="create", summary=f"Review: {record}")
    return record


@transaction.atomic
def outcome_progress_correct(
    *,
    actor: Any,
    record: OutcomeProgress,
    progress: str,
    evidence: str,
    reason: str,
    expected_version: int | None,
) -> OutcomeProgress:
    cycle = record.cycle
    _may_record(actor, cycle.child)
    cleaned = mark_corrected(record, actor=actor, reason=reason)
    _raise(_progress_errors(cycle, record.outcome, progress, record))
    claim_version(cycle.child, expected_version)
    record.progress, record.evidence = progress, evidence.strip()
    _save(
        record, actor=actor, child=cycle.child, action="update", reason=cleaned,
        summary=f"Corrected: review: {record}: {cleaned}",
    )  # fmt: skip
    return record


@transaction.atomic
def outcome_progress_withdraw(
    *, actor: Any, record: OutcomeProgress, reason: str, expected_version: int | None
) -> OutcomeProgress:
    return _withdraw(  # type: ignore[no-any-return]
        record, actor=actor, cycle=record.cycle, reason=reason, version=expected_version
    )
