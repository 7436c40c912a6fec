"""A caseworker invites a family member or young person; the invitation goes through the outbox
to a real SMTP server; the link joins their sign-in to that child and no other."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from redress.audit.models import AuditEntry
from redress.casework.models import FamilyMember
from redress.family.invitations import family_invitation_create
from redress.family.models import FamilyInvitation
from redress.notifications.models import Message
from redress.notifications.tests.conftest import Cases, Inbox, make_child, make_user

pytestmark = pytest.mark.django_db


def body_of(inbox: Inbox, index: int = -1) -> str:
    with inbox.lock:
        message = inbox.messages[index]
    return str(message.get_body(preferencelist=("plain",)).get_content())  # type: ignore[union-attr]


def link_in(body: str) -> str:
    match = re.search(r"https?://[^/\s]+(/family/invitation/[^\s]+/)", body)
    assert match, body
    return match.group(1)


def code_in(body: str) -> str:
    match = re.search(r"\b(\d{6})\b", body)
    assert match, body
    return match.group(1)


def add_member(child: Any, name: str, email: str, relationship: str = "parent") -> FamilyMember:
    return FamilyMember.objects.create(
        child=child, name=name, email=email, relationship=relationship
    )


def follow_invitation(inbox: Inbox, browser: Client) -> Any:
    """Open the link in the latest email, ask for a code, type it in."""
    link = link_in(body_of(inbox))
    page = browser.get(link)
    assert page.status_code == 200 and "Set up your sign-in" in page.content.decode()
    response = browser.post(link)
    assert response.status_code == 302 and response["Location"] == "/account/code/enter/"
    code = code_in(body_of(inbox))
    return browser.post("/account/code/enter/", {"code": code}, follow=True)


def test_an_invited_parent_signs_in_and_sees_only_their_child(
    cases: Cases, smtp_server: Inbox
) -> None:
    member = add_member(cases.due_soon, "Dana Soon", "dana@example.invalid")
    staff = Client()
    staff.force_login(cases.caseworker)
    case_page = staff.get(f"/cases/{cases.due_soon.pk}/").content.decode()
    invite_url = f"/family/cases/{cases.due_soon.pk}/members/{member.pk}/invite/"
    assert invite_url in case_page
    response = staff.post(invite_url)
    assert response.status_code == 302, re.findall(
        r"govuk-error-message.*", response.content.decode()
    )
    assert len(smtp_server) == 1
    with smtp_server.lock:
        first = smtp_server.messages[0]
    assert first["To"] == "dana@example.invalid"
    assert first["Subject"] == "You are invited to see a case in Redress"
    assert "Ava" not in first["Subject"]
    assert Message.objects.filter(template="family_invitation", status="sent").count() == 1
    assert AuditEntry.objects.filter(summary="Invited Dana Soon to sign in").exists()

    browser = Client()
    page = follow_invitation(smtp_server, browser)
    assert page.redirect_chain[-1][0] == f"/family/cases/{cases.due_soon.pk}/"
    html = page.content.decode()
    assert "Ava Soon" in html
    member.refresh_from_db()
    assert member.user is not None and member.user.email == "dana@example.invalid"
    assert browser.get(f"/family/cases/{cases.family.pk}/").status_code == 403
    assert browser.get(f"/family/cases/{cases.overdue.pk}/").status_code == 403
    # The link works once.
    assert browser.get(link_in(body_of(smtp_server, 0))).status_code == 404
    # The caseworker sees that they can sign in now.
    assert (
        "Dana Soon can sign in and see the case"
        in staff.get(f"/cases/{cases.due_soon.pk}/").content.decode()
    )


def test_an_invitation_runs_out_after_14_days(cases: Cases, smtp_server: Inbox) -> None:
    member = add_member(cases.due_soon, "Dana Soon", "dana@example.invalid")
    staff = Client()
    staff.force_login(cases.caseworker)
    staff.post(f"/family/cases/{cases.due_soon.pk}/members/{member.pk}/invite/")
    link = link_in(body_of(smtp_server))
    with time_machine.travel(timezone.now() + timedelta(days=15)):
        response = Client().get(link)
    assert response.status_code == 404
    assert "cannot be used" in response.content.decode()


def test_only_the_childs_council_can_invite(cases: Cases, smtp_server: Inbox) -> None:
    member = add_member(cases.due_soon, "Dana Soon", "dana@example.invalid")
    url = f"/family/cases/{cases.due_soon.pk}/members/{member.pk}/invite/"
    for person in (cases.parent, make_user("stranger")):
        browser = Client()
        browser.force_login(person)
        assert browser.post(url).status_code in (403, 404)
    assert len(smtp_server) == 0
    assert not FamilyInvitation.objects.exists()


def test_someone_with_no_email_cannot_be_invited(cases: Cases, smtp_server: Inbox) -> None:
    member = FamilyMember.objects.create(
        child=cases.due_soon, name="Pat Phone", phone="01234", relationship="parent"
    )
    staff = Client()
    staff.force_login(cases.caseworker)
    response = staff.post(f"/family/cases/{cases.due_soon.pk}/members/{member.pk}/invite/")
    assert response.status_code == 200
    assert "Record an email address for them first" in response.content.decode()
    assert len(smtp_server) == 0


def sixteen_year_old(cases: Cases) -> Any:
    child = make_child(cases.la, "Yasmin", "Young", cases.caseworker)
    child.date_of_birth = date(2008, 1, 10)
    child.save()
    return child


def test_a_young_person_gets_their_own_account_and_can_stop_a_parent_seeing(
    cases: Cases, smtp_server: Inbox
) -> None:
    child = sixteen_year_old(cases)
    young = add_member(child, "Yasmin Young", "yasmin@example.invalid", "young_person")
    parent = add_member(child, "Pam Young", "pam@example.invalid")
    staff = Client()
    staff.force_login(cases.caseworker)

    # A parent of a young person: only with a reason recorded.
    url = f"/family/cases/{child.pk}/members/{parent.pk}/invite/"
    refused = staff.post(url)
    assert "Say why this parent or carer may see the case" in refused.content.decode()
    assert len(smtp_server) == 0
    staff.post(url, {"basis": "young_person_agrees"})
    parent_browser = Client()
    follow_invitation(smtp_server, parent_browser)
    assert parent_browser.get(f"/family/cases/{child.pk}/").status_code == 200

    staff.post(f"/family/cases/{child.pk}/members/{young.pk}/invite/")
    with smtp_server.lock:
        subject = str(smtp_server.messages[-1]["Subject"])
    assert subject == "You are invited to see your case in Redress"
    assert "your own case" in body_of(smtp_server)
    young_browser = Client()
    page = follow_invitation(smtp_server, young_browser).content.decode()
    assert "Yasmin Young" in page
    stop = f"/family/cases/{child.pk}/members/{parent.pk}/stop/"
    assert stop in page
    # The parent cannot stop the young person's access.
    assert (
        parent_browser.post(f"/family/cases/{child.pk}/members/{young.pk}/stop/").status_code == 403
    )
    assert young_browser.post(stop).status_code == 302
    assert parent_browser.get(f"/family/cases/{child.pk}/").status_code == 403
    parent.refresh_from_db()
    assert parent.user is None  # the family member stays on record
    assert AuditEntry.objects.filter(action="revoke", child=child).exists()


def test_a_child_under_16_is_not_invited_for_their_own_account(cases: Cases) -> None:
    child = make_child(cases.la, "Tom", "Twelve", cases.caseworker)
    member = add_member(child, "Tom Twelve", "tom@example.invalid", "young_person")
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="under 16"):
        family_invitation_create(actor=cases.caseworker, member=member)
