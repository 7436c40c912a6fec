"""Lists that grow with the caseload: one page at a time, sorted, filtered, exported as CSV.

Every list of cases, steps or records uses these, so a list is never loaded whole into Python:
the page is a slice of a queryset, and the CSV is streamed from the database in chunks. The
template partial `includes/pagination.html` shows the page links.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.core.paginator import Page, Paginator
from django.http import HttpRequest, StreamingHttpResponse

from redress.core.csv import csv_lines
from redress.core.downloads import content_disposition

PER_PAGE = 50


def page_of(
    items: Any, number: Any, *, per_page: int = PER_PAGE, count: int | None = None
) -> Page[Any]:
    """One page of `items` (a queryset or a sequence). `count`, when given, is the list's
    length counted by a cheaper query (for example without per-row annotations); a page number
    out of range gives the last page, a malformed one the first."""
    paginator = Paginator(items, per_page)
    if count is not None:
        # Paginator.count is a cached_property: setting it skips its own COUNT(*).
        paginator.__dict__["count"] = count
    return paginator.get_page(number)


def query_without(request: HttpRequest, *names: str) -> str:
    """The request's query string without the named parameters (for page and sort links)."""
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    return str(query.urlencode())


def sorted_by(
    queryset: Any, key: str | None, sorts: Mapping[str, Sequence[str]], *, default: str
) -> tuple[Any, str]:
    """The queryset ordered by the sort named `key` (an unknown or missing key falls back to
    `default`), and the key used. Each sort ends with a unique field so pages never overlap."""
    chosen = key if key is not None and key in sorts else default
    return queryset.order_by(*sorts[chosen]), chosen


def csv_response(
    *, header: Sequence[Any], rows: Iterable[Iterable[Any]], filename: str
) -> StreamingHttpResponse:
    """A list as a streamed CSV download, every cell spreadsheet-safe, never cached. The view
    records the download in the audit trail (core imports no app)."""
    response = StreamingHttpResponse(
        csv_lines(header, rows), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = content_disposition(filename)
    response["Cache-Control"] = "private, no-store"
    return response
