"""The authority's answer to a subject access request: who saw or changed a child's record and
when, downloaded as a CSV (streamed, each cell safe to open in a spreadsheet), beside the trail's
page (`views.case_audit`)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, StreamingHttpResponse
from django.views.decorators.http import require_GET

from redress.audit.forms import filtered_trail
from redress.audit.models import AuditEntry
from redress.audit.services import audit_record
from redress.casework import selectors
from redress.core.csv import csv_lines

HEADER = ["when (UTC)", "who", "username", "action", "what", "page", "record", "record id"]


def _rows(entries: Any) -> Iterator[list[Any]]:
    for entry in entries.iterator(chunk_size=500):
        actor = entry.actor
        yield [
            entry.at.strftime("%Y-%m-%d %H:%M:%S"),
            actor.get_full_name() if actor is not None else "Unknown or deleted user",
            actor.username if actor is not None else "",
            entry.get_action_display(),
            entry.summary,
            entry.page,
            entry.object_type,
            entry.object_id,
        ]


@require_GET
@login_required
def child_trail_csv(request: HttpRequest, pk: int) -> StreamingHttpResponse:
    """The child's audit trail (as the authority reads it, filtered as the trail page is) as a
    CSV; `?reads=1` keeps only who looked at or downloaded the record."""
    child = selectors.child_get(user=request.user, pk=pk, perm="casework.view_audit_trail")
    form, entries = filtered_trail(request.GET, user=request.user, child=child)
    reads_only = request.GET.get("reads") == "1"
    if reads_only:
        entries = entries.filter(action__in=[AuditEntry.Action.VIEW, AuditEntry.Action.DOWNLOAD])
    audit_record(
        actor=request.user,
        action="download",
        obj=child,
        child=child,
        summary="Downloaded the audit trail"
        + (" (who looked at the record)" if reads_only else "")
        + (" (filtered)" if form.active else ""),
    )
    response = StreamingHttpResponse(
        csv_lines(HEADER, _rows(entries)), content_type="text/csv; charset=utf-8"
    )
    name = f"audit-trail-{child.pk}{'-reads' if reads_only else ''}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response
