"""A local authority caseworker's day, in a real browser: sign in, record a request for an EHC
needs assessment, see its deadlines on the dashboard, ask the ICB for health advice and mark it
received. Every page and form (including a form's error state) is checked with axe-core.

Dates are relative to today, as the live server runs in another thread with the real clock.
Expected due dates are worked out here with plain date arithmetic, never with the engine.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from redress.accounts.models import Role
from redress.casework.tests import factories
from redress.tests_browser.helpers import check_accessibility, fill_date, govuk_date

SIX_WEEKS = timedelta(days=42)


@dataclass
class Caseload:
    la: Any
    caseworker: Any
    icb: Any
    child: Any


@pytest.fixture
def caseload(transactional_db: None) -> Caseload:
    make: Any = factories  # factory_boy's factories are untyped
    la = make.LocalAuthorityFactory(name="Northshire County Council")
    caseworker = make.user_with_role(
        Role.LA_CASEWORKER, organisation=la, username="casey", first_name="Casey", last_name="Ward"
    )
    icb = make.CommissionerFactory(name="Northshire Integrated Care Board")
    child = make.ChildFactory(
        first_name="Riley", last_name="Example", local_authority=la, caseworker=caseworker
    )
    return Caseload(la=la, caseworker=caseworker, icb=icb, child=child)


def deadline_row(page: Page, title: str | re.Pattern[str]) -> Any:
    """The deadline table row whose first cells say this (on the dashboard or the case page)."""
    return page.locator("tr.govuk-table__row").filter(has_text=title).first


def test_caseworker_records_a_request_and_sees_its_deadlines(
    page: Page, sign_in: Callable[..., Page], caseload: Caseload
) -> None:
    child = caseload.child
    today = date.today()
    received = today - timedelta(days=28)
    decision_due = received + SIX_WEEKS

    # Signing in takes a caseworker to the dashboard; nothing is due yet.
    sign_in(caseload.caseworker)
    expect(page).to_have_url(re.compile(r"/dashboard/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Dashboard")
    check_accessibility(page, label="empty dashboard")

    # To the case, through the case list, as a person would.
    nav = page.get_by_role("navigation", name="Menu")
    nav.get_by_role("link", name="Cases").click()
    page.get_by_role("link", name=child.full_name).click()
    expect(page).to_have_url(re.compile(rf"/cases/{child.pk}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(child.full_name)
    check_accessibility(page, label="case page before any step")

    # Record the request: first with nothing filled in, to see the error state.
    page.get_by_role("link", name=re.compile("request for .*assessment", re.I)).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Record a request for an EHC needs assessment"
    )
    check_accessibility(page, label="record a request form")
    page.get_by_role("button", name="Save").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    expect(page).to_have_title(re.compile(r"^Error: "))
    expect(summary.get_by_role("link")).to_have_count(2)
    date_error = summary.get_by_role("link").first
    expect(date_error).to_have_text(re.compile(r"^Enter (the )?date", re.I))
    date_error.click()
    expect(
        page.get_by_role("group", name=re.compile("^Date the local authority")).get_by_label("Day")
    ).to_be_focused()
    check_accessibility(page, label="record a request form, error state")

    fill_date(page, "Date the local authority received the request", received)
    page.get_by_label("A parent").check()
    page.get_by_role("button", name="Save").click()

    # Back on the case page, the banner names what the step started.
    expect(page).to_have_url(re.compile(rf"/cases/{child.pk}/$"))
    banner = page.locator(".govuk-notification-banner")
    expect(banner).to_contain_text(
        f"Recorded: Request for an EHC needs assessment on {govuk_date(received)}"
    )
    expect(banner).to_contain_text(f"by {govuk_date(decision_due)}")
    expect(banner).to_contain_text("SEND Regulations 2014 reg 5(1)")
    check_accessibility(page, label="case page after recording the request")

    # The dashboard shows the decision due in 6 weeks, with its law behind a details element.
    nav.get_by_role("link", name="Dashboard").click()
    row = deadline_row(page, child.full_name)
    expect(row).to_contain_text(govuk_date(decision_due))
    row.get_by_text("Law and how the date was worked out").click()
    expect(row.get_by_text("SEND Regulations 2014 reg 5(1)")).to_be_visible()
    check_accessibility(page, label="dashboard with a deadline")

    # Ask the ICB for health advice, from the case page.
    advice_sent = today - timedelta(days=21)
    advice_due = advice_sent + SIX_WEEKS
    row.get_by_role("link", name=child.full_name).click()
    page.get_by_role("button", name="Request advice").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Request advice")
    check_accessibility(page, label="request advice form")
    page.get_by_role("button", name="Send request").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link", name="Select the type of advice")).to_be_visible()
    summary.get_by_role("link", name="Select the type of advice").click()
    expect(page.get_by_role("radio", name="Health", exact=True)).to_be_focused()
    check_accessibility(page, label="request advice form, error state")

    page.get_by_role("radio", name="Health", exact=True).check()
    page.get_by_label("Organisation asked for the advice").select_option(label=caseload.icb.name)
    expect(page.get_by_label("Commissioned by")).to_have_value(str(caseload.la.pk))
    fill_date(page, "Date the request was sent", advice_sent)
    for question in ("employed or contracted by", "would deliver the provision"):
        page.get_by_role("group", name=re.compile(question)).get_by_label("No").check()
    page.get_by_role("button", name="Send request").click()

    # The request's page shows the 6 weeks, worked out from the date sent.
    expect(page).to_have_url(re.compile(r"/advice/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Health advice from {caseload.icb.name}"
    )
    expect(page.locator(".govuk-notification-banner")).to_contain_text("requested")
    # The row whose key is "Due" (the status row may also say "Due").
    due = page.locator(".govuk-summary-list__row").filter(
        has=page.locator("dt", has_text=re.compile(r"^\s*Due\s*$"))
    )
    expect(due.locator("dd")).to_have_text(govuk_date(advice_due))
    expect(page.locator(".govuk-summary-list__row").filter(has_text="Law")).to_contain_text(
        "SEND Regulations 2014 reg 8(1)"
    )
    check_accessibility(page, label="advice request page")
    advice_url = page.url

    # The dashboard lists it for the ICB, due in 6 weeks.
    nav.get_by_role("link", name="Dashboard").click()
    advice_row = deadline_row(page, "Provide advice and information for the assessment")
    expect(advice_row).to_contain_text(govuk_date(advice_due))
    expect(advice_row).to_contain_text(caseload.icb.name)

    # Mark it received: first with no date, to see the received form's error state.
    page.goto(advice_url)
    page.get_by_role("button", name="Mark as received").click()
    expect(page).to_have_url(re.compile(r"/advice/\d+/received/$"))
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    summary.get_by_role("link").first.click()
    expect(
        page.get_by_role("group", name="Date the advice was received").get_by_label("Day")
    ).to_be_focused()
    check_accessibility(page, label="advice received form, error state")
    fill_date(page, "Date the advice was received", today)
    page.get_by_role("button", name="Mark as received").click()

    expect(page).to_have_url(advice_url)
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "The advice is marked as received."
    )
    status = page.locator(".govuk-summary-list__row").filter(has_text="Status")
    expect(status).to_contain_text(f"Received {govuk_date(today)}")
    check_accessibility(page, label="advice request page after receipt")

    # Met, so it leaves the dashboard; the decision whether to assess is still there.
    nav.get_by_role("link", name="Dashboard").click()
    expect(deadline_row(page, "Provide advice and information for the assessment")).to_have_count(0)
    expect(deadline_row(page, child.full_name)).to_contain_text(govuk_date(decision_due))

    # Overdue health advice by commissioner: none now, and the page passes axe.
    page.goto("/advice/health-overdue/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    check_accessibility(page, label="overdue health advice")
