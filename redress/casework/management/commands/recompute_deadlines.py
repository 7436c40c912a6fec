"""`redress recompute_deadlines`: refresh the deadline table from the engine.

Run it daily (for example from cron, shortly after midnight) and after changing the bank-holiday
overrides. It works a batch of children at a time (`--batch-size`): each batch's records are read
in a fixed number of queries, the engine's bulk path computes the batch's deadlines, and only
children whose rows changed are written (docs/architecture.md, "The nightly recompute").
"""

from __future__ import annotations

import sys
import time
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from redress.bankholidays.selectors import working_day_calendar
from redress.casework.deadlines import deadlines_recompute_batch
from redress.casework.models import Child
from redress.statutory.engine import today_in_london


class Command(BaseCommand):
    help = (
        "Recompute every child's deadlines through the statutory engine and store what changed "
        "in the deadline table, a batch of children at a time. Run daily, and after a "
        "bank-holiday override changes."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--child", type=int, action="append", help="only this child (repeatable)"
        )
        parser.add_argument(
            "--today", help="the date that decides pending versus overdue (YYYY-MM-DD)"
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            default=1000,
            help="children read and written together (default 1000)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        today = today_in_london()
        if options["today"]:
            try:
                today = date.fromisoformat(options["today"])
            except ValueError:
                raise CommandError(
                    f"--today {options['today']!r} is not a date YYYY-MM-DD"
                ) from None
        size = options["batch_size"]
        if size < 1:
            raise CommandError("--batch-size must be at least 1")
        children = Child.objects.order_by("pk")
        if options["child"]:
            children = children.filter(pk__in=options["child"])
        ids = list(children.values_list("pk", flat=True))
        calendar = working_day_calendar()
        verbosity = options["verbosity"]
        bar = verbosity >= 1 and hasattr(self.stdout, "isatty") and self.stdout.isatty()
        started = time.perf_counter()
        done = changed = written = deleted = 0
        refused: dict[int, list[str]] = {}
        for first in range(0, len(ids), size):
            batch = ids[first : first + size]
            batch_started = time.perf_counter()
            outcome = deadlines_recompute_batch(batch, today=today, calendar=calendar)
            done += outcome.children
            changed += outcome.changed_children
            written += outcome.rows_written
            deleted += outcome.rows_deleted
            refused.update(outcome.refused)
            elapsed = time.perf_counter() - started
            rate = done / elapsed if elapsed else 0.0
            if bar:
                width = 30
                filled = int(width * done / len(ids))
                self.stdout.write(
                    f"\r[{'#' * filled}{'.' * (width - filled)}] {done:,}/{len(ids):,} children "
                    f"{rate:,.0f}/s",
                    ending="",
                )
                self.stdout.flush()
            elif verbosity >= 1:
                self.stdout.write(
                    f"Batch {first // size + 1}: {outcome.children} children, "
                    f"{outcome.changed_children} changed, {outcome.rows_written} rows written, "
                    f"{outcome.rows_deleted} removed in "
                    f"{time.perf_counter() - batch_started:.2f} s ({done:,}/{len(ids):,}, "
                    f"{rate:,.0f} children/s)"
                )
        if bar:
            self.stdout.write("")
        seconds = time.perf_counter() - started
        self.stdout.write(
            f"Recomputed the deadlines for {done} children in {seconds:.1f} s: "
            f"{changed} children changed, {written} rows written, {deleted} removed."
        )
        if refused:
            for child_id, problems in sorted(refused.items()):
                self.stderr.write(f"Child {child_id}: the engine refused the records: {problems}")
            raise CommandError(
                f"{len(refused)} children kept their previous deadlines because the engine "
                "refused their records (listed above); every other child was recomputed."
            )
        if bar:
            sys.stdout.flush()
