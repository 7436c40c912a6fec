"""`redress import_tribunal_statistics FILE`: import the national published tribunal statistics
from a CSV (the columns are in docs/reports.md) as the operator, the national data role. Reads
the file only; never fetches from the network. `--dry-run` checks the file and shows what it would
change; `--list` shows every import; `--rollback-to N` puts the figures back as import N left
them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from redress.reports import selectors, services
from redress.reports.models import StatisticsBatch
from redress.reports.statistics_format import MAX_BYTES


class _DryRun(Exception):
    pass


class Command(BaseCommand):
    help = (
        "Import the national published tribunal statistics from a CSV file (nothing is saved on "
        "an error). --dry-run shows what the file would change; --list shows every import; "
        "--rollback-to N rolls the figures back to import N."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", nargs="?", help="The CSV file to import.")
        parser.add_argument(
            "--dry-run", action="store_true", help="check the file and show what would change"
        )
        parser.add_argument("--list", action="store_true", help="list every import")
        parser.add_argument(
            "--rollback-to", type=int, metavar="N", help="roll the figures back to import N"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            if options["list"]:
                self._list()
            elif options["rollback_to"] is not None:
                self._rollback(options["rollback_to"])
            elif options["file"]:
                self._import(Path(options["file"]), dry_run=options["dry_run"])
            else:
                raise CommandError("Name a CSV file, or use --list or --rollback-to N.")
        except ValidationError as error:
            raise CommandError("\n".join(error.messages)) from None

    def _list(self) -> None:
        for batch in selectors.statistics_batches().iterator():
            self.stdout.write(
                f"{batch.pk:>5}  {batch.uploaded_at:%Y-%m-%d %H:%M}  "
                f"{batch.get_status_display():<45}  {batch.filename}"
            )

    def _rollback(self, pk: int) -> None:
        batch = StatisticsBatch.objects.filter(pk=pk).first()
        if batch is None:
            raise CommandError(f"There is no import {pk}: see --list.")
        undone = services.statistics_rollback_to(actor=None, batch=batch, check_permission=False)
        self.stdout.write(
            f"The figures are back as import {pk} ({batch.filename}) left them; rolled back "
            + ", ".join(str(b.pk) for b in undone)
            + "."
        )

    def _import(self, path: Path, *, dry_run: bool) -> None:
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        if path.stat().st_size > MAX_BYTES:
            raise CommandError(f"{path}: the file is larger than {MAX_BYTES // 1_000_000} MB")
        try:
            with transaction.atomic():
                batch = services.statistics_batch_stage(
                    actor=None,
                    content=path.read_bytes(),
                    filename=path.name,
                    check_permission=False,
                )
                if dry_run:
                    rows = selectors.statistics_batch_preview(batch)
                    for row in rows:
                        if row.change != "unchanged":
                            f = row.figure
                            self.stdout.write(
                                f"{row.change:<8} {f.period} {f.geography_name} {f.measure}: "
                                f"{row.current if row.current is not None else '-'} -> {f.value}"
                            )
                    counts = {c: sum(1 for r in rows if r.change == c) for c in
                              ("new", "changed", "unchanged")}  # fmt: skip
                    self.stdout.write(
                        f"Would import {len(rows)} figures from {path.name}: {counts['new']} new, "
                        f"{counts['changed']} changed, {counts['unchanged']} unchanged. "
                        "Nothing was saved."
                    )
                    raise _DryRun
                result = services.statistics_batch_publish(
                    actor=None, batch=batch, check_permission=False
                )
        except _DryRun:
            return
        except ValidationError as error:
            raise CommandError(f"{path}:\n" + "\n".join(error.messages)) from None
        self.stdout.write(
            f"Imported {result.total} figures from {path.name}: {result.created} new, "
            f"{result.updated} changed, {result.unchanged} unchanged (import {batch.pk})."
        )
