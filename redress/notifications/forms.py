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
