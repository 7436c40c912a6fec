"""Search behaves the same on SQLite (FTS5) and PostgreSQL (its full-text search): run this file
with DATABASE_URL set to a PostgreSQL database too."""

from __future__ import annotations

import re
from typing import Any

import pytest

from redress.guidance import services
from redress.guidance.importer import ImportReport
from redress.guidance.search import search_questions, search_rebuild, search_terms

pytestmark = pytest.mark.django_db


def _library(editor: Any, body: str, *, question_text: str = "What is a test question?") -> Any:
    question = services.question_create(text=question_text, actor=editor)
    services.question_publish(question=question, actor=editor)
    respondent = services.respondent_get_or_create(name="The service")
    answer = services.answer_save_draft(
        question=question, respondent=respondent, body=body, reason="First", actor=editor
    )
    return services.answer_publish(answer=answer, actor=editor, reason="First")


def test_a_lawyer_at_mediation_is_found_first(seeded: ImportReport) -> None:
    results = search_questions("can a lawyer attend mediation", user=None)
    assert results, "nothing found"
    top = results[0]
    assert "lawyer" in top.question.text.lower()
    # Both providers' answers to that question come before anything else.
    assert {r.question.pk for r in results[:2]} == {top.question.pk}
    assert {r.answer.respondent.name for r in results[:2]} == {"Global Mediation", "KIDS Mediation"}
    assert "<mark>" in top.snippet
    assert results == sorted(results, key=lambda r: -r.rank)


def test_stemming_finds_other_forms_of_a_word(seeded: ImportReport) -> None:
    results = search_questions("recordings", user=None)
    assert results
    assert any("record" in r.question.text.lower() for r in results[:2])


def test_snippets_escape_everything_but_the_marks(editor: Any) -> None:
    _library(editor, "Mediation <script>alert(1)</script> & more about mediation.")
    [result] = search_questions("mediation", user=None)
    # SQLite keeps the tag's text (escaped); PostgreSQL's headline drops tags. Either way the
    # only markup left is <mark>.
    assert "<" not in re.sub(r"</?mark>", "", result.snippet)
    assert "&amp;" in result.snippet
    assert "<mark>" in result.snippet and "</mark>" in result.snippet


def test_only_published_text_is_found(editor: Any) -> None:
    answer = _library(editor, "The first wording mentions elephants.")
    services.answer_save_draft(
        question=answer.question,
        respondent=answer.respondent,
        body="The draft wording mentions giraffes.",
        reason="Better animal",
        actor=editor,
    )
    assert search_questions("giraffes", user=None) == []
    assert len(search_questions("elephants", user=None)) == 1
    services.answer_publish(answer=answer, actor=editor, reason="Giraffes now")
    assert search_questions("elephants", user=None) == []
    assert len(search_questions("giraffes", user=None)) == 1


def test_search_syntax_in_the_query_is_only_words(seeded: ImportReport) -> None:
    for query in ['"', "NEAR(", "lawyer*", "body:lawyer", "a AND OR NOT", "'; drop table"]:
        search_questions(query, user=None)  # no error
    assert search_terms("Can a LAWYER attend, attend mediation?") == [
        "lawyer",
        "attend",
        "mediation",
    ]
    assert search_questions("the a of", user=None) == []


def test_rebuilding_the_index_keeps_the_results(seeded: ImportReport) -> None:
    before = [r.answer.pk for r in search_questions("lawyer", user=None)]
    search_rebuild()
    assert [r.answer.pk for r in search_questions("lawyer", user=None)] == before


def test_a_draft_question_published_by_an_import_becomes_searchable(editor: Any) -> None:
    from redress.guidance.importer import import_document

    question = services.question_create(text="Do elephants attend mediation?", actor=editor)
    answer = services.answer_save_draft(
        question=question,
        respondent=services.respondent_get_or_create(name="Department for Education"),
        body="Only small ones.",
        reason="First",
        actor=editor,
    )
    services.answer_publish(answer=answer, actor=editor, reason="First")
    assert search_questions("elephants", user=None) == []  # the question is still a draft
    report = import_document("Do elephants attend mediation?\nOnly small ones.\n", source_name="x")
    assert report.answers["unchanged"] == 1
    assert [r.answer.pk for r in search_questions("elephants", user=None)] == [answer.pk]


def test_control_characters_pasted_into_an_answer_leave_the_highlighting_balanced(
    editor: Any,
) -> None:
    _library(editor, "Mediation\x02 is voluntary\x03 and\x00 free.")
    [result] = search_questions("mediation", user=None)
    assert result.snippet.count("<mark>") == result.snippet.count("</mark>") == 1
    assert result.answer.published_body == "Mediation is voluntary and free."


def test_a_long_query_is_searched_not_silently_dropped(client: Any, editor: Any) -> None:
    _library(editor, "Mediation is voluntary.")
    page = client.get("/guidance/search/?q=mediation+" + "x" * 300).content.decode()
    assert "1 answer found" in page
