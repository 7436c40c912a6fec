"""A caseworker records a family's appeal in a real browser: from the case page to the appeal
form (with its error state), then the Tribunal's registration and directed response date, and a
health recommendation, seeing the deadlines each step starts. Every page is checked with axe-core.

Dates are relative to today (the live server runs with the real clock); expected due dates are
worked out here with plain date arithmetic, never with the engine.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from redress.accounts.models import Organisation, Role
from redress.casework.tests import factories
from redress.mediation.models import MediationCase, MediationCertificate
from redress.tests_browser.helpers import check_accessibility, fill_date, govuk_date


@pytest.fixture
def world(transactional_db: None) -> dict[str, Any]:
    make: Any = factories  # factory_boy's factories are untyped
    la = make.LocalAuthorityFactory(name="Northshire County Council")
    icb = make.OrganisationFactory(
        name="Northshire ICB", kind=Organisation.Kind.HEALTH_COMMISSIONER
    )
    icb.serves.add(la)
    provider = make.OrganisationFactory(
        name="Fair Talk Mediation", kind=Organisation.Kind.MEDIATION_PROVIDER
    )
    caseworker = make.user_with_role(
        Role.LA_CASEWORKER, organisation=la, username="casey", first_name="Casey", last_name="Ward"
    )
    health = make.user_with_role(
        Role.HEALTH_OFFICER, organisation=icb, username="dana", first_name="Dana", last_name="Cole"
    )
    child = make.ChildFactory(
        first_name="Riley", last_name="Example", local_authority=la, caseworker=caseworker
    )
    today = date.today()
    case = MediationCase.objects.create(
        child=child,
        provider=provider,
        decision="plan_contents",
        decision_notice_date=today - timedelta(days=50),
    )
    MediationCertificate.objects.create(
        case=case, reason="declined", issued_on=today - timedelta(days=30)
    )
    return {"caseworker": caseworker, "health": health, "child": child}


def _a_plain_wednesday(start: date) -> date:
    """A Wednesday on or after `start`, away from Christmas (no holiday moves it)."""
    day = start + timedelta(days=(2 - start.weekday()) % 7)
    while (day.month == 12 and day.day >= 20) or (day.month == 1 and day.day <= 3):
        day += timedelta(days=14)
    return day


def test_caseworker_records_an_appeal_and_sees_its_deadlines(
    page: Page, sign_in: Callable[..., Page], world: dict[str, Any]
) -> None:
    child = world["child"]
    today = date.today()
    notice = today - timedelta(days=50)
    lodged = today - timedelta(days=10)
    sent = today - timedelta(days=8)
    directed = _a_plain_wednesday(today + timedelta(days=20))
    made = today - timedelta(days=3)

    sign_in(world["caseworker"])
    page.goto(f"/cases/{child.pk}/")
    page.get_by_role("button", name="Appeals to the Tribunal").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Appeals to the Tribunal")
    check_accessibility(page, label="a child's appeals, none yet")
    page.get_by_role("button", name="Record an appeal").click()
    check_accessibility(page, label="the appeal form")

    # Nothing filled in: the error summary names what is missing.
    page.get_by_role("button", name="Record the appeal").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Choose the decision the family is appealing")
    check_accessibility(page, label="the appeal form with errors")

    page.get_by_label("The contents of the EHC plan (s.51(2)(c))").check()
    fill_date(page, "Date of the decision letter", notice)
    page.get_by_label("Section F: special educational provision").check()
    page.get_by_label("Mediation certificate the appeal relies on").select_option(index=1)
    fill_date(page, "Date the appeal was lodged with the Tribunal", lodged)
    page.get_by_label("Section G: health care provision").check()
    page.get_by_label("Health commissioner", exact=True).select_option(label="Northshire ICB")
    page.get_by_role("button", name="Record the appeal").click()

    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("SEND35")
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Appeal: The contents of the EHC plan"
    )
    check_accessibility(page, label="the appeal page")

    page.get_by_role("button", name="Registration and response").click()
    fill_date(page, "Date the Tribunal sent the appeal to the local authority", sent)
    fill_date(page, "Date of any direction about the response", sent)
    fill_date(page, "Date the Tribunal directed for the response", directed)
    check_accessibility(page, label="the registration form")
    page.get_by_role("button", name="Save").click()
    banner = page.locator(".govuk-notification-banner--success")
    expect(banner).to_contain_text(
        f"Send the local authority's response to the appeal by {govuk_date(directed)}"
    )
    deadlines = page.locator("#deadlines + table")
    expect(deadlines).to_contain_text(govuk_date(directed))

    page.get_by_role("button", name="Add a recommendation").click()
    page.get_by_label("Section G: health care provision").check()
    fill_date(page, "Date the Tribunal made the recommendation", made)
    page.get_by_label("The recommendation", exact=True).fill("An occupational therapy assessment.")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        govuk_date(made + timedelta(weeks=5))
    )
    table = page.locator("table", has_text="An occupational therapy assessment.")
    expect(table).to_contain_text("Northshire ICB")
    expect(table).to_contain_text(govuk_date(made + timedelta(weeks=5)))
    check_accessibility(page, label="the appeal page with a recommendation")


def test_the_commissioner_must_give_reasons_to_decline(
    page: Page, sign_in: Callable[..., Page], world: dict[str, Any]
) -> None:
    from redress.appeals import services

    child = world["child"]
    today = date.today()
    certificate = MediationCertificate.objects.get(case__child=child)
    appeal = services.appeal_record(
        actor=world["caseworker"], child=child, decision="plan_contents",
        decision_notice_date=today - timedelta(days=50), lodged_on=today - timedelta(days=10),
        sections_challenged=["F"], mediation_certificate=certificate,
        recommendation_sections=["G"],
        health_commissioner=Organisation.objects.get(name="Northshire ICB"),
    )  # fmt: skip
    services.recommendation_record(
        actor=world["caseworker"], appeal=appeal, section="G", made_on=today - timedelta(days=2),
        text="An occupational therapy assessment.",
    )  # fmt: skip

    sign_in(world["health"])
    page.goto("/appeals/recommendations/")
    expect(page.get_by_role("link", name="Waiting for a response: 1")).to_be_visible()
    check_accessibility(page, label="the commissioner's responses page")
    page.get_by_role("link", name="Riley Example").click()
    expect(page.get_by_text("Mediation certificate")).to_have_count(0)
    check_accessibility(page, label="the appeal as the commissioner sees it")
    page.get_by_role("link", name="Record the response").click()
    fill_date(page, "Date the written response was sent", today)
    page.get_by_label("Will not follow the recommendation").check()
    page.get_by_role("button", name="Send the response").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Give the reasons for not following the recommendation"
    )
    check_accessibility(page, label="the response form with errors")
    page.get_by_label("Reasons for not following the recommendation").fill(
        "The school's therapist already assesses this each term."
    )
    page.get_by_role("button", name="Send the response").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "The response is sent"
    )
    expect(
        page.get_by_text("The school's therapist already assesses this each term.")
    ).to_be_visible()
