"""Every answer shows who gave it, where and when, apart from when Redress last changed it; old
names are flagged; an edit by someone other than the respondent is said so on the page."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from redress.guidance import services
from redress.guidance.importer import ImportReport
from redress.guidance.models import Answer, Question

pytestmark = pytest.mark.django_db

GIVEN = "at the SEND National Trial Briefing events, March 2021."


def page(question: Question) -> str:
    response = Client().get(question.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_each_answer_shows_its_respondent_source_and_date(seeded: ImportReport) -> None:
    question = Question.objects.get(text__startswith="Do Ofsted and CQC")
    html = page(question)
    assert f"Answer given by Department for Education {GIVEN}" in html
    assert "Last edited in Redress" in html


def test_answers_are_grouped_under_their_question_each_attributed(seeded: ImportReport) -> None:
    question = Question.objects.get(text__contains="lawyer attend")
    html = page(question)
    for name in ("Global Mediation", "KIDS Mediation"):
        assert f"Answer from {name}" in html
        assert f"Answer given by {name} {GIVEN}" in html
    assert "2 answers to this question" in html


def test_an_old_name_is_flagged(seeded: ImportReport) -> None:
    question = Question.objects.get(text__contains="therapy needs")
    html = page(question)
    assert "clinical commissioning group (CCG)" in html
    assert "integrated care board (ICB)" in html


def test_an_edit_by_someone_other_than_the_respondent_is_shown(
    seeded: ImportReport, editor: Any, settings: Any
) -> None:
    editor.first_name, editor.last_name = "Eddie", "Editor"
    editor.save()
    answer = Answer.objects.get(question__text__startswith="Do Ofsted and CQC")
    assert "Edited in Redress" not in page(answer.question)
    answer = services.answer_save_draft(
        question=answer.question,
        respondent=answer.respondent,
        body=answer.published_body + "\n\nInspectors now use the 2023 framework.",
        reason="Brought up to date",
        actor=editor,
    )
    services.answer_publish(answer=answer, actor=editor, reason="Brought up to date")
    html = page(answer.question)
    assert "Edited in Redress by Eddie Editor, not by Department for Education" in html
    # The source's own date stays as it was given.
    assert f"Answer given by Department for Education {GIVEN}" in html
