"""The public appeal-window page in a real browser, signed out, on a desktop and on a 375px-wide
phone: an impossible date gets the error summary, a real one the last day to appeal with the
reasons in plain English. Every state is checked with axe-core.

The expected date is a fixed past example (a letter of 15 June 2026: 2 months ends on Saturday
15 August, in August, so the appeal is in time on Tuesday 1 September), worked out by hand.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from redress.tests_browser.helpers import check_accessibility


def _use_the_page(page: Page) -> None:
    page.goto("/appeals/appeal-window/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("last day to appeal")
    check_accessibility(page, label="the appeal-window page")

    group = page.get_by_role("group", name="Date on the decision letter")
    group.get_by_label("Day").fill("31")
    group.get_by_label("Month").fill("2")
    group.get_by_label("Year").fill("2026")
    page.get_by_role("button", name="Show the last day").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("must be a real date")
    check_accessibility(page, label="the appeal-window page with an error")

    group.get_by_label("Day").fill("15")
    group.get_by_label("Month").fill("6")
    page.get_by_role("button", name="Show the last day").click()
    panel = page.locator(".govuk-panel")
    expect(panel).to_contain_text("Tuesday 1 September 2026")
    expect(page.get_by_text("does not count August")).to_be_visible()
    guidance = page.get_by_role("link", name="Questions and answers about mediation and appeals")
    expect(guidance).to_be_visible()
    check_accessibility(page, label="the appeal-window page with the answer")


def test_the_appeal_window_on_a_desktop(page: Page) -> None:
    _use_the_page(page)


@pytest.fixture
def phone(browser: Browser, server_url: str) -> Iterator[BrowserContext]:
    context = browser.new_context(
        base_url=server_url,
        locale="en-GB",
        timezone_id="Europe/London",
        viewport={"width": 375, "height": 740},
        is_mobile=True,
        has_touch=True,
    )
    context.route(
        "**/*",
        lambda route: (
            route.continue_()
            if route.request.url.startswith(server_url)
            and "/assets/fonts/" not in route.request.url
            else route.abort()
        ),
    )
    try:
        yield context
    finally:
        context.close()


def test_the_appeal_window_on_a_375px_phone(phone: BrowserContext) -> None:
    page = phone.new_page()
    _use_the_page(page)
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 375, f"the page scrolls sideways on a phone ({width}px wide)"
