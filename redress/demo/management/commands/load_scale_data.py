"""`redress load_scale_data --children N --authorities K`: a made-up caseload at scale.

For benchmarks and capacity planning, never for a live service (see redress/demo/scale.py).
"""

from __future__ import annotations

import time
from datetime import date
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from redress.demo.scale import scale_load
from redress.statutory.engine import today_in_london


class Command(BaseCommand):
    help = (
        "Add N made-up children with histories at every stage over K local authorities, for "
        "benchmarks. The first authority is the demo's, so the demo logins see it. Run "
        "recompute_deadlines afterwards."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--children", type=int, required=True, help="how many children")
        parser.add_argument(
            "--authorities", type=int, default=150, help="how many local authorities (150)"
        )
        parser.add_argument("--chunk-size", type=int, default=5000, help="children a write")
        parser.add_argument("--today", help="the day the histories end (YYYY-MM-DD)")
        parser.add_argument("--seed", type=int, default=2014, help="random seed")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["children"] < 1 or options["authorities"] < 1 or options["chunk_size"] < 1:
            raise CommandError("--children, --authorities and --chunk-size must be at least 1")
        today = today_in_london()
        if options["today"]:
            try:
                today = date.fromisoformat(options["today"])
            except ValueError:
                raise CommandError(f"--today {options['today']!r} is not a date") from None
        started = time.perf_counter()
        verbose = options["verbosity"] >= 1

        def progress(done: int) -> None:
            if verbose:
                rate = done / (time.perf_counter() - started)
                self.stdout.write(f"{done:,} children ({rate:,.0f}/s)")

        result = scale_load(
            children=options["children"],
            authorities=options["authorities"],
            password=settings.REDRESS_DEMO_PASSWORD,
            today=today,
            chunk_size=options["chunk_size"],
            seed=options["seed"],
            progress=progress,
        )
        seconds = time.perf_counter() - started
        self.stdout.write(
            f"Loaded {result.children:,} children ({result.rows:,} rows) over "
            f"{result.authorities} authorities in {seconds:.1f} s "
            f"({result.children / seconds:,.0f} children/s)."
        )
