"""Full-text search over published answers, behind one interface for both databases.

SQLite: an FTS5 table (`guidance_search`, porter stemmer) that the services and the import keep
in step by calling `search_index_question` after every change; ranked with bm25(), snippets from
snippet(). PostgreSQL: to_tsvector/plainto_tsquery with the 'english' configuration, ranked with
ts_rank and highlighted with ts_headline. Either way the words of the query are joined with OR
(common words dropped), so a question phrased differently still finds the answer, and answers
with more of the rarer words rank first.

Snippets are HTML: the text is escaped and only the matched words are wrapped in <mark>.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
)
from django.db import connection
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from redress.guidance.models import Answer, Question, Status
from redress.guidance.terms import expand

# Markers the database puts round matched words; nothing a person types contains them.
_START = "\x02"
_STOP = "\x03"
MAX_RESULTS = 50
MAX_TERMS = 12
MAX_EXTRA = 40  # words added from the synonym groups

# Words too common to help rank (PostgreSQL's english configuration drops these itself).
STOPWORDS = frozenset(
    {
        "a",
        "about",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "been",
        "but",
        "by",
        "can",
        "could",
        "do",
        "does",
        "for",
        "from",
        "has",
        "have",
        "how",
        "i",
        "if",
        "in",
        "is",
        "it",
        "its",
        "may",
        "might",
        "must",
        "of",
        "on",
        "or",
        "our",
        "should",
        "so",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "to",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "who",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
    }
)


@dataclass(frozen=True)
class Result:
    question: Question
    answer: Answer
    rank: float
    snippet: SafeString


def search_terms(query: str) -> list[str]:
    """The words worth searching for, lower-cased, in order, without repeats."""
    seen: list[str] = []
    for word in re.findall(r"\w+", query.lower()):
        if word in STOPWORDS or word in seen:
            continue
        seen.append(word)
    return seen[:MAX_TERMS]


def _marked_to_html(text: str) -> SafeString:
    """Escape everything, then turn the database's markers into <mark> elements."""
    html = escape(text).replace(_START, "<mark>").replace(_STOP, "</mark>")
    return mark_safe(html)  # noqa: S308 - escaped above; only our own <mark> tags added


def search_questions(query: str, *, user: Any = None) -> list[Result]:
    """Published answers matching the query, best first.

    Everyone, signed in or not, searches the same published text; `user` is accepted so callers
    do not change when editors are later shown their drafts too.
    """
    terms = search_terms(query)
    if not terms:
        return []
    # Synonyms and current names for old ones (redress.guidance.terms), after the reader's own.
    for word in expand(query):
        if word not in STOPWORDS and word not in terms and len(terms) < MAX_TERMS + MAX_EXTRA:
            terms.append(word)
    if connection.vendor == "postgresql":
        return _search_postgresql(terms)
    return _search_sqlite(terms)


def _published_answers() -> Any:
    return Answer.objects.filter(
        question__status=Status.PUBLISHED, published_version__isnull=False
    ).select_related("question", "respondent")


# --- SQLite -------------------------------------------------------------------------------


def _fts_query(terms: list[str]) -> str:
    # Each term quoted, so FTS5's own syntax (NEAR, AND, column filters, *) cannot be injected.
    return " OR ".join('"' + term.replace('"', '""') + '"' for term in terms)


def _search_sqlite(terms: list[str]) -> list[Result]:
    sql = (
        "SELECT answer_id, bm25(guidance_search, 0, 0, 2.0, 1.0, 0.5) AS score, "
        "snippet(guidance_search, 3, %s, %s, '…', 30) "
        "FROM guidance_search WHERE guidance_search MATCH %s ORDER BY score LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [_START, _STOP, _fts_query(terms), MAX_RESULTS])
        rows = cursor.fetchall()
    answers = _published_answers().in_bulk([int(row[0]) for row in rows])
    results = []
    for answer_id, score, snippet in rows:
        answer = answers.get(int(answer_id))
        if answer is None:  # the index is behind the table; skip rather than show it
            continue
        results.append(Result(answer.question, answer, -float(score), _marked_to_html(snippet)))
    return results


def search_index_question(question: Question) -> None:
    """Bring the index up to date for one question's published answers (SQLite only)."""
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM guidance_search WHERE question_id = %s", [question.pk])
        if question.status != Status.PUBLISHED:
            return
        for answer in _published_answers().filter(question=question):
            cursor.execute(
                "INSERT INTO guidance_search (answer_id, question_id, question, body, respondent)"
                " VALUES (%s, %s, %s, %s, %s)",
                [answer.pk, question.pk, question.text, answer.published_body,
                 answer.respondent.name],
            )  # fmt: skip


def search_rebuild() -> int:
    """Rebuild the whole index (SQLite); returns how many answers it holds."""
    if connection.vendor != "sqlite":
        return 0
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM guidance_search")
    for question in Question.objects.filter(status=Status.PUBLISHED):
        search_index_question(question)
    return int(_published_answers().count())


# --- PostgreSQL ---------------------------------------------------------------------------


def _search_postgresql(terms: list[str]) -> list[Result]:
    query: SearchQuery | None = None
    for term in terms:
        part = SearchQuery(term, config="english", search_type="plain")
        query = part if query is None else query | part
    assert query is not None
    vector = (
        SearchVector("question__text", weight="A", config="english")
        + SearchVector("published_body", weight="B", config="english")
        + SearchVector("respondent__name", weight="C", config="english")
    )
    rows = (
        _published_answers()
        .annotate(document=vector)
        .filter(document=query)
        .annotate(
            rank=SearchRank(vector, query),
            headline=SearchHeadline(
                "published_body",
                query,
                config="english",
                start_sel=_START,
                stop_sel=_STOP,
                max_words=40,
                min_words=15,
                max_fragments=2,
                fragment_delimiter=" … ",
            ),
        )
        .order_by("-rank", "id")[:MAX_RESULTS]
    )
    return [
        Result(answer.question, answer, float(answer.rank), _marked_to_html(answer.headline))
        for answer in rows
    ]
