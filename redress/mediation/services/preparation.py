"""Preparing for the meeting: the pre-mediation calls, the agenda, shared documents."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from redress.casework.services import validate_upload
from redress.core.service_checks import require_perm as _require
from redress.core.versions import claim_version
from redress.mediation.models import (
    AgendaItem,
    MediationAttendee,
    MediationCase,
    PreMediationCall,
    SharedDocument,
)
from redress.mediation.services._common import (
    Errors,
    _add,
    _clean_save,
    _finish,
    _not_future,
    _raise,
)
from redress.statutory.engine import today_in_london

CHECKLIST_FIELDS = (
    "introductions",
    "view_of_disagreement",
    "who_will_attend",
    "authority",
    "reasonable_adjustments",
)


def _standard_calls(case: MediationCase) -> list[str]:
    calls = [PreMediationCall.With.FAMILY.value]
    if not case.health_only:
        calls.append(PreMediationCall.With.LOCAL_AUTHORITY.value)
    if case.has_health_issues:
        calls.append(PreMediationCall.With.HEALTH_COMMISSIONER.value)
    return calls


@transaction.atomic
def pre_mediation_calls_prepare(
    *, actor: Any, case: MediationCase, expected_version: int | None = None
) -> list[PreMediationCall]:
    """Put one call per party on the checklist (the family's lawyer is added with the lawyer)."""
    _require(actor, "mediation.change_case", case)
    claim_version(case, expected_version)
    existing = set(case.pre_mediation_calls.values_list("call_with", flat=True))
    created = [
        PreMediationCall.objects.create(case=case, call_with=w, added_on=today_in_london())
        for w in _standard_calls(case)
        if w not in existing
    ]
    _finish(
        actor=actor,
        case=case,
        action="create",
        obj=case,
        summary=f"Added {len(created)} pre-mediation call(s) to the checklist",
    )
    return created


@transaction.atomic
def pre_mediation_call_update(
    *,
    actor: Any,
    call: PreMediationCall,
    held_on: date | None,
    checklist: dict[str, bool],
    adjustments_needed: str = "",
    expected_version: int | None = None,
) -> PreMediationCall:
    case = call.case
    _require(actor, "mediation.change_case", case)
    errors: Errors = {}
    _not_future(held_on, "held_on", errors)
    if any(checklist.values()) and held_on is None:
        _add(errors, "held_on", "Enter the date of the call.")
    _raise(errors)
    claim_version(case, expected_version)
    for name in CHECKLIST_FIELDS:
        setattr(call, name, bool(checklist.get(name)))
    call.held_on, call.adjustments_needed = held_on, adjustments_needed.strip()
    call.version += 1
    _clean_save(call)
    _finish(actor=actor, case=case, action="update", obj=call, summary=f"Updated the {call}")
    return call


@transaction.atomic
def agenda_build(
    *, actor: Any, case: MediationCase, expected_version: int | None = None
) -> list[AgendaItem]:
    """One agenda item per mediation issue not yet on the agenda."""
    _require(actor, "mediation.change_case", case)
    claim_version(case, expected_version)
    on_agenda = set(case.agenda_items.values_list("issue_id", flat=True))
    position = case.agenda_items.count()
    created = []
    for issue in case.issues.all():
        if issue.pk in on_agenda:
            continue
        position += 1
        title = f"{issue.get_kind_display()}: {issue.description}"
        if issue.health_provision_wanted:
            title += f" (the family want: {issue.health_provision_wanted})"
        created.append(
            AgendaItem.objects.create(case=case, issue=issue, title=title[:300], position=position)
        )
    _finish(
        actor=actor,
        case=case,
        action="create",
        obj=case,
        summary=f"Built the agenda from the issues ({len(created)} item(s) added)",
    )
    return created


@transaction.atomic
def agenda_item_add(
    *, actor: Any, case: MediationCase, title: str, expected_version: int | None = None
) -> AgendaItem:
    _require(actor, "mediation.change_case", case)
    if not title.strip():
        raise ValidationError({"title": ["Enter the agenda item."]})
    claim_version(case, expected_version)
    item = AgendaItem(case=case, title=title.strip(), position=case.agenda_items.count() + 1)
    _clean_save(item)
    _finish(actor=actor, case=case, action="create", obj=item, summary="Added an agenda item")
    return item


def _check_upload(document: UploadedFile | None, errors: Errors) -> None:
    """The same type, size and real-file checks as every other upload (casework's)."""
    if document is None:
        return
    try:
        validate_upload(document)
    except ValidationError as error:
        for message in error.message_dict.get("document", error.messages):
            _add(errors, "document", message)


@transaction.atomic
def shared_document_add(
    *,
    actor: Any,
    case: MediationCase,
    title: str,
    shared_on: date,
    shared_with: list[MediationAttendee],
    document: UploadedFile | None = None,
    expected_version: int | None = None,
) -> SharedDocument:
    """A document shared with attendees before the meeting."""
    _require(actor, "mediation.change_case", case)
    errors: Errors = {}
    if not title.strip():
        _add(errors, "title", "Enter the document's title.")
    if not shared_with:
        _add(errors, "shared_with", "Choose who it was shared with.")
    if any(a.case_id != case.pk for a in shared_with):
        _add(errors, "shared_with", "Choose attendees of this mediation.")
    _not_future(shared_on, "shared_on", errors)
    _check_upload(document, errors)
    _raise(errors)
    claim_version(case, expected_version)
    shared = SharedDocument(case=case, title=title.strip(), shared_on=shared_on, shared_by=actor)
    if document is not None:
        shared.document = document
    _clean_save(shared)
    shared.shared_with.set(shared_with)
    _finish(
        actor=actor,
        case=case,
        action="upload" if document else "create",
        obj=shared,
        summary=f"Shared a document with {len(shared_with)} attendee(s)",
    )
    return shared
