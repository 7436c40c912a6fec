"""Text messages through GOV.UK Notify: a family member's choice of email, text or both, their
mobile number, how early they are reminded, and what a text may say."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core.management import call_command

from redress.audit.models import AuditEntry
from redress.casework.models import CaseEvent, Deadline, FamilyMember
from redress.notifications import services
from redress.notifications.channels import uk_mobile_number
from redress.notifications.message_templates import PLACEHOLDER, SMS_SAFE_FIELDS, TEMPLATES
from redress.notifications.models import Message, NotificationPreference
from redress.notifications.tests import test_notify_and_retries
from redress.notifications.tests.conftest import TODAY, Cases, _events, make_child, make_user
from redress.notifications.tests.test_notify_and_retries import NotifyStandIn
from redress.statutory.calendar import add_days, add_weeks, format_long_date
from redress.statutory.rules import is_family_deadline

pytestmark = pytest.mark.django_db

#: Notify's HTTP API stood in for locally, as for the email tests.
notify = test_notify_and_retries.notify

URL = "/notifications/preferences/"


def family_rows(cases: Cases) -> list[Deadline]:
    """The family's own dates still to come on TODAY (their mediation and appeal windows)."""
    return [
        d
        for d in Deadline.objects.filter(child=cases.family, met_on__isnull=True)
        if is_family_deadline(d.rule, d.actor)
        and not d.informational
        and not d.family_day_passed(TODAY)
    ]


def first_family_day(cases: Cases) -> date:
    return min(d.family_day for d in family_rows(cases))


def choose(user: Any, **choices: Any) -> NotificationPreference:
    return services.preference_set(user=user, delivery="single", **choices)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("07700 900982", "07700900982"),
        ("+44 7700 900 982", "07700900982"),
        ("+44 (0)7700-900-982", "07700900982"),
        ("00447700900982", "07700900982"),
        ("020 7946 0000", None),  # a landline cannot take a text
        ("0770090098", None),
        ("07700 900982 1", None),
    ],
)
def test_only_a_uk_mobile_number_is_accepted(typed: str, stored: str | None) -> None:
    assert uk_mobile_number(typed) == stored


def test_a_text_carries_at_most_the_childs_first_name_and_the_date() -> None:
    texts = [t for t in TEMPLATES.values() if t.kind == "sms"]
    assert {t.key for t in texts} == {"family_deadline_sms", "young_person_deadline_sms"}
    for template in texts:
        assert template.subject == ""
        assert set(PLACEHOLDER.findall(template.body)) <= SMS_SAFE_FIELDS
        longest = template.render_body(
            {"child_first_name": "Maximiliana-Josephine", "due": "30 September 2026"}
        )
        assert len(longest) <= 160  # one text, not several
    assert "your case" in TEMPLATES["young_person_deadline_sms"].body


def test_a_family_member_chooses_texts_on_their_own_page(
    cases: Cases, client: Any, notify: NotifyStandIn
) -> None:
    client.force_login(cases.parent)
    page = client.get(URL)
    html = page.content.decode()
    assert "How should we send reminders of your dates?" in html
    assert "4 weeks before" in html
    response = client.post(
        URL,
        {
            "delivery": "single",
            "channels": "both",
            "mobile_number": "+44 7700 900 982",
            "lead_weeks": "2",
        },
    )
    assert response.status_code == 302
    preference = NotificationPreference.objects.get(user=cases.parent)
    assert (preference.channels, preference.mobile_number, preference.lead_weeks) == (
        "both",
        "07700900982",
        2,
    )
    assert preference.history.count() == 1
    change = AuditEntry.objects.get(actor=cases.parent, action="update")
    assert "text message" in change.summary and "07700" not in change.summary
    # Seeing the page again, with the number on it, is a read of their personal data.
    page = client.get(URL)
    assert 'value="07700900982"' in page.content.decode()
    assert page["Cache-Control"] == "no-store, private"
    assert AuditEntry.objects.filter(actor=cases.parent, action="view").exists()


