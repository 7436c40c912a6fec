"""The family's pages for the person reading them, each checked with axe-core on a desktop and
a 375 px screen: large print from a recorded need, the Easy Read summary, Welsh, a large-print
copy of a shared letter; a parent and the caseworker exchanging messages; a young person
choosing text messages for reminders; a parent whose final plan is late."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import timedelta
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document
from docx.shared import Pt
from playwright.sync_api import Page, expect

from redress.accounts.models import Role
from redress.casefile import services as casefile
from redress.casework.models import Child, Deadline, FamilyMember
from redress.casework.tests import factories
from redress.core.word import docx_render
from redress.documents.build_templates import DECISION_TEMPLATES
from redress.notifications.tests.conftest import make_user
from redress.plans import services as plans
from redress.plans.tests.helpers import ready_plan
from redress.statutory.engine import today_in_london
from redress.tests_browser.helpers import check_accessibility, govuk_date

PHONE: Any = {"width": 375, "height": 740}
DESKTOP: Any = {"width": 1280, "height": 900}
SIXTEEN_POINT_PX = 16 * 96 / 72


def both_sizes(page: Page, label: str) -> None:
    for name, size in (("desktop", DESKTOP), ("375 px", PHONE)):
        page.set_viewport_size(size)
        check_accessibility(page, label=f"{label} ({name})")
        if size is PHONE:
            assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.set_viewport_size(DESKTOP)


@pytest.fixture
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def _case(**needs: str) -> tuple[Child, Any, Any]:
    """A child whose draft plan was served three days ago; the parent with the needs given."""
    make: Any = factories  # factory_boy's factories are untyped
    la = make.LocalAuthorityFactory(name="Northshire County Council")
    caseworker = make.user_with_role(
        Role.LA_CASEWORKER, organisation=la, username="casey", first_name="Casey", last_name="Ward"
    )
    child = make.ChildFactory(first_name="Riley", last_name="Example", local_authority=la)
    parent = make_user("parent", "Jo", "Parent")
    FamilyMember.objects.create(
        child=child, user=parent, name="Jo Parent", relationship="parent", **needs
    )
    plan = ready_plan(child, caseworker)
    plans.plan_issue_draft(
        actor=caseworker, plan=plan, when=today_in_london() - timedelta(days=3),
        expected_version=None,
    )  # fmt: skip
    return child, parent, caseworker


def _font_px(page: Page, selector: str) -> float:
    return float(
        page.locator(selector).first.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    )


def test_large_print_easy_read_and_welsh_for_a_parent_who_asked(
    page: Page, sign_in: Callable[..., Page], transactional_db: None
) -> None:
    child, parent, _ = _case(accessible_format="Large print and Easy Read")
    last_day = child.deadlines.get(rule="plan.draft_comments").family_last_day
    assert last_day is not None
    sign_in(parent)
    page.goto(f"/family/cases/{child.pk}/")
    expect(page.locator("main.redress-large-print")).to_be_visible()
    for size in (DESKTOP, PHONE):
        page.set_viewport_size(size)
        assert _font_px(page, "main p.govuk-body") >= SIXTEEN_POINT_PX
    both_sizes(page, "case page in large print")

    page.get_by_role("link", name="Read where things stand and your dates in Easy Read").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Easy Read")
    expect(page.locator("main")).to_contain_text(
        f"Your last day is {last_day:%A} {govuk_date(last_day)}."
    )
    both_sizes(page, "Easy Read summary")

    page.get_by_role("button", name="Use standard text size").click()
    expect(page.locator("main.redress-large-print")).to_have_count(0)
    assert _font_px(page, "main p.govuk-body") < SIXTEEN_POINT_PX

    page.goto(f"/family/cases/{child.pk}/")
    page.get_by_role("button", name="Cymraeg").click()
    expect(page.get_by_role("heading", name="Beth sy'n digwydd nesaf")).to_be_visible()
    assert page.locator("html").get_attribute("lang") == "cy"
    both_sizes(page, "case page in Welsh")
    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", name="What happens next")).to_be_visible()


@pytest.mark.usefixtures("_media")
def test_a_parent_downloads_a_large_print_copy_of_a_shared_letter(
    page: Page, sign_in: Callable[..., Page], transactional_db: None
) -> None:
    child, parent, caseworker = _case(accessible_format="Large print")
    letter = docx_render(DECISION_TEMPLATES["final_plan"], {}, title="Final plan")
    today = today_in_london()
    casefile.case_document_add(
        actor=caseworker, child=child, kind="decision", title="Decision about the plan",
        dated=today, audience="family", shared_with_family_on=today,
        file=SimpleUploadedFile("decision.docx", letter, "application/octet-stream"),
    )  # fmt: skip
    sign_in(parent)
    page.goto(f"/family/cases/{child.pk}/shared-documents/")
    both_sizes(page, "shared documents in large print")
    with page.expect_download() as download:
        page.get_by_role("link", name="Your large-print copy of Decision about the plan").click()
    assert download.value.suggested_filename == "decision-large-print.docx"
    large = Document(BytesIO(Path(download.value.path()).read_bytes()))
    assert large.styles["Normal"].font.size >= Pt(16)
    original = Document(BytesIO(letter))
    assert [p.text for p in large.paragraphs] == [p.text for p in original.paragraphs]


def test_a_parent_and_the_caseworker_exchange_messages(
    page: Page, sign_in: Callable[..., Page], transactional_db: None
) -> None:
    child, parent, caseworker = _case()
    sign_in(parent)
    page.goto(f"/family/cases/{child.pk}/")
    page.get_by_role("link", name="Messages with the council").click()
    both_sizes(page, "family messages")
    page.get_by_label("Your message").fill("Can we meet about section F next week?")
    page.get_by_role("button", name="Send your message").click()
    expect(page.get_by_text("Can we meet about section F next week?")).to_be_visible()
    page.get_by_role("button", name="Sign out").click()

    sign_in(caseworker)
    page.goto(f"/cases/{child.pk}/messages/")
    expect(page.get_by_text("Can we meet about section F next week?")).to_be_visible()
    both_sizes(page, "caseworker messages")
    page.get_by_label("Your message").fill("Yes: Tuesday at 10am at the council offices.")
    page.get_by_role("button", name="Send your message").click()
    expect(page.get_by_text("Yes: Tuesday at 10am at the council offices.")).to_be_visible()
    page.get_by_role("button", name="Sign out").click()

    sign_in(parent)
    page.goto(f"/family/cases/{child.pk}/messages/")
    expect(page.get_by_text("Yes: Tuesday at 10am at the council offices.")).to_be_visible()


def test_a_young_person_chooses_text_messages_for_reminders(
    page: Page, sign_in: Callable[..., Page], transactional_db: None, settings: Any
) -> None:
    from redress.notifications.message_templates import TEMPLATES

    # Text messages are offered once GOV.UK Notify is set up (nothing is sent here).
    settings.NOTIFY_API_KEY = f"redress_test-{uuid.uuid4()}-{uuid.uuid4()}"
    settings.NOTIFY_TEMPLATE_IDS = {key: str(uuid.uuid4()) for key in TEMPLATES}
    make: Any = factories
    child = make.ChildFactory(first_name="Sam", last_name="Older")
    young = make_user("young", "Sam", "Older")
    FamilyMember.objects.create(
        child=child, user=young, name="Sam Older", relationship="young_person"
    )
    sign_in(young)
    page.goto(f"/family/cases/{child.pk}/")
    page.get_by_role("link", name="Choose how we send you reminders").click()
    both_sizes(page, "reminder choices")
    page.get_by_label("By text message", exact=True).check()
    page.get_by_label("Mobile phone number").fill("07700 900123")
    page.get_by_label("A message for each reminder").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("We have saved how you want your reminders.")).to_be_visible()
    expect(page.get_by_label("By text message", exact=True)).to_be_checked()
    both_sizes(page, "reminder choices saved")


def test_a_parent_whose_final_plan_is_late_sees_what_they_can_do(
    page: Page, sign_in: Callable[..., Page], transactional_db: None
) -> None:
    make: Any = factories
    child = make.ChildFactory(first_name="Lou", last_name="Waiting")
    parent = make_user("waiting", "Kim", "Waiting")
    FamilyMember.objects.create(child=child, user=parent, name="Kim Waiting", relationship="parent")
    due = today_in_london() - timedelta(days=10)
    Deadline.objects.create(
        child=child, rule="plan.final", kind="by", due=due, status="pending",
        actor="local_authority", citation="SEND Regulations 2014 reg 13(2)", evidence="primary",
        explanation="20 weeks from the request.", title="Final plan",
    )  # fmt: skip
    sign_in(parent)
    page.goto(f"/family/cases/{child.pk}/")
    expect(page.get_by_role("heading", name="When the council is late")).to_be_visible()
    expect(page.get_by_text("The council had to send you the final EHC plan.")).to_be_visible()
    expect(page.locator("#late ~ .govuk-summary-card").first).to_contain_text(
        f"The last day was {due:%A} {govuk_date(due)}."
    )
    expect(page.get_by_role("heading", name="What you can do")).to_be_visible()
    both_sizes(page, "late final plan")
