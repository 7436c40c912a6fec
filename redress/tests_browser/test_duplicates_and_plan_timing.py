"""In a real browser: a child who may already have a record is caught on the new-child form and
added only when confirmed as a different child; a final plan recorded before the family's 15 days
on the draft are over is refused, naming the first day allowed. Pages are checked with axe-core.

Dates are relative to today, as the live server runs with the real clock; the first day allowed
is the draft's day plus 15 (reg 13(1)(a)), written out here by hand, never with the engine.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from django.urls import reverse
from playwright.sync_api import Page, expect

from redress.accounts.models import Role
from redress.casework import services
from redress.casework.models import CaseEvent, Child
from redress.casework.tests import factories
from redress.statutory.calendar import format_date
from redress.tests_browser.helpers import check_accessibility, fill_date


def test_a_duplicate_child_is_caught_and_an_early_final_plan_refused(
    page: Page, sign_in: Callable[..., Page], transactional_db: None
) -> None:
    make: Any = factories
    la = make.LocalAuthorityFactory(name="Northshire County Council")
    caseworker = make.user_with_role(Role.LA_CASEWORKER, organisation=la, username="casey")
    existing = make.ChildFactory(
        first_name="Riley", last_name="Example", date_of_birth=date(2016, 5, 17), local_authority=la
    )
    sign_in(caseworker)

    # The same child again, typed in another case: shown the record, asked to confirm.
    page.goto(reverse("casework:case-new"))
    page.get_by_label("First name").fill("riley")
    page.get_by_label("Last name").fill("EXAMPLE")
    fill_date(page, "Date of birth", date(2016, 5, 17))
    page.get_by_role("button", name="Save").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("may be this child")
    expect(page.get_by_role("link", name="Riley Example")).to_have_attribute(
        "href", reverse("casework:case-detail", args=[existing.pk])
    )
    check_accessibility(page, label="new child form with a possible duplicate")
    assert Child.objects.count() == 1
    page.get_by_label("This is a different child").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("riley EXAMPLE")
    assert Child.objects.count() == 2

    # A final plan the day after the draft: refused, with the first day it may be issued.
    today = date.today()
    draft = today - timedelta(days=5)
    for event_type, when, details in (
        ("assessment_requested", today - timedelta(days=100), {"requested_by": "parent"}),
        ("assessment_decision", today - timedelta(days=60), {"decision": "assess"}),
        ("draft_plan_issued", draft, {}),
    ):
        services.case_event_record(
            actor=caseworker, child=existing, event_type=event_type, when=when,
            details=details, expected_version=None,
        )  # fmt: skip
    page.goto(reverse("casework:record-event", args=[existing.pk, "final_plan_issued"]))
    fill_date(page, "Date the final plan was sent", draft + timedelta(days=1))
    page.get_by_role("button", name="Save").click()
    expect(page).to_have_title(re.compile("^Error: "))
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        f"The first day it may be issued is {format_date(draft + timedelta(days=15))}."
    )
    check_accessibility(page, label="final plan refused before the family's 15 days")
    assert not CaseEvent.objects.filter(child=existing, type="final_plan_issued").exists()
