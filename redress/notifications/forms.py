from __future__ import annotations

from typing import Any

from django import forms

from redress.core.listing import DatedListForm
from redress.notifications.models import Message, NotificationPreference


class PreferenceForm(forms.Form):
    delivery = forms.ChoiceField(
        label="How do you want your reminders?",
        choices=NotificationPreference.Delivery.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how you want your reminders"},
    )


class FamilyPreferenceForm(PreferenceForm):
    """A family member's choices: email or text message, and how early to hear about a date."""

    channels = forms.ChoiceField(
        label="How should we send reminders of your dates?",
        choices=NotificationPreference.Channels.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose email, text message or both"},
    )
    mobile_number = forms.CharField(
        label="Mobile phone number",
        required=False,
        max_length=30,
        help_text="Only for text messages. A text only says a date is coming up, and when.",
    )
    lead_weeks = forms.TypedChoiceField(
        label="How early should we remind you?",
        choices=[("", "When we usually remind people")]
        + [(str(value), label) for value, label in NotificationPreference.LeadWeeks.choices],
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )


class FailuresFilterForm(DatedListForm):
    """The filters and sort of the failed messages, read from the query string (GET)."""

    SORTS = {"newest": "Newest first", "oldest": "Oldest first", "tries": "Most tries first"}

    problem = forms.ChoiceField(
        label="Problem",
        required=False,
        choices=[
            ("", "Any"),
            ("failed", "Failed"),
            ("retrying", "Will try again"),
            ("interrupted", "Interrupted"),
        ],
    )
    channel = forms.ChoiceField(
        label="Sent by", required=False, choices=[("", "Any"), *Message.Channel.choices]
    )

    def __init__(self, data: Any = None, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.fields["since"].label = "Made from"
        self.fields["until"].label = "Made to"
