"""GOV.UK Notify against a local stand-in for its HTTP API; retries with back-off; the
administrator's page of failures."""

from __future__ import annotations

import json
import threading
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from redress.notifications import services
from redress.notifications.message_templates import PLACEHOLDER, SUBJECT_SAFE_FIELDS, TEMPLATES
from redress.notifications.models import Message
from redress.notifications.tests.conftest import TODAY, Cases, Inbox

pytestmark = pytest.mark.django_db

SERVICE_ID = str(uuid.uuid4())
SECRET = str(uuid.uuid4())
TEMPLATE_IDS = {key: str(uuid.uuid4()) for key in TEMPLATES}


class NotifyStandIn:
    """Answers POST /v2/notifications/email as Notify does, or with a chosen error."""

    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        self.fail_with: list[int] = []  # status codes to answer with, first to last
        self.lock = threading.Lock()
        stand_in = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                length = int(self.headers.get("Content-Length", "0"))
                body = json.loads(self.rfile.read(length) or b"{}")
                with stand_in.lock:
                    stand_in.requests.append(
                        {
                            "path": self.path,
                            "authorization": self.headers.get("Authorization", ""),
                            "body": body,
                        }
                    )
                    status = stand_in.fail_with.pop(0) if stand_in.fail_with else 201
                if status == 201:
                    answer: dict[str, Any] = {
                        "id": str(uuid.uuid4()),
                        "reference": body.get("reference"),
                        "content": {"subject": "", "body": ""},
                        "template": {"id": body.get("template_id"), "version": 1},
                    }
                else:
                    answer = {
                        "status_code": status,
                        "errors": [{"error": "BadRequestError", "message": "Stand-in refused"}],
                    }
                data = json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> NotifyStandIn:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def notify(settings: Any) -> Iterator[NotifyStandIn]:
    with NotifyStandIn() as stand_in:
        settings.REDRESS_NOTIFICATION_CHANNEL = "notify"
        settings.NOTIFY_API_KEY = f"redress_test-{SERVICE_ID}-{SECRET}"
        settings.NOTIFY_BASE_URL = stand_in.url
        settings.NOTIFY_TEMPLATE_IDS = TEMPLATE_IDS
        yield stand_in


def test_reminders_go_through_notify_with_the_declared_templates(
    cases: Cases, notify: NotifyStandIn
) -> None:
    call_command("send_reminders", "--today", TODAY.isoformat(), stdout=None)
    call_command("send_reminders", "--today", TODAY.isoformat(), stdout=None)
    assert len(notify.requests) == 5  # the second run sent nothing again
    by_template = {v: k for k, v in TEMPLATE_IDS.items()}
    seen = set()
    for request in notify.requests:
        assert request["path"] == "/v2/notifications/email"
        assert request["authorization"].startswith("Bearer ")
        body = request["body"]
        key = by_template[body["template_id"]]
        seen.add(key)
        template = TEMPLATES[key]
        assert set(body["personalisation"]) == set(template.fields)
        assert body["reference"].startswith("redress-")
        # The subject Notify shows is the declared one filled with this personalisation.
        subject = template.render_subject(body["personalisation"])
        for child in cases.children:
            assert child.first_name not in subject and child.last_name not in subject
    assert seen == {
        "deadline_due_soon",
        "deadline_overdue",
        "deadline_escalation",
        "family_deadline_due_soon",
    }
    family = [r for r in notify.requests if r["body"]["email_address"] == "parent@example.invalid"]
    # The parent reads about Cara's case (a young person would read "your case").
    assert family and all(r["body"]["personalisation"]["case_of"] == "Cara's" for r in family)
    assert set(Message.objects.values_list("status", flat=True)) == {Message.Status.SENT}
    assert all(m.provider_reference for m in Message.objects.all())


def test_no_subject_can_carry_a_childs_details() -> None:
    for template in TEMPLATES.values():
        fields = set(PLACEHOLDER.findall(template.subject))
        assert fields <= SUBJECT_SAFE_FIELDS, template.key
        if template.audience == "family":
            assert not fields, f"{template.key}: a family subject has no placeholders"


