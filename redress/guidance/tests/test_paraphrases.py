"""Every question of the imported sheet comes first for a paraphrase of it, and old names are
found by the current ones. Run with DATABASE_URL set to PostgreSQL too."""

from __future__ import annotations

import pytest

from redress.guidance.importer import ImportReport
from redress.guidance.search import search_questions

pytestmark = pytest.mark.django_db

#: A paraphrase of each question, and words only that question holds (to tell which came first).
PARAPHRASES: list[tuple[str, str]] = [
    (
        "My son needs therapy but his statutory assessment is stuck on a long waiting list. "
        "What can we do?",
        "long waiting lists",
    ),
    (
        "The school's independent therapist gives advice for the assessment and also provides "
        "the therapy: is that a conflict of interest?",
        "conflict of interest",
    ),
    (
        "Are other councils seeing a rise in parents challenging decisions about SEN support "
        "and asking for specialist places?",
        "trend being observed",
    ),
    ("Are Ofsted and CQC inspectors trained on section 21?", "Ofsted and CQC"),
    (
        "Can the mediator sign off a settlement agreed at the court door so it is legally binding?",
        "court door",
    ),
    (
        "May professionals who contributed to the EHC plan come to the mediation meeting?",
        "Are professionals contributing",
    ),
    (
        "Parents want their solicitor at mediation and want to tape the meeting: what do you "
        "advise?",
        "lawyer attend",
    ),
    (
        "Does the mediator have to get in touch with the council before the mediation day?",
        "prior to the agreed mediation date",
    ),
    (
        "Why don't parents have to try mediation before they appeal, if it calms things down?",
        "compulsory",
    ),
    (
        "What if the council officer at mediation can't decide and it has to go back to the panel?",
        "decision-making panel",
    ),
    (
        "The mediation agreement was not done. Can parents get in touch with the mediation "
        "service about it?",
        "not followed",
    ),
]


def test_every_question_has_a_paraphrase(seeded: ImportReport) -> None:
    assert seeded.question_count == len(PARAPHRASES)


@pytest.mark.parametrize(("paraphrase", "marker"), PARAPHRASES)
def test_a_paraphrase_finds_its_question_first(
    seeded: ImportReport, paraphrase: str, marker: str
) -> None:
    results = search_questions(paraphrase)
    assert results, paraphrase
    assert marker.lower() in results[0].question.text.lower(), [
        r.question.text[:60] for r in results[:3]
    ]


def test_an_old_name_is_found_by_the_current_one(seeded: ImportReport) -> None:
    results = search_questions("ICB health advice")
    assert results
    assert "clinical commissioning group" in results[0].answer.published_body.lower()
