"""A caseworker uploads the school's review report, links it to the annual review, records who
was invited and who attended and the child's views, consults the family and the school, and
ceases the plan at the review on a s.45 ground. Every page (and a form's error state) is checked
with axe-core."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from playwright.sync_api import FilePayload, Page, expect

from redress.accounts.models import Role
from redress.casework.tests import factories
from redress.plans import services
from redress.plans.tests.helpers import issued_plan
from redress.tests_browser.helpers import check_accessibility, fill_date

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_caseworker_completes_a_review_and_ceases_the_plan_on_a_ground(
    page: Page, sign_in: Callable[..., Page], transactional_db: None
) -> None:
    make: Any = factories  # factory_boy's factories are untyped
    la = make.LocalAuthorityFactory(name="Northshire County Council")
    caseworker = make.user_with_role(
        Role.LA_CASEWORKER, organisation=la, username="casey", first_name="Casey", last_name="Ward"
    )
    child = make.ChildFactory(first_name="Riley", last_name="Example", local_authority=la)
    today = date.today()
    plan = issued_plan(
        child, caseworker, draft=today - timedelta(days=330), final=today - timedelta(days=300)
    )
    meeting = today - timedelta(days=3)
    cycle = services.review_start(
        actor=caseworker, plan=plan, meeting_planned_for=meeting,
        meeting_arranged_on=today - timedelta(days=40), expected_version=None,
    )  # fmt: skip

    sign_in(caseworker)
    # The school's report goes to the case's documents first.
    page.goto(f"/cases/{child.pk}/documents/new/")
    report = FilePayload(name="Riley review.pdf", mimeType="application/pdf", buffer=PDF)
    page.get_by_label("Choose a file").set_input_files(files=[report])
    page.get_by_label("School's review report").check()
    page.get_by_label("Title").fill("Hillside review report")
    fill_date(page, "Date of the document", today - timedelta(days=25))  # dated, below
    page.get_by_label("The local authority's staff only").check()
    page.get_by_role("button", name="Upload the document").click()
    expect(page.get_by_text("Document uploaded: Hillside review report.")).to_be_visible()

    page.goto(f"/plans/reviews/{cycle.pk}/")
    expect(page.get_by_role("heading", level=2, name="The review in full")).to_be_visible()
    check_accessibility(page, label="review page")

    page.get_by_role("link", name="Link or view the review report and advice").click()
    check_accessibility(page, label="review documents")
    dated = today - timedelta(days=25)
    page.get_by_label("Document on the case").select_option(
        label=f"School's review report: Hillside review report ({dated:%d %B %Y})"
    )
    fill_date(page, "Date it was circulated to everyone invited", today - timedelta(days=24))
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Document linked to the review.")).to_be_visible()
    expect(
        page.get_by_role("link", name="School's review report: Hillside review report")
    ).to_be_visible()

    page.get_by_role("link", name="Back to the annual review").click()
    page.get_by_role("link", name="Record or view who was invited and who attended").click()
    expect(page.locator("[data-missing-invitees]")).to_be_visible()
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    check_accessibility(page, label="attendance form with errors")
    page.get_by_label("The child's parent or the young person (reg 20(2)(a))").check()
    page.get_by_label("Their name").fill("Jo Example")
    fill_date(page, "Date they were invited", today - timedelta(days=38))
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Saved who was invited.")).to_be_visible()
    check_accessibility(page, label="attendance")

    page.get_by_role("link", name="Back to the annual review").click()
    page.get_by_role("link", name="Record review meeting held").click()
    fill_date(page, "Date", meeting)
    page.get_by_role("button", name="Save").click()
    page.get_by_role("link", name="Record or view who was invited and who attended").click()
    page.get_by_role("link", name="Record attendance of Jo Example").click()
    page.get_by_label("Attended", exact=True).check()
    page.get_by_role("button", name="Save").click()
    expect(page.locator('[data-attendance="attended"]')).to_have_text("Attended")

    page.get_by_role("link", name="Back to the annual review").click()
    page.get_by_role("link", name="Record or view the views").click()
    page.get_by_label("The child", exact=True).check()
    page.get_by_label("Written down or drawn").check()
    fill_date(page, "Date the views were given", meeting)
    page.get_by_label("Their views, wishes and feelings").fill("I want to stay with my friends.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("I want to stay with my friends.")).to_be_visible()
    check_accessibility(page, label="views")

    # Consult the family and the school before deciding the plan is no longer necessary.
    for consultee, name in (
        ("The child's parent or the young person", "Jo Example"),
        ("The head teacher or principal of the institution", "Ms Head"),
    ):
        page.goto(f"/plans/{plan.pk}/cease/consultations/new/")
        page.get_by_label(consultee).check()
        page.get_by_label("Their name").fill(name)
        fill_date(page, "Date they were told and consulted", meeting)
        page.get_by_role("button", name="Save").click()
        consulted = page.get_by_role("table", name="Consultations about ceasing the plan")
        expect(consulted).to_contain_text(name)

    page.goto(f"/plans/reviews/{cycle.pk}/")
    page.get_by_role("link", name="Record decision notified").click()
    fill_date(page, "Date", today - timedelta(days=1))
    page.get_by_label("Cease to maintain the plan").check()
    page.get_by_label("Reasons").fill("Riley's needs are met at school without a plan.")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose the ground in section 45")
    check_accessibility(page, label="review decision with errors")
    page.get_by_label(
        re.compile(r"^No longer necessary: special educational provision not needed")
    ).check()
    page.get_by_role("button", name="Save").click()
    expect(page.locator('[data-ground="not_needed"]')).to_contain_text(
        "No longer necessary: special educational provision not needed"
    )
    check_accessibility(page, label="review with the decision to cease")


def test_the_review_schedule_and_direct_payments_due_pass_axe(
    page: Page, sign_in: Callable[..., Page], transactional_db: None
) -> None:
    make: Any = factories  # factory_boy's factories are untyped
    la = make.LocalAuthorityFactory(name="Northshire County Council")
    caseworker = make.user_with_role(Role.LA_CASEWORKER, organisation=la, username="casey")
    school = make.SettingFactory(name="Hillside Primary")
    child = make.ChildFactory(
        first_name="Riley", last_name="Example", local_authority=la, setting=school
    )
    today = date.today()
    issued_plan(
        child, caseworker, draft=today - timedelta(days=330), final=today - timedelta(days=300)
    )

    sign_in(caseworker)
    page.get_by_role("link", name="Annual reviews").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Annual reviews due by school and term"
    )
    expect(page.locator(f'[data-schedule-row="{child.pk}"]')).to_contain_text("Hillside Primary")
    check_accessibility(page, label="review schedule")
    page.get_by_role("link", name="Direct payments due for review").click()
    expect(page.get_by_text("No direct payments are due for review.")).to_be_visible()
    check_accessibility(page, label="direct payments due")
