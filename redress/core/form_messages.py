"""GOV.UK error messages in place of Django's defaults, for every form (decision 0123).

Django's own messages ("This field is required.", "Enter a valid date.", "Select a valid
choice. ...") name nothing and end with a full stop; the GOV.UK Design System's say what to do
about which field ("Enter the child's first name", "Date of birth must be a real date"). A form
that sets its own message keeps it: only a message still equal to Django's default is replaced,
using the field's label as it is when the form is cleaned (forms may relabel a field after
creating it). `install()` is called once from `CoreConfig.ready`."""

from __future__ import annotations

import copy
import re
from typing import Any

from django import forms
from django.core import validators
from django.forms.forms import BaseForm
from django.forms.utils import pretty_name

_ACRONYM = re.compile(r"^[A-Z]{2,}")
_CHOOSE = (
    forms.ChoiceField,
    forms.ModelChoiceField,
    forms.BooleanField,
    forms.FileField,
    forms.MultipleChoiceField,
)


def _django_defaults(field: forms.Field) -> dict[str, Any]:
    messages: dict[str, Any] = {}
    for cls in reversed(type(field).__mro__):
        messages.update(getattr(cls, "default_error_messages", {}))
    return messages


def _words(label: str) -> str:
    """'Date of birth' as 'date of birth'; 'UPN' stays 'UPN'; no closing punctuation."""
    text = re.sub(r"\s*\(optional\)$", "", label.strip()).rstrip("?:.").strip()
    if not _ACRONYM.match(text):
        text = text[:1].lower() + text[1:]
    return text.replace("%", "%%")  # Django formats some messages with %(value)s


def govuk_message(field: forms.Field, name: str, key: str) -> str | None:
    """The GOV.UK message for one of Django's error keys on this field, or None to keep
    Django's (a key with no better wording, such as a length limit with its numbers)."""
    label = str(field.label or pretty_name(name))
    question = label.strip().endswith("?")
    subject = _words(label)
    choose = isinstance(field, _CHOOSE) or getattr(field.widget, "input_type", "") in (
        "radio",
        "checkbox",
        "select",
    )
    capital = subject[:1].upper() + subject[1:]
    if key == "required":
        if question:
            return f"{'Select' if choose else 'Enter'} an answer to: {label.strip()}"
        if isinstance(field, forms.FileField):
            return f"Select {subject}"
        return f"{'Select' if choose else 'Enter'} {subject}"
    if key in ("invalid_choice", "invalid_list", "invalid_pk_value"):
        if question:
            return "Select one of the options"
        return f"Select {subject} from the list"  # noqa: S608 (words, not SQL)
    if key == "invalid":
        if isinstance(field, forms.EmailField):
            return "Enter an email address in the correct format, like name@example.com"
        if isinstance(field, forms.URLField):
            return "Enter a web address in the correct format, like https://www.example.com"
        if isinstance(field, forms.DateTimeField):
            return f"{capital} must be a real date and time"
        if isinstance(field, forms.DateField):
            return f"{capital} must be a real date"
        if isinstance(field, forms.TimeField):
            return f"{capital} must be a real time"
        if isinstance(field, forms.IntegerField):
            return f"{capital} must be a whole number"
        if isinstance(field, forms.DecimalField | forms.FloatField):
            return f"{capital} must be a number"
        if isinstance(field, forms.FileField):
            return f"Select {subject}"
        return f"Enter {subject} in the correct format"
    if key == "missing" and isinstance(field, forms.FileField):
        return f"Select {subject}"
    if key == "empty" and isinstance(field, forms.FileField):
        return "The selected file is empty"
    return None


_VALIDATOR_MESSAGES = {
    validators.EmailValidator: (
        validators.EmailValidator.message,
        "Enter an email address in the correct format, like name@example.com",
    ),
    validators.URLValidator: (
        validators.URLValidator.message,
        "Enter a web address in the correct format, like https://www.example.com",
    ),
}


def _govuk_validators(field: forms.Field) -> None:
    """Email and web addresses are checked by shared validators: the field gets its own copy
    with the GOV.UK message."""
    replaced = []
    for validator in field.validators:
        default, better = _VALIDATOR_MESSAGES.get(type(validator), (None, None))
        if default is not None and str(getattr(validator, "message", "")) == str(default):
            copied: Any = copy.copy(validator)
            copied.message = better
            validator = copied
        replaced.append(validator)
    field.validators = replaced


def govuk_error_messages(form: BaseForm) -> None:
    """Replace, on this form's own copy of each field, every message still at Django's
    default."""
    for name, field in form.fields.items():
        _govuk_validators(field)
        defaults = _django_defaults(field)
        for key, message in list(field.error_messages.items()):
            if key in defaults and str(message) == str(defaults[key]):
                better = govuk_message(field, name, key)
                if better is not None:
                    field.error_messages[key] = better


# What a model's own validation says when a service's full_clean() refuses an empty field.
MODEL_DEFAULTS = {
    "This field cannot be blank.": "required",
    "This field cannot be null.": "required",
}


def service_message(form: BaseForm, name: str, message: str) -> str:
    """A service's refusal in GOV.UK words when it is a model's default message."""
    key = MODEL_DEFAULTS.get(message)
    field = form.fields.get(name)
    if key is None or field is None:
        return message
    return govuk_message(field, name, key) or message


_installed = False


def install() -> None:
    global _installed
    if _installed:
        return
    _installed = True
    original = BaseForm.full_clean

    def full_clean(self: BaseForm) -> None:
        govuk_error_messages(self)
        original(self)

    BaseForm.full_clean = full_clean  # type: ignore[method-assign]
