"""A CSV writer whose cells a spreadsheet will not run as formulas.

A cell that begins with =, +, -, @, a tab or a carriage return is read as a formula by common
spreadsheets; audit summaries carry names people typed, so each such cell is prefixed with an
apostrophe. Rows are produced one at a time for a streamed response."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def escape_cell(value: Any) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_lines(header: list[str], rows: Iterable[Iterable[Any]]) -> Iterator[str]:
    """The header and rows as CSV lines, every cell escaped."""
    writer = csv.writer(_Echo(), lineterminator="\r\n")
    yield "\ufeff" + writer.writerow(header)
    for row in rows:
        yield writer.writerow([escape_cell(cell) for cell in row])


__all__ = ["FORMULA_STARTS", "csv_lines", "escape_cell"]
