from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from redress.accounts.models import Organisation
from redress.core.uploads import validate_upload
from redress.imports.layout import FILES, MAX_BYTES


class ImportForm(forms.Form):
    authority = forms.ModelChoiceField(
        label="Local authority",
        queryset=Organisation.objects.filter(kind=Organisation.Kind.LOCAL_AUTHORITY),
        empty_label=None,
        error_messages={"required": "Choose the local authority whose caseload this is"},
    )
    source = forms.CharField(
        label="The system the files came from",
        max_length=100,
        help_text="The same name every time: rows are matched by this and their own ids.",
        error_messages={"required": "Enter the name of the system the files came from"},
    )
    kind = forms.ChoiceField(
        label="Which file",
        choices=[(f.name, f"{f.file_name}: {f.title}") for f in FILES],
        error_messages={"required": "Choose which file this is"},
    )
    file = forms.FileField(
        label="The CSV file",
        help_text=f"UTF-8 CSV, at most {MAX_BYTES // (1024 * 1024)} MB.",
        error_messages={"required": "Choose the CSV file to import"},
    )
    dry_run = forms.BooleanField(
        label="Only check the file (keep nothing)", required=False, initial=True
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        # The same checks as every upload: a CSV by its content, within the size limit.
        try:
            validate_upload(
                upload, field="file", allowed=(".csv",), kinds="CSV file", max_bytes=MAX_BYTES
            )
        except ValidationError as error:  # keyed by field; a field's clean takes a plain list
            raise forms.ValidationError(error.message_dict["file"]) from None
        content = upload.read()
        if not content.strip():
            raise forms.ValidationError("The file is empty")
        return content
