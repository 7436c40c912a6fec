"""Fixtures: a real SMTP server (aiosmtpd) on a free local port, and cases with deadlines that
the statutory engine computed."""

from __future__ import annotations

import email
import email.policy
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from django.contrib.auth import get_user_model

from redress.accounts.models import Membership, Organisation, Role
from redress.casework.deadlines import deadlines_recompute
from redress.casework.models import CaseEvent, Child, FamilyMember
from redress.notifications.models import ReminderRule

TODAY = date(2026, 3, 2)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Inbox:
    """What the SMTP server received: parsed messages, safe to read from the test thread."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.messages: list[email.message.EmailMessage] = []
        self.recipients: list[list[str]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        parsed = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.lock:
            self.messages.append(parsed)
            self.recipients.append(list(envelope.rcpt_tos))
        return "250 Message accepted for delivery"

    def references(self) -> list[str]:
        with self.lock:
            return [str(m["X-Redress-Reference"]) for m in self.messages]

    def subjects(self) -> list[str]:
        with self.lock:
            return [str(m["Subject"]) for m in self.messages]

    def __len__(self) -> int:
        with self.lock:
            return len(self.messages)


@pytest.fixture
def smtp_server(settings: Any) -> Iterator[Inbox]:
    """aiosmtpd on 127.0.0.1 and a free port; Django's SMTP backend pointed at it."""
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.REDRESS_NOTIFICATION_CHANNEL = "email"
    try:
        yield inbox
    finally:
        controller.stop()


@dataclass
class Cases:
    la: Any
    caseworker: Any
    manager: Any
    parent: Any
    due_soon: Child  # the local authority's decision is due within a week
    overdue: Child  # the local authority's decision is overdue
    family: Child  # the family's mediation and appeal windows are open
    children: list[Child] = field(default_factory=list)


def _events(child: Child, *events: tuple[str, date, dict[str, Any]]) -> None:
    for kind, when, details in events:
        CaseEvent.objects.create(child=child, type=kind, date=when, details=details)
    deadlines_recompute(child=child, today=TODAY)


def make_user(username: str, first_name: str = "Sam", last_name: str = "Person") -> Any:
    return get_user_model().objects.create_user(
        username=username,
        email=f"{username}@example.invalid",
        password="correct horse battery",
        first_name=first_name,
        last_name=last_name,
    )


def staff(username: str, role: str, organisation: Organisation, team: str = "North") -> Any:
    user = make_user(username)
    Membership.objects.create(user=user, organisation=organisation, role=role, team=team)
    return user


def make_child(la: Organisation, first_name: str, last_name: str, caseworker: Any) -> Child:
    return Child.objects.create(
        first_name=first_name,
        last_name=last_name,
        date_of_birth=date(2016, 5, 17),
        local_authority=la,
        caseworker=caseworker,
        team="North",
    )


def ensure_reminder_rules() -> None:
    """The lead times migration 0002 installs (a transactional test's flush removes them)."""
    for rule, lead in [
        ("*", 7),
        ("advice.response", 10),
        ("plan.final", 14),
        ("plan.draft_comments", 5),
        ("mediation.contact_adviser", 14),
        ("appeal.lodge", 14),
    ]:
        ReminderRule.objects.get_or_create(
            rule=rule, defaults={"lead_days": lead, "escalate_after_days": 1}
        )


def make_cases() -> Cases:
    ensure_reminder_rules()
    la = Organisation.objects.create(
        name="Northshire Council", kind=Organisation.Kind.LOCAL_AUTHORITY
    )
    caseworker = staff("casey", Role.LA_CASEWORKER, la)
    manager = staff("morgan", Role.LA_MANAGER, la)
    parent = make_user("parent", "Jo", "Parent")
    due_soon = make_child(la, "Ava", "Soon", caseworker)
    _events(due_soon, (CaseEvent.Type.ASSESSMENT_REQUESTED, date(2026, 1, 26), {}))
    overdue = make_child(la, "Ben", "Late", caseworker)
    _events(overdue, (CaseEvent.Type.ASSESSMENT_REQUESTED, date(2026, 1, 5), {}))
    family = make_child(la, "Cara", "Fam", caseworker)
    FamilyMember.objects.create(
        child=family, user=parent, name="Jo Parent", relationship=FamilyMember.Relationship.PARENT
    )
    _events(
        family,
        (CaseEvent.Type.ASSESSMENT_REQUESTED, date(2025, 11, 3), {}),
        (CaseEvent.Type.ASSESSMENT_DECISION, date(2025, 12, 10), {"decision": "not_assess"}),
        ("decision_notice_sent", date(2026, 1, 12), {}),
    )
    return Cases(
        la, caseworker, manager, parent, due_soon, overdue, family, [due_soon, overdue, family]
    )


@pytest.fixture
def cases(db: None) -> Cases:
    return make_cases()
