"""A parent comments on section F of the draft plan, the caseworker answers, and the parent
reads the answer; each page is checked with axe-core on a desktop and a 375 px screen."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from playwright.sync_api import Page, expect

from redress.accounts.models import Role
from redress.casework.models import FamilyMember
from redress.casework.tests import factories
from redress.notifications.tests.conftest import make_user
from redress.plans import services as plans
from redress.plans.tests.helpers import ready_plan
from redress.statutory.engine import today_in_london
from redress.tests_browser.helpers import check_accessibility

PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 900}


def both_sizes(page: Page, label: str) -> None:
    for name, size in (("desktop", DESKTOP), ("375 px", PHONE)):
        page.set_viewport_size(size)
        check_accessibility(page, label=f"{label} ({name})")
        if size is PHONE:
            assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.set_viewport_size(DESKTOP)


def test_a_parent_comments_on_section_f_and_reads_the_answer(
    page: Page, sign_in: Callable[..., Page], transactional_db: None
) -> None:
    make: Any = factories  # factory_boy's factories are untyped
    la = make.LocalAuthorityFactory(name="Northshire County Council")
    caseworker = make.user_with_role(
        Role.LA_CASEWORKER, organisation=la, username="casey", first_name="Casey", last_name="Ward"
    )
    child = make.ChildFactory(first_name="Riley", last_name="Example", local_authority=la)
    parent = make_user("parent", "Jo", "Parent")
    FamilyMember.objects.create(child=child, user=parent, name="Jo Parent", relationship="parent")
    plan = ready_plan(child, caseworker)
    # Served three days ago, so the family's time to comment is running today.
    plans.plan_issue_draft(
        actor=caseworker, plan=plan, when=today_in_london() - timedelta(days=3),
        expected_version=None,
    )  # fmt: skip

    sign_in(parent)
    page.goto(f"/family/cases/{child.pk}/")
    page.get_by_role("link", name="Comment on the draft plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Comments on the draft plan")
    both_sizes(page, "comment form")
    page.get_by_role("button", name="Send your comment").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    both_sizes(page, "comment form with an error")
    page.get_by_label("Which part of the draft plan is your comment about?").select_option("F")
    page.get_by_label("Your comment", exact=True).fill(
        "Riley needs speech therapy every week, not termly."
    )
    page.get_by_role("button", name="Send your comment").click()
    expect(page.get_by_text("We have sent your comment to the council.")).to_be_visible()
    expect(page.get_by_text("Waiting for an answer")).to_be_visible()
    page.get_by_role("button", name="Sign out").click()

    sign_in(caseworker)
    page.goto(f"/cases/{child.pk}/")
    expect(
        page.get_by_role("heading", name="The family's comments on the plan (1 to answer)")
    ).to_be_visible()
    page.get_by_role("link", name="Answer the comment").click()
    both_sizes(page, "answer form")
    page.get_by_label("Your answer to the family").fill(
        "We will ask the speech therapist and change section F to weekly sessions."
    )
    page.get_by_role("button", name="Send the answer").click()
    expect(page.get_by_text("The family can read your answer.")).to_be_visible()
    page.get_by_role("button", name="Sign out").click()

    sign_in(parent)
    page.goto(f"/family/cases/{child.pk}/draft-plan/comments/")
    expect(page.get_by_text("change section F to weekly sessions")).to_be_visible()
    expect(page.locator(".govuk-tag", has_text="Answered")).to_be_visible()
    both_sizes(page, "the answer")
