"""The filter form every list shares: its filters and sort read from the query string (GET).

A list's form names its sorts (`SORTS`, key to label, the first the default) and adds its own
filter fields; `filters()` gives the valid ones to the list's selector. A value that is not
valid (a choice no longer offered, a date that is not a date) is shown as an error on the form
and that filter is left out, so the list still opens. The partial `includes/list_filters.html`
shows the form.
"""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from django import forms
from django.db.models import Q

from redress.core.forms import GovukDateField


class ListForm(forms.Form):
    """Filters and a sort for one list. Subclasses set `SORTS` and add fields."""

    SORTS: ClassVar[dict[str, str]] = {}

    sort = forms.ChoiceField(label="Sort by", required=False)

    def __init__(self, data: Any = None, **kwargs: Any) -> None:
        # `?page=2` alone is no search: the form is bound only when something else was sent.
        bound = data is not None and any(k != "page" for k in data)
        super().__init__(data if bound else None, **kwargs)
        self.fields["sort"].choices = list(self.SORTS.items())  # type: ignore[attr-defined]
        # The sort goes last on the page, after the filters.
        self.order_fields([name for name in self.fields if name != "sort"] + ["sort"])

    def filters(self) -> dict[str, Any]:
        """The valid filters, by field name ('' or None when not chosen), and `sort`."""
        found: dict[str, Any] = dict.fromkeys(self.fields)
        if self.is_bound:
            self.is_valid()
            for name, value in getattr(self, "cleaned_data", {}).items():
                found[name] = value
        found["sort"] = found.get("sort") or next(iter(self.SORTS), "")
        return found

    @property
    def active(self) -> bool:
        """Whether any filter (not the sort) is chosen."""
        return any(v not in (None, "", False) for k, v in self.filters().items() if k != "sort")


def date_range_fields(label: str) -> tuple[GovukDateField, GovukDateField]:
    """Two optional dates, 'from' and 'to', for a filter on `label` (both ends included)."""
    return (
        GovukDateField(label=f"{label} from", required=False),
        GovukDateField(label=f"{label} to", required=False),
    )


def date_range_q(field: str, start: date | None, end: date | None) -> Q:
    """The rows whose `field` falls in the range (an end not given is open)."""
    q = Q()
    if start is not None:
        q &= Q(**{f"{field}__gte": start})
    if end is not None:
        q &= Q(**{f"{field}__lte": end})
    return q


# -- CSV cells shared by the lists' downloads ------------------------------------------------


def csv_date(day: date | None) -> str:
    """A date in a CSV cell (ISO 8601, so a spreadsheet sorts it), or empty."""
    return day.isoformat() if day else ""


def csv_child_name(child: Any) -> str:
    """A child's name in a CSV cell. Not `Child.full_name`, which records a read for the page
    being shown: a download is audited as a whole, as a download."""
    return f"{child.first_name} {child.last_name}"
