"""A supporter's caseload (decision 0174): the families who gave them consent and those
families' open dates, 50 a page. Each child named on the page is a read in the audit trail;
`Cache-Control: no-store` comes from `PrivateResponseMiddleware`. A family that withdraws its
consent is gone from the page from that day."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from redress.audit.reads import record_reads
from redress.core.listing import page_of
from redress.family import selectors_supporter as selectors
from redress.statutory.engine import today_in_london


@require_GET
@login_required
def supporter_caseload(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("family.view_supporter_caseload"):
        raise PermissionDenied
    today = today_in_london()
    page = page_of(selectors.supporter_dates(request.user, today), request.GET.get("page"))
    rows = selectors.supporter_rows(page.object_list)
    record_reads(
        {row.deadline.child_id for row in rows},
        summary="Saw the child named on the supporter's caseload",
    )
    return render(
        request,
        "family/supporter_caseload.html",
        {
            "page": page,
            "rows": rows,
            "families": selectors.supported_children(request.user).count(),
        },
    )
