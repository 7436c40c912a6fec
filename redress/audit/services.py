"""Writing the audit log. Services and views call it explicitly; nothing records by signal."""

from __future__ import annotations

from typing import Any

from django.db import models

from redress.audit.models import AuditEntry
from redress.audit.reads import audited_by_view, current_page


def audit_record(
    *,
    actor: Any,
    action: str,
    obj: models.Model | None = None,
    object_type: str = "",
    child: Any = None,
    summary: str,
    confidential_to: Any = None,
    page: str = "",
) -> AuditEntry:
    if action not in AuditEntry.Action.values:
        # A programming error: every entry must read as words in the audit trail.
        raise ValueError(f"unknown audit action {action!r}")
    user = actor if getattr(actor, "is_authenticated", False) else None
    if action in (AuditEntry.Action.VIEW, AuditEntry.Action.DOWNLOAD) and child is not None:
        audited_by_view(getattr(child, "pk", None))
    return AuditEntry.objects.create(
        actor=user,
        action=action,
        object_type=object_type or (obj._meta.label if obj is not None else ""),
        object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
        child=child,
        summary=summary[:300],
        confidential_to=confidential_to,
        page=(page or current_page())[:100],
    )
