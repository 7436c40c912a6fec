from __future__ import annotations

from django import forms

from redress.notifications.models import NotificationPreference


class PreferenceForm(forms.Form):
    delivery = forms.ChoiceField(
        label="How do you want your reminders?",
        choices=NotificationPreference.Delivery.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how you want your reminders"},
    )
