"""Calendar feeds: a secret, revocable address; the feed parses in a calendar parser."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import icalendar
import pytest

from redress.accounts.models import Membership
from redress.casework.models import Consent, FamilyMember
from redress.notifications.calendar_feed import CalendarEvent, calendar_token_create, render_ics
from redress.notifications.models import CalendarToken
from redress.notifications.tests.conftest import Cases, make_user

pytestmark = pytest.mark.django_db


def feed_events(content: bytes) -> list[Any]:
    calendar = icalendar.Calendar.from_ical(content)
    return list(calendar.walk("VEVENT"))


def test_a_caseworkers_feed_parses_and_holds_their_open_deadlines(
    cases: Cases, client: Any
) -> None:
    token = calendar_token_create(user=cases.caseworker)
    response = client.get(f"/calendar/{token}.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    content = response.content
    assert b"\r\n" in content
    assert all(len(line) <= 75 for line in content.split(b"\r\n"))
    calendar = icalendar.Calendar.from_ical(content)
    assert str(calendar["VERSION"]) == "2.0"
    events = feed_events(content)
    expected = {
        (d.title, d.due)
        for child in cases.children
        for d in child.deadlines.filter(met_on__isnull=True, informational=False)
    }
    found = set()
    for event in events:
        start = event.decoded("DTSTART")
        assert isinstance(start, date)
        assert event.decoded("DTEND") > start
        summary = str(event["SUMMARY"])
        title = summary.split(" (case ")[0]
        found.add((title, start))
        assert event["UID"]
        # Initials and a case number, not the child's name.
        for child in cases.children:
            assert child.first_name not in summary
    assert found == expected
    assert len({str(e["UID"]) for e in events}) == len(events)


def test_a_family_feed_holds_their_own_dates(cases: Cases, client: Any) -> None:
    token = calendar_token_create(user=cases.parent)
    events = feed_events(client.get(f"/calendar/{token}.ics").content)
    summaries = {str(e["SUMMARY"]) for e in events}
    assert "Cara: Your date: Your last day to appeal to the tribunal" in summaries
    assert not any("Ava" in s or "Ben" in s for s in summaries)


def test_a_revoked_or_unknown_token_gives_404(cases: Cases, client: Any) -> None:
    token = calendar_token_create(user=cases.caseworker)
    client.force_login(cases.caseworker)
    row = CalendarToken.objects.get(user=cases.caseworker)
    assert client.post(f"/calendar/{row.pk}/revoke/").status_code == 302
    client.logout()
    assert client.get(f"/calendar/{token}.ics").status_code == 404
    assert client.get("/calendar/not-a-token.ics").status_code == 404


def test_the_token_is_shown_once_and_only_its_hash_is_kept(cases: Cases, client: Any) -> None:
    client.force_login(cases.caseworker)
    page = client.post("/calendar/new/").content.decode()
    match = re.search(r"/calendar/([A-Za-z0-9_-]+)\.ics", page)
    assert match
    token = match.group(1)
    row = CalendarToken.objects.get(user=cases.caseworker)
    assert token not in (row.token_hash, row.hint) and row.token_hash != token
    assert token not in client.get("/calendar/").content.decode()
    client.logout()
    assert client.get(f"/calendar/{token}.ics").status_code == 200


def test_someone_cannot_revoke_another_persons_token(cases: Cases, client: Any) -> None:
    token = calendar_token_create(user=cases.caseworker)
    row = CalendarToken.objects.get(user=cases.caseworker)
    client.force_login(cases.manager)
    assert client.post(f"/calendar/{row.pk}/revoke/").status_code == 404
    assert client.get(f"/calendar/{token}.ics").status_code == 200


def test_long_and_special_text_is_escaped_and_folded() -> None:
    event = CalendarEvent(
        uid="x@redress",
        summary="Comma, semicolon; backslash \\ and “quotes” " + "é" * 60,
        description="Line one\nLine two",
        day=date(2026, 3, 9),
    )
    content = render_ics([event], name="Test").encode()
    parsed = feed_events(content)[0]
    assert str(parsed["SUMMARY"]).startswith("Comma, semicolon; backslash \\ and “quotes”")
    assert str(parsed["DESCRIPTION"]) == "Line one\nLine two"
    assert all(len(line) <= 75 for line in content.split(b"\r\n"))


def test_a_caseworker_who_has_left_the_council_gets_an_empty_feed(
    cases: Cases, client: Any
) -> None:
    token = calendar_token_create(user=cases.caseworker)
    assert feed_events(client.get(f"/calendar/{token}.ics").content)
    # They left: the cases still name them as caseworker until someone reassigns them.
    Membership.objects.filter(user=cases.caseworker).update(active=False)
    assert feed_events(client.get(f"/calendar/{token}.ics").content) == []


def test_a_supporters_feed_holds_the_familys_dates_without_the_childs_name(
    cases: Cases, client: Any
) -> None:
    supporter = make_user("sendiass", "Sam", "Supporter")
    Consent.objects.create(
        child=cases.family,
        given_by=FamilyMember.objects.get(child=cases.family, user=cases.parent),
        supporter=supporter,
        given_on=date(2026, 1, 1),
    )
    token = calendar_token_create(user=supporter)
    events = feed_events(client.get(f"/calendar/{token}.ics").content)
    summaries = {str(e["SUMMARY"]) for e in events}
    assert (
        f"Case {cases.family.pk}, C. F.: The family's date: Your last day to appeal to the tribunal"
        in summaries
    )
    for event in events:
        text = str(event["SUMMARY"]) + str(event["DESCRIPTION"])
        assert "Cara" not in text and "Fam " not in text


def test_a_feed_too_large_for_a_calendar_holds_the_soonest_and_says_so(
    cases: Cases, client: Any, monkeypatch: Any
) -> None:
    from redress.notifications import calendar_feed

    token = calendar_token_create(user=cases.caseworker)
    whole = feed_events(client.get(f"/calendar/{token}.ics").content)
    assert not any("deadlines due soonest" in str(e["SUMMARY"]) for e in whole)
    days = sorted(e.decoded("DTSTART") for e in whole)

    monkeypatch.setattr(calendar_feed, "FEED_DEADLINES", len(whole) - 1)
    events = feed_events(client.get(f"/calendar/{token}.ics").content)
    notice = [e for e in events if "deadlines due soonest" in str(e["SUMMARY"])]
    assert len(notice) == 1 and len(events) == len(whole)  # one deadline fewer, and the notice
    assert "Redress lists every one" in str(notice[0]["DESCRIPTION"])
    # The one left out is the one due last.
    assert sorted(e.decoded("DTSTART") for e in events if e not in notice) == days[:-1]
