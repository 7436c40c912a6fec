"""Guidance for the demo: the published question-and-answer sheet when it is beside the
repository (../shared/seeds/), otherwise the short example library shipped here."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

from redress.guidance.importer import ImportReport, import_document, parse_document

EXAMPLE = Path(__file__).with_name("example_library.txt")
EXAMPLE_RESPONDENT = "Redress example library"


def seed_documents() -> list[Path]:
    """Question-and-answer sheets in ../shared/seeds/ (plain text with questions in it)."""
    folder = Path(settings.BASE_DIR).parent / "shared" / "seeds"
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.glob("*.txt")):
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            continue
        if parse_document(text).questions:
            found.append(path)
    return found


def demo_guidance_load() -> tuple[str, ImportReport]:
    """Import the seed sheet, or the example library. Safe to run again (imports are)."""
    seeds = seed_documents()
    if seeds:
        path = seeds[0]
        report = import_document(path.read_text(encoding="utf-8-sig"), source_name=path.name)
        return path.name, report
    report = import_document(
        EXAMPLE.read_text(encoding="utf-8"),
        source_name=EXAMPLE.name,
        default_respondent=EXAMPLE_RESPONDENT,
        given_at="as an example written for Redress",
        given_on="2026",
    )
    return EXAMPLE.name, report
