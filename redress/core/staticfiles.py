"""Static file finders that never find the GDS Transport font files.

GDS Transport is licensed for GOV.UK services only, and Redress is run by local authorities,
mediation providers and others, so the font files that ship inside the govuk-frontend npm
package are neither served nor collected (docs/decisions/0002-fonts.md). The CSS falls back to
its system font stack (Arial, sans-serif).

Both `find` and `list` filter, whatever ignore patterns the caller passes: collectstatic,
`findstatic`, the development server and WhiteNoise (which lists with no patterns) all agree.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable, Iterator
from typing import Any

from django.contrib.staticfiles import finders
from django.core.files.storage import Storage

#: Paths (relative to the static root) that no finder will ever return.
EXCLUDED_PATTERNS = ("*/assets/fonts/*", "assets/fonts/*")


def is_excluded(path: str) -> bool:
    normalised = path.replace("\\", "/")
    return any(fnmatch.fnmatchcase(normalised, pattern) for pattern in EXCLUDED_PATTERNS)


class _WithoutFontsMixin:
    def find(self, path: str, find_all: bool = False, **kwargs: Any) -> Any:
        if is_excluded(path):
            return []  # what the stock finders return for "not found"
        return super().find(path, find_all, **kwargs)  # type: ignore[misc]

    def list(self, ignore_patterns: Iterable[str] | None) -> Iterator[tuple[str, Storage]]:
        for path, storage in super().list(ignore_patterns):  # type: ignore[misc]
            prefix = getattr(storage, "prefix", None)
            full = f"{prefix}/{path}" if prefix else path
            if not is_excluded(full):
                yield path, storage


class FileSystemFinderWithoutFonts(_WithoutFontsMixin, finders.FileSystemFinder):
    pass


class AppDirectoriesFinderWithoutFonts(_WithoutFontsMixin, finders.AppDirectoriesFinder):
    pass
