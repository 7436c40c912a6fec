"""`redress recompute_deadlines`: refresh the deadline table from the engine.

Run it daily (for example from cron, shortly after midnight) so that statuses move from pending
to overdue as days pass, and after changing the bank-holiday overrides.
"""

from __future__ import annotations

import time
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from redress.casework.deadlines import deadlines_recompute
from redress.casework.models import Child


class Command(BaseCommand):
    help = (
        "Recompute every child's deadlines through the statutory engine and store them in the "
        "deadline table. Run daily, and after a bank-holiday override changes."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--child", type=int, action="append", help="only this child (repeatable)"
        )
        parser.add_argument(
            "--today", help="the date that decides pending versus overdue (YYYY-MM-DD)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        today = None
        if options["today"]:
            try:
                today = date.fromisoformat(options["today"])
            except ValueError:
                raise CommandError(
                    f"--today {options['today']!r} is not a date YYYY-MM-DD"
                ) from None
        children = Child.objects.order_by("pk")
        if options["child"]:
            children = children.filter(pk__in=options["child"])
        started = time.perf_counter()
        count = deadlines = 0
        for child in children.iterator(chunk_size=500):
            with transaction.atomic():
                deadlines += len(deadlines_recompute(child=child, today=today))
            count += 1
        seconds = time.perf_counter() - started
        self.stdout.write(
            f"Recomputed {deadlines} deadlines for {count} children in {seconds:.1f} s."
        )
