"""Every Word document Redress writes is filled here from an editable template (docxtpl).

One place sets what a screen reader announces (the document's title and its language, en-GB)
and, when the family asked for it, restyles the result as large print. Callers check who may
have the document and record it in the audit trail."""

from __future__ import annotations

from collections.abc import Callable
from io import BytesIO
from pathlib import Path
from typing import Any

from docx import Document
from docxtpl import DocxTemplate  # type: ignore[import-untyped]

from redress.core.large_print import make_large_print

LANGUAGE = "en-GB"


def docx_render(
    template: str | Path,
    context: dict[str, Any] | Callable[[Any], dict[str, Any]],
    *,
    title: str,
    large_print: bool = False,
) -> bytes:
    """The template filled with `context` (autoescaped), titled `title` in British English.
    `context` may be a function of the loaded template, for content that needs it first (a
    hyperlink's relationship id, `DocxTemplate.build_url_id`)."""
    document = DocxTemplate(str(template))
    document.render(context(document) if callable(context) else context, autoescape=True)
    properties = document.docx.core_properties
    properties.title = title
    properties.language = LANGUAGE
    if large_print:
        make_large_print(document.docx)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def docx_large_print(content: bytes) -> bytes:
    """A Word document already made (a letter Redress filled, stored on the case) restyled as
    large print, the words untouched: the same restyling `docx_render` gives when asked."""
    document = Document(BytesIO(content))
    make_large_print(document)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()
