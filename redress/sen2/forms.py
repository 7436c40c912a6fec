from __future__ import annotations

from datetime import date
from typing import Any

from django import forms

from redress.core.forms import GovukDateField
from redress.core.listing import ListForm
from redress.sen2.models import (
    AuthorityReturnDetails,
    CessationReturnItems,
    ChildReturnItems,
    PlacementReturnItems,
    RequestReturnItems,
    TransferReturnItems,
)
from redress.sen2.selectors import MISSING_ITEMS, UNALLOCATED


class ReturnForm(forms.Form):
    year = forms.IntegerField(
        label="Collection year",
        min_value=2023,
        max_value=2100,
        help_text="The January in which the return is made, for example 2027.",
        error_messages={"required": "Enter the collection year, for example 2027"},
    )
    reference_date = GovukDateField(
        label="Census (reference) date",
        required=False,
        help_text="Leave empty for the third Thursday of January of that year.",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        year, reference = data.get("year"), data.get("reference_date")
        if year and isinstance(reference, date) and reference.year != year:
            self.add_error("reference_date", "The census date must be in the collection year")
        return data


class AuthorityDetailsForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = AuthorityReturnDetails
        fields = ["la_code"]


class ChildItemsForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = ChildReturnItems
        fields = [
            "sex",
            "ethnicity",
            "postcode",
            "upn_unknown",
            "sen_type_primary",
            "sen_type_secondary",
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        primary, secondary = data.get("sen_type_primary"), data.get("sen_type_secondary")
        if secondary and secondary == primary:
            self.add_error("sen_type_secondary", "The secondary need must differ from the primary")
        if secondary and not primary:
            self.add_error("sen_type_primary", "Choose the primary need before a secondary one")
        return data


class PlacementItemsForm(forms.ModelForm):  # type: ignore[type-arg]
    entry_date = GovukDateField(label="Started at the placement", required=False)
    leaving_date = GovukDateField(label="Left the placement", required=False)

    class Meta:
        model = PlacementReturnItems
        fields = [
            "urn",
            "ukprn",
            "sen_setting",
            "sen_unit",
            "resourced_provision",
            "entry_date",
            "leaving_date",
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("urn") or data.get("ukprn") or data.get("sen_setting")):
            self.add_error(
                "urn", "Enter the URN or UKPRN, or choose the kind of setting when it has neither"
            )
        entry, leaving = data.get("entry_date"), data.get("leaving_date")
        if isinstance(entry, date) and isinstance(leaving, date) and leaving < entry:
            self.add_error("leaving_date", "The leaving date must be on or after the start date")
        return data


class CeaseReasonForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = CessationReturnItems
        fields = ["cease_reason"]


class RequestItemsForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = RequestReturnItems
        fields = ["request_source", "in_youth_accommodation"]


class TransferItemsForm(forms.ModelForm):  # type: ignore[type-arg]
    request_received = GovukDateField(
        label="Date the old authority received the request for an assessment",
        help_text="From the transferred papers. For example, 3 9 2024",
        required=False,
    )

    class Meta:
        model = TransferReturnItems
        fields = ["from_la_code", "request_received", "request_source"]


class MissingListForm(ListForm):
    """The filters and sort of the children lacking SEN2 items."""

    SORTS = {"name": "Name", "caseworker": "Caseworker", "born": "Date of birth"}

    q = forms.CharField(
        label="Search",
        required=False,
        max_length=200,
        help_text="Name, UPN, ULN, date of birth or case number.",
    )
    item = forms.ChoiceField(
        label="Lacks", required=False, choices=[("", "Any item"), *MISSING_ITEMS]
    )
    caseworker = forms.ChoiceField(label="Caseworker", required=False)
    team = forms.ChoiceField(label="Team", required=False)

    def __init__(
        self,
        data: Any = None,
        *,
        caseworkers: list[tuple[str, str]],
        teams: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(data, **kwargs)
        self.fields["caseworker"].choices = [  # type: ignore[attr-defined]
            ("", "Anyone"),
            (UNALLOCATED, "Not allocated"),
            *caseworkers,
        ]
        self.fields["team"].choices = [("", "Any team"), *teams]  # type: ignore[attr-defined]
