"""The filters and sort of the overdue health advice list."""

from __future__ import annotations

from typing import Any

from django import forms

from redress.core.listing import ListForm, date_range_fields


class OverdueAdviceListForm(ListForm):
    SORTS = {
        "overdue": "Most overdue first",
        "commissioner": "Commissioner",
        "name": "Child or young person",
        "requested": "Requested most recently",
    }

    q = forms.CharField(
        label="Search",
        required=False,
        max_length=200,
        help_text="Name, date of birth, UPN, ULN or case number.",
    )
    commissioner = forms.ChoiceField(label="Commissioner", required=False)
    due_from, due_to = date_range_fields("Due")

    def __init__(
        self, data: Any = None, *, commissioners: list[tuple[str, str]], **kwargs: Any
    ) -> None:
        super().__init__(data, **kwargs)
        self.fields["commissioner"].choices = [  # type: ignore[attr-defined]
            ("", "Any"),
            *commissioners,
        ]
