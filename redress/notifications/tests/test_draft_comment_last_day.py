"""The family's time to comment on the draft plan is shown as its last day (the service day plus
14: the 15 days begin with the day of service), on the family's page, in the reminder email and
in the calendar feed; the authority's side keeps the first day it may finalise."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
import time_machine
from django.urls import reverse

from redress.casework.models import CaseEvent, Deadline
from redress.notifications import services
from redress.notifications.calendar_feed import calendar_token_create
from redress.notifications.models import Message
from redress.notifications.tests.conftest import Cases, _events
from redress.notifications.tests.test_calendar import feed_events

pytestmark = pytest.mark.django_db

SERVED = date(2026, 2, 23)  # Monday
LAST_DAY = date(2026, 3, 9)  # Monday: day 15 of the family's period
MAY_FINALISE = date(2026, 3, 10)  # the engine's not_before due


@pytest.fixture
def served(cases: Cases) -> Any:
    child = cases.family
    _events(
        child,
        (CaseEvent.Type.DRAFT_PLAN_ISSUED, SERVED, {}),
    )
    row = Deadline.objects.get(child=child, rule="plan.draft_comments")
    assert (row.kind, row.due) == ("not_before", MAY_FINALISE)
    assert row.family_last_day == LAST_DAY
    return child


@time_machine.travel(date(2026, 3, 2))
def test_the_family_page_shows_the_last_day_to_comment(
    cases: Cases, served: Any, client: Any
) -> None:
    client.force_login(cases.parent)
    page = client.get(reverse("family:case", args=[served.pk])).content.decode()
    assert "Your time to comment on the draft plan" in page
    assert "Last day" in page and "Monday 9 March 2026" in page
    assert "Tuesday 10 March 2026" not in page
    assert ">Over<" not in page


@time_machine.travel(date(2026, 3, 10))
def test_a_passed_last_day_is_marked_as_over(cases: Cases, served: Any, client: Any) -> None:
    client.force_login(cases.parent)
    page = client.get(reverse("family:case", args=[served.pk])).content.decode()
    assert "Monday 9 March 2026" in page and ">Over<" in page


def test_the_authoritys_side_keeps_may_not_finalise_before(cases: Cases, served: Any) -> None:
    row = Deadline.objects.get(child=served, rule="plan.draft_comments")
    assert row.due == MAY_FINALISE  # the case page and the plan's page show the engine's due


def test_the_reminder_names_the_last_day_and_is_sent_before_it(cases: Cases, served: Any) -> None:
    # The rule's lead time is 5 days before the family's own last day: not yet on 3 March.
    services.reminders_plan(today=date(2026, 3, 3))
    assert not Message.objects.filter(dedupe_key__contains="plan.draft_comments").exists()
    services.reminders_plan(today=date(2026, 3, 4))
    (message,) = Message.objects.filter(dedupe_key__contains="plan.draft_comments")
    assert message.template == "family_deadline_due_soon"
    assert message.personalisation["due"] == "9 March 2026"
    # After the last day, no reminder is sent for it.
    Message.objects.all().delete()
    services.reminders_plan(today=date(2026, 3, 10))
    assert not Message.objects.filter(dedupe_key__contains="plan.draft_comments").exists()


def test_the_family_calendar_puts_the_last_day_in_the_feed(
    cases: Cases, served: Any, client: Any
) -> None:
    token = calendar_token_create(user=cases.parent)
    events = feed_events(client.get(f"/calendar/{token}.ics").content)
    (comment,) = [e for e in events if "comment on the draft plan" in str(e["SUMMARY"])]
    assert comment.decoded("DTSTART") == LAST_DAY
    staff_token = calendar_token_create(user=cases.caseworker)
    staff_events = feed_events(client.get(f"/calendar/{staff_token}.ics").content)
    titles = {str(e["SUMMARY"]): e for e in staff_events}
    draft = [e for s, e in titles.items() if "15 days to comment on the draft plan" in s]
    assert not draft or draft[0].decoded("DTSTART") == MAY_FINALISE