def test_staff_are_not_offered_texts_and_nobody_sees_anothers_choices(
    cases: Cases, client: Any, notify: NotifyStandIn
) -> None:
    choose(cases.parent, channels="sms", mobile_number="07700900982")
    client.force_login(cases.caseworker)
    html = client.get(URL).content.decode()
    assert "How should we send reminders of your dates?" not in html
    assert "07700900982" not in html
    client.logout()
    assert client.get(URL).status_code == 302  # to sign in


def test_a_wrong_number_or_no_number_is_explained_and_nothing_is_saved(
    cases: Cases, client: Any, notify: NotifyStandIn
) -> None:
    client.force_login(cases.parent)
    for number, message in [
        ("020 7946 0000", "Enter a UK mobile number, like 07700 900 982"),
        ("", "Enter your mobile number to get text messages"),
    ]:
        page = client.post(URL, {"delivery": "single", "channels": "sms", "mobile_number": number})
        html = page.content.decode()
        assert page.status_code == 200
        assert "govuk-error-summary" in html and message in html
        assert number in html  # what they typed is kept
    assert not NotificationPreference.objects.filter(user=cases.parent).exists()


def test_without_notify_texts_are_refused_when_chosen(cases: Cases, client: Any) -> None:
    client.force_login(cases.parent)
    html = client.get(URL).content.decode()
    assert "Text messages are not available here yet" in html
    page = client.post(
        URL, {"delivery": "single", "channels": "sms", "mobile_number": "07700900982"}
    )
    assert page.status_code == 200
    assert "the council has not set up GOV.UK Notify" in page.content.decode()
    assert not NotificationPreference.objects.filter(user=cases.parent).exists()


def test_a_text_reminder_goes_through_the_outbox_to_notify_once(
    cases: Cases, notify: NotifyStandIn
) -> None:
    choose(cases.parent, channels="sms", mobile_number="07700 900982")
    call_command("send_reminders", "--today", TODAY.isoformat(), stdout=None)
    call_command("send_reminders", "--today", TODAY.isoformat(), stdout=None)
    texts = [r for r in notify.requests if r["path"] == "/v2/notifications/sms"]
    assert texts, "the family's reminders were not sent as texts"
    assert len(texts) == len(family_rows(cases))  # once each, though planned twice
    for request in texts:
        body = request["body"]
        assert body["phone_number"] == "07700900982"
        assert body["template_id"] == notify_id("family_deadline_sms")
        assert set(body["personalisation"]) == {"child_first_name", "due"}
        assert body["personalisation"]["child_first_name"] == "Cara"
        assert "Fam" not in str(body)  # never the surname
    # A text alone: the parent's reminders did not also go by email.
    emails = [r for r in notify.requests if r["path"] == "/v2/notifications/email"]
    assert all(r["body"]["email_address"] != cases.parent.email for r in emails)
    sent = Message.objects.filter(channel="sms")
    assert {m.status for m in sent} == {Message.Status.SENT}
    assert all(m.provider_reference for m in sent)


def notify_id(key: str) -> str:
    return TEMPLATES[key].notify_id


def test_a_failed_text_is_retried_like_an_email(cases: Cases, notify: NotifyStandIn) -> None:
    choose(cases.parent, channels="sms", mobile_number="07700900982")
    services.reminders_plan(today=TODAY)
    notify.fail_with = [500] * 10
    services.messages_deliver_due()
    failed = Message.objects.filter(channel="sms", attempts=1)
    assert failed and all(m.status == Message.Status.PENDING for m in failed)
    assert all("Notify answered 500" in m.last_error for m in failed)


def test_both_sends_an_email_and_a_text(cases: Cases, notify: NotifyStandIn) -> None:
    choose(cases.parent, channels="both", mobile_number="07700900982")
    result = services.reminders_plan(today=TODAY)
    parent = [k for k in result.keys if k.endswith(f":u{cases.parent.pk}")]
    assert {k.split(":")[0] for k in parent} == {"family-soon", "family-soon-sms"}


