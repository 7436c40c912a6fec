"""Remind every attendee of tomorrow's mediation meetings (run daily, like the other reminders)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from redress.mediation.schedule import mediation_reminders_send
from redress.statutory.engine import today_in_london


class Command(BaseCommand):
    help = "Send a reminder to each attendee of a mediation meeting held tomorrow (once each)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", type=date.fromisoformat, help="Run as of this day.")

    def handle(self, *args: Any, **options: Any) -> None:
        result = mediation_reminders_send(today=options.get("today") or today_in_london())
        self.stdout.write(
            f"{result.notices} reminder(s) for {result.meetings} meeting(s) tomorrow."
        )
