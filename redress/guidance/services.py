"""Writes to the guidance library. Each service checks the actor's permission, validates, saves,
records the answer's history and the audit log, and refreshes the search index, in one
transaction. `actor=None` is the system itself (the import command); people always pass a user.

Errors a person can cause are raised as `ValidationError` keyed by form field.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from redress.audit.services import audit_record
from redress.core import versions
from redress.guidance.digest import Digest, render_digest_html, render_digest_markdown
from redress.guidance.models import (
    Answer,
    AnswerVersion,
    DigestDelivery,
    Question,
    Respondent,
    Source,
    Status,
    Step,
    Subscriber,
    Topic,
)
from redress.guidance.search import search_index_question
from redress.notifications.recipients import Contact
from redress.notifications.services import message_enqueue, messages_deliver_now

EDIT_PERMISSION = "guidance.change_answer"
PUBLISH_PERMISSION = "guidance.publish_answer"
LINK_PERMISSION = "guidance.change_question"


class ConcurrentEditError(versions.ConcurrentEditError):
    """Someone else changed the answer after this editor opened it."""

    message = (
        "Someone else changed this answer after you opened it. Your text is below and has not "
        "been saved: check the current answer, then save again."
    )


@dataclass(frozen=True)
class SourceData:
    kind: str
    citation: str
    url: str = ""


def _require(actor: Any, permission: str) -> None:
    if actor is None:  # the system: the import command
        return
    if not getattr(actor, "is_authenticated", False) or not actor.has_perm(permission):
        raise PermissionDenied(f"Needs the {permission} permission.")


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _answer_text(body: str) -> str:
    """The answer as stored: no control characters (pasted from a word processor, they would
    break the search highlighting, which marks matches with two of them), no outer spaces."""
    return _CONTROL.sub("", body).strip()


def normalise_question_text(text: str) -> str:
    """Lower case, straight quotes, single spaces, no trailing spaces: how questions compare."""
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("\u2018", "'").replace("\u2019", "'")
    text = text.replace("\u201c", '"').replace("\u201d", '"')
    return re.sub(r"\s+", " ", text).strip().lower()


def question_hash(text: str) -> str:
    return hashlib.sha256(normalise_question_text(text).encode()).hexdigest()


def unique_slug(text: str, *, model: Any = Question, max_length: int = 80) -> str:
    base = slugify(text)[:max_length].rstrip("-")
    if "-" in base and len(slugify(text)) > max_length:
        base = base.rsplit("-", 1)[0]  # end on a whole word
    base = base or "question"
    slug, n = base, 2
    while model.objects.filter(slug=slug).exists():
        slug = f"{base}-{n}"
        n += 1
    return slug


def topic_get_or_create(*, name: str) -> Topic:
    name = re.sub(r"\s+", " ", name).strip()
    topic = Topic.objects.filter(name__iexact=name).first()
    if topic is None:
        topic = Topic(name=name, slug=unique_slug(name, model=Topic, max_length=90))
        topic.full_clean()
        topic.save()
    return topic


def respondent_get_or_create(*, name: str) -> Respondent:
    name = re.sub(r"\s+", " ", name).strip()
    respondent = Respondent.objects.filter(name__iexact=name).first()
    if respondent is None:
        respondent = Respondent(name=name)
        respondent.full_clean()
        respondent.save()
    return respondent


@transaction.atomic
def question_create(*, text: str, topics: Iterable[Topic] = (), actor: Any) -> Question:
    _require(actor, "guidance.add_question")
    text = re.sub(r"\s+", " ", text).strip()
    digest = question_hash(text)
    if Question.objects.filter(text_hash=digest).exists():
        raise ValidationError({"text": ["This question is already in the library."]})
    question = Question(text=text, text_hash=digest, slug=unique_slug(text))
    question.full_clean()
    question.save()
    question.topics.set(list(topics))
    audit_record(
        actor=actor, action="create", obj=question, summary=f"Guidance question: {text[:200]}"
    )
    return question


def _record_version(
    answer: Answer, *, event: str, actor: Any, reason: str, at: Any = None
) -> AnswerVersion:
    version = AnswerVersion(
        answer=answer,
        number=answer.version,
        event=event,
        body=answer.body,
        sources=answer.sources_snapshot(),
        changed_by=actor if getattr(actor, "is_authenticated", False) else None,
        changed_at=at or timezone.now(),
        reason=reason,
    )
    version.full_clean()
    version.save()
    return version


def _set_sources(answer: Answer, sources: Sequence[SourceData]) -> None:
    answer.sources.all().delete()
    for data in sources:
        source = Source(answer=answer, kind=data.kind, citation=data.citation, url=data.url)
        source.full_clean()
        source.save()


def _same_sources(answer: Answer, sources: Sequence[SourceData]) -> bool:
    wanted = [{"kind": s.kind, "citation": s.citation, "url": s.url} for s in sources]
    return answer.sources_snapshot() == wanted


@transaction.atomic
def answer_save_draft(
    *,
    question: Question,
    respondent: Respondent,
    body: str,
    sources: Sequence[SourceData] = (),
    reason: str,
    actor: Any,
    expected_version: int | None = None,
) -> Answer:
    """Create or change the working copy of a respondent's answer. Readers still see the last
    published text until the new one is published."""
    _require(actor, EDIT_PERMISSION)
    body = _answer_text(body)
    reason = reason.strip()
    errors: dict[str, list[str]] = {}
    if not body:
        errors["body"] = ["Enter the answer"]
    if not reason:
        errors["reason"] = ["Enter why you are making this change"]
    if errors:
        raise ValidationError(errors)
    answer = (
        Answer.objects.select_for_update().filter(question=question, respondent=respondent).first()
    )
    if answer is None:
        answer = Answer(question=question, respondent=respondent, body=body, version=1)
        answer.full_clean()
        answer.save()
        _set_sources(answer, sources)
        action = "create"
    else:
        if expected_version is not None and answer.version != expected_version:
            raise ConcurrentEditError
        if answer.body == body and _same_sources(answer, sources):
            raise ValidationError({"body": ["The answer and its sources are unchanged"]})
        answer.body = body
        answer.version += 1
        answer.status = Status.DRAFT
        answer.full_clean()
        answer.save()
        _set_sources(answer, sources)
        action = "update"
    _record_version(answer, event=AnswerVersion.Event.SAVED, actor=actor, reason=reason)
    audit_record(
        actor=actor,
        action=action,
        obj=answer,
        summary=f"Guidance answer draft v{answer.version} ({respondent.name}): {reason}",
    )
    return answer


@transaction.atomic
def answer_submit_for_review(*, answer: Answer, actor: Any) -> Answer:
    _require(actor, EDIT_PERMISSION)
    answer = Answer.objects.select_for_update().get(pk=answer.pk)
    if answer.status != Status.DRAFT:
        raise ValidationError("Only a draft can be submitted for review.")
    answer.status = Status.IN_REVIEW
    answer.full_clean()
    answer.save()
    _record_version(
        answer, event=AnswerVersion.Event.SUBMITTED, actor=actor, reason="Submitted for review"
    )
    audit_record(
        actor=actor, action="update", obj=answer, summary="Guidance answer submitted for review"
    )
    return answer


def _publish(answer: Answer, *, actor: Any, reason: str, event: str) -> Answer:
    now = timezone.now()
    answer.status = Status.PUBLISHED
    answer.published_body = answer.body
    answer.published_sources = answer.sources_snapshot()
    answer.published_version = answer.version
    answer.published_at = now
    if answer.first_published_at is None:
        answer.first_published_at = now
    answer.full_clean()
    answer.save()
    _record_version(answer, event=event, actor=actor, reason=reason, at=now)
    search_index_question(answer.question)
    return answer


@transaction.atomic
def answer_publish(
    *, answer: Answer, actor: Any, reason: str, expected_version: int | None = None
) -> Answer:
    """Make the working copy what readers see. The reason appears in the digest of changes.
    Pass `expected_version` (the version the editor read) to refuse publishing a newer draft."""
    _require(actor, PUBLISH_PERMISSION)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": ["Enter what changed, for readers of the digest"]})
    answer = Answer.objects.select_for_update().select_related("question").get(pk=answer.pk)
    if expected_version is not None and answer.version != expected_version:
        raise ConcurrentEditError
    if answer.status == Status.PUBLISHED and answer.published_version == answer.version:
        raise ValidationError("This version is already published.")
    _publish(answer, actor=actor, reason=reason, event=AnswerVersion.Event.PUBLISHED)
    audit_record(
        actor=actor,
        action="update",
        obj=answer,
        summary=f"Guidance answer v{answer.version} published: {reason}",
    )
    return answer


@transaction.atomic
def question_publish(*, question: Question, actor: Any) -> Question:
    _require(actor, PUBLISH_PERMISSION)
    question = Question.objects.select_for_update().get(pk=question.pk)
    if question.status == Status.PUBLISHED:
        return question
    question.status = Status.PUBLISHED
    question.published_at = timezone.now()
    question.full_clean()
    question.save()
    search_index_question(question)
    audit_record(actor=actor, action="update", obj=question, summary="Guidance question published")
    return question


@transaction.atomic
def question_link_step(*, question: Question, step: Step, actor: Any) -> None:
    _require(actor, LINK_PERMISSION)
    question.steps.add(step)
    audit_record(actor=actor, action="update", obj=question, summary=f"Linked to step {step.slug}")


@transaction.atomic
def question_unlink_step(*, question: Question, step: Step, actor: Any) -> None:
    _require(actor, LINK_PERMISSION)
    question.steps.remove(step)
    audit_record(
        actor=actor, action="update", obj=question, summary=f"Unlinked from step {step.slug}"
    )


@transaction.atomic
def question_set_steps(*, question: Question, steps: Iterable[Step], actor: Any) -> None:
    """Link exactly these steps: the editors' form calls this with the ticked boxes."""
    _require(actor, LINK_PERMISSION)
    wanted = {step.pk: step for step in steps}
    current = {step.pk: step for step in question.steps.all()}
    for pk, step in wanted.items():
        if pk not in current:
            question_link_step(question=question, step=step, actor=actor)
    for pk, step in current.items():
        if pk not in wanted:
            question_unlink_step(question=question, step=step, actor=actor)


