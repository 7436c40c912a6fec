"""Calendar feeds escape what people typed (RFC 5545): a carriage return or a line that looks
like a property stays inside the text it was typed in."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import icalendar
import pytest

from redress.notifications.calendar_feed import CalendarEvent, calendar_token_create, render_ics
from redress.notifications.tests.conftest import Cases

pytestmark = pytest.mark.django_db


def _lines(content: bytes) -> list[bytes]:
    assert content.endswith(b"\r\n")
    return content[:-2].split(b"\r\n")


def test_a_carriage_return_in_a_name_is_escaped_not_written_raw() -> None:
    event = CalendarEvent(
        uid="x@redress",
        summary="Cara\rEND:VEVENT\rBEGIN:VEVENT\rSUMMARY:Injected",
        description="Line one\r\nLine two\rLine three",
        day=date(2026, 3, 9),
        location="Room 1\r\nDTSTART:20990101",
    )
    content = render_ics([event], name="Sam\rX-EVIL:1").encode()
    assert all(b"\r" not in line and b"\n" not in line for line in _lines(content))
    calendar = icalendar.Calendar.from_ical(content)
    [parsed] = list(calendar.walk("VEVENT"))
    assert str(parsed["SUMMARY"]) == "Cara\nEND:VEVENT\nBEGIN:VEVENT\nSUMMARY:Injected"
    assert str(parsed["DESCRIPTION"]) == "Line one\nLine two\nLine three"
    assert str(parsed["LOCATION"]) == "Room 1\nDTSTART:20990101"
    assert parsed.decoded("DTSTART") == date(2026, 3, 9)
    assert "X-EVIL" not in calendar


def test_a_timed_meeting_is_written_in_utc() -> None:
    start = datetime(2026, 7, 1, 9, 30, tzinfo=UTC)
    content = render_ics(
        [CalendarEvent(uid="m@redress", summary="Meeting", description="", start=start)],
        name="Test",
    ).encode()
    assert b"DTSTART:20260701T093000Z" in content
    assert b"DTEND:20260701T103000Z" in content


def test_a_childs_name_with_a_carriage_return_stays_in_the_family_feed_summary(
    cases: Cases, client: Any
) -> None:
    cases.family.first_name = "Ca\rra"
    cases.family.save()
    token = calendar_token_create(user=cases.parent)
    content = client.get(f"/calendar/{token}.ics").content
    assert all(b"\r" not in line for line in _lines(content))
    summaries = {str(e["SUMMARY"]) for e in icalendar.Calendar.from_ical(content).walk("VEVENT")}
    assert "Ca\nra: Your date: Your last day to appeal to the tribunal" in summaries
