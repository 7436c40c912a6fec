"""The daily reminder job through a real SMTP server: each reminder is sent once, even when the
job runs twice, crashes halfway, or runs twice at the same time."""

from __future__ import annotations

import threading
from collections import Counter
from datetime import timedelta
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection

from redress.accounts.models import Membership
from redress.casework.models import CaseEvent
from redress.notifications import services
from redress.notifications.models import Message, NotificationPreference, ReminderRule
from redress.notifications.tests.conftest import TODAY, Cases, Inbox, make_cases

pytestmark = pytest.mark.django_db


def run_job(today: Any = TODAY) -> str:
    out = StringIO()
    call_command("send_reminders", "--today", today.isoformat(), stdout=out)
    return out.getvalue()


def sent_to(inbox: Inbox) -> Counter[tuple[str, str]]:
    with inbox.lock:
        return Counter((m["To"], m["Subject"]) for m in inbox.messages)


def test_running_the_job_twice_sends_each_reminder_once(cases: Cases, smtp_server: Inbox) -> None:
    run_job()
    first = sent_to(smtp_server)
    assert sum(first.values()) == 5
    assert (
        first[
            (
                "casey@example.invalid",
                "Reminder: Decide whether to carry out an EHC needs assessment by 9 March 2026",
            )
        ]
        == 1
    )
    assert (
        first[
            (
                "casey@example.invalid",
                "Overdue: Decide whether to carry out an EHC needs assessment was due by 16 February 2026",
            )
        ]
        == 1
    )
    assert (
        first[
            (
                "morgan@example.invalid",
                "Overdue in your team: Decide whether to carry out an EHC needs assessment",
            )
        ]
        == 1
    )
    assert first[("parent@example.invalid", "A date in your case is coming up")] == 2

    output = run_job()
    assert "Queued 0 new messages (5 already queued" in output
    assert sent_to(smtp_server) == first
    assert len(smtp_server.references()) == len(set(smtp_server.references())) == 5
    assert Message.objects.filter(status=Message.Status.SENT).count() == 5


def test_family_messages_never_put_the_childs_details_in_the_subject(
    cases: Cases, smtp_server: Inbox
) -> None:
    run_job()
    child = cases.family
    with smtp_server.lock:
        family_mail = [m for m in smtp_server.messages if m["To"] == "parent@example.invalid"]
    assert family_mail
    for message in family_mail:
        subject = str(message["Subject"])
        for detail in (child.first_name, child.last_name, str(child.date_of_birth.year)):
            assert detail not in subject
        body = message.get_content()
        assert "/family/cases/" in body
    # Nor do staff subjects: a subject is read on lock screens and in shared inboxes.
    for subject in smtp_server.subjects():
        for c in cases.children:
            assert c.first_name not in subject and c.last_name not in subject


class Crash(Exception):
    """Stands in for the process dying."""


