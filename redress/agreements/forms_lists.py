"""The filters and sorts of the agreements lists: agreements, overdue actions, expenses claims."""

from __future__ import annotations

from typing import Any

from django import forms

from redress.agreements.models import ExpensesClaim
from redress.core.listing import ListForm, date_range_fields


class _ByOrganisation(ListForm):
    """A list filtered by the mediation provider and the child's local authority."""

    provider = forms.ChoiceField(label="Mediation provider", required=False)
    local_authority = forms.ChoiceField(label="Local authority", required=False)

    def __init__(
        self,
        data: Any = None,
        *,
        providers: list[tuple[str, str]],
        authorities: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(data, **kwargs)
        self.fields["provider"].choices = [("", "Any"), *providers]  # type: ignore[attr-defined]
        self.fields["local_authority"].choices = [  # type: ignore[attr-defined]
            ("", "Any"),
            *authorities,
        ]


class AgreementListForm(_ByOrganisation):
    SORTS = {
        "newest": "Newest first",
        "oldest": "Oldest first",
        "name": "Child or young person",
        "provider": "Mediation provider",
    }

    made_from, made_to = date_range_fields("Date of the agreement")
    overdue = forms.BooleanField(label="Only agreements with an action overdue", required=False)


class OverdueListForm(_ByOrganisation):
    SORTS = {"overdue": "Most overdue first", "name": "Child or young person"}


class ClaimListForm(_ByOrganisation):
    SORTS = {
        "to_decide": "Waiting for a decision first",
        "newest": "Spent most recently",
        "amount": "Largest amount first",
        "name": "Child or young person",
    }

    status = forms.ChoiceField(
        label="Decision", required=False, choices=[("", "Any"), *ExpensesClaim.Status.choices]
    )
    payer = forms.ChoiceField(
        label="Who pays", required=False, choices=[("", "Any"), *ExpensesClaim.Payer.choices]
    )
    spent_from, spent_to = date_range_fields("Spent")
