"""A supporter's caseload (decision 0174): the families who gave them consent and those
families' open dates, 50 a page or every one as CSV. Each child named on the page is a read in
the audit trail, the CSV one download; `Cache-Control: no-store` comes from
`PrivateResponseMiddleware`. A family that withdraws its consent is gone from the page and the
CSV from that day."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from redress.audit.reads import record_reads
from redress.casework.views_caseload import stream_csv
from redress.core.listing import csv_child_name, csv_date, page_of
from redress.core.status_words import status_words
from redress.family import selectors_supporter as selectors
from redress.statutory.engine import today_in_london


def _dates(request: HttpRequest) -> Any:
    if not request.user.has_perm("family.view_supporter_caseload"):
        raise PermissionDenied
    return selectors.supporter_dates(request.user, today_in_london())


@require_GET
@login_required
def supporter_caseload(request: HttpRequest) -> HttpResponse:
    page = page_of(_dates(request), request.GET.get("page"))
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


SUPPORTER_COLUMNS = (
    _("Child or young person"),
    _("Date"),
    _("What"),
    _("Whose step"),
    _("Status"),
)


def _rows(deadlines: Any, language: str) -> Iterator[list[Any]]:
    # The rows are written after the view returns: in the language of the page they came from.
    with translation.override(language):
        for deadline in deadlines.iterator(chunk_size=2000):
            row = selectors.supporter_row(deadline)
            yield [
                csv_child_name(deadline.child),
                csv_date(row.day),
                row.plain.what,
                row.plain.who,
                status_words(deadline.current_status),
            ]


@require_GET
@login_required
def supporter_caseload_export(request: HttpRequest) -> StreamingHttpResponse:
    """Every date in the cases of the families who gave the supporter consent, soonest first,
    as CSV."""
    deadlines = _dates(request)
    return stream_csv(
        request,
        header=[str(column) for column in SUPPORTER_COLUMNS],
        rows=_rows(deadlines, translation.get_language()),
        filename="families-you-support.csv",
        summary="Exported the supporter's caseload as CSV",
        object_type="casework.Deadline",
    )
