"""One page for one step's form, shared by the apps whose steps need nothing more than a heading,
the fields and a button (issue #14: one generic form page)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def form_page(
    request: HttpRequest,
    *,
    form: forms.Form,
    title: str,
    caption: str = "",
    child: Any = None,
    back: str = "",
    back_label: str = "Back",
    intro: str = "",
    citation: str = "",
    button: str = "Save",
) -> HttpResponse:
    """The form on `core/form_page.html`; a form with a file field is sent as multipart."""
    return render(
        request,
        "core/form_page.html",
        {
            "form": form,
            "title": title,
            "caption": caption,
            "child": child,
            "back": back,
            "back_label": back_label,
            "intro": intro,
            "citation": citation,
            "button": button,
            "multipart": any(isinstance(f, forms.FileField) for f in form.fields.values()),
        },
    )
