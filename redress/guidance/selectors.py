"""Reading the guidance library: what readers may see, and the editors' work list."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Count, Max, Prefetch, Q, QuerySet

from redress.guidance.models import Answer, AnswerVersion, Question, Status, Step, Topic


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
