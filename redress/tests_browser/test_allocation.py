"""A manager reallocates five children from one caseworker to another at once, and the case
page shows who did it and why; every page is checked with axe-core."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from playwright.sync_api import Page, expect

from redress.accounts.models import Role
from redress.casework.models import Child
from redress.casework.tests import factories
from redress.tests_browser.helpers import check_accessibility


def test_manager_reallocates_five_children_at_once(
    page: Page, sign_in: Callable[..., Page], transactional_db: None
) -> None:
    make: Any = factories  # factory_boy's factories are untyped
    la = make.LocalAuthorityFactory(name="Northshire County Council")
    manager = make.user_with_role(
        Role.LA_MANAGER, organisation=la, username="morgan", first_name="Morgan",
        last_name="Manager",
    )  # fmt: skip
    casey = make.user_with_role(
        Role.LA_CASEWORKER, organisation=la, username="casey", first_name="Casey",
        last_name="Ward",
    )  # fmt: skip
    make.user_with_role(
        Role.LA_CASEWORKER, organisation=la, username="sam", first_name="Sam", last_name="Okafor"
    )
    kids = [
        make.ChildFactory(first_name=name, last_name="Leaving", local_authority=la,
                          caseworker=casey)
        for name in ("Ada", "Ben", "Cal", "Dee", "Eli", "Fay")
    ]  # fmt: skip

    sign_in(manager)
    page.goto("/cases/")
    check_accessibility(page, label="case list")
    page.get_by_role("button", name="Allocate cases").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Allocate cases")
    page.get_by_label("Caseworker", exact=True).select_option(label="Casey Ward")
    page.get_by_role("button", name="Search").click()
    check_accessibility(page, label="allocation list")

    page.get_by_role("button", name="Allocate", exact=True).click()
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    check_accessibility(page, label="allocation with errors")

    for child in kids[:5]:
        page.get_by_label(f"Select {child.first_name} Leaving").check()
    page.get_by_label("Allocate to").select_option(label="Sam Okafor")
    page.get_by_label("Reason (optional)").fill("Casey has moved to the post-16 team")
    page.get_by_role("button", name="Allocate", exact=True).click()
    expect(page.get_by_text("5 children allocated to Sam Okafor.")).to_be_visible()
    check_accessibility(page, label="after allocating")

    moved = Child.objects.filter(caseworker__username="sam").count()
    assert moved == 5
    assert Child.objects.get(pk=kids[5].pk).caseworker == casey

    page.goto(f"/cases/{kids[0].pk}/")
    history = page.locator("#allocations + table")
    expect(history).to_contain_text("Sam Okafor")
    expect(history).to_contain_text("Casey Ward")
    expect(history).to_contain_text("Morgan Manager")
    expect(history).to_contain_text("Casey has moved to the post-16 team")
    check_accessibility(page, label="case page with allocation history")
