"""The public guidance pages in a real browser, checked with axe-core.

The library is built through the services with text written for this test (the seed document
is imported by the guidance app's own tests).
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from playwright.sync_api import Page, expect

from redress.guidance import services
from redress.guidance.models import Question, Step
from redress.guidance.search import search_rebuild
from redress.tests_browser.helpers import FACTORY_PASSWORD, check_accessibility


@pytest.fixture
def library(server_url: str) -> Question:
    editor = get_user_model().objects.create_user(username="guidance-browser-editor")
    # Transactional tests empty every table, so the group made by the migration may be gone;
    # permissions come back after each flush.
    group = Group.objects.get_or_create(name="Guidance editors")[0]
    group.permissions.add(*Permission.objects.filter(content_type__app_label="guidance"))
    editor.groups.add(group)
    editor = get_user_model().objects.get(pk=editor.pk)
    search_rebuild()  # the full-text table is not emptied between transactional tests
    question = services.question_create(
        text="May a family bring a lawyer to a mediation meeting?",
        topics=[services.topic_get_or_create(name="Mediation")],
        actor=editor,
    )
    services.question_publish(question=question, actor=editor)
    for name, body in (
        ("First Provider", "Yes. A lawyer may attend mediation if the family wishes."),
        ("Second Provider", "A lawyer can attend.\n\nThe mediator speaks to them beforehand."),
    ):
        answer = services.answer_save_draft(
            question=question,
            respondent=services.respondent_get_or_create(name=name),
            body=body,
            sources=[services.SourceData(kind="regulation", citation="Regulation 37")],
            reason="New",
            actor=editor,
        )
        services.answer_publish(answer=answer, actor=editor, reason="New")
    return question


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("/guidance/", "Guidance"),
        ("/guidance/search/?q=can+a+lawyer+attend+mediation", "Search the guidance"),
        ("/guidance/changes/", "What changed in the guidance"),
    ],
)
def test_guidance_pages_have_no_accessibility_violations(
    page: Page, library: Question, path: str, heading: str
) -> None:
    response = page.goto(path)
    assert response is not None and response.ok, f"{path} answered {response and response.status}"
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    expect(page.locator("body")).to_have_class(re.compile(r"\bgovuk-frontend-supported\b"))
    check_accessibility(page, label=path)


def test_search_then_question_page(page: Page, library: Question) -> None:
    page.goto("/guidance/")
    page.get_by_label("Search the guidance").fill("can a lawyer attend mediation")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", name="2 answers found")).to_be_visible()
    expect(page.locator("mark").first).to_be_visible()
    page.get_by_role("link", name=library.text).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(library.text)
    expect(page.get_by_text(re.compile(r"^Last updated \d{1,2} \w+ \d{4}$"))).to_be_visible()
    expect(page.get_by_role("heading", name="Answer from Second Provider")).to_be_visible()
    check_accessibility(page, label="question page")


def test_editor_pages_have_no_accessibility_violations(
    page: Page, library: Question, sign_in: Callable[..., Page]
) -> None:
    editor = get_user_model().objects.get(username="guidance-browser-editor")
    editor.set_password(FACTORY_PASSWORD)
    editor.save()
    Step.objects.get_or_create(slug="mediation.attendees", defaults={"name": "Who attends"})
    sign_in(editor)
    answer = library.answers.order_by("id").first()
    assert answer is not None
    for path in (
        "/guidance/editor/",
        f"/guidance/editor/q/{library.slug}/",
        f"/guidance/editor/q/{library.slug}/answers/{answer.pk}/",
        "/guidance/digest/",
    ):
        response = page.goto(path)
        assert response is not None and response.ok, path
        check_accessibility(page, label=path)

    # Link the question to a step, then change an answer with no reason: an error summary.
    page.goto(f"/guidance/editor/q/{library.slug}/")
    page.get_by_label("Who attends").check()
    page.get_by_role("button", name="Save steps").click()
    expect(page.get_by_text("The steps for this question were saved.")).to_be_visible()
    page.goto(f"/guidance/editor/q/{library.slug}/answers/{answer.pk}/")
    page.get_by_label("Answer", exact=True).fill("Changed wording.")
    page.get_by_role("button", name="Save draft").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    check_accessibility(page, label="answer form with an error")
