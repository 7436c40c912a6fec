"""A caseworker sends requests for advice to three advisers from the letter templates (two by
email, one by post from the print batch) and finds the copies of what was sent on the case.
Every page, and the send form's error state, is checked with axe-core."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from playwright.sync_api import Page, expect

from redress.accounts.models import Organisation, Role
from redress.casework.models import AdviceRequest, FamilyMember
from redress.casework.tests import factories
from redress.tests_browser.helpers import check_accessibility


def test_caseworker_sends_advice_requests_to_three_advisers_and_finds_the_copies(
    page: Page, sign_in: Callable[..., Page], transactional_db: None
) -> None:
    make: Any = factories  # factory_boy's factories are untyped
    la = make.LocalAuthorityFactory(name="Northshire County Council", address="County Hall")
    caseworker = make.user_with_role(
        Role.LA_CASEWORKER, organisation=la, username="casey", first_name="Casey", last_name="Ward"
    )
    child = make.ChildFactory(first_name="Riley", last_name="Example", local_authority=la)
    FamilyMember.objects.create(
        child=child, name="Jo Example", relationship="parent", address="2 High Street",
        interpreter_language="Polish",
    )  # fmt: skip
    make.CaseEventFactory(
        child=child, type="assessment_requested", date=date.today() - timedelta(days=7)
    )
    advisers = {
        "health": make.OrganisationFactory(
            name="Northshire ICB", kind=Organisation.Kind.HEALTH_COMMISSIONER,
            address="1 Health Way", email="send@icb.example",
        ),
        "social_care": make.OrganisationFactory(
            name="Northshire Children's Social Care", kind=Organisation.Kind.SOCIAL_CARE,
            address="County Hall", email="care@northshire.example",
        ),
        "psychological": make.OrganisationFactory(
            name="Bridge Educational Psychology", kind=Organisation.Kind.INDEPENDENT_PRACTICE,
            address="3 Bridge Street",
        ),
    }  # fmt: skip

    sign_in(caseworker)
    page.goto(f"/cases/{child.pk}/")
    page.get_by_role("button", name="Letters", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Letters")
    expect(page.get_by_text("Jo Example: an interpreter (Polish)")).to_be_visible()
    check_accessibility(page, label="letters page")

    sends = (
        ("Request for health advice", "Northshire ICB", "By email"),
        ("Request for social care advice", "Northshire Children's Social Care", "By email"),
        ("Request for educational psychology advice", "Bridge Educational Psychology", "By post"),
    )
    for number, (title, adviser, method) in enumerate(sends):
        page.get_by_role("link", name=re.compile(f"^Write.*{title}$")).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(title)
        if number == 0:
            check_accessibility(page, label="send form")
            page.get_by_role("button", name="Send the letter").click()
            expect(page.locator(".govuk-error-summary")).to_be_focused()
            expect(page).to_have_title(re.compile(r"^Error: "))
            check_accessibility(page, label="send form with errors")
        page.get_by_label("Who to send it to").select_option(label=adviser)
        page.get_by_label(method).check()
        page.get_by_role("button", name="Check the letter").click()
        expect(page.get_by_text("No email address recorded")).to_have_count(
            1 if method == "By post" else 0
        )
        page.get_by_role("button", name="Send the letter").click()
        expect(page.locator(".govuk-notification-banner")).to_contain_text(adviser)

    expect(page.locator("tbody tr", has_text="Waiting to be posted")).to_have_count(1)
    page.get_by_role("link", name="print batch").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Print batch")
    check_accessibility(page, label="print batch")
    page.get_by_label(re.compile("Post Request for educational psychology advice")).check()
    page.get_by_role("button", name="Mark the ticked letters posted today").click()
    expect(page.get_by_text("1 letter marked posted")).to_be_visible()
    check_accessibility(page, label="print batch after posting")

    sent = AdviceRequest.objects.filter(child=child)
    assert set(sent.values_list("advice_type", flat=True)) == set(advisers)
    assert set(sent.values_list("date_sent", flat=True)) == {date.today()}
    page.goto(f"/cases/{child.pk}/documents/")
    rows = page.locator("tbody tr", has_text="Letter sent")
    expect(rows).to_have_count(3)
    for _title, adviser, _method in sends:
        expect(page.locator("tbody")).to_contain_text(adviser)
    check_accessibility(page, label="documents with the letters sent")
