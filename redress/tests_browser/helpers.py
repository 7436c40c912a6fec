"""Helpers for the browser tests: axe-core accessibility checks, signing in, GOV.UK dates."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from django.conf import settings
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, expect

AXE_PATH = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"

# WCAG 2.2 AA as axe-core tags it (axe has no separate wcag22a tag).
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

# The password UserFactory gives every user.
FACTORY_PASSWORD = "correct horse battery"  # noqa: S105


def format_violations(violations: list[dict[str, Any]]) -> str:
    """axe-core's violations as a readable list: rule id, help text, impact and each node."""
    lines: list[str] = []
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation.get('impact') or 'no impact given'}): "
            f"{violation['help']}\n  {violation['helpUrl']}"
        )
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            lines.append(f"    at {target}")
            summary = (node.get("failureSummary") or "").strip().replace("\n", "\n       ")
            if summary:
                lines.append(f"       {summary}")
    return "\n".join(lines)


def check_accessibility(page: Page, *, label: str = "") -> None:
    """Run axe-core's WCAG 2.2 A and AA rules over the page; fail listing any violations."""
    results = _axe_results(page)
    violations = results["violations"]
    if violations:
        where = f"{label} ({results['url']})" if label else results["url"]
        count = len(violations)
        raise AssertionError(
            f"{count} accessibility rule{'s' if count != 1 else ''} failed on {where}:\n"
            + format_violations(violations)
        )


# What the browser says when a page is replaced while axe reads it: a click just before the
# check may have started a navigation that had not finished.
_NAVIGATED_AWAY = ("documentElement", "Execution context was destroyed", "axe is not defined")


def _axe_results(page: Page, *, attempts: int = 3) -> dict[str, Any]:
    """axe-core's results for the page as it stands once any navigation under way has loaded."""
    for attempt in range(1, attempts + 1):
        page.wait_for_load_state()
        try:
            if not page.evaluate("() => typeof window.axe !== 'undefined'"):
                # Evaluated through the browser's debugging protocol: the page's
                # Content-Security-Policy rightly refuses an injected <script>
                # (docs/deploy-security.md).
                page.evaluate(AXE_PATH.read_text())
            results: dict[str, Any] = page.evaluate(
                """async (tags) => {
                    const results = await axe.run(
                        document, {runOnly: {type: 'tag', values: tags}});
                    return {violations: results.violations, url: results.url};
                }""",
                WCAG_TAGS,
            )
            return results
        except PlaywrightError as error:
            if attempt == attempts or not any(sign in str(error) for sign in _NAVIGATED_AWAY):
                raise
    raise AssertionError("unreachable")  # pragma: no cover


def sign_in_through_form(page: Page, username: str, password: str = FACTORY_PASSWORD) -> None:
    """Sign in as a person would: open the sign-in page, type, press the button."""
    page.goto("/account/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def fill_date(page: Page, legend: str, value: date) -> None:
    """Type a date into the GOV.UK date input whose fieldset has this legend."""
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(value.day))
    group.get_by_label("Month").fill(str(value.month))
    group.get_by_label("Year").fill(str(value.year))


def govuk_date(value: date) -> str:
    """A date as GOV.UK writes it: 3 September 2026 (no leading zero)."""
    return f"{value.day} {value:%B %Y}"