def test_a_failure_is_retried_with_back_off_and_shown_to_the_administrator(
    cases: Cases, notify: NotifyStandIn, client: Any, admin_user: Any, settings: Any
) -> None:
    settings.NOTIFICATIONS_RETRY_BASE_SECONDS = 60
    services.messages_plan(today=TODAY)
    first = Message.objects.order_by("pk").first()
    assert first is not None
    Message.objects.exclude(pk=first.pk).update(status=Message.Status.CANCELLED)
    notify.fail_with = [500, 503]

    before = timezone.now()
    services.messages_deliver_due()
    first.refresh_from_db()
    assert first.status == Message.Status.PENDING
    assert first.attempts == 1
    assert "500" in first.last_error
    assert first.next_attempt_at >= before + timedelta(seconds=60)

    client.force_login(admin_user)
    page = client.get("/notifications/failures/").content.decode()
    assert "Will try again" in page and first.to_address in page

    # Not due yet: nothing is sent.
    assert services.messages_deliver_due().sent == 0
    # The second failure doubles the wait.
    Message.objects.filter(pk=first.pk).update(next_attempt_at=timezone.now())
    before = timezone.now()
    services.messages_deliver_due()
    first.refresh_from_db()
    assert first.attempts == 2
    assert first.next_attempt_at >= before + timedelta(seconds=120)
    # Then it goes.
    Message.objects.filter(pk=first.pk).update(next_attempt_at=timezone.now())
    assert services.messages_deliver_due().sent == 1
    first.refresh_from_db()
    assert first.status == Message.Status.SENT
    assert len(notify.requests) == 3


def test_a_refused_request_fails_at_once_and_an_administrator_can_send_it_again(
    cases: Cases, notify: NotifyStandIn, client: Any, admin_user: Any
) -> None:
    services.messages_plan(today=TODAY)
    first = Message.objects.order_by("pk").first()
    assert first is not None
    Message.objects.exclude(pk=first.pk).update(status=Message.Status.CANCELLED)
    notify.fail_with = [400]
    services.messages_deliver_due()
    first.refresh_from_db()
    assert first.status == Message.Status.FAILED
    assert "400" in first.last_error

    client.force_login(admin_user)
    page = client.get("/notifications/failures/").content.decode()
    assert "Failed" in page and "Stand-in refused" in page
    response = client.post(f"/notifications/failures/{first.pk}/retry/")
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.status == Message.Status.PENDING
    assert services.messages_deliver_due().sent == 1


def test_after_the_last_attempt_a_message_is_failed(
    cases: Cases, smtp_server: Inbox, settings: Any
) -> None:
    settings.NOTIFICATIONS_MAX_ATTEMPTS = 2
    settings.EMAIL_PORT = 1  # nothing listens there
    services.messages_plan(today=TODAY)
    services.messages_deliver_due()
    Message.objects.update(next_attempt_at=timezone.now())
    services.messages_deliver_due()
    assert set(Message.objects.values_list("status", flat=True)) == {Message.Status.FAILED}
    assert all(m.attempts == 2 for m in Message.objects.all())


def test_only_administrators_see_the_failures_page(cases: Cases, client: Any) -> None:
    client.force_login(cases.caseworker)
    assert client.get("/notifications/failures/").status_code == 403


def test_only_administrators_can_send_a_message_again(cases: Cases, client: Any) -> None:
    services.messages_plan(today=TODAY)
    message = Message.objects.order_by("pk").first()
    assert message is not None
    Message.objects.filter(pk=message.pk).update(status=Message.Status.FAILED)
    client.force_login(cases.caseworker)
    assert client.post(f"/notifications/failures/{message.pk}/retry/").status_code == 403
    message.refresh_from_db()
    assert message.status == Message.Status.FAILED


def test_send_again_never_resets_a_message_a_sender_has_just_claimed(
    cases: Cases, admin_user: Any
) -> None:
    """The administrator's page showed the message as failed; by the time they press the button
    a sender has claimed it again. Putting it back to pending would let it go out twice."""
    services.messages_plan(today=TODAY)
    message = Message.objects.order_by("pk").first()
    assert message is not None
    Message.objects.filter(pk=message.pk).update(status=Message.Status.FAILED)
    message.refresh_from_db()  # what the page loaded
    Message.objects.filter(pk=message.pk).update(
        status=Message.Status.SENDING, claimed_by="machine-a", claimed_at=timezone.now()
    )
    assert services.message_retry(actor=admin_user, message=message) is False
    message.refresh_from_db()
    assert message.status == Message.Status.SENDING and message.claimed_by == "machine-a"


