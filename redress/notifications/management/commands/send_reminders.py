"""`redress send_reminders`: put today's reminders in the outbox, then send what is due.

Run it daily after `recompute_deadlines` (for example from cron at 06:00), and every few
minutes with `--deliver-only` so that retries go out. Running it twice, on two machines at once,
or again after a crash sends each message once (see redress/notifications/services.py).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from redress.notifications.services import messages_deliver_due, messages_plan
from redress.statutory.engine import today_in_london


class Command(BaseCommand):
    help = (
        "Find deadlines due soon or overdue, queue a reminder for each person responsible (and "
        "the manager when overdue), the family's reminders and news of changes, daily digests; "
        "then send every queued message that is due."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--today", help="the date to plan for (YYYY-MM-DD)")
        group = parser.add_mutually_exclusive_group()
        group.add_argument("--plan-only", action="store_true", help="queue, do not send")
        group.add_argument(
            "--deliver-only", action="store_true", help="send what is queued (and retries)"
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
        if not options["deliver_only"]:
            plan = messages_plan(today=today)
            self.stdout.write(
                f"Queued {plan.created} new messages ({plan.existing} already queued, "
                f"{plan.digests} digests) for {today.isoformat()}."
            )
        if not options["plan_only"]:
            result = messages_deliver_due()
            self.stdout.write(f"Sent {result.sent} messages; {result.failed} failed.")
