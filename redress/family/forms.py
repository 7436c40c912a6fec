"""Forms on the family's pages. Labels and messages are plain English."""

from __future__ import annotations

from django import forms

from redress.family.models import FamilyRequest
from redress.plans.sections import SECTIONS


class EmailForm(forms.Form):
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address like name@example.com",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code",
        max_length=12,
        help_text="The 6 numbers in the email we sent you.",
        error_messages={"required": "Enter the code from the email"},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code"}),
    )

    def clean_code(self) -> str:
        digits = "".join(ch for ch in self.cleaned_data["code"] if ch.isdigit())
        if len(digits) != 6:
            raise forms.ValidationError("The code must be 6 numbers")
        return digits


class SectionAForm(forms.Form):
    about_child = forms.CharField(
        label="What do people like and admire about your child?",
        required=False,
        max_length=5000,
        widget=forms.Textarea,
    )
    hopes = forms.CharField(
        label="What are your hopes for the future?",
        required=False,
        max_length=5000,
        widget=forms.Textarea,
    )
    what_helps = forms.CharField(
        label="What helps your child, and what does not help?",
        required=False,
        max_length=5000,
        widget=forms.Textarea,
    )


class DocumentForm(forms.Form):
    document = forms.FileField(
        label="Choose a file",
        help_text="A PDF, Word document, OpenDocument text, RTF, text file, JPEG or PNG. "
        "Smaller than 20 MB.",
        error_messages={
            "required": "Choose a file to upload",
            "empty": "The file is empty",
        },
    )
    description = forms.CharField(
        label="What is this document?",
        help_text="For example: letter from the speech therapist, March 2026.",
        max_length=200,
        error_messages={"required": "Say what the document is"},
    )


class RequestForm(forms.Form):
    text = forms.CharField(
        label="Tell us in your own words",
        max_length=5000,
        widget=forms.Textarea,
        error_messages={"required": "Tell us in your own words"},
    )


REQUEST_PAGES = {
    FamilyRequest.Kind.MEDIATION: {
        "slug": "mediation",
        "title": "Ask for mediation",
        "hint": "Say what you do not agree with. For example: the decision not to assess, or "
        "the school named in the plan.",
        "done": "We have sent your request for mediation to the council.",
    },
    FamilyRequest.Kind.ACTION_NOT_DONE: {
        "slug": "action-not-done",
        "title": "Tell us something agreed was not done",
        "hint": "Say what was agreed, who agreed to do it, and what has not happened.",
        "done": "Thank you. We have told the council that something agreed was not done.",
    },
    FamilyRequest.Kind.CONTACT_DETAILS: {
        "slug": "contact-details",
        "title": "Tell us your new contact details",
        "hint": "Your new address, phone number or email address, and from when.",
        "done": "Thank you. We have sent your new contact details to the council.",
    },
}
KIND_BY_SLUG = {page["slug"]: kind for kind, page in REQUEST_PAGES.items()}


def _section_choices() -> list[tuple[str, str]]:
    return [("", "The plan as a whole")] + [
        (s.code, f"Section {s.code}: {s.title}") for s in SECTIONS
    ]


class DraftCommentForm(forms.Form):
    section = forms.ChoiceField(
        label="Which part of the draft plan is your comment about?",
        choices=_section_choices,
        required=False,
    )
    text = forms.CharField(
        label="Your comment",
        help_text="Say what you think is wrong or missing, and what you would like it to say.",
        required=False,
        max_length=5000,
        widget=forms.Textarea,
    )
    wants_meeting = forms.BooleanField(
        label="I would like a meeting with the council about the draft plan",
        required=False,
    )
    school_named = forms.CharField(
        label="The school or college you want named in the plan (optional)",
        help_text="The council must consult it. Leave this empty if you do not want to ask for "
        "one.",
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
        label="The supporter's email address",
        help_text="Ask your supporter for the email address they use for their work, for "
        "example at SENDIASS.",
        max_length=254,
        error_messages={
            "required": "Enter the supporter's email address",
            "invalid": "Enter an email address like name@example.com",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
