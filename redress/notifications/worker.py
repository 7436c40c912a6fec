"""The worker process: delivers the outbox as messages fall due and plans the day's reminders once
a day (`redress worker`; docs/deploy.md, decision 0182).

The outbox table is the queue (a claim with `SELECT … FOR UPDATE SKIP LOCKED` and a conditional
update), so the worker keeps no state of its own: stopping it, running two, or restarting it
after a crash sends each message once. A round that fails (the database restarting) is logged
and the next round tries again.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.db import connections

from redress.notifications.services import messages_deliver_due, messages_plan

log = logging.getLogger("redress.worker")
LONDON = ZoneInfo("Europe/London")


def plan_the_day(today: date) -> None:
    """The day's reminders into the outbox (deadlines due soon or overdue, the family's notices,
    news of changes, digests), as `send_reminders --plan-only` queues them: each once, however
    often this runs."""
    plan = messages_plan(today=today)
    log.info(
        "Planned %s: %s new messages (%s already queued)",
        today.isoformat(),
        plan.created,
        plan.existing,
    )


def fresh_connections() -> None:
    """Drop a connection the database closed (a restart), as Django does between requests; a
    connection inside a transaction is left alone."""
    for connection in connections.all(initialized_only=True):
        if not connection.in_atomic_block:
            connection.close_if_unusable_or_obsolete()


def deliver() -> None:
    result = messages_deliver_due()
    if result.sent or result.failed:
        log.info("Sent %s messages; %s failed", result.sent, result.failed)


@dataclass
class Worker:
    """Rounds every `interval` seconds until `stop` is set. A round delivers what is due; the
    first round at or after `plan_at` (London time) each day plans that day's reminders first.
    `plan_at=None` plans nothing (the nightly job plans them)."""

    interval: float
    plan_at: time | None
    stop: threading.Event
    now: Callable[[], datetime] = lambda: datetime.now(LONDON)
    today: date | None = None  # plan as of this day instead of the clock's (a rehearsal)
    planned_on: date | None = None

    def round(self) -> None:
        fresh_connections()
        try:
            moment = self.now()
            day = moment.date()
            if (
                self.plan_at is not None
                and self.planned_on != day
                and moment.time() >= self.plan_at
            ):
                plan_the_day(self.today or day)
                self.planned_on = day
            deliver()
        except Exception:
            log.exception("The worker's round failed; the next round tries again")
        finally:
            fresh_connections()

    def serve(self, rounds: int | None = None) -> None:
        done = 0
        while not self.stop.is_set():
            self.round()
            done += 1
            if rounds is not None and done >= rounds:
                break
            self.stop.wait(self.interval)
