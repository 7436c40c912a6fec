"""The guidance editors link to a step appears beside that step's form, and nothing otherwise."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from redress.accounts.models import Role
from redress.casework.tests.factories import ChildFactory, LocalAuthorityFactory, user_with_role
from redress.guidance import services as guidance
from redress.guidance.models import Step

pytestmark = pytest.mark.django_db


def _published_question_on(step_slug: str) -> str:
    editor: Any = get_user_model().objects.create_user(username="editor", password="x-y-z-123")
    editor.groups.add(Group.objects.get(name="Guidance editors"))
    editor = get_user_model().objects.get(pk=editor.pk)
    question = guidance.question_create(text="How long does the council have?", actor=editor)
    guidance.question_publish(question=question, actor=editor)
    answer = guidance.answer_save_draft(
        question=question,
        respondent=guidance.respondent_get_or_create(name="The service"),
        body="Six weeks from the request.",
        sources=[guidance.SourceData(kind="regulation", citation="Regulation 5(1)")],
        reason="New answer",
        actor=editor,
    )
    guidance.answer_publish(answer=answer, actor=editor, reason="New")
    step, _ = Step.objects.get_or_create(slug=step_slug, defaults={"name": step_slug})
    guidance.question_link_step(question=question, step=step, actor=editor)
    return question.slug


@time_machine.travel(date(2026, 11, 29))
def test_the_request_form_shows_the_guidance_linked_to_its_step(client: Any) -> None:
    la = LocalAuthorityFactory()
    child = ChildFactory(local_authority=la)
    client.force_login(user_with_role(Role.LA_CASEWORKER, la))
    url = reverse("casework:record-event", args=[child.pk, "assessment_requested"])
    assert "Related guidance" not in client.get(url).content.decode()

    slug = _published_question_on("assessment.request")
    page = client.get(url).content.decode()
    assert "Related guidance" in page
    assert f"/guidance/q/{slug}/" in page
    # Another step's form does not show it.
    other = reverse("casework:record-event", args=[child.pk, "final_plan_issued"])
    assert f"/guidance/q/{slug}/" not in client.get(other).content.decode()
