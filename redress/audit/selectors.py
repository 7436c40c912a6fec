from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from redress.audit.models import AuditEntry
from redress.core.listing import within


# `child` is casework's Child, which this layer, below casework, does not import.
def audit_trail_for_child(
    *,
    user: object,
    child: Any,
    action: str | None = None,
    actor: str | None = None,
    since: date | None = None,
    until: date | None = None,
    newest_first: bool = True,
) -> QuerySet[AuditEntry]:
    """A child's audit trail as the authority reads it, narrowed by what was done, who did it
    and a range of London dates. The caller checks `casework.view_audit_trail` first. Rows
    confidential to one organisation (a mediator's notes read or written) are left out: the
    trail must not reveal that the notes exist."""
    entries = AuditEntry.objects.filter(child=child, confidential_to__isnull=True)
    if action:
        entries = entries.filter(action=action)
    if actor:
        entries = entries.filter(actor_id=int(actor))
    order = ("-at", "-id") if newest_first else ("at", "id")
    dated: QuerySet[AuditEntry] = within(entries, "at__date", since, until)
    return dated.select_related("actor").order_by(*order)


def audit_trail_people(*, child: Any) -> list[tuple[str, str]]:
    """Everyone who appears in the child's trail, for its filter (one indexed query)."""
    ids = (
        AuditEntry.objects.filter(child=child, confidential_to__isnull=True, actor__isnull=False)
        .order_by()
        .values("actor_id")
        .distinct()
    )
    people = get_user_model().objects.filter(pk__in=ids)
    return sorted(((str(p.pk), p.display_name) for p in people), key=lambda p: p[1])
