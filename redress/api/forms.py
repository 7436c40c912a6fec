from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model

from redress.accounts.models import Organisation
from redress.accounts.selectors import administered_organisations
from redress.api.models import SCOPES


class TokenForm(forms.Form):
    name = forms.CharField(
        label="Which system will use it",
        max_length=100,
        error_messages={"required": "Enter which system will use the token"},
    )
    organisation = forms.ModelChoiceField(
        label="Organisation",
        queryset=Organisation.objects.none(),
        error_messages={"required": "Choose the organisation"},
    )
    user = forms.ModelChoiceField(
        label="Account the system acts as",
        queryset=get_user_model().objects.none(),
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

    def __init__(self, *args: Any, actor: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # An administrator issues tokens for their own organisations, to their members.
        mine = administered_organisations(actor)
        organisation = self.fields["organisation"]
        user = self.fields["user"]
        assert isinstance(organisation, forms.ModelChoiceField)
        assert isinstance(user, forms.ModelChoiceField)
        organisation.queryset = mine.order_by("name")
        user.queryset = (
            get_user_model()
            .objects.filter(memberships__active=True, memberships__organisation__in=mine)
            .distinct()
            .order_by("username")
        )
