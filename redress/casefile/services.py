"""Writing case notes and the contact log. Every write checks the person may, validates the
record, is audited, and never deletes: corrections keep the earlier wording in the history and a
withdrawal keeps the entry, marked as recorded in error."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from redress.audit.services import audit_record
from redress.casefile.models import CaseNote
from redress.casework.models import Child
from redress.casework.services import claim_version
from redress.core import dedupe

WITHDRAWN_MESSAGE = "This entry was withdrawn as recorded in error and cannot be changed"


def _require(actor: Any, perm: str, obj: Any) -> None:
    if not actor.has_perm(perm, obj):
        raise PermissionDenied


def _save(note: CaseNote, *, actor: Any, reason: str) -> None:
    note.full_clean()
    note._history_user = actor  # type: ignore[attr-defined]
    note._change_reason = reason[:100]  # type: ignore[attr-defined]
    note.save()


def _add(*, actor: Any, child: Child, fields: dict[str, Any], summary: str) -> CaseNote:
    _require(actor, "casefile.add_note", child)
    dedupe.lock(child)
    duplicate = dedupe.recent_duplicate(
        CaseNote.objects.filter(child=child),
        created_field="recorded_at",
        recorded_by=actor,
        **fields,
    )
    if duplicate is not None:
        return duplicate
    note = CaseNote(child=child, recorded_by=actor, **fields)
    _save(note, actor=actor, reason="Recorded")
    audit_record(actor=actor, action="create", obj=note, child=child, summary=summary)
    return note


@transaction.atomic
def case_note_add(
    *, actor: Any, child: Child, text: str, occurred_on: date, sensitive: bool = False
) -> CaseNote:
    """Add a case note to the child's record."""
    fields = {
        "kind": CaseNote.Kind.NOTE,
        "text": text.strip(),
        "occurred_on": occurred_on,
        "sensitive": sensitive,
    }
    summary = "Added a sensitive case note" if sensitive else "Added a case note"
    return _add(actor=actor, child=child, fields=fields, summary=summary)


@transaction.atomic
def contact_log_add(
    *,
    actor: Any,
    child: Child,
    kind: str,
    direction: str,
    with_whom: str,
    occurred_on: date,
    summary: str,
    sensitive: bool = False,
) -> CaseNote:
    """Log a phone call, email, meeting or letter: with whom, when, which way, and what about."""
    if kind == CaseNote.Kind.NOTE or kind not in CaseNote.Kind.values:
        raise ValidationError({"kind": "Select the kind of contact"})
    if direction not in CaseNote.Direction.values:
        raise ValidationError({"direction": "Select whether the contact came to us or from us"})
    if not with_whom.strip():
        raise ValidationError({"with_whom": "Enter who the contact was with"})
    fields = {
        "kind": kind,
        "direction": direction,
        "with_whom": with_whom.strip(),
        "text": summary.strip(),
        "occurred_on": occurred_on,
        "sensitive": sensitive,
    }
    label = CaseNote.Kind(kind).label.lower()
    return _add(actor=actor, child=child, fields=fields, summary=f"Logged a {label}")


@transaction.atomic
def case_note_correct(
    *,
    actor: Any,
    note: CaseNote,
    text: str,
    reason: str,
    expected_version: int | None,
    with_whom: str | None = None,
    occurred_on: date | None = None,
    sensitive: bool | None = None,
) -> CaseNote:
    """Correct an entry. The earlier wording stays in the history with who corrected it and why."""
    _require(actor, "casefile.correct_note", note)
    if not reason.strip():
        raise ValidationError({"reason": "Enter why the entry is being corrected"})
    if note.withdrawn:
        raise ValidationError(WITHDRAWN_MESSAGE)
    claim_version(note, expected_version)
    note.text = text.strip()
    if with_whom is not None and note.is_contact:
        note.with_whom = with_whom.strip()
    if occurred_on is not None:
        note.occurred_on = occurred_on
    if sensitive is not None:
        note.sensitive = sensitive
    note.corrected_at = timezone.now()
    note.corrected_by = actor
    note.correction_reason = reason.strip()
    _save(note, actor=actor, reason=f"Corrected: {reason.strip()}")
    audit_record(
        actor=actor,
        action="update",
        obj=note,
        child=note.child,
        summary=f"Corrected a {note.get_kind_display().lower()}: {reason.strip()}",
    )
    return note


@transaction.atomic
def case_note_withdraw(
    *, actor: Any, note: CaseNote, reason: str, expected_version: int | None
) -> CaseNote:
    """Withdraw an entry as recorded in error. It stays on the record, marked withdrawn."""
    _require(actor, "casefile.correct_note", note)
    if not reason.strip():
        raise ValidationError({"reason": "Enter why the entry was recorded in error"})
    if note.withdrawn:
        raise ValidationError(WITHDRAWN_MESSAGE)
    claim_version(note, expected_version)
    note.withdrawn_at = timezone.now()
    note.withdrawn_by = actor
    note.withdrawn_reason = reason.strip()
    _save(note, actor=actor, reason=f"Withdrawn: {reason.strip()}")
    audit_record(
        actor=actor,
        action="update",
        obj=note,
        child=note.child,
        summary=f"Withdrew a {note.get_kind_display().lower()} recorded in error: {reason.strip()}",
    )
    return note