def test_texts_fall_back_to_email_when_notify_is_no_longer_set_up(
    cases: Cases, notify: NotifyStandIn, settings: Any
) -> None:
    choose(cases.parent, channels="sms", mobile_number="07700900982")
    settings.NOTIFY_API_KEY = ""
    services.reminders_plan(today=TODAY)
    mine = Message.objects.filter(recipient=cases.parent)
    assert mine and {m.channel for m in mine} != {"sms"}
    assert not mine.filter(channel="sms").exists()


@pytest.mark.parametrize("weeks", [1, 2, 4])
def test_a_family_member_is_reminded_as_early_as_they_chose(cases: Cases, weeks: int) -> None:
    choose(cases.parent, lead_weeks=weeks)
    first_day = add_weeks(first_family_day(cases), -weeks)
    before = services.reminders_plan(today=add_days(first_day, -1))
    assert not [k for k in before.keys if k.startswith("family-soon:")]
    on_the_day = services.reminders_plan(today=first_day)
    assert [k for k in on_the_day.keys if k.startswith("family-soon:")]


def test_without_a_choice_the_rules_lead_time_still_applies(cases: Cases) -> None:
    # mediation.contact_adviser and appeal.lodge remind 14 days ahead (migration 0002).
    day = first_family_day(cases)
    assert not [
        k
        for k in services.reminders_plan(today=add_days(day, -15)).keys
        if k.startswith("family-soon:")
    ]
    assert [
        k
        for k in services.reminders_plan(today=add_days(day, -14)).keys
        if k.startswith("family-soon:")
    ]


def test_a_young_person_is_texted_about_their_own_case(cases: Cases, notify: NotifyStandIn) -> None:
    young = make_user("yasmin", "Yasmin", "Older")
    child = make_child(cases.la, "Yasmin", "Older", cases.caseworker)
    child.date_of_birth = date(2009, 3, 1)  # compulsory school age ended in June 2025
    child.save()
    _events(
        child,
        (CaseEvent.Type.ASSESSMENT_REQUESTED, date(2025, 11, 3), {}),
        (CaseEvent.Type.ASSESSMENT_DECISION, date(2025, 12, 10), {"decision": "not_assess"}),
        ("decision_notice_sent", date(2026, 1, 12), {}),
    )
    FamilyMember.objects.create(
        child=child, user=young, name="Yasmin Older", relationship="young_person"
    )
    choose(young, channels="both", mobile_number="07700900983")
    call_command("send_reminders", "--today", TODAY.isoformat(), stdout=None)
    texts = [r["body"] for r in notify.requests if r["body"].get("phone_number") == "07700900983"]
    assert texts and all(t["template_id"] == notify_id("young_person_deadline_sms") for t in texts)
    assert all(set(t["personalisation"]) == {"due"} for t in texts)
    emails = [r["body"] for r in notify.requests if r["body"].get("email_address") == young.email]
    assert emails and all(e["personalisation"]["case_of"] == "your" for e in emails)
    assert all("your child" not in e["personalisation"]["what"].lower() for e in emails)
    assert all(
        t["personalisation"]["due"] in {format_long_date(r.family_day) for r in family_rows(cases)}
        for t in texts
    )


def test_a_young_persons_calendar_says_you_not_your_child(cases: Cases) -> None:
    from redress.notifications.calendar_feed import events_for

    young = make_user("yusuf", "Yusuf", "Older")
    child = make_child(cases.la, "Yusuf", "Older", cases.caseworker)
    child.date_of_birth = date(2009, 3, 1)
    child.save()
    _events(child, (CaseEvent.Type.ASSESSMENT_REQUESTED, date(2026, 1, 26), {}))
    FamilyMember.objects.create(
        child=child, user=young, name="Yusuf Older", relationship="young_person"
    )
    mine = [e for e in events_for(young, base_url="https://redress.example") if e.day]
    texts = " ".join(e.summary + " " + e.description for e in mine)
    assert "assess your needs" in texts
    assert "your child" not in texts.lower()
    # The parent's feed about a child keeps the parent's wording.
    parent_feed = events_for(cases.parent, base_url="https://redress.example")
    assert all("assess your needs" not in e.summary for e in parent_feed)
