"""Lists that grow with the caseload: one page at a time, sorted, filtered, exported as CSV.

Every list of cases, steps or records uses these, so a list is never loaded whole into Python:
the page is a slice of a queryset, and the CSV is streamed from the database in chunks. The
template partial `includes/pagination.html` shows the page links.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime
from itertools import islice
from typing import Any, ClassVar

from django import forms
from django.core.paginator import Page, Paginator
from django.db.models import Q
from django.http import HttpRequest, StreamingHttpResponse
from django.utils import timezone

from redress.core.csv import csv_lines
from redress.core.downloads import content_disposition
from redress.core.forms import GovukDateField

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
    queryset: Any, key: str | None, sorts: Mapping[str, Sequence[Any]], *, default: str
) -> tuple[Any, str]:
    """The queryset ordered by the sort named `key` (an unknown or missing key falls back to
    `default`), and the key used. Each sort ends with a unique field so pages never overlap."""
    chosen = key if key is not None and key in sorts else default
    return queryset.order_by(*sorts[chosen]), chosen


class ListForm(forms.Form):
    """A list's filters and sort, read from the query string (GET). `SORTS` names each sort
    (the first is the default); subclasses add their filter fields. A filter that does not
    validate (a choice no longer offered, a date that is not a date) is shown with its error and
    left out of the list, so the list still opens, never a 500. The partial
    `includes/list_filters.html` shows the form."""

    SORTS: ClassVar[Mapping[str, str]] = {}

    sort = forms.ChoiceField(label="Sort by", required=False)

    def __init__(self, data: Any = None, **kwargs: Any) -> None:
        # `?page=2` alone is no search: the form is bound only when something else was sent.
        bound = data is not None and any(k != "page" for k in data)
        super().__init__(data if bound else None, **kwargs)
        self.fields["sort"].choices = list(self.SORTS.items())  # type: ignore[attr-defined]
        # The sort goes last on the page, after the filters.
        self.order_fields([name for name in self.fields if name != "sort"] + ["sort"])

    def value(self, name: str) -> Any:
        """The field's cleaned value, or None when it is empty, invalid or the form unbound."""
        if not self.is_bound:
            return None
        self.is_valid()
        return getattr(self, "cleaned_data", {}).get(name) or None

    def filters(self) -> dict[str, Any]:
        """Every field's valid value by name (None when not chosen), and the sort to use."""
        found: dict[str, Any] = {name: self.value(name) for name in self.fields}
        found["sort"] = self.sort_key
        return found

    @property
    def sort_key(self) -> str:
        return str(self.value("sort") or next(iter(self.SORTS), ""))

    @property
    def active(self) -> bool:
        """Whether any filter (not the sort, nor a hidden field carried along) narrows the list."""
        return any(
            self.value(name)
            for name, field in self.fields.items()
            if name != "sort" and not field.widget.is_hidden
        )


class DatedListForm(ListForm):
    """A list filtered to a range of dates, both ends included."""

    since = GovukDateField(label="From", required=False, help_text="For example, 1 9 2026")
    until = GovukDateField(label="To", required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        since, until = data.get("since"), data.get("until")
        if since and until and until < since:
            self.add_error("until", "The date to must be the same as or after the date from")
        return data


def date_range_fields(label: str) -> tuple[GovukDateField, GovukDateField]:
    """Two optional dates, 'from' and 'to', for a filter on `label` (both ends included)."""
    return (
        GovukDateField(label=f"{label} from", required=False),
        GovukDateField(label=f"{label} to", required=False),
    )


def date_range_q(field: str, start: date | None, end: date | None) -> Q:
    """The rows whose `field` falls in the range, both ends included (an end not given is open;
    a date and time is read as its London date with `field__date`)."""
    q = Q()
    if start is not None:
        q &= Q(**{f"{field}__gte": start})
    if end is not None:
        q &= Q(**{f"{field}__lte": end})
    return q


def within(queryset: Any, field: str, since: date | None, until: date | None) -> Any:
    """`queryset` narrowed to the rows whose `field` falls in the range (`date_range_q`)."""
    return queryset.filter(date_range_q(field, since, until))


def csv_date(day: date | None) -> str:
    """A date in a CSV cell (ISO 8601, so a spreadsheet sorts it), or empty."""
    return day.isoformat() if day else ""


def csv_moment(moment: datetime | None) -> str:
    """A moment Redress recorded (a letter added, a message sent) in a CSV cell, London time to
    the minute, or empty."""
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


def in_chunks(queryset: Any, size: int = 500) -> Iterator[list[Any]]:
    """The queryset's rows a list of `size` at a time (few enough ids for one query on any
    database), for reading what each chunk's rows need in a fixed number of queries."""
    rows = queryset.iterator(chunk_size=size)
    while chunk := list(islice(rows, size)):
        yield chunk


def csv_child_name(child: Any) -> str:
    """A child's name in a CSV cell. Not `Child.full_name`, which records a read for the page
    being shown: a download is audited as a whole, as a download."""
    return f"{child.first_name} {child.last_name}"


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
