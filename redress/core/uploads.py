"""One check for every file a person uploads (advice, appeal papers, a family's documents,
documents shared before a mediation): docs/deploy-security.md lists the limits.

The name's extension says which kind the person claims; the content must then be that kind:
a PDF starts with %PDF, a Word .docx is a real zip holding [Content_Types].xml (an OpenDocument
file, its mimetype), an image has its format's first bytes, text decodes as UTF-8 with no NUL
byte. A zip (.docx, .odt) is also refused if it unzips past MAX_UNZIPPED_BYTES or expands more
than MAX_ZIP_RATIO times: a 300 KB "document" that unzips to 300 MB would exhaust whatever opens
it. The unzipped size is counted by unzipping, not by trusting the sizes the zip declares.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Collection
from typing import IO

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

# Extension -> the content type a download of that kind is served with.
ALLOWED_UPLOADS = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".doc": "application/msword",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".rtf": "application/rtf",
    ".txt": "text/plain",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
}
DOCUMENT_KINDS = "PDF, Word (DOC or DOCX), OpenDocument text, RTF, plain text, JPEG or PNG"
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
MAX_UNZIPPED_BYTES = 50 * 1024 * 1024
MAX_ZIP_RATIO = 100
# Below this a high ratio is harmless (a short, repetitive document), so only the total counts.
ZIP_RATIO_FLOOR_BYTES = 1024 * 1024
MAX_ZIP_ENTRIES = 5_000
_CHUNK = 64 * 1024


class NotThatKind(Exception):
    """The content is not the kind of file its name claims."""


def _starts_with(*signatures: bytes) -> Callable[[IO[bytes]], None]:
    def check(handle: IO[bytes]) -> None:
        head = handle.read(16)
        if not any(head.startswith(s) for s in signatures):
            raise NotThatKind

    return check


def _utf8_text(handle: IO[bytes]) -> None:
    content = handle.read()
    if b"\x00" in content:
        raise NotThatKind
    try:
        content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise NotThatKind from None


def _unzipped_size(archive: zipfile.ZipFile, limit: int) -> int:
    """Unzip every entry, counting bytes, stopping as soon as the count passes `limit`."""
    total = 0
    for info in archive.infolist():
        with archive.open(info) as entry:
            while chunk := entry.read(_CHUNK):
                total += len(chunk)
                if total > limit:
                    return total
    return total


def _zip_with(*required: str, mimetype: bytes | None = None) -> Callable[[IO[bytes]], None]:
    def check(handle: IO[bytes]) -> None:
        if not handle.read(4).startswith(b"PK\x03\x04"):
            raise NotThatKind
        handle.seek(0)
        try:
            with zipfile.ZipFile(handle) as archive:
                names = set(archive.namelist())
                if not set(required) <= names or len(names) > MAX_ZIP_ENTRIES:
                    raise NotThatKind
                if mimetype is not None and archive.read("mimetype").strip() != mimetype:
                    raise NotThatKind
                compressed = sum(i.compress_size for i in archive.infolist()) or 1
                unzipped = _unzipped_size(archive, MAX_UNZIPPED_BYTES)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, EOFError, OSError):
            raise NotThatKind from None
        except (NotImplementedError, RuntimeError):  # an unknown compression, or encryption
            raise NotThatKind from None
        if unzipped > MAX_UNZIPPED_BYTES or (
            unzipped > ZIP_RATIO_FLOOR_BYTES and unzipped / compressed > MAX_ZIP_RATIO
        ):
            raise TooLargeUnzipped

    return check


class TooLargeUnzipped(Exception):
    """A zip that unzips to far more than it looks."""


CONTENT_CHECKS: dict[str, Callable[[IO[bytes]], None]] = {
    ".pdf": _starts_with(b"%PDF"),
    ".docx": _zip_with("[Content_Types].xml"),
    ".odt": _zip_with(
        "mimetype", "content.xml", mimetype=b"application/vnd.oasis.opendocument.text"
    ),
    ".doc": _starts_with(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"),
    ".rtf": _starts_with(b"{\\rtf"),
    ".txt": _utf8_text,
    ".csv": _utf8_text,
    ".jpg": _starts_with(b"\xff\xd8\xff"),
    ".jpeg": _starts_with(b"\xff\xd8\xff"),
    ".png": _starts_with(b"\x89PNG\r\n\x1a\n"),
}


def validate_upload(
    upload: UploadedFile,
    *,
    field: str = "document",
    allowed: Collection[str] = tuple(ALLOWED_UPLOADS),
    kinds: str = DOCUMENT_KINDS,
    max_bytes: int = MAX_UPLOAD_BYTES,
) -> None:
    """Refuse a file of the wrong type, size or content with a message a person can act on,
    raised as a ValidationError keyed by `field`. The file is left at its start for saving."""
    name = (upload.name or "").lower()
    extension = name[name.rfind(".") :] if "." in name else ""
    if extension not in allowed:
        raise ValidationError({field: [f"The file must be a {kinds}."]})
    if upload.size is not None and upload.size > max_bytes:
        raise ValidationError(
            {field: [f"The file must be smaller than {max_bytes // (1024 * 1024)} MB."]}
        )
    if upload.size == 0:
        raise ValidationError({field: ["The file is empty."]})
    check = CONTENT_CHECKS.get(extension)
    if check is None:
        return
    upload.seek(0)
    try:
        check(upload)
    except NotThatKind:
        raise ValidationError(
            {field: [f"The file is not a real {extension[1:].upper()} file."]}
        ) from None
    except TooLargeUnzipped:
        raise ValidationError(
            {
                field: [
                    f"The file unzips to more than {MAX_UNZIPPED_BYTES // (1024 * 1024)} MB "
                    "or is packed unusually tightly. Save it again, or as a PDF, and try again."
                ]
            }
        ) from None
    finally:
        upload.seek(0)