def test_two_messages_whose_long_keys_share_a_beginning_are_both_kept(cases: Cases) -> None:
    from redress.notifications.recipients import Contact

    base = "family-soon:" + "x" * 300
    for n in range(2):
        _, created = services.message_enqueue(
            key=f"{base}:{n}",
            template="sign_in_code",
            contact=Contact(email=f"p{n}@example.invalid", name="P"),
            personalisation={},
        )
        assert created
    assert Message.objects.filter(to_address__startswith="p").count() == 2


def test_a_refused_send_again_does_not_read_as_a_success(
    cases: Cases, admin_user: Any, client: Any
) -> None:
    services.messages_plan(today=TODAY)
    message = Message.objects.order_by("pk").first()
    assert message is not None
    Message.objects.filter(pk=message.pk).update(status=Message.Status.SENT)
    client.force_login(admin_user)
    page = client.post(f"/notifications/failures/{message.pk}/retry/", follow=True)
    html = page.content.decode()
    assert "cannot be sent again from here" in html
    assert "Important" in html and "govuk-notification-banner--success" not in html


def test_choosing_a_daily_digest_is_saved_and_audited(cases: Cases) -> None:
    from django.core.exceptions import ValidationError

    from redress.audit.models import AuditEntry

    services.preference_set(user=cases.caseworker, delivery="digest")
    assert services.prefers_digest(cases.caseworker)
    assert AuditEntry.objects.filter(actor=cases.caseworker, object_type__icontains="preference")
    with pytest.raises(ValidationError):
        services.preference_set(user=cases.caseworker, delivery="pigeon")
    assert services.prefers_digest(cases.caseworker)


# -- The list of failed messages --------------------------------------------------------------


def _failures(cases: Cases) -> None:
    """55 failed emails made on 1 February with 3 tries, and 1 text message waiting to retry."""
    Message.objects.bulk_create(
        Message(dedupe_key=f"failed-{n}", template="reminder", channel="email",
                recipient=cases.caseworker, to_address=f"person{n}@example.invalid",
                status="failed", attempts=3, last_error=f"550 mailbox {n} unavailable")
        for n in range(55)
    )  # fmt: skip
    Message.objects.filter(dedupe_key__startswith="failed-").update(
        created_at=datetime(2026, 2, 1, 9, tzinfo=UTC)
    )
    Message.objects.create(
        dedupe_key="retrying", template="reminder", channel=Message.Channel.choices[-1][0],
        recipient=cases.caseworker, to_address="retry@example.invalid", status="pending",
        attempts=1, last_error="timed out",
    )  # fmt: skip


def test_the_failures_filter_sort_page_and_export(
    cases: Cases, client: Any, admin_user: Any
) -> None:
    import csv
    import io

    from redress.audit.models import AuditEntry

    _failures(cases)
    client.force_login(admin_user)
    url = "/notifications/failures/"
    first = client.get(url)
    assert len(first.context["page"].object_list) == 50
    assert first.context["page"].object_list[0].dedupe_key == "retrying"  # newest first
    assert "page=2" in first.content.decode()
    assert client.get(url, {"problem": "retrying"}).context["page"].paginator.count == 1
    assert client.get(url, {"problem": "failed"}).context["page"].paginator.count == 55
    assert (
        client.get(url, {"until_day": "1", "until_month": "2", "until_year": "2026"})
        .context["page"]
        .paginator.count
        == 55
    )
    oldest = client.get(url, {"sort": "oldest"}).context["page"].object_list
    assert oldest[0].dedupe_key.startswith("failed-")
    tries = client.get(url, {"sort": "tries"}).context["page"].object_list
    assert tries[0].attempts == 3
    response = client.get("/notifications/failures.csv", {"problem": "failed"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][:4] == ["Message", "Template", "Channel", "To"]
    assert len(rows) == 56 and rows[1][4] == "Failed"
    assert AuditEntry.objects.filter(
        action="download", object_type="notifications.Message"
    ).exists()


def test_only_administrators_see_or_export_the_failures(cases: Cases, client: Any) -> None:
    _failures(cases)
    client.force_login(cases.caseworker)
    assert client.get("/notifications/failures/").status_code == 403
    assert client.get("/notifications/failures.csv").status_code == 403
