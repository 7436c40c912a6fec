"""The SEN2 return, the caseload import and API tokens in a real browser, checked with axe-core:
a manager builds the return and fixes a child's missing items and their request's; an
administrator checks and imports a file, and issues a token."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from redress.accounts.models import Membership, Role
from redress.casework.deadlines import deadlines_recompute
from redress.casework.tests import factories
from redress.sen2.models import AuthorityReturnDetails
from redress.tests_browser.helpers import check_accessibility

make: Any = factories  # factory_boy's factories are untyped
SAMPLE = Path(__file__).resolve().parent.parent / "imports" / "sample"


@pytest.fixture
def scene(transactional_db: None) -> dict[str, Any]:
    la = make.LocalAuthorityFactory(name="Northshire County Council")
    AuthorityReturnDetails.objects.create(authority=la, la_code="935")
    manager = make.user_with_role(Role.LA_MANAGER, organisation=la, username="mandy")
    admin = make.user_with_role(Role.ADMINISTRATOR, username="ada-admin")
    icb = make.CommissionerFactory()
    officer = make.user_with_role(Role.HEALTH_OFFICER, organisation=icb, username="hal")
    # An administrator issues tokens only for the organisations they administer (decision 0184).
    Membership.objects.create(user=admin, organisation=icb, role=Role.ADMINISTRATOR)
    child = make.ChildFactory(first_name="Riley", last_name="Example", local_authority=la)
    make.CaseEventFactory(child=child, type="assessment_requested", date=date(2026, 9, 1))
    deadlines_recompute(child=child)
    return {"manager": manager, "admin": admin, "officer": officer, "child": child}


def test_a_manager_builds_the_return_and_fixes_a_child(
    page: Page, sign_in: Callable[..., Page], scene: dict[str, Any]
) -> None:
    sign_in(scene["manager"])
    page.goto("/reports/")
    page.get_by_role("link", name="build and check the SEN2 return").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("The SEN2 return")
    page.get_by_label("Collection year").fill("2027")
    page.get_by_role("button", name="Build and check the return").click()
    table = page.get_by_role("table").first
    expect(table).to_contain_text("SEN2-P04")
    expect(table).to_contain_text("Riley Example")
    check_accessibility(page, label="SEN2 return with failures")

    page.goto("/sen2/missing/")
    expect(page.get_by_role("table")).to_contain_text("ethnicity")
    check_accessibility(page, label="children lacking SEN2 items")
    page.get_by_role("link", name="Riley Example").click()
    page.get_by_label("Ethnicity").select_option("WBRI")
    page.get_by_label("Sex").select_option("F")
    page.get_by_label("Postcode").fill("ab1 2cd")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("are saved")
    check_accessibility(page, label="SEN2 details")

    # Who made the request, and whether it was made in youth accommodation: on the request.
    page.get_by_role("link", name="The request of 1 September 2026").click()
    check_accessibility(page, label="SEN2 details of a request")
    page.get_by_label("Who made the request").select_option("2")
    page.get_by_label("Made whilst the child was in relevant youth accommodation").check()
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("request's SEN2 details")
    expect(page.get_by_text("who made it is not recorded")).to_have_count(0)


def test_an_administrator_imports_a_file_and_issues_a_token(
    page: Page, sign_in: Callable[..., Page], scene: dict[str, Any]
) -> None:
    sign_in(scene["admin"])
    page.goto("/imports/")
    check_accessibility(page, label="caseload import")
    page.get_by_label("The system the files came from").fill("Old system")
    page.get_by_label("Which file").select_option("children")
    page.get_by_label("The CSV file").set_input_files(
        files=[{"name": "children.csv", "mimeType": "text/csv",
                "buffer": b"child_id,first_name,last_name,date_of_birth\nC-1,Ada,,2016-01-01\n"}]
    )  # fmt: skip
    page.get_by_role("button", name="Import").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Line 2 (C-1): last_name")
    check_accessibility(page, label="caseload import refused")
    page.get_by_label("The system the files came from").fill("Old system")
    page.get_by_label("Which file").select_option("settings")
    page.get_by_label("The CSV file").set_input_files(str(SAMPLE / "settings.csv"))
    page.get_by_role("button", name="Import").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("would be new")

    page.goto("/api-tokens/")
    page.get_by_label("Which system will use it").fill("ICB tracker")
    page.get_by_label("Organisation", exact=True).select_option(
        label=scene["officer"].memberships.get().organisation.name
    )
    page.get_by_label("Account the system acts as").select_option(label="hal")
    page.get_by_label("Read the advice requests sent to the organisation").check()
    page.get_by_role("button", name="Issue a token").click()
    expect(page.locator(".govuk-panel")).to_contain_text("rdx_")
    check_accessibility(page, label="API token issued")
