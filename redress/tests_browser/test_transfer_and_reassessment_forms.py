"""The new steps of a case in a real browser: a plan transferred in from another authority (its
error state first), then a request for a re-assessment. Every page and form state is checked
with axe-core.

Dates are relative to today, as the live server runs in another thread with the real clock.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from redress.accounts.models import Role
from redress.casework.tests import factories
from redress.tests_browser.helpers import check_accessibility, fill_date


@pytest.fixture
def caseload(transactional_db: None) -> Any:
    make: Any = factories
    la = make.LocalAuthorityFactory(name="Southmoor Council")
    caseworker = make.user_with_role(
        Role.LA_CASEWORKER, organisation=la, username="sasha", first_name="Sasha", last_name="Lee"
    )
    child = make.ChildFactory(
        first_name="Kit", last_name="Example", local_authority=la, caseworker=caseworker
    )
    return caseworker, child


def test_a_transfer_in_and_a_reassessment_request_are_recorded(
    page: Page, sign_in: Callable[..., Page], caseload: Any
) -> None:
    caseworker, child = caseload
    today = date.today()
    transferred = today - timedelta(days=20)
    sign_in(caseworker)
    page.goto(f"/cases/{child.pk}/")
    page.get_by_role("link", name="Plan transferred from another authority").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Record a plan transferred from another local authority"
    )
    check_accessibility(page, label="transfer-in form")

    # The plan cannot have been made after it transferred: the error summary says so.
    page.get_by_label("The local authority the plan transferred from").fill("Westshire Council")
    fill_date(page, "Date the plan transferred", transferred)
    fill_date(page, "Date the plan was first made", transferred + timedelta(days=1))
    page.get_by_role("button", name="Save").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("The plan cannot have been made after the day it transferred")
    check_accessibility(page, label="transfer-in form with an error")

    fill_date(page, "Date the plan was first made", date(today.year - 2, 3, 15))
    page.get_by_role("button", name="Save").click()
    expect(page).to_have_url(re.compile(rf"/cases/{child.pk}/$"))
    expect(page.locator(".govuk-notification-banner").first).to_contain_text(
        "Plan transferred from another authority"
    )
    check_accessibility(page, label="case page after the transfer")

    page.get_by_role("link", name="Request for a re-assessment").click()
    check_accessibility(page, label="re-assessment request form")
    fill_date(page, "Date the local authority received the request", today)
    page.get_by_label("A parent").check()
    page.get_by_role("button", name="Save").click()
    expect(page).to_have_url(re.compile(rf"/cases/{child.pk}/$"))
    expect(page.locator("body")).to_contain_text("Decide whether to re-assess")
