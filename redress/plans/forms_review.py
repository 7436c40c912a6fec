"""Forms for an annual review's record and the review schedule. Each record form carries the
case's version; the schedule's filters are a `ListForm` read from the query string."""

from __future__ import annotations

from typing import Any

from django import forms

from redress.core.forms import GovukDateField, VersionedForm
from redress.core.listing import ListForm
from redress.plans.models import (
    DirectPaymentReview,
    OutcomeProgress,
    ReviewParticipant,
    ReviewView,
)
from redress.statutory.calendar import SchoolTerm


def participant_fields() -> dict[str, forms.Field]:
    return {
        "role": forms.ChoiceField(
            label="Who they are at the review", choices=ReviewParticipant.Role.choices,
            widget=forms.RadioSelect,
            error_messages={"required": "Choose who they are at the review."},
        ),
        "name": forms.CharField(label="Their name", max_length=200),
        "organisation": forms.CharField(
            label="Their organisation or role", max_length=200, required=False,
            help_text="For example 'Hillside Primary, head teacher'.",
        ),
        "invited_on": GovukDateField(label="Date they were invited", required=False),
        "attendance": forms.ChoiceField(
            label="Did they attend the meeting?", choices=ReviewParticipant.Attendance.choices,
            widget=forms.RadioSelect, required=False,
            help_text="Leave as not recorded until the meeting is held.",
        ),
    }  # fmt: skip


class ParticipantForm(VersionedForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields.update(participant_fields())


class AttendanceForm(VersionedForm):
    attendance = forms.ChoiceField(
        label="Did they attend the meeting?",
        choices=ReviewParticipant.Attendance.choices[1:],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether they attended."},
    )


def _document_label(document: Any) -> str:
    return f"{document} ({document.dated:%d %B %Y})"


class ReviewDocumentForm(VersionedForm):
    document: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label="Document on the case",
        queryset=None,
        empty_label="Choose a document",
        help_text="Upload the school's review report or the advice to the case's documents "
        "first: the review links it, it is not copied.",
        error_messages={"required": "Choose the document circulated."},
    )
    circulated_on = GovukDateField(label="Date it was circulated to everyone invited")

    def __init__(self, *args: Any, documents: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["document"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = documents
        field.label_from_instance = _document_label  # type: ignore[method-assign,assignment]


def view_fields() -> dict[str, forms.Field]:
    return {
        "whose": forms.ChoiceField(
            label="Whose views", choices=ReviewView.Whose.choices, widget=forms.RadioSelect,
            error_messages={"required": "Choose whose views these are."},
        ),
        "how": forms.ChoiceField(
            label="How the views were given", choices=ReviewView.How.choices,
            widget=forms.RadioSelect,
            error_messages={"required": "Choose how the views were given."},
        ),
        "gathered_on": GovukDateField(label="Date the views were given"),
        "text": forms.CharField(
            label="Their views, wishes and feelings", widget=forms.Textarea, max_length=10000,
            help_text="In their own words where you can.",
        ),
    }  # fmt: skip


class ReviewViewForm(VersionedForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields.update(view_fields())


def progress_fields() -> dict[str, forms.Field]:
    return {
        "progress": forms.ChoiceField(
            label="Progress made", choices=OutcomeProgress.Progress.choices,
            widget=forms.RadioSelect, error_messages={"required": "Choose the progress made."},
        ),
        "evidence": forms.CharField(
            label="What shows the progress", widget=forms.Textarea, required=False,
            max_length=5000,
        ),
    }  # fmt: skip


class OutcomeProgressForm(VersionedForm):
    outcome: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label="Outcome in section E",
        queryset=None,
        empty_label="Choose an outcome",
        error_messages={"required": "Choose the outcome."},
    )

    def __init__(self, *args: Any, outcomes: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["outcome"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = outcomes
        self.fields.update(progress_fields())


class ReviewScheduleForm(ListForm):
    """The review schedule's filters: one school term, one school; and its sort."""

    SORTS = {
        "school": "School, then the date due",
        "due": "Date due, soonest first",
        "name": "Surname",
    }

    term = forms.ChoiceField(label="Term", required=False)
    school: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label="School or setting", queryset=None, required=False, empty_label="Any"
    )

    def __init__(
        self, data: Any = None, *, terms: list[SchoolTerm], schools: Any, **kwargs: Any
    ) -> None:
        super().__init__(data, **kwargs)
        self.terms = {t.first.isoformat(): t for t in terms}
        self.fields["term"].choices = [("", "Any, up to the end of the last")] + [  # type: ignore[attr-defined]
            (key, t.name) for key, t in self.terms.items()
        ]
        field = self.fields["school"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = schools

    def chosen_term(self) -> SchoolTerm | None:
        key = self.value("term")
        return self.terms.get(key) if key else None


def direct_payment_review_fields() -> dict[str, forms.Field]:
    return {
        "reviewed_on": GovukDateField(label="Date the direct payments were reviewed"),
        "outcome": forms.ChoiceField(
            label="What the review decided", choices=DirectPaymentReview.Outcome.choices,
            widget=forms.RadioSelect,
            error_messages={"required": "Choose what the review decided."},
        ),
        "notes": forms.CharField(
            label="What the review found", widget=forms.Textarea, required=False,
            max_length=5000,
            help_text="For example whether the payments were used for the agreed provision "
            "and are still enough to secure it.",
        ),
        "next_review_on": GovukDateField(
            label="Date they are next reviewed", required=False,
            help_text="The authority's own date. Leave empty when the payments stop.",
        ),
    }  # fmt: skip


class DirectPaymentReviewForm(VersionedForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields.update(direct_payment_review_fields())


class DirectPaymentDueForm(ListForm):
    """The direct payments reviews list: due now, or every review date set."""

    SORTS = {"date": "Review date, soonest first", "name": "Surname"}

    show = forms.ChoiceField(
        label="Show",
        required=False,
        choices=[("", "Due now (the review date has come)"), ("all", "Every review date set")],
    )
