from __future__ import annotations

from django.db.models import QuerySet

from redress.audit.models import AuditEntry
from redress.casework.models import Child


def audit_trail_for_child(*, user: object, child: Child) -> QuerySet[AuditEntry]:
    """A child's audit trail. The caller checks `casework.view_audit_trail` first."""
    return AuditEntry.objects.filter(child=child).select_related("actor")
