"""A caseworker sets up an authenticator app, signs out, and signs in with password and code."""

from __future__ import annotations

import re
import time
from base64 import b32decode
from typing import Any

from playwright.sync_api import Page, expect

from redress.accounts.models import Role
from redress.casework.tests.factories import LocalAuthorityFactory, user_with_role
from redress.tests_browser.helpers import FACTORY_PASSWORD, check_accessibility

STEP = 30


def app_code(secret: str, steps_ahead: int = 0) -> str:
    """What an authenticator app shows for this key (RFC 6238, as django-otp checks it)."""
    from django_otp.oath import TOTP

    key = b32decode(secret + "=" * (-len(secret) % 8))
    totp = TOTP(key, step=STEP)
    totp.time = time.time() + steps_ahead * STEP
    return f"{totp.token():06d}"


def type_password(page: Page, username: str) -> None:
    page.goto("/account/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(FACTORY_PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_a_caseworker_enrols_and_signs_in_with_a_code(page: Page, settings: Any) -> None:
    settings.REDRESS_REQUIRE_2FA = True
    user_with_role(Role.LA_CASEWORKER, LocalAuthorityFactory(), username="casey")

    type_password(page, "casey")
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up two-factor sign-in")
    expect(page.get_by_role("img", name=re.compile("QR code"))).to_be_visible()
    check_accessibility(page, label="set up two-factor sign-in")
    secret = page.locator("#secret-key").inner_text().replace(" ", "")

    set_up_step = int(time.time() // STEP)
    page.get_by_label("Code from your authenticator app").fill(app_code(secret))
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Save your recovery codes")
    expect(page.locator("#recovery-codes li")).to_have_count(10)
    check_accessibility(page, label="recovery codes")
    page.get_by_role("button", name=re.compile("I have saved my codes")).click()
    expect(page).to_have_url(re.compile(r"/dashboard/$"))

    page.get_by_role("button", name="Sign out").click()
    type_password(page, "casey")
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter your security code")
    check_accessibility(page, label="enter your security code")

    page.get_by_label("Code from your authenticator app").fill("12345")
    page.get_by_role("button", name="Continue").click()
    expect(page).to_have_title(re.compile(r"^Error: "))
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    check_accessibility(page, label="wrong security code")

    time.sleep(1.1)  # one wrong code makes the next wait a second
    # The code used to set up is spent. If the app still shows it, its next code is accepted
    # (one step of drift); if time has moved on (a slow machine), the code it shows now is.
    ahead = 1 if int(time.time() // STEP) <= set_up_step else 0
    page.get_by_label("Code from your authenticator app").fill(app_code(secret, steps_ahead=ahead))
    page.get_by_role("button", name="Continue").click()
    expect(page).to_have_url(re.compile(r"/dashboard/$"))
    expect(page.get_by_role("button", name=re.compile("Sign out"))).to_be_visible()
    check_accessibility(page, label="dashboard after two-factor sign-in")
