"""Uploads are checked by their content, not their name; zips that unzip too far are refused.
Every file here is built in memory."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from redress.core.uploads import MAX_UNZIPPED_BYTES, validate_upload

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01"
GIF = b"GIF89a\x01\x00\x01\x00\x00\x00\x00"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00This program cannot be run"
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 24
CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    b'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>'
)


def _zip(entries: dict[str, bytes], *, stream: tuple[str, int] | None = None) -> bytes:
    """A zip of these entries; `stream` adds one entry of that many zero bytes, written in
    chunks so the test never holds it unzipped."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
        if stream is not None:
            name, size = stream
            chunk = b"\x00" * (1024 * 1024)
            with archive.open(name, "w", force_zip64=True) as entry:
                for _ in range(size // len(chunk)):
                    entry.write(chunk)
    return out.getvalue()


def _docx(**extra: bytes) -> bytes:
    return _zip(
        {
            "[Content_Types].xml": CONTENT_TYPES,
            "word/document.xml": b"<w:document>" + b"<w:p>Advice</w:p>" * 50 + b"</w:document>",
            **extra,
        }
    )


def _refusal(name: str, content: bytes) -> str:
    with pytest.raises(ValidationError) as refused:
        validate_upload(SimpleUploadedFile(name, content))
    [message] = refused.value.message_dict["document"]
    return message


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("advice.pdf", PDF),
        ("advice.docx", _docx()),
        ("advice.doc", OLE),
        ("advice.rtf", b"{\\rtf1\\ansi Advice}"),
        ("notes.txt", "Notes about Zoë’s visit.\n".encode()),
        ("scan.png", PNG),
        ("photo.jpg", JPEG),
        (
            "advice.odt",
            _zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"}),
        ),
    ],
)
def test_a_real_file_of_each_kind_is_accepted_and_left_at_its_start(
    name: str, content: bytes
) -> None:
    upload = SimpleUploadedFile(name, content)
    validate_upload(upload)
    assert upload.read() == content


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("notes.txt", EXE, "not a real TXT file"),
        ("notes.txt", b"caf\xe9 au lait", "not a real TXT file"),
        ("advice.pdf", b"Dear parent, %PDF", "not a real PDF file"),
        ("advice.docx", PDF, "not a real DOCX file"),
        ("advice.docx", b"PK\x03\x04 but no zip follows", "not a real DOCX file"),
        ("advice.docx", _zip({"word/document.xml": b"<w:document/>"}), "not a real DOCX file"),
        ("advice.docx", _zip({"notes.txt": b"a zip, not a document"}), "not a real DOCX file"),
        ("advice.odt", _docx(), "not a real ODT file"),
        ("advice.doc", EXE, "not a real DOC file"),
        ("photo.jpg", GIF, "not a real JPG file"),
        ("scan.png", JPEG, "not a real PNG file"),
        ("advice.exe", EXE, "The file must be a PDF"),
    ],
)
def test_a_file_whose_content_is_not_what_its_name_says_is_refused(
    name: str, content: bytes, message: str
) -> None:
    assert message in _refusal(name, content)


def test_a_small_docx_that_unzips_to_300_mb_is_refused() -> None:
    bomb = _zip(
        {"[Content_Types].xml": CONTENT_TYPES}, stream=("word/media/padding.bin", 300 * 1024**2)
    )
    assert len(bomb) < 1024 * 1024
    message = _refusal("advice.docx", bomb)
    assert f"unzips to more than {MAX_UNZIPPED_BYTES // 1024**2} MB" in message


def test_a_docx_packed_more_than_100_times_is_refused() -> None:
    packed = _zip({"[Content_Types].xml": CONTENT_TYPES}, stream=("word/padding.bin", 5 * 1024**2))
    assert "unzips to more than" in _refusal("advice.docx", packed)


def test_a_zip_that_understates_its_unzipped_size_is_refused() -> None:
    """The count is of bytes unzipped: a central directory claiming a tiny entry does not help."""
    packed = bytearray(
        _zip({"[Content_Types].xml": CONTENT_TYPES}, stream=("word/padding.bin", 60 * 1024**2))
    )
    directory = packed.rfind(b"PK\x01\x02")  # the big entry's central directory record
    assert directory > 0
    assert int.from_bytes(packed[directory + 24 : directory + 28], "little") == 60 * 1024**2
    packed[directory + 24 : directory + 28] = (1024).to_bytes(4, "little")  # claim 1 KB
    with pytest.raises(ValidationError):
        validate_upload(SimpleUploadedFile("advice.docx", bytes(packed)))
