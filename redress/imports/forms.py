from __future__ import annotations

from typing import Any

from django import forms

from redress.accounts.models import Organisation
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
        if not upload.name.lower().endswith(".csv"):
            raise forms.ValidationError("The file must be a CSV file (ending .csv)")
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                f"The file must be smaller than {MAX_BYTES // (1024 * 1024)} MB"
            )
        content = upload.read()
        if not content.strip():
            raise forms.ValidationError("The file is empty")
        if b"\x00" in content:
            raise forms.ValidationError("The file is not a CSV text file")
        try:
            content.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError(
                "The file is not UTF-8 text. Save it as 'CSV UTF-8' and try again"
            ) from None
        return content
