"""Documents kept with an appeal (the appeal form, the response, the bundle)."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from redress.appeals.models import Appeal, AppealDocument
from redress.appeals.services._common import Errors, _add, _check_la_staff, _raise
from redress.audit.services import audit_record
from redress.casework.services import validate_upload


@transaction.atomic
def appeal_document_upload(
    *, actor: Any, appeal: Appeal, kind: str, description: str, document: UploadedFile
) -> AppealDocument:
    _check_la_staff(actor, appeal.child)
    errors: Errors = {}
    if not description.strip():
        _add(errors, "description", "Say what the document is.")
    _raise(errors)
    validate_upload(document)
    item = AppealDocument(
        appeal=appeal,
        kind=kind,
        description=description.strip(),
        document=document,
        original_name=(document.name or "")[:255],
        uploaded_by=actor,
    )
    item.full_clean()
    item.save()
    audit_record(
        actor=actor, action="upload", obj=item, child=appeal.child, summary=f"Uploaded: {item}"
    )
    return item
