"""Forms for case notes, the contact log and documents; the services check again and say why
they refuse."""

from __future__ import annotations

from typing import Any

from django import forms

from redress.casefile.models import CaseDocument, CaseMessage, CaseNote
from redress.casework.forms import GovukRadios
from redress.core.corrections import CorrectionReasonField
from redress.core.forms import GovukDateField
from redress.core.listing import ListForm
from redress.core.uploads import DOCUMENT_KINDS, MAX_UPLOAD_BYTES

SENSITIVE_HELP = (
    "Only the local authority's staff can ever see a sensitive entry. Use it for information "
    "from a third party, safeguarding, or anything that must not be shared."
)

CONTACT_KINDS = [(k, label) for k, label in CaseNote.Kind.choices if k != CaseNote.Kind.NOTE]


class NoteForm(forms.Form):
    occurred_on = GovukDateField(label="Date", help_text="For example, 27 3 2026")
    text = forms.CharField(
        label="Note",
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": "Enter the note"},
    )
    sensitive = forms.BooleanField(label="Sensitive", required=False, help_text=SENSITIVE_HELP)


class ContactForm(forms.Form):
    kind = forms.ChoiceField(
        label="Kind of contact",
        choices=CONTACT_KINDS,
        widget=GovukRadios,
        error_messages={"required": "Select the kind of contact"},
    )
    direction = forms.ChoiceField(
        label="Direction",
        choices=CaseNote.Direction.choices,
        widget=GovukRadios,
        error_messages={"required": "Select whether the contact came to us or from us"},
    )
    with_whom = forms.CharField(
        label="With whom",
        max_length=200,
        help_text="The person and, if useful, their organisation or role",
        error_messages={"required": "Enter who the contact was with"},
    )
    occurred_on = GovukDateField(label="Date of the contact", help_text="For example, 27 3 2026")
    summary = forms.CharField(
        label="Summary",
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": "Enter a summary of the contact"},
    )
    sensitive = forms.BooleanField(label="Sensitive", required=False, help_text=SENSITIVE_HELP)


class CorrectForm(forms.Form):
    occurred_on = GovukDateField(label="Date")
    with_whom = forms.CharField(label="With whom", max_length=200, required=False)
    text = forms.CharField(
        label="Corrected wording",
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": "Enter the corrected wording"},
    )
    sensitive = forms.BooleanField(label="Sensitive", required=False, help_text=SENSITIVE_HELP)
    reason = forms.CharField(
        label="Why it is being corrected",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter why the entry is being corrected"},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, note: CaseNote, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not note.is_contact:
            del self.fields["with_whom"]


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label="Why it was recorded in error",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter why the entry was recorded in error"},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class NoteSearchForm(ListForm):
    SORTS = {"newest": "Newest first", "oldest": "Oldest first", "kind": "Kind"}

    q = forms.CharField(label="Search notes and contacts", max_length=200, required=False)
    kind = forms.ChoiceField(
        label="Kind", choices=[("", "All kinds"), *CaseNote.Kind.choices], required=False
    )


# -- Case documents ---------------------------------------------------------------------------

SHARED_ON_HELP = (
    "Only when the family may see it: the day it was sent or shared with them. "
    "For example, 27 3 2026"
)


class DocumentDetailsForm(forms.Form):
    """A document's details and who may see it, as uploaded or as corrected."""

    kind = forms.ChoiceField(
        label="Type of document",
        choices=CaseDocument.Kind.choices,
        widget=GovukRadios,
        error_messages={"required": "Select the type of document"},
    )
    title = forms.CharField(
        label="Title",
        max_length=200,
        help_text="For example: Educational psychology advice, Dr Shah",
        error_messages={"required": "Enter the document's title"},
    )
    dated = GovukDateField(label="Date of the document", help_text="For example, 27 3 2026")
    audience = forms.ChoiceField(
        label="Who may see it",
        choices=CaseDocument.Audience.choices,
        widget=GovukRadios,
        help_text="The professionals on the case are those asked for advice on it.",
        error_messages={"required": "Select who may see the document"},
    )
    shared_with_family_on = GovukDateField(
        label="Date sent or shared with the family", required=False, help_text=SHARED_ON_HELP
    )


class DocumentForm(DocumentDetailsForm):
    file = forms.FileField(
        label="Choose a file",
        help_text=f"A {DOCUMENT_KINDS}. Smaller than {MAX_UPLOAD_BYTES // (1024 * 1024)} MB.",
        error_messages={"required": "Choose a file to upload", "empty": "The file is empty"},
    )
    advice_request = forms.TypedChoiceField(
        label="The advice request it answers (optional)",
        coerce=int,
        empty_value=None,
        required=False,
        help_text="For advice: the plan's section K then links to this document.",
        error_messages={"invalid_choice": "Choose one of this case's advice requests"},
    )

    field_order = (
        "file", "kind", "advice_request", "title", "dated", "audience", "shared_with_family_on",
    )  # fmt: skip

    def __init__(self, *args: Any, advice_requests: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["advice_request"].choices = [  # type: ignore[attr-defined]
            ("", "None"),
            *((a.pk, f"{a}, sent {a.date_sent:%-d %B %Y}") for a in advice_requests),
        ]


class DocumentCorrectForm(DocumentDetailsForm):
    reason = CorrectionReasonField()
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class DocumentSearchForm(ListForm):
    SORTS = {"newest": "Newest first", "oldest": "Oldest first", "title": "Title", "type": "Type"}

    q = forms.CharField(label="Search by title", max_length=200, required=False)
    kind = forms.ChoiceField(
        label="Type", choices=[("", "All types"), *CaseDocument.Kind.choices], required=False
    )


class MessageForm(forms.Form):
    """A message in the child's conversation. `to` is offered to the family while a mediation
    provider is also on the case."""

    to = forms.TypedChoiceField(
        label="Who is your message for?",
        coerce=int,
        required=False,
        widget=GovukRadios,
        error_messages={"invalid_choice": "Select who to send your message to"},
    )
    text = forms.CharField(
        label="Your message",
        help_text="We email the other side to say there is a new message, without your words.",
        max_length=CaseMessage.MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": "Enter your message",
            "max_length": f"Your message must be {CaseMessage.MAX_LENGTH} characters or fewer",
        },
    )

    def __init__(self, *args: Any, recipients: list[tuple[int, str]] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if recipients and len(recipients) > 1:
            self.fields["to"].choices = recipients  # type: ignore[attr-defined]
            self.fields["to"].required = True
            self.fields["to"].error_messages["required"] = "Select who to send your message to"
        else:
            del self.fields["to"]
