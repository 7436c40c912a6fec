"""A caseworker adds an advice giver's declared conflict to the register, then must give a reason
to ask that person for advice on the child; every page is checked with axe-core."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from playwright.sync_api import Page, expect

from redress.accounts.models import Organisation, Role
from redress.casework.tests import factories
from redress.tests_browser.helpers import check_accessibility, fill_date


def test_a_declared_conflict_needs_a_reason_before_advice_is_sent(
    page: Page, sign_in: Callable[..., Page], transactional_db: None
) -> None:
    make: Any = factories  # factory_boy's factories are untyped
    la = make.LocalAuthorityFactory(name="Northshire County Council")
    caseworker = make.user_with_role(
        Role.LA_CASEWORKER, organisation=la, username="casey", first_name="Casey", last_name="Ward"
    )
    practice = make.OrganisationFactory(
        name="Hill Therapy Practice", kind=Organisation.Kind.INDEPENDENT_PRACTICE
    )
    make.user_with_role(
        Role.ADVICE_GIVER, organisation=practice, username="dana", first_name="Dana",
        last_name="Hale",
    )  # fmt: skip
    child = make.ChildFactory(first_name="Riley", last_name="Example", local_authority=la)
    make.CaseEventFactory(
        child=child, type="assessment_requested", date=date.today() - timedelta(days=10),
        details={"requested_by": "parent"}, recorded_by=caseworker,
    )  # fmt: skip

    sign_in(caseworker)
    page.goto("/conflicts/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Declared conflicts of interest")
    check_accessibility(page, label="empty register")
    page.get_by_role("button", name="Add to the register").click()
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    check_accessibility(page, label="register form with errors")

    page.get_by_label("Advice giver").select_option(label="Dana Hale (Hill Therapy Practice)")
    page.get_by_label("Case number of the child or young person (optional)").fill(str(child.pk))
    page.get_by_label("The conflict, as declared").fill("Riley's mother is her cousin")
    fill_date(page, "Date it was declared", date.today() - timedelta(days=3))
    page.get_by_role("button", name="Add to the register").click()
    expect(page.get_by_text("Declared conflict added to the register.")).to_be_visible()
    check_accessibility(page, label="register with a declaration")

    page.goto(f"/advice/new/{child.pk}/")
    page.get_by_label("Educational").check()
    page.get_by_label("Organisation asked for the advice").select_option(
        label="Hill Therapy Practice"
    )
    page.get_by_label("Person asked (optional)").select_option(
        label="Dana Hale (Hill Therapy Practice)"
    )
    fill_date(page, "Date the request was sent", date.today())
    page.get_by_role("group", name=re.compile("employed or contracted")).get_by_label("No").check()
    page.get_by_role("group", name=re.compile("would deliver")).get_by_label("No").check()
    page.get_by_role("button", name="Send request").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("has declared a conflict of interest")
    check_accessibility(page, label="advice request refused for a declared conflict")

    page.get_by_label(re.compile("Why they are asked despite")).fill(
        "The only educational psychologist free in time"
    )
    page.get_by_role("button", name="Send request").click()
    expect(page.locator("main")).to_contain_text(
        "Asked all the same, because: The only educational psychologist free in time"
    )
    check_accessibility(page, label="advice request with the conflict shown")
