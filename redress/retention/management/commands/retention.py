"""`redress retention`: delete what is past the retention schedule, and uploaded files that belong
to no record. Without --apply it only reports (the same as --dry-run)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from redress.retention import services
from redress.statutory.engine import today_in_london


class Command(BaseCommand):
    help = (
        "Apply the retention schedule: a child's record, its history and its uploaded files are "
        "deleted REDRESS_RETENTION_YEARS_AFTER_BIRTH years (default 31) after the child's date "
        "of birth, in batches, each deletion audited; files no record names are deleted too. "
        "--dry-run (the default) reports what --apply would delete. See docs/security.md."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        mode = parser.add_mutually_exclusive_group()
        mode.add_argument("--dry-run", action="store_true", help="report only (the default)")
        mode.add_argument("--apply", action="store_true", help="delete what is past the schedule")
        parser.add_argument("--batch-size", type=int, default=100, help="children a transaction")
        parser.add_argument("--today", type=date.fromisoformat, help="YYYY-MM-DD, for a rehearsal")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["batch_size"] < 1:
            raise CommandError("--batch-size must be at least 1.")
        today = options["today"] or today_in_london()
        years = services.years_after_birth()
        self.stdout.write(
            f"Retention: records are kept until {years} years after the child's date of birth; "
            f"on {today:%Y-%m-%d} that is every child born before "
            f"{services.born_before(today):%Y-%m-%d}."
        )
        try:
            self._run(today, options)
        except services.RetentionBlocked as exc:
            raise CommandError(f"Nothing more was deleted: {exc}.") from exc

    def _run(self, today: date, options: dict[str, Any]) -> None:
        if not options["apply"]:
            report = services.retention_report(today=today)
            self._report(report, "Would delete")
            orphans = services.orphaned_files()
            self.stdout.write(f"Would delete {len(orphans)} uploaded files no record names.")
            for name in orphans[:50]:
                self.stdout.write(f"  {name}")
            self.stdout.write("Nothing was deleted (run with --apply to delete).")
            return
        total = 0
        for report in services.retention_apply(today=today, batch_size=options["batch_size"]):
            total += report.children
            self._report(report, "Deleted")
        if total == 0:
            self.stdout.write("No record is past the retention schedule.")
        orphans = services.orphans_remove()
        self.stdout.write(f"Deleted {len(orphans)} uploaded files no record named.")

    def _report(self, report: services.RetentionReport, verb: str) -> None:
        self.stdout.write(
            f"{verb} the records of {report.children} children: "
            f"{sum(report.rows.values())} rows and {report.files} files."
        )
        for label, count in sorted(report.rows.items()):
            self.stdout.write(f"  {label}: {count}")
