"""Families in a real browser: an invited parent signs in and sees only their child; a family
that has not appealed never reads that it has; a young person asks for mediation and the
provider's queue shows it; a guidance search for a paraphrase finds its question first. Each
page is checked with axe-core at desktop width and at 375 px."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

import pytest
from django.core import mail
from playwright.sync_api import Browser, Page, expect

from redress.accounts.models import Organisation, Role
from redress.casework.models import FamilyMember
from redress.family.invitations import family_invitation_send
from redress.guidance.demo import demo_guidance_load
from redress.guidance.search import search_rebuild
from redress.notifications.tests.conftest import Cases, make_cases, make_user, staff
from redress.tests_browser.helpers import check_accessibility, fill_date

PHONE_WIDTH = 375


@pytest.fixture
def cases(transactional_db: None) -> Cases:
    return make_cases()


@pytest.fixture
def phone(browser: Browser, server_url: str) -> Iterator[Page]:
    context = browser.new_context(
        base_url=server_url, viewport={"width": PHONE_WIDTH, "height": 740}, locale="en-GB"
    )
    context.route(
        "**/*",
        lambda route: (
            route.continue_() if route.request.url.startswith(server_url) else route.abort()
        ),
    )
    phone_page = context.new_page()
    yield phone_page
    context.close()


def both_widths(page: Page, phone: Page, url: str, label: str) -> None:
    """axe-core on the page at desktop width and on a phone, with no sideways scrolling."""
    check_accessibility(page, label=f"{label} (desktop)")
    phone.context.add_cookies(page.context.cookies())
    phone.goto(url)
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH, label
    check_accessibility(phone, label=f"{label} (375 px)")


def latest_email_body() -> str:
    return str(mail.outbox[-1].body)


def test_an_invited_parent_signs_in_and_sees_only_their_child(
    page: Page, phone: Page, cases: Cases
) -> None:
    member = FamilyMember.objects.create(
        child=cases.due_soon, name="Dana Soon", email="dana@example.invalid", relationship="parent"
    )
    family_invitation_send(actor=cases.caseworker, member=member)
    match = re.search(r"https?://[^/\s]+(/family/invitation/\S+/)", latest_email_body())
    assert match
    link = match.group(1)
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up your sign-in")
    both_widths(page, phone, link, "invitation")
    page.get_by_role("button", name="Email me a code").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    code = re.search(r"\b(\d{6})\b", latest_email_body())
    assert code
    page.get_by_label("Code").fill(code.group(1))
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ava Soon's case")
    both_widths(page, phone, f"/family/cases/{cases.due_soon.pk}/", "invited parent's case")
    response = page.goto(f"/family/cases/{cases.family.pk}/")
    assert response is not None and response.status == 403


def test_a_family_with_no_appeal_never_reads_you_have_appealed(
    page: Page, phone: Page, cases: Cases, sign_in: object
) -> None:
    sign_in(cases.parent)  # type: ignore[operator]
    page.goto(f"/family/cases/{cases.family.pk}/")
    # One window per appealable decision: each shows the same heading with its own date.
    expect(page.get_by_text("Your last day to appeal to the tribunal").first).to_be_visible()
    assert "You have appealed" not in page.inner_text("main")
    expect(page.get_by_text("Your appeal must arrive at the tribunal by 5pm").first).to_be_visible()
    both_widths(page, phone, f"/family/cases/{cases.family.pk}/", "family case page")


def test_a_young_person_asks_for_mediation_and_the_provider_sees_it(
    page: Page, phone: Page, cases: Cases, sign_in: object
) -> None:
    provider = Organisation.objects.create(
        name="Fairway Mediation",
        kind=Organisation.Kind.MEDIATION_PROVIDER,
        phone="0300 123 4567",
    )
    provider.serves.add(cases.la)
    manager = staff("mina", Role.MEDIATION_CASE_MANAGER, provider)
    child = cases.family
    child.date_of_birth = date(2008, 1, 10)
    child.save()
    young = make_user("yasmin", "Yasmin", "Fam")
    FamilyMember.objects.create(
        child=child, user=young, name="Yasmin Fam", relationship="young_person"
    )
    sign_in(young)  # type: ignore[operator]
    page.goto(f"/family/cases/{child.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your case")
    page.get_by_role("link", name="Ask for mediation").click()
    expect(page.get_by_text("does not stop the time to appeal")).to_be_visible()
    expect(page.get_by_text("0300 123 4567")).to_be_visible()
    url = f"/family/cases/{child.pk}/ask/mediation/"
    both_widths(page, phone, url, "ask for mediation")
    page.get_by_label("The council will not assess needs", exact=True).check()
    fill_date(page, "Date on the decision letter", date(2026, 1, 12))
    page.get_by_label("Education: the help with learning").check()
    page.get_by_label("Tell us in your own words what you do not agree with").fill(
        "I want to be assessed for my college support."
    )
    page.get_by_role("button", name="Send my request").click()
    expect(page.get_by_text("We have sent your request to Fairway Mediation")).to_be_visible()
    expect(page.get_by_text("Ask for mediation,")).to_be_visible()  # its status on the page

    page.get_by_role("button", name="Sign out").click()
    sign_in(manager)  # type: ignore[operator]
    page.goto("/mediation/")
    expect(page.get_by_role("link", name="Cara Fam")).to_be_visible()
    page.goto("/agreements/dashboard/")
    expect(page.get_by_text("requests to answer (1)")).to_be_visible()


def test_a_guidance_search_for_a_paraphrase_finds_its_question_first(
    page: Page, phone: Page, server_url: str
) -> None:
    name, _ = demo_guidance_load()
    search_rebuild()
    if name == "example_library.txt":
        query, expected = "Who advises on health now CCGs are gone?", "clinical commissioning"
    else:
        query = "Parents want their solicitor at mediation and want to tape the meeting"
        expected = "lawyer attend"
    page.goto("/guidance/")
    page.get_by_label(re.compile("Search", re.IGNORECASE)).first.fill(query)
    page.get_by_role("button", name=re.compile("Search", re.IGNORECASE)).first.click()
    first = page.locator("ol.govuk-list h3 a").first
    expect(first).to_contain_text(re.compile(expected, re.IGNORECASE))
    both_widths(page, phone, page.url.replace(server_url, ""), "guidance search")
    first.click()
    expect(page.locator("[data-answer-source]").first).to_contain_text("Answer given by")
