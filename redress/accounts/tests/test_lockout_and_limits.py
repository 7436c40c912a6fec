"""Guessing passwords locks the account and the address for a while; password reset emails
and guidance subscriptions are rate-limited; reset links last hours, not days."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.test import Client, override_settings
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from redress.accounts.models import Role
from redress.audit.models import AuditEntry
from redress.casework.tests.factories import LocalAuthorityFactory, UserFactory, user_with_role

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"


def attempt(client: Client, username: str, password: str, path: str, ip: str) -> Any:
    return client.post(path, {"username": username, "password": password}, REMOTE_ADDR=ip)


@pytest.mark.parametrize("path", ["/account/sign-in/", "/admin/login/"])
def test_wrong_passwords_lock_the_account_and_the_right_one_is_refused(path: str) -> None:
    user_with_role(Role.ADMINISTRATOR, LocalAuthorityFactory(), username="ada", is_staff=True)
    client = Client()
    for _ in range(30):
        attempt(client, "ada", "guess", path, "198.51.100.7")
    # From another address too: the account itself is locked.
    response = attempt(client, "ada", PASSWORD, path, "203.0.113.9")
    page = response.content.decode()
    assert response.status_code == 429
    assert "You cannot sign in at the moment" in page
    assert "administrator" in page and "reset your password" in page
    assert "_auth_user_id" not in client.session
    assert AuditEntry.objects.filter(action="refused", summary__contains="“ada”").exists()


def test_wrong_passwords_from_one_address_lock_that_address() -> None:
    UserFactory(username="sam")
    client = Client()
    for n in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, f"someone{n}", "guess", "/account/sign-in/", "198.51.100.7")
    refused = attempt(client, "sam", PASSWORD, "/account/sign-in/", "198.51.100.7")
    assert refused.status_code == 429
    elsewhere = attempt(client, "sam", PASSWORD, "/account/sign-in/", "203.0.113.9")
    assert elsewhere.status_code == 302


def test_signing_in_to_ones_own_account_does_not_clear_the_count_against_another() -> None:
    UserFactory(username="victim")
    UserFactory(username="guesser")
    client = Client()
    ip = "198.51.100.7"
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, "victim", "guess", "/account/sign-in/", ip)
    assert attempt(client, "guesser", PASSWORD, "/account/sign-in/", ip).status_code == 302
    client.post("/account/sign-out/")
    attempt(client, "victim", "guess", "/account/sign-in/", ip)
    assert (
        attempt(Client(), "victim", PASSWORD, "/account/sign-in/", "203.0.113.9").status_code == 429
    )


def test_a_few_wrong_passwords_do_not_lock_and_the_lock_ends() -> None:
    UserFactory(username="sam")
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, "sam", "guess", "/account/sign-in/", "198.51.100.7")
    assert attempt(client, "sam", PASSWORD, "/account/sign-in/", "198.51.100.7").status_code == 302
    client.post("/account/sign-out/")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "sam", "guess", "/account/sign-in/", "198.51.100.7")
    assert attempt(client, "sam", PASSWORD, "/account/sign-in/", "198.51.100.7").status_code == 429
    later = timezone.now() + timedelta(minutes=settings.REDRESS_LOCKOUT_MINUTES + 1)
    with time_machine.travel(later, tick=False):
        assert (
            attempt(client, "sam", PASSWORD, "/account/sign-in/", "198.51.100.7").status_code == 302
        )


def test_signing_in_in_tests_and_commands_without_a_request_still_works() -> None:
    UserFactory(username="sam")
    client = Client()
    assert client.login(username="sam", password=PASSWORD)
    assert not Client().login(username="sam", password="wrong")


def test_password_reset_emails_are_limited_per_address() -> None:
    UserFactory(username="sam", email="sam@example.invalid")
    client = Client()
    statuses = [
        client.post("/account/password-reset/", {"email": "sam@example.invalid"}).status_code
        for _ in range(settings.RATE_LIMIT_PER_ADDRESS + 2)
    ]
    assert statuses == [302] * settings.RATE_LIMIT_PER_ADDRESS + [429, 429]
    assert len(mail.outbox) == settings.RATE_LIMIT_PER_ADDRESS
    refused = client.post("/account/password-reset/", {"email": "sam@example.invalid"})
    assert "too many password reset emails" in refused.content.decode()
    # An unknown address gets the same answer, so the limit says nothing about who exists.
    for _ in range(settings.RATE_LIMIT_PER_ADDRESS):
        client.post("/account/password-reset/", {"email": "nobody@example.invalid"})
    assert (
        client.post("/account/password-reset/", {"email": "nobody@example.invalid"}).status_code
        == 429
    )


@override_settings(RATE_LIMIT_PER_IP=4)
def test_password_reset_and_subscriptions_are_limited_per_address_of_the_sender() -> None:
    client = Client()
    for n in range(4):
        assert (
            client.post("/account/password-reset/", {"email": f"p{n}@example.invalid"}).status_code
            == 302
        )
    assert (
        client.post("/account/password-reset/", {"email": "p9@example.invalid"}).status_code == 429
    )
    other = client.post(
        "/account/password-reset/", {"email": "p9@example.invalid"}, REMOTE_ADDR="203.0.113.9"
    )
    assert other.status_code == 302
    for n in range(4):
        assert (
            client.post("/guidance/subscribe/", {"email": f"s{n}@example.invalid"}).status_code
            == 200
        )
    refused = client.post("/guidance/subscribe/", {"email": "s9@example.invalid"})
    assert refused.status_code == 429
    assert "too many subscription emails" in refused.content.decode()


def test_guidance_subscriptions_are_limited_per_email_address() -> None:
    client = Client()
    for n in range(settings.RATE_LIMIT_PER_ADDRESS):
        response = client.post(
            "/guidance/subscribe/",
            {"email": "reader@example.invalid"},
            REMOTE_ADDR=f"198.51.100.{n}",
        )
        assert response.status_code == 200
    refused = client.post("/guidance/subscribe/", {"email": "READER@example.invalid"})
    assert refused.status_code == 429
    assert len(mail.outbox) <= settings.RATE_LIMIT_PER_ADDRESS


def test_a_password_reset_link_works_for_hours_not_days() -> None:
    assert settings.PASSWORD_RESET_TIMEOUT == 2 * 60 * 60
    user = UserFactory(username="sam", email="sam@example.invalid")
    Client().post("/account/password-reset/", {"email": "sam@example.invalid"})
    link = re.search(r"http://testserver(\S+)", mail.outbox[0].body)
    assert link is not None
    token = default_token_generator.make_token(user)
    with time_machine.travel(timezone.now() + timedelta(hours=3), tick=False):
        assert not default_token_generator.check_token(user, token)
        page = Client().get(link.group(1), follow=True).content.decode()
        assert "This link has expired" in page and "new_password1" not in page
    assert default_token_generator.check_token(user, token)
    assert urlsafe_base64_encode(force_bytes(user.pk)) in link.group(1)
