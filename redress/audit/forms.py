"""The filters of a child's audit trail (the page and its CSV read the same query string)."""

from __future__ import annotations

from typing import Any

from django import forms

from redress.audit.models import AuditEntry
from redress.audit.selectors import audit_trail_for_child, audit_trail_people
from redress.core.listing import DatedListForm


class AuditTrailForm(DatedListForm):
    SORTS = {"newest": "Newest first", "oldest": "Oldest first"}

    action = forms.ChoiceField(
        label="What they did",
        required=False,
        choices=[("", "Anything"), *AuditEntry.Action.choices],
    )
    who = forms.ChoiceField(label="Who", required=False)

    def __init__(self, data: Any = None, *, people: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.fields["who"].choices = [("", "Anyone"), *people]  # type: ignore[attr-defined]


def filtered_trail(query: Any, *, user: Any, child: Any) -> tuple[AuditTrailForm, Any]:
    """The trail's filter form read from the query string, and the entries it leaves (the page
    and the CSV use this, so the download is what the page shows)."""
    form = AuditTrailForm(query, people=audit_trail_people(child=child))
    entries = audit_trail_for_child(
        user=user,
        child=child,
        action=form.value("action"),
        actor=form.value("who"),
        since=form.value("since"),
        until=form.value("until"),
        newest_first=form.sort_key == "newest",
    )
    return form, entries