@transaction.atomic
def answer_import(
    *,
    question: Question,
    respondent: Respondent,
    body: str,
    sources: Sequence[SourceData],
    reason: str,
    given_at: str = "",
    given_on: str = "",
) -> tuple[Answer, str]:
    """Create or update an answer from a published document, publishing it at once.

    Returns the answer and what happened: "created", "updated", "unchanged", or "conflict" when
    an editor has an unpublished draft that the import would overwrite (nothing is changed).
    """
    body = _answer_text(body)
    answer = (
        Answer.objects.select_for_update().filter(question=question, respondent=respondent).first()
    )
    if answer is None:
        answer = Answer(
            question=question,
            respondent=respondent,
            body=body,
            version=1,
            given_at=given_at,
            given_on=given_on,
        )
        answer.full_clean()
        answer.save()
        _set_sources(answer, sources)
        _publish(answer, actor=None, reason=reason, event=AnswerVersion.Event.IMPORTED)
        audit_record(
            actor=None, action="create", obj=answer, summary=f"Guidance answer imported: {reason}"
        )
        return answer, "created"
    if (given_at, given_on) != (answer.given_at, answer.given_on) and (given_at or given_on):
        # Where the answer came from is a fact about the document, not an edit of the answer.
        Answer.objects.filter(pk=answer.pk).update(given_at=given_at, given_on=given_on)
        answer.given_at, answer.given_on = given_at, given_on
    if answer.published_body == body:
        return answer, "unchanged"
    if answer.status != Status.PUBLISHED:
        return answer, "conflict"
    answer.body = body
    answer.version += 1
    answer.save()
    _set_sources(answer, sources)
    _publish(answer, actor=None, reason="Re-imported", event=AnswerVersion.Event.IMPORTED)
    audit_record(
        actor=None, action="update", obj=answer, summary=f"Guidance answer re-imported: {reason}"
    )
    return answer, "updated"


