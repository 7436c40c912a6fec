"""`redress worker`: the long-running process that delivers the outbox and plans the day's
reminders (redress/notifications/worker.py; docs/deploy.md).

Runs until SIGTERM or SIGINT, finishing the round it is in first. `--once` does one round
and exits (for cron, or a check after an upgrade).
"""

from __future__ import annotations

import signal
import threading
from datetime import date, time
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from redress.notifications.worker import Worker


def _time(text: str) -> time | None:
    if text == "never":
        return None
    try:
        return time.fromisoformat(text)
    except ValueError:
        raise CommandError(f"--plan-at {text!r} is not a time HH:MM (or 'never')") from None


class Command(BaseCommand):
    help = (
        "Deliver queued messages as they fall due (every --interval seconds) and, once a day at "
        "--plan-at (Europe/London), queue the day's reminders. Stops on SIGTERM or SIGINT."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--interval", type=float, default=30.0, help="seconds between rounds (30)"
        )
        parser.add_argument(
            "--plan-at",
            default="06:00",
            help="when to queue the day's reminders, HH:MM Europe/London, or 'never' (06:00)",
        )
        parser.add_argument("--once", action="store_true", help="one round, then exit")
        parser.add_argument(
            "--today", type=date.fromisoformat, help="plan as of this day (YYYY-MM-DD)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["interval"] < 0:
            raise CommandError("--interval must not be negative")
        stop = threading.Event()
        worker = Worker(
            interval=options["interval"],
            plan_at=_time(options["plan_at"]),
            stop=stop,
            today=options["today"],
        )
        if options["once"]:
            worker.serve(rounds=1)
            return

        def finish(signum: int, frame: Any) -> None:
            stop.set()

        previous = {sig: signal.signal(sig, finish) for sig in (signal.SIGTERM, signal.SIGINT)}
        self.stdout.write(f"Worker started: a round every {options['interval']:g} s.")
        try:
            worker.serve()
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        self.stdout.write("Worker stopped.")
