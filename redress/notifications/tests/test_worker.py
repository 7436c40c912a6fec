"""`redress worker`: the outbox delivered and the day's reminders planned by one long-running
process, each message once, surviving a failed round and stopping on SIGTERM."""

from __future__ import annotations

import logging
import os
import signal
import threading
from datetime import datetime, time
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command

from redress.notifications import worker as worker_module
from redress.notifications.models import Message
from redress.notifications.tests.conftest import TODAY, Cases, Inbox
from redress.notifications.worker import LONDON, Worker

pytestmark = pytest.mark.django_db

MORNING = datetime(TODAY.year, TODAY.month, TODAY.day, 7, 0, tzinfo=LONDON)


ROUND = ("worker", "--once", "--today", TODAY.isoformat())


def test_one_round_after_the_planning_hour_queues_and_sends_the_days_reminders_once(
    cases: Cases, smtp_server: Inbox
) -> None:
    call_command(*ROUND, "--plan-at", "00:00", stdout=StringIO())
    sent = smtp_server.subjects()
    assert len(sent) == 5
    assert "Reminder: Decide whether to carry out an EHC needs assessment by 9 March 2026" in sent
    call_command(*ROUND, "--plan-at", "00:00", stdout=StringIO())
    assert len(smtp_server) == 5  # planned again, queued nothing new, sent nothing twice
    assert Message.objects.filter(status=Message.Status.SENT).count() == 5


def test_without_planning_it_only_delivers_what_is_queued(cases: Cases, smtp_server: Inbox) -> None:
    call_command(*ROUND, "--plan-at", "never", stdout=StringIO())
    assert not Message.objects.exists()


def test_it_plans_once_a_day_at_the_hour(monkeypatch: pytest.MonkeyPatch, db: None) -> None:
    planned: list[Any] = []
    monkeypatch.setattr(worker_module, "plan_the_day", planned.append)
    monkeypatch.setattr(worker_module, "deliver", lambda: None)
    clock = [MORNING.replace(hour=5, minute=59)]
    worker = Worker(interval=0, plan_at=time(6, 0), stop=threading.Event(), now=lambda: clock[0])
    worker.round()
    assert planned == []
    clock[0] = MORNING.replace(hour=6, minute=0)
    worker.round()
    clock[0] = MORNING.replace(hour=23, minute=0)
    worker.round()
    assert planned == [TODAY]
    clock[0] = MORNING.replace(day=TODAY.day + 1, hour=6, minute=5)
    worker.round()
    assert planned == [TODAY, TODAY.replace(day=TODAY.day + 1)]


def test_a_failed_round_is_logged_and_the_next_round_delivers(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, db: None
) -> None:
    calls: list[int] = []

    def deliver() -> None:
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("the database is restarting")

    monkeypatch.setattr(worker_module, "deliver", deliver)
    with caplog.at_level(logging.ERROR, logger="redress.worker"):
        Worker(interval=0, plan_at=None, stop=threading.Event()).serve(rounds=2)
    assert len(calls) == 2
    assert "The worker's round failed" in caplog.text


class _StopWhenStarted(StringIO):
    """The command's output; once the worker says it has started (its handler is in place), a
    SIGTERM arrives as systemd sends it."""

    def write(self, text: str) -> int:
        if "Worker started" in text:
            threading.Timer(0.2, os.kill, (os.getpid(), signal.SIGTERM)).start()
        return super().write(text)


def test_sigterm_stops_the_worker_between_rounds(db: None) -> None:
    before = signal.getsignal(signal.SIGTERM)
    out = _StopWhenStarted()
    call_command("worker", "--interval", "0.05", "--plan-at", "never", stdout=out)
    assert "Worker stopped." in out.getvalue()
    assert signal.getsignal(signal.SIGTERM) is before


def test_a_bad_planning_hour_is_refused(db: None) -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="is not a time"):
        call_command("worker", "--once", "--plan-at", "six", stdout=StringIO())
