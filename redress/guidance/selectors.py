"""Reading the guidance library: what readers may see, and the editors' work list."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Count, Max, Prefetch, Q, QuerySet
from django.utils import timezone

from redress.accounts.models import Membership
from redress.guidance.models import Answer, AnswerVersion, Question, Status, Step, Topic
from redress.guidance.terms import Superseded, superseded_in
from redress.statutory.calendar import format_long_date


def published_answers() -> QuerySet[Answer]:
    return Answer.objects.filter(published_version__isnull=False).select_related("respondent")


def published_questions() -> QuerySet[Question]:
    return (
        Question.objects.filter(status=Status.PUBLISHED)
        .annotate(
            answer_count=Count("answers", filter=Q(answers__published_version__isnull=False)),
            last_updated=Max("answers__published_at"),
        )
        .prefetch_related(Prefetch("answers", queryset=published_answers()))
        .order_by("id")
    )


def topics_with_questions() -> list[tuple[Topic, list[Question]]]:
    questions = list(published_questions().prefetch_related("topics"))
    topics: dict[int, tuple[Topic, list[Question]]] = {}
    loose: list[Question] = []
    for question in questions:
        question_topics = list(question.topics.all())
        if not question_topics:
            loose.append(question)
        for topic in question_topics:
            topics.setdefault(topic.pk, (topic, []))[1].append(question)
    result = sorted(topics.values(), key=lambda pair: pair[0].name)
    if loose:
        result.append((Topic(name="Other questions", slug="other"), loose))
    return result


def question_for_readers(slug: str) -> Question | None:
    return published_questions().prefetch_related("topics").filter(slug=slug).first()


def last_updated(question: Question) -> datetime | None:
    return max((a.published_at for a in question.answers.all() if a.published_at), default=None)


def questions_for_step(step_slug: str) -> list[Question]:
    return list(
        Question.objects.filter(status=Status.PUBLISHED, steps__slug=step_slug)
        .filter(answers__published_version__isnull=False)
        .distinct()
        .order_by("id")
    )


def steps() -> QuerySet[Step]:
    return Step.objects.all()


def editor_answers() -> QuerySet[Answer]:
    """Answers whose working copy is not yet published: drafts first, then those in review."""
    return (
        Answer.objects.exclude(status=Status.PUBLISHED)
        .select_related("question", "respondent")
        .order_by("status", "-updated_at")
    )


def editor_questions() -> QuerySet[Question]:
    return Question.objects.prefetch_related("steps", "topics").order_by("id")


def answer_history(answer: Answer) -> QuerySet[AnswerVersion]:
    return answer.versions.select_related("changed_by").order_by("-changed_at", "-id")


@dataclass(frozen=True)
class AnswerShown:
    """One published answer as readers see it: who gave it, where and when (the source's own
    date), when Redress last changed it, who else edited it, and the old names it uses."""

    answer: Answer
    given: str
    edited_by_others: list[tuple[str, Any]]  # (name, when) of each published edit by another
    superseded: list[Superseded]


def _editor_name(user: Any) -> str:
    return str(user.get_full_name() or user.username)


def edits_by_others(answer: Answer) -> list[tuple[str, Any]]:
    """Published changes made by someone other than the respondent: a person who is not at the
    respondent's organisation; with none recorded, anyone but the answer's first author (for an
    imported answer, anyone at all)."""
    versions = list(
        answer.versions.filter(changed_at__lte=answer.published_at or timezone.now())
        .select_related("changed_by")
        .order_by("changed_at", "id")
    )
    if not versions:
        return []
    first = versions[0]
    respondent_org = answer.respondent.organisation_id
    staff_ids: set[int] = set()
    if respondent_org is not None:
        staff_ids = set(
            Membership.objects.filter(organisation_id=respondent_org).values_list(
                "user_id", flat=True
            )
        )
    found: dict[int, tuple[str, Any]] = {}
    for version in versions:
        user = version.changed_by
        if user is None or version.event == AnswerVersion.Event.IMPORTED:
            continue
        if respondent_org is not None:
            other = user.pk not in staff_ids
        else:
            other = first.changed_by_id is None or user.pk != first.changed_by_id
        if other:
            found[user.pk] = (_editor_name(user), version.changed_at)
    return list(found.values())


def answers_shown(question: Question) -> list[AnswerShown]:
    shown = []
    for answer in question.answers.all():
        if answer.given_at or answer.given_on:
            given = f"Answer given by {answer.respondent.name}"
            given += f" {answer.given_at}" if answer.given_at else ""
            given += f", {answer.given_on}" if answer.given_on else ""
        else:
            when = answer.first_published_at or answer.published_at
            given = f"Answer written for this library by {answer.respondent.name}"
            if when:
                given += f", {format_long_date(timezone.localdate(when))}"
        shown.append(
            AnswerShown(
                answer=answer,
                given=given + ".",
                edited_by_others=edits_by_others(answer),
                superseded=superseded_in(answer.published_body + " " + question.text),
            )
        )
    return shown
