"""Importing the published question-and-answer document, and the parser's handling of
documents it cannot fully place."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from redress.guidance.importer import ImportReport, import_document, parse_document
from redress.guidance.models import Answer, AnswerVersion, Question, Respondent, Source, Topic
from redress.guidance.tests.conftest import SEED

pytestmark = pytest.mark.django_db

# Counted by reading the seed document line by line: 11 questions under one heading; 4 answered
# by the department alone, 7 answered separately by two mediation providers.
SEED_QUESTIONS = 11
SEED_ANSWERS = 18
SEED_BY_RESPONDENT = {"Department for Education": 4, "Global Mediation": 7, "KIDS Mediation": 7}


def test_the_seed_imports_every_question_and_respondent_answer(seeded: ImportReport) -> None:
    assert seeded.question_count == SEED_QUESTIONS
    assert seeded.answer_count == SEED_ANSWERS
    assert seeded.respondent_answers == SEED_BY_RESPONDENT
    assert seeded.document.unplaced == []
    assert seeded.document.warnings == []
    assert seeded.document.sections == ["General questions"]
    assert Question.objects.count() == SEED_QUESTIONS
    assert Answer.objects.count() == SEED_ANSWERS
    assert {r.name: r.answers.count() for r in Respondent.objects.all()} == SEED_BY_RESPONDENT
    # Imported content is published, with its first version recorded.
    assert not Question.objects.exclude(status="published").exists()
    assert not Answer.objects.filter(published_version__isnull=True).exists()
    assert AnswerVersion.objects.filter(event="imported").count() == SEED_ANSWERS
    assert list(Topic.objects.values_list("name", flat=True)) == ["General questions"]
    # Two mediation providers answer the same question separately.
    both = Question.objects.filter(answers__respondent__name="Global Mediation").filter(
        answers__respondent__name="KIDS Mediation"
    )
    assert both.count() == 7
    # Citations of the Regulations and the Code of Practice become sources.
    assert Source.objects.filter(kind="regulation").count() == 2
    assert Source.objects.filter(kind="code_of_practice").count() == 1


def test_a_second_import_creates_nothing(seeded: ImportReport, seed_text: str) -> None:
    versions = AnswerVersion.objects.count()
    again = import_document(seed_text, source_name=SEED.name)
    assert again.questions_created == 0
    assert again.questions_existing == SEED_QUESTIONS
    assert again.answers == {"created": 0, "updated": 0, "unchanged": SEED_ANSWERS, "conflict": 0}
    assert Question.objects.count() == SEED_QUESTIONS
    assert Answer.objects.count() == SEED_ANSWERS
    assert AnswerVersion.objects.count() == versions


def test_a_changed_answer_gets_a_new_version_on_reimport(
    seeded: ImportReport, seed_text: str
) -> None:
    # Change one paragraph of the last answer in memory (the file itself is untouched).
    last = seeded.document.questions[-1].answers[-1].paragraphs[-1]
    changed = seed_text.replace(last, last + " This sentence was added later.")
    report = import_document(changed, source_name=SEED.name)
    assert report.answers["updated"] == 1
    answer = Answer.objects.get(published_body__endswith="This sentence was added later.")
    assert answer.version == 2
    assert answer.versions.latest("id").reason == "Re-imported"
    assert Answer.objects.count() == SEED_ANSWERS


def test_the_command_reports_what_it_found(seed_text: str) -> None:
    out = StringIO()
    call_command("import_guidance", str(SEED), stdout=out, skip_checks=True)
    report = out.getvalue()
    assert "Questions: 11 (11 new" in report
    assert "Answers: 18 (18 created" in report
    assert "Lines not placed: 0" in report


# --- The parser on documents written for these tests ----------------------------------------

MADE_UP = """Frequently asked questions
An introduction that is not a question.

[bookmark: _Toc1]Assessments

A stray sentence the parser cannot place.
Orphan Provider Response:

How long does an assessment take?
Twenty weeks from the request.

Who attends?
Example Provider Response:
Anyone who can help.

Other Provider Response:
The parties agree who attends.
Their lawyer may come too.
"""


def test_unplaced_lines_are_reported_not_guessed() -> None:
    doc = parse_document(MADE_UP)
    assert doc.title == "Frequently asked questions"
    assert doc.sections == ["Assessments"]
    assert [(n, why) for n, _, why in doc.unplaced] == [
        (6, "text after a heading, before any question"),
        (7, "a respondent's heading with no question"),
    ]
    assert [q.text for q in doc.questions] == ["How long does an assessment take?", "Who attends?"]
    who = doc.questions[1]
    assert [(a.respondent, len(a.paragraphs)) for a in who.answers] == [
        ("Example Provider", 1),
        ("Other Provider", 2),
    ]
    assert doc.questions[0].answers[0].respondent is None


def test_a_question_ending_inside_an_answer_is_flagged() -> None:
    doc = parse_document(
        "Q one?\nA Response:\nFirst line.\nIs this part of the answer?\nYes it is.\n"
    )
    assert len(doc.questions) == 1
    assert doc.questions[0].answers[0].paragraphs == [
        "First line.",
        "Is this part of the answer?",
        "Yes it is.",
    ]
    assert doc.warnings == [(4, "ends in '?' but kept as part of the answer above")]


def test_an_answer_on_the_same_line_as_its_respondent() -> None:
    doc = parse_document(
        "Can it be done?\n"
        "First Provider Response: Yes, it can.\n"
        "Second Provider Response:\nNo.\n"
        "Our view is this response: not a respondent.\n"
    )
    [question] = doc.questions
    assert [(a.respondent, a.paragraphs) for a in question.answers] == [
        ("First Provider", ["Yes, it can."]),
        ("Second Provider", ["No.", "Our view is this response: not a respondent."]),
    ]


def test_one_respondents_answers_in_two_places_are_joined_and_reimport_changes_nothing() -> None:
    # The department answers in plain lines, then again under its own "Response:" heading (in
    # other capitals); the same question is asked twice. Nothing may overwrite anything.
    document = (
        "Can a school ask for an assessment?\n"
        "Yes, a school may ask.\n"
        "department for education Response:\n"
        "So may a parent.\n"
        "\n"
        "Can a school ask for an assessment?\n"
        "Global Mediation Response:\n"
        "We agree.\n"
    )
    report = import_document(document, source_name="doc.txt")
    [answer, other] = Answer.objects.order_by("respondent__name")
    assert answer.respondent.name == "Department for Education"
    assert answer.published_body == "Yes, a school may ask.\n\nSo may a parent."
    assert other.published_body == "We agree."
    assert Question.objects.count() == 1
    assert report.answers == {"created": 2, "updated": 0, "unchanged": 0, "conflict": 0}
    assert "Questions: 1 (1 new" in "\n".join(report.lines())
    assert [why for _, why in report.document.warnings] == [
        "a second answer from department for education: joined to the first",
        "the question on line 1 again: answers joined",
    ]
    versions = AnswerVersion.objects.count()
    again = import_document(document, source_name="doc.txt")
    assert again.answers == {"created": 0, "updated": 0, "unchanged": 2, "conflict": 0}
    assert AnswerVersion.objects.count() == versions
