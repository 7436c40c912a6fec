"""Under the Content-Security-Policy, GOV.UK Frontend still starts from its static files and the
browser reports no blocked script or style."""

from __future__ import annotations

import re

from playwright.sync_api import ConsoleMessage, Page, expect


def test_govuk_frontend_starts_and_nothing_is_blocked(page: Page) -> None:
    messages: list[str] = []

    def keep(message: ConsoleMessage) -> None:
        messages.append(message.text)

    page.on("console", keep)
    response = page.goto("/")
    assert response is not None and response.ok
    assert "script-src 'self'" in (response.header_value("content-security-policy") or "")
    body = page.locator("body")
    expect(body).to_have_class(re.compile(r"\bjs-enabled\b"))
    expect(body).to_have_class(re.compile(r"\bgovuk-frontend-supported\b"))
    # initAll() ran: the service navigation component marks itself started.
    expect(page.locator("[data-module=govuk-service-navigation]")).to_have_attribute(
        "data-govuk-service-navigation-init", ""
    )
    blocked = [m for m in messages if "Content Security Policy" in m or "Refused" in m]
    assert blocked == []
