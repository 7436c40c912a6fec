from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from redress.accounts.models import Organisation
from redress.core.uploads import validate_upload
from redress.reports.periods import BY_CHOICES as BY_PERIODS
from redress.reports.selectors import BY_CHOICES
from redress.reports.statistics_format import MAX_BYTES


class StatisticsUploadForm(forms.Form):
    file = forms.FileField(
        label="CSV file of published tribunal statistics",
        help_text="Up to 2 MB, saved as CSV UTF-8, with the columns listed on this page.",
        error_messages={
            "required": "Choose a CSV file to import",
            "empty": "The file you chose is empty",
        },
    )

    def clean_file(self) -> Any:
        """The upload checks every file gets: a CSV by its content (UTF-8 text, no program
        renamed .csv), within the size limit."""
        upload = self.cleaned_data["file"]
        try:
            validate_upload(
                upload, field="file", allowed=(".csv",), kinds="CSV file", max_bytes=MAX_BYTES
            )
        except ValidationError as error:  # keyed by field; a field's clean takes a plain list
            raise forms.ValidationError(error.message_dict["file"]) from None
        return upload


class FiguresFilterForm(forms.Form):
    """How to group the figures, which authority (for someone working at more than one) and
    which region to show beside them."""

    by = forms.ChoiceField(
        label="Group by",
        choices=[
            (BY_CHOICES[0], "Academic year (September to August)"),
            (BY_CHOICES[1], "Calendar quarter"),
        ],  # fmt: skip
        required=False,
        widget=forms.RadioSelect,
    )
    la = forms.ModelChoiceField(
        label="Local authority", queryset=Organisation.objects.none(), required=False
    )
    region = forms.ChoiceField(label="Region to compare with", required=False)

    def __init__(self, *args: Any, authorities: Any, regions: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        la_field = self.fields["la"]
        assert isinstance(la_field, forms.ModelChoiceField)
        la_field.queryset = authorities
        la_field.empty_label = None
        region_field = self.fields["region"]
        assert isinstance(region_field, forms.ChoiceField)
        region_field.choices = [("", "No region")] + [(r, r) for r in regions]


class PerformanceFilterForm(forms.Form):
    """How to group the performance report, and which authority (for a manager of several)."""

    by = forms.ChoiceField(
        label="Group by", choices=BY_PERIODS, required=False, widget=forms.RadioSelect
    )
    la = forms.ModelChoiceField(
        label="Local authority", queryset=Organisation.objects.none(), required=False
    )

    def __init__(self, *args: Any, authorities: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        la_field = self.fields["la"]
        assert isinstance(la_field, forms.ModelChoiceField)
        la_field.queryset = authorities
        la_field.empty_label = None
