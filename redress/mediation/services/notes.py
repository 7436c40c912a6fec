"""The mediator's confidential notes."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from redress.audit.services import audit_record
from redress.core.dedupe import lock, recent_duplicate
from redress.core.service_checks import require_perm as _require
from redress.mediation.models import MediationCase, MediatorNote
from redress.mediation.services._common import _clean_save


@transaction.atomic
def mediator_note_add(*, actor: Any, case: MediationCase, text: str) -> MediatorNote:
    """A confidential note by the assigned mediator. The audit log names the act, never the text."""
    _require(actor, "mediation.write_note", case)
    if not text.strip():
        raise ValidationError({"text": ["Enter the note."]})
    lock(case)
    again = recent_duplicate(
        MediatorNote.objects.all(),
        created_field="written_at",
        case=case,
        author=actor,
        text=text.strip(),
    )
    if again is not None:  # the same note sent twice (docs/decisions/0066-double-submit.md)
        return again
    note = MediatorNote(case=case, author=actor, text=text.strip())
    _clean_save(note)
    # Kept out of the child's audit trail that the authority reads: only the provider and the
    # system see that a note exists.
    audit_record(
        actor=actor,
        action="create",
        obj=note,
        child=case.child,
        confidential_to=case.provider,
        summary="Wrote a mediator's note",
    )
    return note
