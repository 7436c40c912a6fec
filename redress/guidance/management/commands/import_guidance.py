"""`redress import_guidance FILE`: import a published question-and-answer document.

The document's questions and answers are published at once (it is already a published
document). Running it again changes nothing unless the document's text changed; a changed
answer gets a new version with the reason "Re-imported". The report lists what was found and
every line that could not be placed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from redress.guidance.importer import DEFAULT_RESPONDENT, import_document


class Command(BaseCommand):
    help = "Import a question-and-answer document (plain text) into the guidance library."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("path", help="the document, as UTF-8 plain text")
        parser.add_argument(
            "--respondent",
            default=DEFAULT_RESPONDENT,
            help=f"who gives the answers not introduced by '<Name> Response:' "
            f"(default: {DEFAULT_RESPONDENT})",
        )
        parser.add_argument(
            "--given-at",
            default="",
            help="where the answers were given, e.g. 'at the SEND National Trial Briefing "
            "events' (default: what the document's introduction says)",
        )
        parser.add_argument(
            "--given-on",
            default="",
            help="when, in words, e.g. 'March 2021' (default: from the introduction)",
        )
        parser.add_argument(
            "--strict",
            action="store_true",
            help="exit with an error (importing nothing) if any line could not be placed",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["path"])
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"Cannot read {path}: {exc}") from exc
        if options["strict"]:
            from redress.guidance.importer import parse_document

            unplaced = parse_document(text).unplaced
            if unplaced:
                raise CommandError(
                    f"{len(unplaced)} line(s) could not be placed; nothing imported:\n"
                    + "\n".join(f"  line {n}: {t[:100]}" for n, t, _ in unplaced)
                )
        report = import_document(
            text,
            source_name=path.name,
            default_respondent=options["respondent"],
            given_at=options["given_at"],
            given_on=options["given_on"],
        )
        for line in report.lines():
            self.stdout.write(line)
