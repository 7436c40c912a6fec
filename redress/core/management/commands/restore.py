"""`redress restore SRC`: a backup made by `redress backup` into the configured database."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from redress.core.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "Restore a backup made by `redress backup` into the database DATABASE_URL names and its "
        "files into MEDIA_ROOT. Checks every file's checksum first; refuses a database that "
        "already holds records unless --force; checks every table's rows afterwards. See "
        "docs/backup.md."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("src", help="the backup directory")
        parser.add_argument(
            "--force",
            action="store_true",
            help="replace the records already in the database",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = backup_restore(Path(options["src"]), force=options["force"])
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Restored {sum(result.tables.values())} rows in {len(result.tables)} tables and "
            f"{result.files} files from {result.path}."
        )
