"""Naming downloaded files: every Content-Disposition header Redress sends is made here.

A file name often carries a person's name (a plan's surname, a family's own document). Such a
name can hold anything a person typed: quotes, semicolons, `filename*=`, a newline. The name
is cut down to letters, digits and a few safe marks, so nothing in it can add a header
parameter or break the header (a newline in a header is a 500 in Django), and then written with
Django's `content_disposition_header`, which uses RFC 5987's `filename*=utf-8''…` for a name
outside ASCII, so "Błaszczyk" arrives as Błaszczyk.
"""

from __future__ import annotations

import re

from django.utils.http import content_disposition_header

MAX_NAME_LENGTH = 150
_UNSAFE = re.compile(r"[^\w .()'+-]+")
_SPACES = re.compile(r"\s+")


def safe_filename(name: str, *, fallback: str = "download") -> str:
    """The name with anything but letters, digits, spaces and . ( ) ' + - _ replaced by '-'."""
    cleaned = _SPACES.sub(" ", _UNSAFE.sub("-", name or "")).strip(" .-")
    if len(cleaned) > MAX_NAME_LENGTH:
        stem, dot, extension = cleaned.rpartition(".")
        if dot and 0 < len(extension) <= 10:
            cleaned = stem[: MAX_NAME_LENGTH - len(extension) - 1] + "." + extension
        else:
            cleaned = cleaned[:MAX_NAME_LENGTH]
    return cleaned or fallback


def content_disposition(filename: str, *, attachment: bool = True) -> str:
    """The Content-Disposition header value for a download of this name."""
    header = content_disposition_header(attachment, safe_filename(filename))
    assert header is not None  # a name is always given
    return header
