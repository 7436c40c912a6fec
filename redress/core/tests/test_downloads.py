"""Download names: what a person typed cannot change the file name or break the header."""

from __future__ import annotations

import re

import pytest

from redress.core.downloads import content_disposition, safe_filename


def test_a_name_outside_ascii_survives_as_rfc_5987() -> None:
    assert (
        content_disposition("ehc-plan-błaszczyk-v1.docx")
        == "attachment; filename*=utf-8''ehc-plan-b%C5%82aszczyk-v1.docx"
    )


@pytest.mark.parametrize(
    "name",
    [
        "ehc-plan-x\"; filename*=UTF-8''evil.exe-v1.docx",
        "ehc-plan-smith\r\nSet-Cookie: a=b-v1.docx",
        "ehc-plan-smith\nContent-Type: text/html-v1.docx",
        'ehc-plan-"quoted"\\-v1.docx',
    ],
)
def test_typed_text_cannot_add_a_parameter_or_a_header(name: str) -> None:
    header = content_disposition(name)
    assert re.fullmatch(r'attachment; filename="ehc-plan-[^";\\\r\n]*-v1\.docx"', header), header


def test_a_path_or_nothing_gives_a_plain_name() -> None:
    assert safe_filename("../../etc/passwd") == "etc-passwd"
    assert safe_filename("") == "download"
    assert safe_filename("\r\n") == "download"
    assert safe_filename("O'Brien letter.pdf") == "O'Brien letter.pdf"


def test_a_very_long_name_keeps_its_extension() -> None:
    name = safe_filename("a" * 500 + ".pdf")
    assert len(name) <= 150 and name.endswith(".pdf")


def test_inline_for_a_calendar_feed() -> None:
    assert content_disposition("redress.ics", attachment=False) == 'inline; filename="redress.ics"'
