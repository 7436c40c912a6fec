"""Pages anyone can open, and the sign-in form's error state, in a real browser with axe-core."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import Page, expect

from redress.tests_browser.helpers import FACTORY_PASSWORD, check_accessibility


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("/", "Redress"),
        ("/rules/", None),
        ("/bank-holidays/", None),
        ("/account/sign-in/", "Sign in to Redress"),
    ],
)
def test_public_page_has_no_accessibility_violations(
    page: Page, path: str, heading: str | None
) -> None:
    response = page.goto(path)
    assert response is not None and response.ok, f"{path} answered {response and response.status}"
    h1 = page.get_by_role("heading", level=1)
    expect(h1).to_have_count(1)
    if heading:
        expect(h1).to_have_text(heading)
    # The GOV.UK Frontend stylesheet and JavaScript loaded (not a bare, unstyled page).
    expect(page.locator("body")).to_have_class(re.compile(r"\bgovuk-frontend-supported\b"))
    check_accessibility(page, label=path)


def test_skip_link_moves_to_main_content(page: Page) -> None:
    page.goto("/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    skip.press("Enter")
    expect(page.locator("main#content")).to_be_focused()


def test_wrong_password_shows_an_accessible_error_summary(page: Page) -> None:
    get_user_model().objects.create_user("caseworker", password=FACTORY_PASSWORD)
    page.goto("/account/sign-in/")
    page.get_by_label("Username").fill("caseworker")
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Sign in").click()

    expect(page).to_have_title(re.compile(r"^Error: "))
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary.get_by_role("heading", name="There is a problem")).to_be_visible()
    # govuk-frontend moves focus to the summary so screen readers announce it.
    expect(summary).to_be_focused()
    # Each error links to a field; following the link focuses that field.
    link = summary.get_by_role("link").first
    expect(link).to_contain_text("Enter a correct username and password")
    target = link.get_attribute("href")
    assert target and target.startswith("#"), f"error summary link points to {target!r}"
    link.click()
    expect(page.locator(target)).to_be_focused()
    # The password is not echoed back into the form.
    expect(page.get_by_label("Password")).to_have_value("")
    check_accessibility(page, label="sign-in error state")


def test_empty_sign_in_form_links_each_error_to_its_field(page: Page) -> None:
    page.goto("/account/sign-in/")
    page.get_by_role("button", name="Sign in").click()

    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    links = summary.get_by_role("link")
    expect(links).to_have_count(2)
    links.nth(1).click()
    expect(page.get_by_label("Password")).to_be_focused()
    expect(page.locator(".govuk-form-group--error")).to_have_count(2)
    check_accessibility(page, label="empty sign-in form")
