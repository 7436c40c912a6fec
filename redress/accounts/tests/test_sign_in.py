"""Signing in, signing out, resetting a forgotten password by email, and sessions that end."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from redress.casework.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_wrong_password_is_refused_with_an_error_summary(client: Any) -> None:
    UserFactory(username="sam")
    response = client.post(reverse("accounts:sign-in"), {"username": "sam", "password": "nope"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page and "Enter a correct username and password" in page
    assert "<title>\nError:" in page or "Error: Sign in" in page


def test_a_forgotten_password_is_reset_through_an_emailed_link(client: Any) -> None:
    UserFactory(username="sam", email="sam@example.invalid")
    response = client.post(reverse("accounts:password-reset"), {"email": "sam@example.invalid"})
    assert response.status_code == 302
    [message] = mail.outbox
    assert message.subject == "Reset your Redress password"
    link = re.search(r"http://testserver(\S+)", message.body)
    assert link is not None
    form_page = client.get(link.group(1), follow=True)
    assert "Choose a new password" in form_page.content.decode()
    done = client.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else link.group(1),
        {"new_password1": "a much longer secret 42", "new_password2": "a much longer secret 42"},
    )
    assert done.status_code == 302
    assert client.login(username="sam", password="a much longer secret 42")


def test_an_unknown_address_gets_the_same_answer_and_no_email(client: Any) -> None:
    response = client.post(reverse("accounts:password-reset"), {"email": "nobody@example.invalid"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_sessions_end_after_an_hour_idle_and_when_the_browser_closes() -> None:
    assert settings.SESSION_COOKIE_AGE == 3600
    assert settings.SESSION_SAVE_EVERY_REQUEST and settings.SESSION_EXPIRE_AT_BROWSER_CLOSE


def test_signing_out_needs_a_post_and_ends_the_session(client: Any) -> None:
    user = UserFactory()
    client.force_login(user)
    response = client.post(reverse("accounts:sign-out"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
