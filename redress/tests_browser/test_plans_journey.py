"""A caseworker runs an EHC plan in a real browser: from the case page to a draft, the section 21
warning for speech and language therapy placed in G, the draft served and the final plan issued,
an annual review with its meeting, a decision to amend, and the amendment notice. Every page (and
a form's error state) is checked with axe-core.

Dates are relative to today (the live server runs with the real clock); expected due dates are
worked out here with plain date arithmetic, never with the engine.
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
from redress.tests_browser.helpers import check_accessibility, fill_date, govuk_date


@pytest.fixture
def caseworker_and_child(transactional_db: None) -> tuple[Any, Any]:
    make: Any = factories  # factory_boy's factories are untyped
    la = make.LocalAuthorityFactory(name="Northshire County Council")
    caseworker = make.user_with_role(
        Role.LA_CASEWORKER, organisation=la, username="casey", first_name="Casey", last_name="Ward"
    )
    born = date.today() - timedelta(days=int(9.5 * 365.25))  # year 4 or 5: no adulthood check
    child = make.ChildFactory(
        first_name="Riley", last_name="Example", local_authority=la, caseworker=caseworker,
        date_of_birth=born,
    )  # fmt: skip
    # A plan follows an assessment: the request and the decision to assess are on record.
    requested = date.today() - timedelta(days=400)
    make.CaseEventFactory(child=child, type="assessment_requested", date=requested)
    make.CaseEventFactory(
        child=child, type="assessment_decision", date=requested + timedelta(days=20),
        details={"decision": "assess"},
    )  # fmt: skip
    return caseworker, child


def _save(page: Page) -> None:
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state()


def _add_provision(page: Page, section: str, what: str, who: str) -> None:
    page.get_by_role("link", name=f"Add provision to section {section}").click()
    page.get_by_label(re.compile(rf"^Section {section}:")).check()
    page.get_by_label("What the provision is").fill(what)
    page.get_by_label("Who provides it").fill(who)
    page.get_by_label("How often").fill("45 minutes, weekly")
    page.get_by_label("For how long").fill("Until the next review")
    _save(page)


def _deadline(page: Page, rule: str) -> Any:
    return page.locator(f'td[data-rule="{rule}"]')


def test_caseworker_runs_a_plan_from_draft_through_review_to_amendment(
    page: Page, sign_in: Callable[..., Page], caseworker_and_child: tuple[Any, Any]
) -> None:
    caseworker, child = caseworker_and_child
    today = date.today()
    served = today - timedelta(days=70)
    issued = today - timedelta(days=50)
    arranged = today - timedelta(days=40)
    meeting = today - timedelta(days=20)
    decided = today - timedelta(days=6)
    notice = today - timedelta(days=2)

    sign_in(caseworker)
    page.goto(f"/cases/{child.pk}/")
    page.get_by_role("button", name="EHC plans and reviews").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("EHC plans")
    check_accessibility(page, label="a child's plans, none yet")
    page.get_by_role("button", name="Start a draft plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("EHC plan, version 1")

    # Section B, an outcome, provision in F and a therapy wrongly placed in G.
    page.get_by_role("link", name="Edit the text of section B").click()
    page.get_by_label("Section B: Special educational needs").fill(
        "Riley has a severe speech and language disorder."
    )
    check_accessibility(page, label="section edit form")
    _save(page)
    page.get_by_role("link", name="Add an outcome").click()
    _save(page)  # nothing typed: an error summary, not a server error
    expect(page.get_by_role("alert")).to_contain_text("There is a problem")
    check_accessibility(page, label="outcome form with an error")
    page.get_by_label("The outcome sought").fill("Riley will ask for help in short sentences.")
    _save(page)
    _add_provision(page, "F", "Small-group vocabulary teaching", "Class teacher")
    _add_provision(page, "G", "Speech and language therapy, direct sessions", "NHS therapist")
    warning = page.locator("#section-21")
    expect(warning).to_contain_text("belongs in section F")
    expect(page.locator('[data-check="section-21"]')).to_contain_text("s.21(5)")
    check_accessibility(page, label="draft plan with the section 21 warning")
    page.get_by_role("link", name="Change the placement").click()
    page.get_by_label("Type of school or institution").fill("Maintained mainstream primary")
    page.get_by_label("School or institution the family asked to be named").fill("Hillside Primary")
    _save(page)

    # Draft served (naming no school, s.38(5)), then the final plan names the school.
    page.get_by_role("button", name="Record the draft served").click()
    fill_date(page, "Date the draft plan was served", served)
    _save(page)
    page.get_by_role("link", name="Change the placement").click()
    page.get_by_label("Name, when not in Redress").fill("Hillside Primary")
    _save(page)
    page.get_by_role("button", name="Issue the final plan").click()
    fill_date(page, "Date the final plan was issued", issued)
    check_accessibility(page, label="issue form")
    _save(page)
    expect(page.locator("dl").first).to_contain_text("Final")
    # The last day of the 12 months starting with the day the plan was made (CFA 2014 s.44(1)).
    review_due = date(issued.year + 1, issued.month, min(issued.day, 28)) - timedelta(days=1)
    if issued.day <= 28:
        expect(_deadline(page, "review.annual")).to_contain_text(govuk_date(review_due))
    check_accessibility(page, label="final plan")

    # The annual review: the meeting arranged, its notice, the meeting and a decision to amend.
    page.get_by_role("button", name="Begin the annual review").click()
    fill_date(page, "Date planned for the meeting", meeting)
    fill_date(page, "Date the meeting was arranged", arranged)
    _save(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Annual review of version 1")
    notice_due = meeting - timedelta(days=14)
    expect(_deadline(page, "review.meeting_notice")).to_contain_text(govuk_date(notice_due))
    check_accessibility(page, label="review with the meeting arranged")
    for label, when in (
        ("invitations sent", arranged + timedelta(days=1)),
        ("review meeting held", meeting),
    ):
        page.get_by_role("link", name=f"Record {label}").click()
        fill_date(page, "Date", when)
        _save(page)
    expect(_deadline(page, "review.meeting_notice")).to_contain_text("Done")
    page.get_by_role("link", name="Record decision notified").click()
    fill_date(page, "Date", decided)
    page.get_by_label("Amend the plan").check()
    page.get_by_label("Proposed amendments").fill("Move speech and language therapy to F.")
    check_accessibility(page, label="review decision form")
    _save(page)
    expect(_deadline(page, "review.decision")).to_contain_text("Done")

    # The amended plan: a draft copy, its notice, and the family's 15 days.
    page.get_by_role("button", name="Start the amended plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("EHC plan, version 2")
    page.get_by_role("button", name="Record the amendment notice").click()
    fill_date(page, "Date the amendment notice was issued", notice)
    _save(page)
    fifteen = notice + timedelta(days=15)
    expect(_deadline(page, "review.amendment_representations")).to_contain_text(govuk_date(fifteen))
    expect(_deadline(page, "review.amended_plan")).to_contain_text(
        govuk_date(notice + timedelta(weeks=8))
    )
    check_accessibility(page, label="amended plan in draft")
    page.get_by_role("link", name="compare", exact=True).click()
    check_accessibility(page, label="comparison of versions")


def test_caseworker_adds_the_suggested_phase_transfer_cohort(
    page: Page, sign_in: Callable[..., Page], caseworker_and_child: tuple[Any, Any]
) -> None:
    from redress.plans import services

    caseworker, child = caseworker_and_child
    today = date.today()
    coming = today.year if today.month < 9 else today.year + 1
    # In year 6 in the school year before `coming`: 10 on the 31 August that starts it.
    child.date_of_birth = date(coming - 11, 3, 15)
    child.save()
    plan = services.plan_create(actor=caseworker, child=child, expected_version=None)
    services.plan_section_update(
        actor=caseworker, plan=plan, code="B", text="Needs.", expected_version=None
    )
    services.outcome_add(actor=caseworker, plan=plan, text="An outcome.", expected_version=None)
    services.provision_item_add(
        actor=caseworker, plan=plan, section="F", what="Teaching", who="Teacher",
        how_often="Daily", how_long="A year", expected_version=None,
    )  # fmt: skip
    services.placement_set(
        actor=caseworker, plan=plan, institution_type="Primary school", expected_version=None
    )
    services.plan_issue_draft(
        actor=caseworker, plan=plan, when=today - timedelta(days=40), expected_version=None
    )
    services.plan_issue_final(
        actor=caseworker, plan=plan, when=today - timedelta(days=20), expected_version=None
    )

    sign_in(caseworker)
    page.goto(f"/plans/phase-transfers/?year={coming}")
    check_accessibility(page, label="empty cohort")
    page.get_by_role("link", name=f"Children due to move phase in {coming}").click()
    # Suggestions are not ticked for the caseworker: they choose.
    expect(page.get_by_label(re.compile("Riley Example"))).not_to_be_checked()
    page.get_by_label(re.compile("Riley Example")).check()
    check_accessibility(page, label="suggested cohort")
    page.get_by_role("button", name=f"Add the chosen children to the {coming} cohort").click()
    expect(page.get_by_text(f"Added 1 to the {coming} cohort.")).to_be_visible()
    row = page.locator("tr.govuk-table__row").filter(has_text="Riley Example")
    expect(row).to_contain_text(govuk_date(date(coming, 2, 14)))
    check_accessibility(page, label="cohort with the child added")
