"""A caseworker reads the phase-transfer suggestions (none ticked), filters them, adds one child
to the cohort, and finds the rest still suggested; every page is checked with axe-core."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from playwright.sync_api import Page, expect

from redress.plans.models import PhaseTransfer, Placement, Plan
from redress.plans.tests.helpers import ChildFactory, LocalAuthorityFactory, caseworker_for
from redress.statutory.school_year import born_in_year_group
from redress.tests_browser.helpers import check_accessibility


def test_suggestions_start_unticked_and_only_the_chosen_child_is_added(
    page: Page, sign_in: Callable[..., Page], transactional_db: None
) -> None:
    la: Any = LocalAuthorityFactory(name="Northshire County Council")
    born = born_in_year_group(6, date.today())[0]
    children = {}
    for last_name in ("Ash", "Birch", "Cedar"):
        child = ChildFactory(local_authority=la, date_of_birth=born, last_name=last_name)
        plan = Plan.objects.create(child=child, status="final", issued_on=date(2025, 10, 1))
        Placement.objects.create(plan=plan, institution_type="Maintained mainstream primary school")
        children[last_name] = child
    caseworker = caseworker_for(children["Ash"])

    sign_in(caseworker)
    page.goto("/plans/phase-transfers/suggested/")
    expect(page.get_by_text("3 children suggested")).to_be_visible()
    boxes = page.locator("input[name=child]")
    expect(boxes).to_have_count(3)
    for n in range(3):
        expect(boxes.nth(n)).not_to_be_checked()
    check_accessibility(page, label="suggestions")

    page.get_by_role("button", name="Add the chosen children").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    check_accessibility(page, label="suggestions with an error")

    page.get_by_label("Search").fill("Birch")
    page.get_by_role("button", name="Apply").click()
    expect(page.get_by_text("1 child suggested")).to_be_visible()
    check_accessibility(page, label="suggestions filtered")
    page.get_by_label("Birch", exact=False).check()
    page.get_by_role("button", name="Add the chosen children").click()

    assert PhaseTransfer.objects.filter(child=children["Birch"]).exists()
    assert not PhaseTransfer.objects.filter(child=children["Ash"]).exists()
    page.goto("/plans/phase-transfers/suggested/")
    expect(page.get_by_text("2 children suggested")).to_be_visible()
