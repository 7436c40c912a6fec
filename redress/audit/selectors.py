from __future__ import annotations

from django.db.models import QuerySet

from redress.audit.models import AuditEntry
from redress.casework.models import Child


def audit_trail_for_child(*, user: object, child: Child) -> QuerySet[AuditEntry]:
    """A child's audit trail as the authority reads it. The caller checks
    `casework.view_audit_trail` first. Rows confidential to one organisation (a mediator's notes
    read or written) are left out: the trail must not reveal that the notes exist."""
    return (
        AuditEntry.objects.filter(child=child, confidential_to__isnull=True)
        .select_related("actor")
        .order_by("-at", "-id")
    )
