"""Forms on the family's pages. Labels and messages are plain English, marked for translation
(the council's answer form, which staff fill in, is not)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from redress.family.models import FamilyRequest
from redress.plans.sections import SECTIONS

if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise


class EmailForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        error_messages={
            "required": _("Enter your email address"),
            "invalid": _("Enter an email address like name@example.com"),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class CodeForm(forms.Form):
    code = forms.CharField(
        label=pgettext_lazy("sign-in code", "Code"),
        max_length=12,
        help_text=_("The 6 numbers in the email we sent you."),
        error_messages={"required": _("Enter the code from the email")},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code"}),
    )

    def clean_code(self) -> str:
        digits = "".join(ch for ch in self.cleaned_data["code"] if ch.isdigit())
        if len(digits) != 6:
            raise forms.ValidationError(_("The code must be 6 numbers"))
        return digits


class SectionAForm(forms.Form):
    about_child = forms.CharField(
        label=_("What do people like and admire about your child?"),
        required=False,
        max_length=5000,
        widget=forms.Textarea,
    )
    hopes = forms.CharField(
        label=_("What are your hopes for the future?"),
        required=False,
        max_length=5000,
        widget=forms.Textarea,
    )
    what_helps = forms.CharField(
        label=_("What helps your child, and what does not help?"),
        required=False,
        max_length=5000,
        widget=forms.Textarea,
    )


class DocumentForm(forms.Form):
    document = forms.FileField(
        label=_("Choose a file"),
        help_text=_(
            "A PDF, Word document, OpenDocument text, RTF, text file, JPEG or PNG. "
            "Smaller than 20 MB."
        ),
        error_messages={
            "required": _("Choose a file to upload"),
            "empty": _("The file is empty"),
        },
    )
    description = forms.CharField(
        label=_("What is this document?"),
        help_text=_("For example: letter from the speech therapist, March 2026."),
        max_length=200,
        error_messages={"required": _("Say what the document is")},
    )


class RequestForm(forms.Form):
    text = forms.CharField(
        label=_("Tell us in your own words"),
        max_length=5000,
        widget=forms.Textarea,
        error_messages={"required": _("Tell us in your own words")},
    )


REQUEST_PAGES: dict[str, dict[str, _StrOrPromise]] = {
    FamilyRequest.Kind.MEDIATION: {
        "slug": "mediation",
        "title": _("Ask for mediation"),
        "hint": _(
            "Say what you do not agree with. For example: the decision not to assess, or "
            "the school named in the plan."
        ),
        "done": _("We have sent your request for mediation to the council."),
    },
    FamilyRequest.Kind.ACTION_NOT_DONE: {
        "slug": "action-not-done",
        "title": _("Tell us something agreed was not done"),
        "hint": _("Say what was agreed, who agreed to do it, and what has not happened."),
        "done": _("Thank you. We have told the council that something agreed was not done."),
    },
    FamilyRequest.Kind.CONTACT_DETAILS: {
        "slug": "contact-details",
        "title": _("Tell us your new contact details"),
        "hint": _("Your new address, phone number or email address, and from when."),
        "done": _("Thank you. We have sent your new contact details to the council."),
    },
}
KIND_BY_SLUG = {str(page["slug"]): kind for kind, page in REQUEST_PAGES.items()}


def _section_choices() -> list[tuple[str, str]]:
    """Called each time the choices are drawn, so in the reader's language."""
    return [("", gettext("The plan as a whole"))] + [
        (s.code, gettext("Section %(code)s: %(title)s") % {"code": s.code, "title": s.title})
        for s in SECTIONS
    ]


class DraftCommentForm(forms.Form):
    section = forms.ChoiceField(
        label=_("Which part of the draft plan is your comment about?"),
        choices=_section_choices,
        required=False,
    )
    text = forms.CharField(
        label=_("Your comment"),
        help_text=_("Say what you think is wrong or missing, and what you would like it to say."),
        required=False,
        max_length=5000,
        widget=forms.Textarea,
    )
    wants_meeting = forms.BooleanField(
        label=_("I would like a meeting with the council about the draft plan"),
        required=False,
    )
    school_named = forms.CharField(
        label=_("The school or college you want named in the plan (optional)"),
        help_text=_(
            "The council must consult it. Leave this empty if you do not want to ask for one."
        ),
        required=False,
        max_length=200,
    )


class DraftAnswerForm(forms.Form):
    answer = forms.CharField(
        label="Your answer to the family",
        help_text="The family reads this on their page. Use short, plain sentences.",
        max_length=5000,
        widget=forms.Textarea,
        error_messages={"required": "Write your answer to the family"},
    )


class SupporterForm(forms.Form):
    supporter_email = forms.EmailField(
        label=_("The supporter's email address"),
        help_text=_(
            "Ask your supporter for the email address they use for their work, for "
            "example at SENDIASS."
        ),
        max_length=254,
        error_messages={
            "required": _("Enter the supporter's email address"),
            "invalid": _("Enter an email address like name@example.com"),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
