"""A health officer answers what is asked of them (decisions 0172 to 0174): they find an overdue
recommendation on their board, most urgent first with how many days overdue, press Respond and
send their written response; and they record a regulation 8(2) exception for their own advice.
Every page is checked with axe-core."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from redress.accounts.models import Organisation, Role
from redress.casework.models import CaseEvent, FamilyMember
from redress.casework.tests import factories
from redress.mediation.models import MediationCase, MediationCertificate
from redress.tests_browser.helpers import check_accessibility, fill_date


@pytest.fixture
def world(transactional_db: None, settings: Any, tmp_path: Path) -> dict[str, Any]:
    from redress.appeals import services as appeals
    from redress.casework import services as casework

    settings.MEDIA_ROOT = tmp_path / "media"
    make: Any = factories  # factory_boy's factories are untyped
    la = make.LocalAuthorityFactory(name="Northshire County Council")
    icb = make.OrganisationFactory(
        name="Northshire ICB", kind=Organisation.Kind.HEALTH_COMMISSIONER
    )
    icb.serves.add(la)
    provider = make.OrganisationFactory(
        name="Fair Talk Mediation", kind=Organisation.Kind.MEDIATION_PROVIDER
    )
    caseworker = make.user_with_role(Role.LA_CASEWORKER, organisation=la, username="casey")
    health = make.user_with_role(
        Role.HEALTH_OFFICER, organisation=icb, username="dana", first_name="Dana", last_name="Cole"
    )
    child = make.ChildFactory(
        first_name="Riley", last_name="Example", local_authority=la, caseworker=caseworker
    )
    FamilyMember.objects.create(
        child=child, name="Jo Example", relationship="parent", email="jo@example.invalid"
    )
    today = date.today()
    case = MediationCase.objects.create(
        child=child,
        provider=provider,
        decision="plan_contents",
        decision_notice_date=today - timedelta(days=80),
    )
    certificate = MediationCertificate.objects.create(
        case=case, reason="declined", issued_on=today - timedelta(days=70)
    )
    appeal = appeals.appeal_record(
        actor=caseworker, child=child, decision="plan_contents",
        decision_notice_date=today - timedelta(days=80), lodged_on=today - timedelta(days=60),
        sections_challenged=["F"], mediation_certificate=certificate,
        recommendation_sections=["G"], health_commissioner=icb,
    )  # fmt: skip
    appeals.recommendation_record(
        actor=caseworker, appeal=appeal, section="G", made_on=today - timedelta(days=45),
        text="An occupational therapy assessment.",
    )  # fmt: skip
    CaseEvent.objects.create(
        child=child, type="assessment_requested", date=today - timedelta(days=70)
    )
    casework.advice_request_create(
        actor=caseworker, child=child, advice_type="health", recipient_organisation=icb,
        commissioned_by=la, date_sent=today - timedelta(days=60), expected_version=None,
    )  # fmt: skip
    return {"health": health, "child": child}


def test_the_officer_responds_to_an_overdue_recommendation(
    page: Page, sign_in: Callable[..., Page], world: dict[str, Any]
) -> None:
    today = date.today()
    sign_in(world["health"])
    page.goto("/appeals/recommendations/")
    row = page.get_by_role("row").filter(has_text="Riley Example")
    expect(row).to_contain_text("Overdue")
    # Made 45 days ago; the days overdue come from the engine's due date.
    expect(row.locator(".govuk-table__cell--numeric")).to_have_text(re_number())
    check_accessibility(page, label="the officer's recommendation board")
    row.get_by_role("button", name="Respond").click()
    expect(
        page.get_by_role("heading", name="Respond to the Tribunal's recommendation")
    ).to_be_visible()
    check_accessibility(page, label="the response form")
    page.get_by_role("button", name="Send the response").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    check_accessibility(page, label="the response form with errors")
    fill_date(page, "Date the written response was sent", today)
    page.get_by_label("Will follow the recommendation", exact=True).check()
    page.get_by_label("The steps that will be taken").fill(
        "The community OT team will assess Riley within four weeks."
    )
    page.get_by_role("button", name="Send the response").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "The response is sent"
    )
    expect(page.get_by_text("Sent by Dana Cole")).to_be_visible()
    check_accessibility(page, label="the appeal after the response was sent")
    page.goto("/appeals/recommendations/")
    row = page.get_by_role("row").filter(has_text="Riley Example")
    expect(row.get_by_role("button", name="Respond")).to_have_count(0)


def test_the_officer_records_an_exception_for_their_own_advice(
    page: Page, sign_in: Callable[..., Page], world: dict[str, Any]
) -> None:
    sign_in(world["health"])
    page.goto("/advice/")
    row = page.get_by_role("row").filter(has_text="Riley Example")
    expect(row.locator(".govuk-table__cell--numeric")).to_have_text(re_number())
    check_accessibility(page, label="the officer's advice list")
    row.get_by_role("button", name="Respond").click()
    check_accessibility(page, label="the advice request")
    page.get_by_role("link", name="Record an exception").click()
    page.get_by_role("button", name="Record the exception").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select the ground")
    check_accessibility(page, label="the exception form with errors")
    page.get_by_label("missed an appointment", exact=False).check()
    page.get_by_label("What happened").fill("Riley missed the clinic appointment last week.")
    page.get_by_role("button", name="Record the exception").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "The exception is recorded"
    )
    expect(page.get_by_text("by Dana Cole for Northshire ICB")).to_be_visible()
    check_accessibility(page, label="the advice request with its exception")


def re_number() -> re.Pattern[str]:
    """A whole number of days, more than none."""
    return re.compile(r"^\s*[1-9][0-9]*\s*$")