def test_a_run_that_crashes_after_the_first_send_then_reruns_sends_the_rest_once(
    cases: Cases, smtp_server: Inbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_record_sent = services.message_record_sent
    calls = {"n": 0}

    def record_then_crash(message: Message, reference: str) -> None:
        real_record_sent(message, reference)
        calls["n"] += 1
        if calls["n"] == 1:
            raise Crash("killed after the first send")

    monkeypatch.setattr(services, "message_record_sent", record_then_crash)
    with pytest.raises(Crash):
        run_job()
    assert len(smtp_server) == 1
    monkeypatch.setattr(services, "message_record_sent", real_record_sent)

    run_job()
    assert len(smtp_server) == 5
    assert len(set(smtp_server.references())) == 5


def test_a_crash_between_sending_and_recording_never_sends_that_message_again(
    cases: Cases, smtp_server: Inbox, monkeypatch: pytest.MonkeyPatch, client: Any, admin_user: Any
) -> None:
    """The message went out but the job died before writing so: it stays `sending`, is not sent
    again by the next run, and the administrator's page lists it as interrupted."""

    def crash(message: Message, reference: str) -> None:
        raise Crash("killed between the SMTP server's answer and the database write")

    monkeypatch.setattr(services, "message_record_sent", crash)
    with pytest.raises(Crash):
        run_job()
    assert len(smtp_server) == 1
    monkeypatch.undo()

    run_job()
    run_job()
    assert len(smtp_server) == 5  # the interrupted one was not sent twice
    stuck = Message.objects.get(status=Message.Status.SENDING)
    assert stuck.claimed_at is not None
    Message.objects.filter(pk=stuck.pk).update(claimed_at=stuck.claimed_at - timedelta(hours=1))

    client.force_login(admin_user)
    page = client.get("/notifications/failures/")
    assert page.status_code == 200
    assert "Interrupted" in page.content.decode()
    assert stuck.to_address in page.content.decode()


def test_two_senders_racing_for_one_message_only_one_wins(cases: Cases) -> None:
    services.messages_plan(today=TODAY)
    message = Message.objects.filter(status=Message.Status.PENDING).first()
    assert message is not None
    assert services._claim(message.pk, "machine-a")
    assert not services._claim(message.pk, "machine-b")
    assert Message.objects.get(pk=message.pk).claimed_by == "machine-a"


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_runs_never_send_a_message_twice(smtp_server: Inbox) -> None:
    make_cases()
    # More messages than the cases make, so the two senders really overlap.
    for n in range(3):
        make_extra_case(n)
    services.messages_plan(today=TODAY)
    total = Message.objects.filter(status=Message.Status.PENDING).count()
    assert total >= 10

    barrier = threading.Barrier(2)
    errors: list[BaseException] = []
    results: list[services.DeliveryResult] = []

    def worker(name: str) -> None:
        try:
            barrier.wait(timeout=10)
            results.append(services.messages_deliver_due(worker=name))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(f"machine-{n}",)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    # Both senders really ran at the same time: each sent part of the outbox. (Had one finished
    # before the other started, the test would pass without any claim being contested.)
    assert len(results) == 2 and all(r.sent > 0 for r in results), results
    assert sum(r.sent for r in results) == total
    assert len(smtp_server) == total
    references = smtp_server.references()
    assert len(references) == len(set(references)), "a message was sent twice"
    assert set(Message.objects.values_list("status", flat=True)) == {Message.Status.SENT}


def make_extra_case(n: int) -> Any:
    from redress.casework.deadlines import deadlines_recompute
    from redress.casework.models import Child

    la_child = Child.objects.get(first_name="Ava")
    child = Child.objects.create(
        first_name=f"Extra{n}",
        last_name="Case",
        date_of_birth=la_child.date_of_birth,
        local_authority=la_child.local_authority,
        caseworker=la_child.caseworker,
        team="North",
    )
    CaseEvent.objects.create(
        child=child, type=CaseEvent.Type.ASSESSMENT_REQUESTED, date=TODAY - timedelta(weeks=7)
    )
    deadlines_recompute(child=child, today=TODAY)
    return child


def test_lead_times_come_from_the_reminder_rules(cases: Cases, smtp_server: Inbox) -> None:
    ReminderRule.objects.filter(rule="*").update(lead_days=3)
    ReminderRule.objects.update_or_create(rule="assessment.decision", defaults={"lead_days": 2})
    run_job()
    subjects = smtp_server.subjects()
    assert not any(s.startswith("Reminder: Decide whether") for s in subjects)  # due in 7 days
    run_job(TODAY + timedelta(days=5))
    assert any(s.startswith("Reminder: Decide whether") for s in smtp_server.subjects())


def test_an_inactive_rule_sends_nothing(cases: Cases, smtp_server: Inbox) -> None:
    ReminderRule.objects.update_or_create(rule="assessment.decision", defaults={"active": False})
    run_job()
    assert not any("Decide whether" in s for s in smtp_server.subjects())


def test_a_person_who_chose_a_digest_gets_one_message_a_day(
    cases: Cases, smtp_server: Inbox
) -> None:
    NotificationPreference.objects.create(
        user=cases.caseworker, delivery=NotificationPreference.Delivery.DIGEST
    )
    run_job()
    run_job()
    to_casey = [
        s
        for (to, s), n in sent_to(smtp_server).items()
        for _ in range(n)
        if to == "casey@example.invalid"
    ]
    assert to_casey == ["Your reminders for today (2)"]
    with smtp_server.lock:
        digest = next(m for m in smtp_server.messages if m["To"] == "casey@example.invalid")
    body = digest.get_content()
    assert "Reminder: Decide whether" in body and "Overdue: Decide whether" in body
    assert Message.objects.filter(status=Message.Status.DIGESTED).count() == 2


def test_the_family_hears_once_when_their_case_changes(cases: Cases, smtp_server: Inbox) -> None:
    run_job()
    before = len(smtp_server)
    CaseEvent.objects.create(child=cases.family, type="mediation_adviser_contacted", date=TODAY)
    from redress.casework.deadlines import deadlines_recompute

    deadlines_recompute(child=cases.family, today=TODAY)
    run_job()
    run_job()
    new = sent_to(smtp_server)
    assert new[("parent@example.invalid", "There is news in your case")] == 1
    assert len(smtp_server) == before + 1


def test_a_caseworker_who_has_left_gets_no_reminders_about_the_child(
    cases: Cases, smtp_server: Inbox
) -> None:
    Membership.objects.filter(user=cases.caseworker).update(active=False)
    run_job()
    to = [m["To"] for m in smtp_server.messages]
    assert "casey@example.invalid" not in to
    # The overdue decision still reaches the team's manager.
    assert "morgan@example.invalid" in to
