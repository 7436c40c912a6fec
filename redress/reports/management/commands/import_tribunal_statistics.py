"""`redress import_tribunal_statistics FILE`: import published tribunal statistics from a CSV
(the columns are in docs/reports.md). Reads the file only; never fetches from the network."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from redress.reports.services import published_statistics_import
from redress.reports.statistics_format import MAX_BYTES


class Command(BaseCommand):
    help = "Import published tribunal statistics from a CSV file (nothing is saved on an error)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="The CSV file to import.")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        if path.stat().st_size > MAX_BYTES:
            raise CommandError(f"{path}: the file is larger than {MAX_BYTES // 1_000_000} MB")
        try:
            result = published_statistics_import(
                actor=None, content=path.read_bytes(), filename=path.name, check_permission=False
            )
        except ValidationError as error:
            raise CommandError(f"{path}:\n" + "\n".join(error.messages)) from None
        self.stdout.write(
            f"Imported {result.total} figures from {path.name}: {result.created} new, "
            f"{result.updated} changed, {result.unchanged} unchanged."
        )
