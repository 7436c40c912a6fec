from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model

from redress.accounts.models import Organisation
from redress.api.models import SCOPES


class TokenForm(forms.Form):
    name = forms.CharField(
        label="Which system will use it",
        max_length=100,
        error_messages={"required": "Enter which system will use the token"},
    )
    organisation = forms.ModelChoiceField(
        label="Organisation",
        queryset=Organisation.objects.order_by("name"),
        error_messages={"required": "Choose the organisation"},
    )
    user = forms.ModelChoiceField(
        label="Account the system acts as",
        queryset=get_user_model()
        .objects.filter(memberships__active=True)
        .distinct()
        .order_by("username"),
        help_text="Its roles at the organisation decide what the system may see.",
        error_messages={"required": "Choose the account"},
    )
    scopes = forms.MultipleChoiceField(
        label="What it may do",
        choices=SCOPES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one thing the token may do"},
    )
    rate_per_minute = forms.IntegerField(
        label="Calls a minute",
        min_value=1,
        max_value=6000,
        initial=120,
    )
