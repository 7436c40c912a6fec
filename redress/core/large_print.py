"""Large print: the same Word letter with every piece of text at least 16 point.

A family who asked for large print (recorded on the case as an accessible format) gets the same
template rendered, then restyled: body text 16 point and everything else scaled up with it, so
headings stay larger than the text (RNIB's clear print guidance: 16 point or more, a plain
sans-serif font). The letter's words are untouched, so what the law requires is still there."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from docx.enum.style import WD_STYLE_TYPE
from docx.shared import Pt

LARGE_PRINT_POINTS = 16
BODY_POINTS = 12  # the templates' body text, scaled to LARGE_PRINT_POINTS
FONT = "Arial"


def _larger(size: Any) -> Any:
    if size is None:
        return None
    return max(Pt(LARGE_PRINT_POINTS), Pt(size.pt * LARGE_PRINT_POINTS / BODY_POINTS))


def _runs(document: Any) -> Iterator[Any]:
    def of_paragraphs(paragraphs: Any) -> Iterator[Any]:
        for paragraph in paragraphs:
            yield from paragraph.runs

    def of_tables(tables: Any) -> Iterator[Any]:
        for table in tables:
            for row in table.rows:
                for cell in row.cells:
                    yield from of_paragraphs(cell.paragraphs)
                    yield from of_tables(cell.tables)

    yield from of_paragraphs(document.paragraphs)
    yield from of_tables(document.tables)
    for section in document.sections:
        for part in (section.header, section.footer):
            yield from of_paragraphs(part.paragraphs)
            yield from of_tables(part.tables)


def make_large_print(document: Any) -> None:
    """Restyle a rendered python-docx document (a `DocxTemplate`'s `.docx`) as large print."""
    for style in document.styles:
        if style.type not in (WD_STYLE_TYPE.PARAGRAPH, WD_STYLE_TYPE.CHARACTER):
            continue
        if style.name == "Normal":
            style.font.size = Pt(max(LARGE_PRINT_POINTS, (style.font.size or Pt(0)).pt))
            style.font.name = FONT
        elif style.font.size is not None:
            style.font.size = _larger(style.font.size)
    for run in _runs(document):
        if run.font.size is not None:
            run.font.size = _larger(run.font.size)