# --- Subscribers and the digest -------------------------------------------------------------
# Confirmation links go straight through Django's email backend; the digest goes through the
# notifications outbox (digest_send).


@transaction.atomic
def subscriber_add(*, email: str, base_url: str) -> Subscriber:
    """Record an address (unconfirmed) and send it a confirmation link. Asking again resends."""
    email = email.strip().lower()
    subscriber = Subscriber.objects.filter(email=email).first()
    if subscriber is None:
        subscriber = Subscriber(email=email)
        subscriber.full_clean()
        subscriber.save()
    link = base_url.rstrip("/") + reverse("guidance:subscribe-confirm", args=[subscriber.token])
    send_mail(
        subject="Confirm you want the guidance digest",
        message=(
            "Someone asked for this address to receive the digest of changes to the guidance "
            f"library. To confirm, open this link:\n\n{link}\n\n"
            "If it was not you, ignore this email: nothing will be sent."
        ),
        from_email=None,
        recipient_list=[email],
    )
    return subscriber


@transaction.atomic
def subscriber_confirm(*, subscriber: Subscriber) -> Subscriber:
    subscriber.confirmed = True
    subscriber.unsubscribed_at = None
    subscriber.save(update_fields=["confirmed", "unsubscribed_at"])
    return subscriber


@transaction.atomic
def subscriber_remove(*, subscriber: Subscriber) -> Subscriber:
    subscriber.confirmed = False
    subscriber.unsubscribed_at = timezone.now()
    subscriber.save(update_fields=["confirmed", "unsubscribed_at"])
    audit_record(actor=None, action="update", obj=subscriber, summary="Unsubscribed")
    return subscriber


def digest_send(*, digest: Digest, base_url: str) -> int:
    """Send the digest to every confirmed subscriber through the notifications outbox, each with
    their own unsubscribe link. Returns how many were sent.

    Each subscriber's message has a key made of the period and the subscriber, so running again
    for the same period sends nothing twice, even after a crash part of the way through.
    """
    queued = []
    for subscriber in Subscriber.objects.filter(confirmed=True):
        unsubscribe = subscriber.unsubscribe_url(base_url)
        message, created = message_enqueue(
            key=f"guidance-digest:{digest.start}:{digest.end}:{subscriber.pk}",
            template="guidance_digest",
            contact=Contact(email=subscriber.email, name=subscriber.email),
            personalisation={
                "digest": render_digest_markdown(
                    digest, base_url=base_url, unsubscribe_url=unsubscribe
                ),
                "digest_html": render_digest_html(
                    digest, base_url=base_url, unsubscribe_url=unsubscribe
                ),
                "unsubscribe_url": unsubscribe,
            },
            digestible=False,
        )
        if created:
            DigestDelivery.objects.get_or_create(
                subscriber=subscriber, start=digest.start, end=digest.end
            )
            queued.append(message)
    return messages_deliver_now(queued).sent
