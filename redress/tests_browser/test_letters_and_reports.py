"""Decision letters and the reports pages in a real browser, checked with axe-core (WCAG 2.2
AA): the letters list, a letter refused with its error summary, a letter downloaded, in large
print too; the appeal figures beside published statistics; the performance report; the import
page with a bad file."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from redress.accounts.models import Organisation, Role
from redress.appeals.models import Appeal
from redress.casework.deadlines import deadlines_recompute
from redress.casework.tests import factories
from redress.reports.services import published_statistics_import
from redress.tests_browser.helpers import check_accessibility

make: Any = factories  # factory_boy's factories are untyped


@pytest.fixture
def scene(transactional_db: None) -> dict[str, Any]:
    la = make.LocalAuthorityFactory(
        name="Northshire County Council", phone="01632 960000", address="County Hall"
    )
    manager = make.user_with_role(
        Role.LA_MANAGER, organisation=la, username="mandy", first_name="Mandy", last_name="Lee"
    )
    adviser = make.OrganisationFactory(
        name="Fairway Mediation", kind=Organisation.Kind.MEDIATION_PROVIDER, phone="01632 960111"
    )
    adviser.serves.add(la)
    sendiass = make.OrganisationFactory(
        name="Northshire SENDIASS", kind=Organisation.Kind.SENDIASS, email="ias@example.invalid"
    )
    sendiass.serves.add(la)
    child = make.ChildFactory(first_name="Riley", last_name="Example", local_authority=la)
    make.FamilyMemberFactory(
        child=child, name="Sam Example", address="1 Main Street\nNorthtown",
        accessible_format="Large print",
    )  # fmt: skip
    make.CaseEventFactory(child=child, type="assessment_requested", date=date(2026, 4, 29))
    make.CaseEventFactory(
        child=child, type="assessment_decision", date=date(2026, 6, 10),
        details={"decision": "not_assess"}, reasons="Needs met at SEN support.",
    )  # fmt: skip
    deadlines_recompute(child=child)
    Appeal.objects.create(
        child=child, decision="not_assess", decision_notice_date=date(2026, 6, 10),
        lodged_on=date(2026, 9, 1), outcome="upheld", outcome_on=date(2026, 11, 2),
    )  # fmt: skip
    published_statistics_import(
        actor=manager,
        content=(
            b"period,geography_level,geography_name,measure,value,source\n"
            b"2026/27,national,England,appeals_registered,27000,Sample\n"
            b"2026/27,regional,North East,appeals_registered,1200,Sample\n"
        ),
        filename="sample.csv",
        check_permission=False,
    )
    return {"la": la, "manager": manager, "adviser": adviser, "child": child}


def test_the_letters_page_a_refusal_and_a_download(
    page: Page, sign_in: Callable[..., Page], scene: dict[str, Any], tmp_path: Path
) -> None:
    sign_in(scene["manager"])
    page.goto(f"/cases/{scene['child'].pk}/")
    page.get_by_role("button", name="Decision letters").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Decision letters")
    expect(page.get_by_role("table")).to_contain_text(
        "Decision not to carry out an EHC needs assessment"
    )
    check_accessibility(page, label="decision letters")

    with page.expect_download() as download:
        page.get_by_role("button", name="Download letter").first.click()
    assert download.value.suggested_filename.startswith("refuse-assess-")
    download.value.save_as(tmp_path / "letter.docx")
    assert (tmp_path / "letter.docx").read_bytes()[:2] == b"PK"
    expect(page.get_by_text("Who the letters go to")).to_be_visible()
    with page.expect_download() as large:
        page.get_by_role("button", name="Large print").first.click()
    assert large.value.suggested_filename.endswith("-large-print.docx")

    Organisation.objects.filter(pk=scene["adviser"].pk).update(phone="")
    page.get_by_role("button", name="Download letter").first.click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("no contact details for a mediation adviser")
    expect(page).to_have_title("Error: Decision letters for Riley Example – Redress")
    check_accessibility(page, label="decision letter refused")


def test_the_reports_pages(page: Page, sign_in: Callable[..., Page], scene: dict[str, Any]) -> None:
    sign_in(scene["manager"])
    page.goto("/reports/")
    expect(page.get_by_role("heading", level=1)).to_have_text("What we learn from our appeals")
    page.get_by_label("Region to compare with").select_option("North East")
    page.get_by_role("button", name="Show figures").click()
    expect(page.get_by_text("27000")).to_be_visible()
    check_accessibility(page, label="reports")
    # The national figures are not an authority manager's to import.
    expect(page.get_by_role("link", name="Import published tribunal statistics")).to_have_count(0)


def test_the_performance_page(
    page: Page, sign_in: Callable[..., Page], scene: dict[str, Any]
) -> None:
    sign_in(scene["manager"])
    page.goto("/reports/")
    page.get_by_role("link", name="How we are doing against the statutory timescales").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "How we are doing against the statutory timescales"
    )
    expect(page.locator("#assessment_decisions")).to_contain_text("June 2026")
    page.get_by_label("School term").check()
    page.get_by_role("button", name="Show the report").click()
    expect(page.locator("#assessment_decisions")).to_contain_text("Summer term 2026")
    check_accessibility(page, label="performance")


def test_the_statistics_import_page(
    page: Page, sign_in: Callable[..., Page], scene: dict[str, Any]
) -> None:
    from django.contrib.auth.models import Permission

    steward = make.UserFactory(username="national-data")
    steward.user_permissions.add(
        Permission.objects.get(content_type__app_label="reports", codename="import_statistics")
    )
    sign_in(steward)
    page.goto("/reports/statistics/import/")
    check_accessibility(page, label="statistics import")
    page.get_by_label("CSV file of published tribunal statistics").set_input_files(
        files=[
            {"name": "bad.csv", "mimeType": "text/csv", "buffer": b"period,value\n2026/27,1\n"}
        ]  # fmt: skip
    )
    page.get_by_role("button", name="Check the file").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("has no column")
    check_accessibility(page, label="statistics import with an error")
