"""Forms for the case list (search, filters, sort) and for allocating children."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from redress.casework.forms import PersonChoiceField
from redress.casework.selectors_caseload import CASE_SORTS, STAGES, UNALLOCATED, CaseListFilters

SORT_LABELS = {
    "name": "Name",
    "born": "Date of birth",
    "caseworker": "Caseworker",
    "next": "What is due next",
}


class CaseListForm(forms.Form):
    """The case list's search, filters and sort, read from the query string (GET)."""

    q = forms.CharField(
        label="Search",
        required=False,
        max_length=200,
        help_text="Name, date of birth (for example 17/5/2016), UPN, ULN or case number.",
    )
    caseworker = forms.ChoiceField(label="Caseworker", required=False)
    stage = forms.ChoiceField(
        label="Open work at stage",
        required=False,
        choices=[("", "Any"), *[(slug, label) for slug, label, _ in STAGES]],
    )
    overdue = forms.BooleanField(label="Only children with something overdue", required=False)
    sort = forms.ChoiceField(
        label="Sort by", required=False, choices=[(k, SORT_LABELS[k]) for k in CASE_SORTS]
    )

    def __init__(self, *args: Any, caseworkers: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["caseworker"].choices = [  # type: ignore[attr-defined]
            ("", "Anyone"),
            (UNALLOCATED, "Not allocated"),
            *caseworkers,
        ]

    def filters(self) -> CaseListFilters:
        """The filters to apply; a choice no longer offered is ignored, not an error."""
        if not self.is_bound:
            return CaseListFilters()
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return CaseListFilters(
            query=(data.get("q") or "").strip(),
            caseworker=data.get("caseworker") or "",
            stage=data.get("stage") or "",
            overdue=bool(data.get("overdue")),
            sort=data.get("sort") or "name",
        )

    @property
    def active(self) -> bool:
        f = self.filters()
        return bool(f.query or f.caseworker or f.stage or f.overdue)


class AllocationForm(forms.Form):
    """Allocate the ticked children to one caseworker. Each child's version is posted beside
    its tick (`version-<id>`), so a list shown before someone else changed a child is refused."""

    children = forms.TypedMultipleChoiceField(
        label="Children and young people to allocate",
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Select at least one child or young person.",
            "invalid_choice": "Select children from the list.",
        },
    )
    caseworker = PersonChoiceField(
        label="Allocate to",
        queryset=None,
        empty_label="Choose a caseworker",
        error_messages={
            "required": "Choose the caseworker to allocate the children to.",
            "invalid_choice": "Choose a caseworker who works at the children's local authority.",
        },
    )
    reason = forms.CharField(
        label="Reason (optional)",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="For example: caseload balancing, or a caseworker on leave.",
    )

    def __init__(self, *args: Any, caseworkers: QuerySet[Any], **kwargs: Any) -> None:
        # Its own ids: the page's search form has a caseworker field too.
        kwargs.setdefault("auto_id", "allocate_%s")
        super().__init__(*args, **kwargs)
        self.fields["caseworker"].queryset = caseworkers  # type: ignore[attr-defined]
        # Any id may be ticked; the view resolves them against what the person may allocate,
        # so a forged or stale id is a message on the form, not a 500.
        posted = self.data.getlist("children") if hasattr(self.data, "getlist") else []
        self.fields["children"].choices = [  # type: ignore[attr-defined]
            (value, value) for value in posted if str(value).isdigit()
        ]

    def versions(self) -> dict[int, int | None]:
        """The version each ticked child had when the list was shown (None when missing)."""
        found: dict[int, int | None] = {}
        for pk in self.cleaned_data.get("children", []):
            raw = self.data.get(f"version-{pk}", "")
            found[pk] = int(raw) if str(raw).isdigit() else None
        return found
