"""A caseworker uploads the school's review report and shares it with the family; the parent
finds it on the family's page of shared documents. Every page, and the upload form's error
state, is checked with axe-core at desktop width."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from playwright.sync_api import FilePayload, Page, expect

from redress.accounts.models import Role
from redress.casework.models import FamilyMember
from redress.casework.tests import factories
from redress.tests_browser.helpers import check_accessibility, fill_date, govuk_date

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_caseworker_shares_the_review_report_and_the_parent_sees_it(
    page: Page, sign_in: Callable[..., Page], transactional_db: None
) -> None:
    make: Any = factories  # factory_boy's factories are untyped
    la = make.LocalAuthorityFactory(name="Northshire County Council")
    caseworker = make.user_with_role(
        Role.LA_CASEWORKER, organisation=la, username="casey", first_name="Casey", last_name="Ward"
    )
    parent = make.user_with_role(
        Role.PARENT_CARER, username="jo", first_name="Jo", last_name="Example"
    )
    child = make.ChildFactory(first_name="Riley", last_name="Example", local_authority=la)
    FamilyMember.objects.create(child=child, user=parent, name="Jo Example", relationship="parent")
    yesterday = date.today() - timedelta(days=1)

    sign_in(caseworker)
    page.goto(f"/cases/{child.pk}/")
    page.get_by_role("link", name="Documents", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Documents")
    expect(page.get_by_text("No documents have been kept on the case yet.")).to_be_visible()
    check_accessibility(page, label="empty documents page")

    page.get_by_role("button", name="Upload a document").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Upload a document")
    check_accessibility(page, label="upload form")
    page.get_by_role("button", name="Upload the document").click()
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    expect(page).to_have_title(re.compile(r"^Error: "))
    check_accessibility(page, label="upload form with errors")

    report = FilePayload(name="Riley review 2026.pdf", mimeType="application/pdf", buffer=PDF)
    page.get_by_label("Choose a file").set_input_files(files=[report])
    page.get_by_label("School's review report").check()
    page.get_by_label("Title").fill("Annual review report, Hillside Primary")
    fill_date(page, "Date of the document", yesterday)
    page.get_by_label("Also the professionals and the family").check()
    fill_date(page, "Date sent or shared with the family", yesterday)
    page.get_by_role("button", name="Upload the document").click()
    uploaded = "Document uploaded: Annual review report, Hillside Primary."
    expect(page.get_by_text(uploaded)).to_be_visible()
    row = page.locator("tbody tr").first
    expect(row).to_contain_text("School's review report")
    expect(row).to_contain_text(f"Sent to the family {yesterday.day} {yesterday:%b %Y}")
    check_accessibility(page, label="documents list")

    row.get_by_role("link", name=re.compile("Correct or withdraw")).click()
    check_accessibility(page, label="correct or withdraw a document")

    page.get_by_role("button", name="Sign out").click()
    sign_in(parent)
    page.goto(f"/family/cases/{child.pk}/")
    check_accessibility(page, label="family case page")
    page.get_by_role("link", name="Documents the council has shared with you").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Documents the council has shared with you"
    )
    shared = page.locator("tbody tr").first
    expect(shared).to_contain_text("Annual review report, Hillside Primary")
    expect(shared).to_contain_text(govuk_date(yesterday))
    check_accessibility(page, label="the family's shared documents")
    with page.expect_download() as download:
        shared.get_by_role("link").click()
    assert download.value.suggested_filename == "Riley review 2026.pdf"
