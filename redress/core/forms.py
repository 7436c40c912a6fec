"""Form pieces shared by every Redress form: the GOV.UK date input and the version field that
stops two people silently overwriting each other's changes."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.renderers import BaseRenderer, TemplatesSetting
from django.utils.safestring import SafeString

from redress.core.form_messages import service_message


class DateInputWidget(forms.MultiWidget):
    """The GOV.UK date input: day, month and year boxes."""

    template_name = "includes/date_input_widget.html"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        box = {"inputmode": "numeric", "class": "govuk-input govuk-date-input__input"}
        widgets: dict[str, forms.Widget | type[forms.Widget]] = {
            "day": forms.TextInput({**box, "class": box["class"] + " govuk-input--width-2"}),
            "month": forms.TextInput({**box, "class": box["class"] + " govuk-input--width-2"}),
            "year": forms.TextInput({**box, "class": box["class"] + " govuk-input--width-4"}),
        }
        super().__init__(widgets, attrs)

    def render(
        self,
        name: str,
        value: Any,
        attrs: dict[str, Any] | None = None,
        renderer: BaseRenderer | None = None,
    ) -> SafeString:
        # The template lives in the project's templates (redress/templates), which Django's
        # default form renderer does not search; TemplatesSetting uses the TEMPLATES setting.
        return super().render(name, value, attrs, renderer=TemplatesSetting())

    def decompress(self, value: Any) -> list[Any]:
        if isinstance(value, date):
            return [value.day, value.month, value.year]
        return [None, None, None]

    def id_for_label(self, id_: str) -> str:
        return f"{id_}_day" if id_ else id_


class GovukDateField(forms.MultiValueField):
    """A date typed as day, month and year, with the GOV.UK error messages."""

    widget = DateInputWidget

    def __init__(self, *, label: str, **kwargs: Any) -> None:
        self._custom_required = "required" in (kwargs.get("error_messages") or {})
        # Each box is optional on its own so that compress() can say which part is missing.
        fields = (
            forms.CharField(required=False),
            forms.CharField(required=False),
            forms.CharField(required=False),
        )
        error_messages = {"required": f"Enter {label[:1].lower()}{label[1:]}"}
        error_messages.update(kwargs.pop("error_messages", None) or {})
        super().__init__(
            fields, require_all_fields=False, label=label, error_messages=error_messages, **kwargs
        )

    def compress(self, data_list: list[str]) -> date | None:
        if not data_list or not any(str(v or "").strip() for v in data_list):
            return None
        day, month, year = (str(v or "").strip() for v in data_list)
        missing = [name for name, v in (("day", day), ("month", month), ("year", year)) if not v]
        if missing:
            raise ValidationError(f"{self.subject} must include a {' and '.join(missing)}")
        if not (day.isdigit() and month.isdigit() and year.isdigit()):
            raise ValidationError(f"{self.subject} must be a real date, written in numbers")
        if len(year) != 4:
            raise ValidationError(f"{self.subject}: the year must have 4 numbers")
        try:
            return date(int(year), int(month), int(day))
        except (ValueError, OverflowError):  # a day or month too large for the C integer
            raise ValidationError(f"{self.subject} must be a real date") from None

    @property
    def subject(self) -> str:
        """The field's label as it is now (forms may relabel a shared field after creating it)."""
        return str(self.label or "The date")

    @subject.setter
    def subject(self, value: str) -> None:
        self.label = value

    def _enter(self) -> str:
        """'Enter the date the request was sent', from the label 'Date the request was sent'."""
        words = self.subject[:1].lower() + self.subject[1:]
        return f"Enter the {words}" if words.startswith("date") else f"Enter {words}"

    def clean(self, value: Any) -> date | None:
        empty = not value or not any(str(v or "").strip() for v in value)
        if empty and self.required and not self._custom_required:
            raise ValidationError(self._enter())
        result = super().clean(value)
        if result is None and self.required:
            raise ValidationError(self._enter())
        return result  # type: ignore[no-any-return]


class VersionedForm(forms.Form):
    """Carries the case's version so a second, conflicting save is refused, not merged.

    The field may be empty on a form that creates a record; a form that changes one is refused
    without it (`redress.core.versions.call_service`)."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


# The range of a 64-bit integer primary key: SQLite's driver raises OverflowError (a 500) for
# an id outside it in an `__in` query, which ModelMultipleChoiceField makes of the ids posted.
_SMALLEST_ID, _LARGEST_ID = -(2**63), 2**63 - 1


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    """Django's field, with an out-of-range id refused as any other unknown choice."""

    def clean(self, value: Any) -> Any:
        if isinstance(value, list | tuple) and self.queryset is not None:
            meta = self.queryset.model._meta
            key_field = meta.get_field(self.to_field_name) if self.to_field_name else meta.pk
            if isinstance(key_field, models.IntegerField):
                for pk in value:
                    try:
                        number = int(str(pk).strip())
                    except ValueError:
                        continue  # Django refuses it itself
                    if not _SMALLEST_ID <= number <= _LARGEST_ID:
                        raise ValidationError(
                            self.error_messages["invalid_pk_value"],
                            code="invalid_pk_value",
                            params={"pk": pk},
                        )
        return super().clean(value)


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a service's refusal on the form: on the field it names, or on the whole form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            if field in form.fields:
                form.add_error(field, [service_message(form, field, e) for e in errors])
            else:
                form.add_error(None, errors)
    else:
        form.add_error(None, error.messages)
