"""What families read is true and in words: the stage of the case comes from what is recorded,
the appeal deadline says the appeal must arrive by 5pm, and no internal name or note about the
engine's sources reaches a family page, a calendar feed or an email."""

from __future__ import annotations

import re
from datetime import date, timedelta
from html.parser import HTMLParser
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from redress.appeals.models import Appeal
from redress.casework.models import Child, Deadline, FamilyMember
from redress.core.words import SNAKE_CASE, plain_explanation, plain_law
from redress.family.plain import APPEAL_ARRIVAL, stage_for
from redress.notifications.calendar_feed import calendar_token_create
from redress.notifications.tests.conftest import TODAY, Cases, Inbox, make_child
from redress.statutory.events import EVENT_WORDS
from redress.statutory.rules import GROUND_DESCRIPTIONS, RULES

pytestmark = pytest.mark.django_db

FORBIDDEN = re.compile(r"unverified|HESC|\br\.\d", re.IGNORECASE)


class _Text(HTMLParser):
    """The words a person sees on a page: no tags, attributes, scripts or styles."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in {"script", "style"}:
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style"}:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def assert_plain(text: str, where: str) -> None:
    names = SNAKE_CASE.findall(text)
    assert not names, f"{where} shows internal names: {sorted(set(names))}"
    assert not FORBIDDEN.search(text), f"{where} shows {FORBIDDEN.search(text)!r}"


# -- The stage comes from recorded facts ---------------------------------------------------------


def test_a_family_that_has_not_appealed_is_never_told_it_has(cases: Cases, client: Any) -> None:
    # The family's appeal window is open (an appeal.lodge deadline), but nobody has appealed.
    assert cases.family.deadlines.filter(rule="appeal.lodge").exists()
    client.force_login(cases.parent)
    page = client.get(f"/family/cases/{cases.family.pk}/").content.decode()
    assert "You have appealed" not in page
    assert "The appeal" not in visible_text(page).split("Your dates")[0]
    # Nor, without a mediation case, that they are in mediation.
    assert "Mediation is a way to try to agree" not in page


def test_a_recorded_appeal_shows_the_appeal_stage(cases: Cases, client: Any) -> None:
    Appeal.objects.create(
        child=cases.family,
        decision=Appeal.Decision.NOT_ASSESS,
        decision_notice_date=date(2026, 1, 12),
        lodged_on=date(2026, 2, 20),
    )
    client.force_login(cases.parent)
    page = client.get(f"/family/cases/{cases.family.pk}/").content.decode()
    assert "You have appealed to the SEND tribunal" in page


def test_the_stage_ignores_the_familys_own_windows() -> None:
    windows = [
        Deadline(rule="assessment.decision", met_on=date(2025, 12, 10)),
        Deadline(rule="mediation.contact_adviser"),
        Deadline(rule="appeal.lodge"),
    ]
    assert stage_for(windows) == (
        "Asking for an assessment",
        "Someone asked the council to assess your child's needs. The council is deciding.",
    )
    assert stage_for(windows, has_mediation=True)[0] == "Mediation"  # type: ignore[index]
    assert stage_for(windows, has_appeal=True)[0] == "The appeal"  # type: ignore[index]


# -- One wording for when an appeal must arrive ---------------------------------------------------


def test_the_appeal_must_arrive_by_5pm_on_both_pages(cases: Cases, client: Any) -> None:
    arrival = str(APPEAL_ARRIVAL)  # marked for translation: the English, as the pages say it
    assert "arrive" in arrival and "5pm" in arrival
    window = Client().get(
        "/appeals/appeal-window/",
        {"decision_date_day": "12", "decision_date_month": "1", "decision_date_year": "2026"},
    )
    assert arrival in window.content.decode()
    assert "Send your appeal by" not in window.content.decode()
    client.force_login(cases.parent)
    page = client.get(f"/family/cases/{cases.family.pk}/").content.decode()
    assert arrival in page


# -- No internal names reach a person ----------------------------------------------------------


def every_rule_case(cases: Cases) -> Child:
    """A child with a deadline for every rule in the catalogue, due soon, each explanation
    naming every event type and exception ground the engine has."""
    child = make_child(cases.la, "Eve", "Every", cases.caseworker)
    FamilyMember.objects.create(
        child=child, user=cases.parent, name="Jo Parent", relationship="parent"
    )
    names = "; ".join(f"from {event} on Mon 2 Mar 2026" for event in EVENT_WORDS)
    grounds = "; ".join(
        f"exception recorded on Tue 3 Mar 2026 under {g}" for g in GROUND_DESCRIPTIONS
    )
    for index, rule in enumerate(RULES):
        Deadline.objects.create(
            child=child,
            rule=rule.id,
            kind=rule.kind,
            due=TODAY + timedelta(days=3 + index % 3),
            status="pending",
            actor=rule.actor,
            citation=rule.citation,
            evidence=rule.evidence,
            explanation=f"{names}; {grounds} (August 2026 not counted: HESC Rules r.12(3)(b))",
            title=rule.title,
        )
    return child


def test_the_words_cover_every_event_ground_and_citation() -> None:
    for event in EVENT_WORDS:
        assert_plain(plain_explanation(f"2 months from {event} on Mon 2 Mar 2026"), event)
    for ground in GROUND_DESCRIPTIONS:
        assert_plain(plain_explanation(f"exception recorded under {ground}"), ground)
    for rule in RULES:
        assert_plain(plain_law(rule.citation), rule.id)


def test_family_pages_show_words_not_internal_names(cases: Cases, client: Any) -> None:
    child = every_rule_case(cases)
    client.force_login(cases.parent)
    for url in (f"/family/cases/{child.pk}/", f"/family/cases/{cases.family.pk}/"):
        html = client.get(url).content.decode()
        assert "Why this date?" in html
        assert_plain(visible_text(html), url)
    # The law is still named, in words.
    assert "The law: the SEND Regulations 2014." in html


def test_calendar_feeds_show_words_not_internal_names(cases: Cases, client: Any) -> None:
    every_rule_case(cases)
    for person in (cases.parent, cases.caseworker):
        token = calendar_token_create(user=person)
        feed = client.get(f"/calendar/{token}.ics").content.decode()
        unfolded = feed.replace("\r\n ", "").replace("\\n", " ").replace("\\,", ",")
        for line in unfolded.splitlines():
            if line.startswith(("SUMMARY:", "DESCRIPTION:")):
                text = line.split(":", 1)[1]
                names = SNAKE_CASE.findall(text)
                assert not names, f"{person}'s feed: {names}"
                assert "unverified" not in text
                if person == cases.parent:  # staff may read citations; families read words
                    assert "HESC" not in text


def test_reminder_emails_show_words_not_internal_names(cases: Cases, smtp_server: Inbox) -> None:
    every_rule_case(cases)
    call_command("send_reminders", "--today", TODAY.isoformat(), stdout=StringIO())
    assert len(smtp_server) > 5
    with smtp_server.lock:
        for message in smtp_server.messages:
            body = message.get_body(preferencelist=("plain",)).get_content()  # type: ignore[union-attr]
            text = re.sub(r"https?://\S+", "", body)
            names = SNAKE_CASE.findall(text)
            assert not names, f"email to {message['To']}: {sorted(set(names))}"
            assert "unverified" not in text
