"""The family's pages in a real browser: axe-core (WCAG 2.2 AA) on a phone-sized screen, and a
parent signing in with an emailed code without JavaScript doing anything special."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from django.core import mail
from playwright.sync_api import Browser, Page, expect

from redress.notifications.tests.conftest import Cases, make_cases
from redress.tests_browser.helpers import FACTORY_PASSWORD, check_accessibility

PHONE_WIDTH = 375


@pytest.fixture
def cases(transactional_db: None) -> Cases:
    return make_cases()


@pytest.fixture
def phone(browser: Browser, server_url: str) -> Iterator[Page]:
    phone_context = browser.new_context(
        base_url=server_url, viewport={"width": PHONE_WIDTH, "height": 740}, locale="en-GB"
    )
    phone_context.route(
        "**/*",
        lambda route: (
            route.continue_() if route.request.url.startswith(server_url) else route.abort()
        ),
    )
    phone_page = phone_context.new_page()
    errors: list[str] = []
    phone_page.on("pageerror", lambda error: errors.append(str(error)))
    yield phone_page
    phone_context.close()
    assert not errors, errors


def test_the_familys_pages_meet_wcag_on_a_phone(phone: Page, cases: Cases) -> None:
    # The form by hand: on a phone the menu (and its Sign out button) is folded away.
    phone.goto("/account/sign-in/")
    phone.get_by_label("Username").fill("parent")
    phone.get_by_label("Password").fill(FACTORY_PASSWORD)
    phone.get_by_role("button", name="Sign in").click()
    expect(phone).not_to_have_url(re.compile(r"/account/sign-in/"))
    phone.goto("/family/")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Cara Fam's case")
    # One window per appealable decision: each shows the same heading with its own date.
    expect(phone.get_by_text("Your last day to appeal to the tribunal").first).to_be_visible()
    # Nothing wider than the screen: no sideways scrolling on a phone.
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH
    check_accessibility(phone, label="family case page")

    phone.get_by_role("link", name="Tell us about your child and your hopes").click()
    phone.get_by_role("button", name="Save your views").click()
    expect(phone.locator(".govuk-error-summary")).to_be_visible()
    check_accessibility(phone, label="section A with an error")

    phone.goto(f"/family/cases/{cases.family.pk}/documents/new/")
    check_accessibility(phone, label="upload")
    phone.goto(f"/family/cases/{cases.family.pk}/ask/mediation/")
    check_accessibility(phone, label="ask for mediation")
    phone.goto("/notifications/preferences/")
    check_accessibility(phone, label="reminder preferences")
    phone.goto("/calendar/")
    check_accessibility(phone, label="calendar")


def test_a_parent_signs_in_with_a_code(
    page: Page,
    cases: Cases,
) -> None:
    page.goto("/account/code/")
    check_accessibility(page, label="code request")
    page.get_by_label("Email address").fill("parent@example.invalid")
    page.get_by_role("button", name="Email me a code").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    check_accessibility(page, label="code entry")
    match = re.search(r"\b(\d{6})\b", str(mail.outbox[-1].body))
    assert match
    page.get_by_label("Code").fill(match.group(1))
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cara Fam's case")
    expect(page.get_by_role("link", name="Your cases")).to_be_visible()
