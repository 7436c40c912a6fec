"""Every Word document Redress writes is filled here from an editable template (docxtpl).

One place sets what a screen reader announces (the document's title and its language, en-GB)
and, when the family asked for it, restyles the result as large print. Callers check who may
have the document and record it in the audit trail."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path
from typing import Any

from docxtpl import DocxTemplate  # type: ignore[import-untyped]

from redress.core.large_print import make_large_print

LANGUAGE = "en-GB"


def docx_render(
    template: str | Path,
    context: dict[str, Any],
    *,
    title: str,
    large_print: bool = False,
) -> bytes:
    """The template filled with `context` (autoescaped), titled `title` in British English."""
    document = DocxTemplate(str(template))
    document.render(context, autoescape=True)
    properties = document.docx.core_properties
    properties.title = title
    properties.language = LANGUAGE
    if large_print:
        make_large_print(document.docx)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()
