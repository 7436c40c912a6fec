"""The demo has guidance out of the box, and administrators see the outbox, reminder rules and
guidance settings in /admin/."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from redress.accounts.models import Membership, Organisation, Role
from redress.guidance.demo import EXAMPLE_RESPONDENT, demo_guidance_load
from redress.guidance.models import Answer, Question
from redress.guidance.search import search_questions
from redress.guidance.tests.conftest import SEED

pytestmark = pytest.mark.django_db


def test_the_demo_imports_the_shared_sheet_when_it_is_there(seed_text: str) -> None:
    name, report = demo_guidance_load()
    assert name == SEED.name
    assert report.question_count == Question.objects.count() > 5
    assert Answer.objects.filter(given_on="March 2021").exists()
    again_name, again = demo_guidance_load()
    assert again.questions_created == 0


def test_otherwise_the_demo_loads_the_example_library(settings: Any, tmp_path: Path) -> None:
    settings.BASE_DIR = tmp_path / "repository"  # no shared/seeds beside it
    name, report = demo_guidance_load()
    assert name == "example_library.txt"
    assert report.question_count >= 5
    assert Answer.objects.filter(respondent__name=EXAMPLE_RESPONDENT).exists()
    results = search_questions("Does the ICB give the health advice?")
    assert results and "clinical commissioning groups" in results[0].question.text


def administrator() -> Any:
    user = get_user_model().objects.create_user(username="ada", password="x", is_staff=True)
    organisation = Organisation.objects.create(name="Northshire", kind="local_authority")
    Membership.objects.create(user=user, organisation=organisation, role=Role.ADMINISTRATOR)
    return user


@pytest.mark.parametrize(
    "url",
    [
        "/admin/notifications/message/",
        "/admin/notifications/reminderrule/",
        "/admin/guidance/topic/",
        "/admin/guidance/respondent/",
        "/admin/guidance/subscriber/",
        "/admin/guidance/step/",
    ],
)
def test_an_administrator_sees_the_outbox_reminders_and_guidance_settings(url: str) -> None:
    client = Client()
    client.force_login(administrator())
    assert client.get(url).status_code == 200
    index = client.get("/admin/").content.decode()
    assert "/admin/notifications/message/" in index and "/admin/guidance/topic/" in index


def test_staff_without_the_role_do_not(url: str = "/admin/notifications/message/") -> None:
    user = get_user_model().objects.create_user(username="sam", password="x", is_staff=True)
    client = Client()
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 302  # to the admin sign-in page: /admin/ is not for them
    assert response["Location"].startswith("/admin/login/")


def test_the_outbox_is_read_only_even_for_administrators() -> None:
    client = Client()
    client.force_login(administrator())
    assert client.get("/admin/notifications/message/add/").status_code == 403
