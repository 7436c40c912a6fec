"""Forms for agreements, their actions, acceptances, follow-up and expenses.

Fields a SMART action needs are optional here on purpose: the service says which element is
missing, in words about the action, rather than the form's generic "required" message.
"""

from __future__ import annotations

from typing import Any

from django import forms

from redress.agreements.models import (
    NO_SECTION,
    SECTION_CHOICES,
    ActionKind,
    AgreedAction,
    ExpensesClaim,
    Party,
)
from redress.core.corrections import CorrectionReasonField
from redress.core.forms import GovukDateField, VersionedForm

KEEP_WORDING_LABEL = "Keep my wording as it is"
KEEP_WORDING_HINT = (
    "The words flagged above may read as judging a party. You may keep them; Redress records "
    "that you chose to."
)


class WordingForm(VersionedForm):
    keep_flagged_words = forms.BooleanField(
        label=KEEP_WORDING_LABEL, required=False, help_text=KEEP_WORDING_HINT
    )


class AgreementForm(WordingForm):
    made_on = GovukDateField(label="Date of the agreement")
    la_party = forms.BooleanField(label="The local authority is a party", required=False)
    health_party = forms.BooleanField(label="The health commissioner is a party", required=False)
    future_disagreements = forms.CharField(
        label="Areas of possible future disagreement",
        widget=forms.Textarea,
        required=False,
        help_text="Issues the parties did not settle, or may need to talk about again.",
    )


class ActionForm(WordingForm):
    what = forms.CharField(
        label="What will be done",
        widget=forms.Textarea,
        required=False,
        help_text="For example: 'Add 1 hour of speech and language therapy a week to section F.'",
    )
    who = forms.CharField(
        label="Who will do it",
        max_length=200,
        required=False,
        help_text="A named person, team or organisation.",
    )
    owed_by = forms.ChoiceField(
        label="Which party owes it",
        choices=Party.choices,
        widget=forms.RadioSelect,
        required=False,
        help_text="Only this party, or the provider's case manager, may record it as done.",
    )
    measure = forms.CharField(
        label="How the parties will know it has been done",
        widget=forms.Textarea,
        required=False,
        help_text="For example: 'The amended plan sent to the family shows the therapy in F.'",
    )
    kind = forms.ChoiceField(
        label="Kind of action",
        choices=ActionKind.choices,
        widget=forms.RadioSelect,
        required=False,
        help_text="When no date is agreed, the kind decides the time the law allows (reg 42).",
    )
    timing = forms.ChoiceField(
        label="By when",
        choices=AgreedAction.Timing.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    agreed_due = GovukDateField(
        label="The date agreed",
        required=False,
        help_text="Only when the parties agreed a date in writing (reg 42(5)).",
    )
    plan_section = forms.ChoiceField(
        label="The plan section it changes",
        choices=[
            ("", "Choose a section"),
            *SECTION_CHOICES,
            (NO_SECTION, "It does not change the plan"),
        ],
        required=False,
    )


class AcceptanceForm(VersionedForm):
    party = forms.ChoiceField(label="Party", widget=forms.RadioSelect, required=False)
    accepted_by_name = forms.CharField(
        label="Name of the person who accepted for the party", max_length=200, required=False
    )
    accepted_on = GovukDateField(label="Date they accepted")

    def __init__(self, *args: Any, parties: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["party"].choices = parties  # type: ignore[attr-defined]


class DoneForm(forms.Form):
    done_on = GovukDateField(label="Date it was done")


class UndoDoneForm(VersionedForm):
    reason = forms.CharField(
        label="Why it is not done after all",
        widget=forms.Textarea,
        required=False,
        help_text="The earlier record stays on the agreement with your reason.",
    )


class NotDoneForm(forms.Form):
    text = forms.CharField(
        label="What has not happened?",
        widget=forms.Textarea,
        required=False,
        help_text="Tell us in your own words. The mediation provider and the local authority "
        "will see what you write.",
    )


class ClaimForm(forms.Form):
    claimant_name = forms.CharField(
        label="Name of the person who spent the money", max_length=200, required=False
    )
    category = forms.ChoiceField(
        label="What kind of expense is it?",
        choices=ExpensesClaim.Category.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    description = forms.CharField(
        label="What was it for?",
        max_length=300,
        required=False,
        help_text="For example: 'Bus fares to the mediation, 2 adults, return'.",
    )
    amount = forms.DecimalField(
        label="Amount in pounds",
        max_digits=8,
        decimal_places=2,
        required=False,
        error_messages={"invalid": "Enter the amount as a number, like 12.50"},
    )
    incurred_on = GovukDateField(label="Date the money was spent", required=False)
    payer = forms.ChoiceField(
        label="Who pays?", choices=ExpensesClaim.Payer.choices, widget=forms.RadioSelect
    )

    def __init__(self, *args: Any, health_payer: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not health_payer:
            self.fields["payer"].choices = [  # type: ignore[attr-defined]
                ExpensesClaim.Payer.choices[0]
            ]
            self.fields["payer"].initial = ExpensesClaim.Payer.LOCAL_AUTHORITY


class DecideForm(VersionedForm):
    decision = forms.ChoiceField(
        label="Decision",
        choices=[("approve", "Approve the claim"), ("refuse", "Refuse the claim")],
        widget=forms.RadioSelect,
        required=False,
    )
    reasons = forms.CharField(
        label="Reasons",
        widget=forms.Textarea,
        required=False,
        help_text="Needed when you refuse the claim; the family will see them.",
    )


class ReportForm(forms.Form):
    start = GovukDateField(label="From")
    end = GovukDateField(label="To")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", "The end of the period must be on or after its start.")
        return data


PARTY_LABELS = dict(Party.choices)


# -- Correcting a recorded step (decision 0100) -----------------------------------------------


class AgreementCorrectForm(VersionedForm):
    made_on = GovukDateField(label="The date of the agreement")
    reason = CorrectionReasonField()


class DoneCorrectForm(VersionedForm):
    done_on = GovukDateField(label="The day it was done")
    reason = CorrectionReasonField()
