"""`redress backup DEST`: the database and every uploaded file, into a new directory."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from redress.core.backup import BackupError, backup_create


class Command(BaseCommand):
    help = (
        "Back up the database (SQLite: the online backup API; PostgreSQL: pg_dump) and every "
        "uploaded file under MEDIA_ROOT into DEST, a new or empty directory, with a manifest of "
        "row counts and file checksums. See docs/backup.md."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("dest", help="a new or empty directory")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = backup_create(Path(options["dest"]))
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Backed up {sum(result.tables.values())} rows in {len(result.tables)} tables and "
            f"{result.files} files to {result.path}."
        )
