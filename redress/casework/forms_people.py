"""Forms for a child's details, family members and the consents a family gives."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model

from redress.accounts.models import Organisation, Role
from redress.casework.forms import ChildForm, GovukRadios, PersonChoiceField
from redress.casework.models import Child, FamilyMember
from redress.core.forms import GovukDateField


class ChildEditForm(ChildForm):
    """The new-case form's fields, the young person's own views, and the case's version."""

    young_person_views = forms.CharField(
        label="The young person's own views (optional)",
        required=False,
        widget=forms.Textarea,
        help_text="From 16, the young person takes decisions for themselves. Record what they "
        "say about their needs, hopes and the support they want.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    different_child = None  # type: ignore[assignment]  # only a new record is a duplicate


class FamilyMemberForm(forms.Form):
    name = forms.CharField(
        label="Full name", max_length=200, error_messages={"required": "Enter their name"}
    )
    relationship = forms.ChoiceField(
        label="Relationship to the child",
        choices=FamilyMember.Relationship.choices,
        widget=GovukRadios,
        error_messages={"required": "Select their relationship to the child"},
    )
    email = forms.EmailField(
        label="Email address (optional)",
        required=False,
        error_messages={
            "invalid": "Enter an email address in the right format, like name@example.com"
        },
    )
    phone = forms.CharField(label="Phone number (optional)", max_length=40, required=False)
    address = forms.CharField(label="Address (optional)", required=False, widget=forms.Textarea)
    interpreter_language = forms.CharField(
        label="Language for an interpreter (optional)",
        max_length=60,
        required=False,
        help_text="Leave empty when no interpreter is needed. "
        "For example, Polish or British Sign Language.",
    )
    accessible_format = forms.CharField(
        label="Accessible format for letters (optional)",
        max_length=100,
        required=False,
        help_text="For example, large print, Braille or Easy Read.",
    )


class ConsentForm(forms.Form):
    given_by = forms.ModelChoiceField(
        label="Who gave consent?",
        queryset=FamilyMember.objects.none(),
        empty_label=None,
        error_messages={"required": "Choose who gave consent"},
    )
    supporter = PersonChoiceField(
        label="Supporter",
        queryset=get_user_model().objects.none(),
        empty_label="Choose a supporter",
        help_text="For example, an adviser from the information, advice and support service.",
        error_messages={"required": "Choose the supporter"},
    )
    given_on = GovukDateField(label="Date consent was given")
    scope = forms.CharField(
        label="What the consent covers",
        max_length=200,
        initial="See the case and help with it",
        error_messages={"required": "Say what the consent covers"},
    )

    def __init__(self, *args: Any, child: Child, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["given_by"].queryset = child.family.all()  # type: ignore[attr-defined]
        self.fields["supporter"].queryset = (  # type: ignore[attr-defined]
            get_user_model()
            .objects.filter(memberships__role=Role.SUPPORTER, memberships__active=True)
            .distinct()
            .order_by("first_name", "last_name", "username")
        )

    def supporter_organisation(self) -> Organisation | None:
        supporter = self.cleaned_data["supporter"]
        membership = supporter.memberships.filter(role=Role.SUPPORTER, active=True).first()
        return membership.organisation if membership else None
