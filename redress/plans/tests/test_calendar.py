"""A planned annual review meeting appears in the calendar feeds of those who see the case."""

from __future__ import annotations

from datetime import date
from typing import Any

import icalendar
import pytest
import time_machine

from redress.casework.tests.factories import ChildFactory, LocalAuthorityFactory
from redress.notifications.calendar_feed import calendar_token_create
from redress.plans import services
from redress.plans.tests.helpers import caseworker_for, issued_plan

pytestmark = pytest.mark.django_db


@time_machine.travel(date(2026, 11, 29))
def test_a_planned_review_meeting_is_in_the_caseworkers_feed(client: Any) -> None:
    child = ChildFactory(local_authority=LocalAuthorityFactory())
    actor = caseworker_for(child)
    plan = issued_plan(child, actor, date(2026, 1, 5), date(2026, 1, 26))
    services.review_start(
        actor=actor, plan=plan, meeting_planned_for=date(2026, 12, 10), expected_version=None
    )
    feed = client.get(f"/calendar/{calendar_token_create(user=actor)}.ics")
    events = icalendar.Calendar.from_ical(feed.content).walk("VEVENT")
    meetings = [e for e in events if str(e["SUMMARY"]).startswith("Annual review meeting")]
    assert [m.decoded("DTSTART") for m in meetings] == [date(2026, 12, 10)]
    assert child.first_name not in str(meetings[0]["SUMMARY"])

    other = caseworker_for(ChildFactory(local_authority=LocalAuthorityFactory()))
    feed = client.get(f"/calendar/{calendar_token_create(user=other)}.ics")
    assert b"Annual review meeting" not in feed.content
