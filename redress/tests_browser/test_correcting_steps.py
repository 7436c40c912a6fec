"""A caseworker corrects a request recorded with the wrong year and withdraws a decision recorded
in error (decision 0100); every page, and the form's error state, is checked with axe-core."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any

from playwright.sync_api import Page, expect

from redress.accounts.models import Role
from redress.casework.deadlines import deadlines_recompute
from redress.casework.tests import factories
from redress.tests_browser.helpers import check_accessibility, fill_date


def test_caseworker_corrects_a_request_and_withdraws_a_decision(
    page: Page, sign_in: Callable[..., Page], transactional_db: None
) -> None:
    make: Any = factories  # factory_boy's factories are untyped
    la = make.LocalAuthorityFactory(name="Northshire County Council")
    caseworker = make.user_with_role(
        Role.LA_CASEWORKER, organisation=la, username="casey", first_name="Casey", last_name="Ward"
    )
    child = make.ChildFactory(
        first_name="Riley", last_name="Example", date_of_birth=date(2015, 3, 2), local_authority=la
    )
    # Brought in from an old system: the request's year was keyed as 1990, and a decision not
    # to assess was put on this child instead of another.
    make.CaseEventFactory(
        child=child, type="assessment_requested", date=date(1990, 6, 1),
        details={"requested_by": "parent"},
    )  # fmt: skip
    make.CaseEventFactory(
        child=child, type="assessment_decision", date=date(2026, 7, 1),
        details={"decision": "not_assess"}, reasons="Not needed.",
    )  # fmt: skip
    deadlines_recompute(child=child)

    sign_in(caseworker)
    page.goto(f"/cases/{child.pk}/")
    check_accessibility(page, label="case page before the corrections")
    page.get_by_role(
        "link", name=re.compile(r"Correct or withdraw the step: Request for an EHC")
    ).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Correct or withdraw")
    check_accessibility(page, label="correct a request")

    # The correction needs a reason; nothing is lost when it is refused.
    fill_date(page, "Date the local authority received the request", date(2026, 6, 1))
    page.get_by_role("button", name="Save the correction").click()
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    expect(page).to_have_title(re.compile(r"^Error: "))
    check_accessibility(page, label="correct a request, with errors")

    page.get_by_label("Why it is being corrected").fill("The year was keyed wrongly at import")
    page.get_by_role("button", name="Save the correction").click()
    expect(page.get_by_text(re.compile(r"Step corrected"))).to_be_visible()
    expect(page.get_by_text("The year was keyed wrongly at import")).to_be_visible()
    check_accessibility(page, label="case page after the correction")

    page.get_by_role(
        "link", name=re.compile(r"Correct or withdraw the step: Decision whether to assess")
    ).click()
    expect(page.locator("#history")).to_be_visible()
    check_accessibility(page, label="withdraw a decision")
    page.get_by_label("Why it was recorded in error").fill("Recorded on the wrong child")
    page.get_by_role("button", name="Withdraw the step").click()
    expect(page.get_by_text(re.compile(r"Step withdrawn as recorded in error"))).to_be_visible()
    expect(page.locator("del", has_text="Decision whether to assess")).to_be_visible()
    expect(page.get_by_text("Recorded on the wrong child")).to_be_visible()
    check_accessibility(page, label="case page with a withdrawn step")
