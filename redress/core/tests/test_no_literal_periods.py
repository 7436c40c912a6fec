"""Statutory periods on pages come from the rule catalogue, never typed as words.

A period typed in a template or a view ("within 6 weeks") drifts from the engine the day a rule
changes; `{% period "advice.response" %}` and `rule_row(...).period` cannot. This scans every
template and every view and form module and fails on a period written as a literal, outside the
allow-list below (each entry says why it is not a statutory period from the catalogue)."""

from __future__ import annotations

import re
from pathlib import Path

import redress

ROOT = Path(redress.__file__).parent

PERIOD = re.compile(
    r"\b\d+ (?:working |tribunal working |calendar )?(?:day|week|month)s?\b"
    r"|\b(?:one|two|three|four|five|six|eight|ten|twelve|fifteen|twenty|thirty) "
    r"(?:working )?(?:days|weeks|months)\b",
    re.IGNORECASE,
)

# (path relative to redress/, the text) -> why it may stay a literal.
ALLOWED = {
    ("casework/views.py", "four weeks"): "the dashboard's own look-ahead window, not a statute",
}
# Whole files that quote the source document's answers word for word, with their citations.
ALLOWED_FILES = {"guidance/example_library.txt"}


def _scanned() -> list[Path]:
    files = [*ROOT.rglob("*.html"), *ROOT.rglob("*.txt")]
    files += [*ROOT.rglob("views*.py"), *ROOT.rglob("forms*.py")]
    return [
        f
        for f in files
        if "tests" not in f.parts and "statutory" not in f.parts and "migrations" not in f.parts
    ]


def _literals() -> list[str]:
    found = []
    for path in _scanned():
        name = path.relative_to(ROOT).as_posix()
        if name in ALLOWED_FILES:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for match in PERIOD.finditer(line):
                if (name, match.group(0).lower()) not in ALLOWED:
                    found.append(f"{name}:{number}: {match.group(0)!r}")
    return found


def test_no_statutory_period_is_typed_as_a_literal() -> None:
    assert _literals() == []


def test_the_scan_finds_a_typed_period() -> None:
    # The pattern itself must catch the phrasings pages used before the tag existed.
    for text in ("within 6 weeks", "30 tribunal working days", "3 working days", "15 days"):
        assert PERIOD.search(text), text
