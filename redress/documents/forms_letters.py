"""The forms of the letters pages: send one letter, withdraw one, post a batch, and choose a
school's reviews for the invitations."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from redress.accounts.models import Organisation
from redress.core.corrections import WITHDRAWAL_REASON_REQUIRED
from redress.core.forms import GovukDateField
from redress.documents.models import SentLetter


class LetterSendForm(forms.Form):
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(),
        label="Who to send it to",
        required=False,
        empty_label="Choose…",
    )
    method = forms.ChoiceField(
        label="How to send it",
        choices=SentLetter.Method.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how to send the letter"},
    )
    large_print = forms.BooleanField(label="Large print", required=False)

    def __init__(
        self, *args: Any, organisations: QuerySet[Organisation] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if organisations is None:
            del self.fields["organisation"]
        else:
            self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]
            self.fields["organisation"].required = True
            self.fields["organisation"].error_messages["required"] = (
                "Choose whom to send the letter to"
            )


class LetterWithdrawForm(forms.Form):
    reason = forms.CharField(
        label="Why the letter was sent in error",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": WITHDRAWAL_REASON_REQUIRED},
    )


class ReviewCohortForm(forms.Form):
    setting = forms.ModelChoiceField(
        queryset=Organisation.objects.filter(kind=Organisation.Kind.SETTING).order_by("name"),
        label="School or setting",
        empty_label="Choose…",
        error_messages={"required": "Choose the school or setting"},
    )
    start = GovukDateField(label="Meetings from")
    end = GovukDateField(label="Meetings to")
    method = forms.ChoiceField(
        label="How to send the invitations",
        choices=SentLetter.Method.choices,
        widget=forms.RadioSelect,
        initial=SentLetter.Method.POST,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", "The last meeting date must be on or after the first")
        return data
