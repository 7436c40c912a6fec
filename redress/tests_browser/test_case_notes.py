"""A caseworker logs a phone call on a child's case and finds it again by searching; every page
and the form's error state are checked with axe-core."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from playwright.sync_api import Page, expect

from redress.accounts.models import Role
from redress.casework.tests import factories
from redress.tests_browser.helpers import check_accessibility, fill_date


def test_caseworker_logs_a_phone_call_and_finds_it(
    page: Page, sign_in: Callable[..., Page], transactional_db: None
) -> None:
    make: Any = factories  # factory_boy's factories are untyped
    la = make.LocalAuthorityFactory(name="Northshire County Council")
    caseworker = make.user_with_role(
        Role.LA_CASEWORKER, organisation=la, username="casey", first_name="Casey", last_name="Ward"
    )
    child = make.ChildFactory(first_name="Riley", last_name="Example", local_authority=la)

    sign_in(caseworker)
    page.goto(f"/cases/{child.pk}/")
    page.get_by_role("link", name="Case notes and contact log").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Case notes and contact log")
    expect(page.get_by_text("No notes or contacts have been recorded yet.")).to_be_visible()
    check_accessibility(page, label="empty notes page")

    page.get_by_role("button", name="Log a contact").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Log a contact")
    check_accessibility(page, label="log a contact form")
    page.get_by_role("button", name="Save").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    expect(page).to_have_title(re.compile(r"^Error: "))
    check_accessibility(page, label="log a contact form with errors")

    page.get_by_label("Phone call").check()
    page.get_by_label("Incoming (to us)").check()
    page.get_by_label("With whom").fill("Ms Okafor, SENCo at Hillside Primary")
    fill_date(page, "Date of the contact", date.today() - timedelta(days=1))
    page.get_by_label("Summary").fill("Asked when the educational psychologist will visit.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Phone call logged.")).to_be_visible()

    page.get_by_label("Search notes and contacts").fill("okafor")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", name="1 entry found")).to_be_visible()
    row = page.locator("tbody tr").first
    expect(row).to_contain_text("Phone call")
    expect(row).to_contain_text("educational psychologist")
    check_accessibility(page, label="notes search results")

    page.get_by_label("Search notes and contacts").fill("tribunal")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_text("Nothing matches the search.")).to_be_visible()

    # Correct the call: the entry then shows it was corrected and keeps the first wording.
    page.get_by_label("Search notes and contacts").fill("okafor")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", name="1 entry found")).to_be_visible()
    page.locator("tbody tr").first.get_by_role("link").click()
    expect(page.get_by_role("link", name="Correct or withdraw this entry")).to_be_visible()
    check_accessibility(page, label="one contact and its history")
    page.get_by_role("link", name="Correct or withdraw this entry").click()
    expect(page.get_by_label("Corrected wording")).to_be_visible()
    check_accessibility(page, label="correct or withdraw form")
    page.get_by_label("Corrected wording").fill("Asked when the speech therapist will visit.")
    page.get_by_label("Why it is being corrected").fill("Named the wrong professional")
    page.get_by_role("button", name="Save the correction").click()
    expect(page.get_by_text("Entry corrected. The earlier wording is kept.")).to_be_visible()
    history = page.locator("table")
    expect(history).to_contain_text("educational psychologist")
    expect(history).to_contain_text("Named the wrong professional")
    check_accessibility(page, label="a corrected contact")
