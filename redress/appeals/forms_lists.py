"""The filters and sorts of the boards of responses to recommendations and of compliance."""

from __future__ import annotations

from typing import Any

from django import forms

from redress.core.listing import ListForm, date_range_fields


class RecommendationListForm(ListForm):
    SORTS = {
        "urgency": "Most overdue first",
        "made": "Made most recently",
        "name": "Child or young person",
    }

    state = forms.ChoiceField(
        label="Response",
        required=False,
        choices=[
            ("", "Any"),
            ("overdue", "Overdue"),
            ("open", "Waiting for a response"),
            ("answered", "Answered"),
        ],
    )
    organisation = forms.ChoiceField(label="Must respond", required=False)
    made_from, made_to = date_range_fields("Made")

    def __init__(
        self, data: Any = None, *, organisations: list[tuple[str, str]], **kwargs: Any
    ) -> None:
        super().__init__(data, **kwargs)
        self.fields["organisation"].choices = [  # type: ignore[attr-defined]
            ("", "Any"),
            *organisations,
        ]


class ComplianceListForm(ListForm):
    SORTS = {
        "urgency": "Most overdue first",
        "latest": "Due latest first",
        "name": "Child or young person",
    }

    state = forms.ChoiceField(
        label="Compliance",
        required=False,
        choices=[("", "Any"), ("overdue", "Overdue"), ("due", "Still due")],
    )
    local_authority = forms.ChoiceField(label="Local authority", required=False)
    due_from, due_to = date_range_fields("Due")

    def __init__(
        self, data: Any = None, *, authorities: list[tuple[str, str]], **kwargs: Any
    ) -> None:
        super().__init__(data, **kwargs)
        self.fields["local_authority"].choices = [  # type: ignore[attr-defined]
            ("", "Any"),
            *authorities,
        ]
