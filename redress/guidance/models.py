"""The guidance library: questions, the answers several respondents give them, and their history.

Readers see only what is published. An answer keeps two texts: the working copy editors change
(`body`, `sources`, `status`) and the copy readers see (`published_body`, `published_sources`),
so editing a published answer never hides it while the new wording is drafted and reviewed.
Every change writes an `AnswerVersion` row; the services in `services.py` do that explicitly.
"""

from __future__ import annotations

import secrets
from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    IN_REVIEW = "in_review", "In review"
    PUBLISHED = "published", "Published"


class Topic(models.Model):
    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Step(models.Model):
    """A step of the statutory process. The slug (`mediation.attendees`) is what pages cite."""

    slug = models.CharField(max_length=60, unique=True)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["slug"]

    def __str__(self) -> str:
        return f"{self.name} ({self.slug})"


class Respondent(models.Model):
    """Who answers: the service itself, a department, a mediation provider…"""

    name = models.CharField(max_length=200, unique=True)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="guidance_respondents",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Question(models.Model):
    slug = models.SlugField(
        max_length=100, unique=True, help_text="The stable link; never changes once made."
    )
    text = models.TextField()
    text_hash = models.CharField(
        max_length=64,
        unique=True,
        help_text="SHA-256 of the normalised question text, so an import finds it again.",
    )
    topics = models.ManyToManyField(Topic, blank=True, related_name="questions")
    steps = models.ManyToManyField(Step, blank=True, related_name="questions")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.text[:80]

    def get_absolute_url(self) -> str:
        return reverse("guidance:question", args=[self.slug])


class Answer(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    respondent = models.ForeignKey(Respondent, on_delete=models.PROTECT, related_name="answers")
    # The working copy.
    body = models.TextField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    version = models.PositiveIntegerField(
        default=1, help_text="The working copy's version; it goes up with each change."
    )
    updated_at = models.DateTimeField(auto_now=True)
    # What readers see.
    published_body = models.TextField(blank=True)
    published_sources = models.JSONField(default=list, blank=True)
    published_version = models.PositiveIntegerField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    first_published_at = models.DateTimeField(null=True, blank=True)
    # Where the answer came from, as its respondent gave it: shown apart from Redress's own dates.
    given_at = models.CharField(
        "where the respondent gave it",
        max_length=300,
        blank=True,
        help_text="For example: at the SEND National Trial Briefing events",
    )
    given_on = models.CharField(
        "when the respondent gave it",
        max_length=60,
        blank=True,
        help_text="In words, as precise as the source is: for example March 2021",
    )

    class Meta:
        ordering = ["respondent__name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["question", "respondent"], name="guidance_one_answer_per_respondent"
            )
        ]
        permissions = [("publish_answer", "Can publish guidance answers and questions")]

    def __str__(self) -> str:
        return f"{self.respondent}: {self.question}"

    def get_absolute_url(self) -> str:
        return reverse("guidance:answer", args=[self.pk])

    @property
    def is_public(self) -> bool:
        return bool(self.published_version)

    def sources_snapshot(self) -> list[dict[str, str]]:
        return [{"kind": s.kind, "citation": s.citation, "url": s.url} for s in self.sources.all()]


class Source(models.Model):
    """What an answer rests on: a regulation, a Code of Practice paragraph, a case…"""

    class Kind(models.TextChoices):
        REGULATION = "regulation", "Regulation"
        CODE_OF_PRACTICE = "code_of_practice", "Code of Practice"
        CASE = "case", "Case"
        OTHER = "other", "Other"

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="sources")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER)
    citation = models.CharField(max_length=300)
    url = models.URLField(blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.citation


class AnswerVersion(models.Model):
    """One change to an answer: what it said afterwards, who changed it, when and why."""

    class Event(models.TextChoices):
        SAVED = "saved", "Draft saved"
        SUBMITTED = "submitted", "Submitted for review"
        PUBLISHED = "published", "Published"
        IMPORTED = "imported", "Imported and published"

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    event = models.CharField(max_length=10, choices=Event.choices)
    body = models.TextField()
    sources = models.JSONField(default=list, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(db_index=True)
    reason = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["answer_id", "changed_at", "id"]

    def __str__(self) -> str:
        return f"{self.answer_id} v{self.number} {self.event}"

    @property
    def is_publication(self) -> bool:
        return self.event in {self.Event.PUBLISHED, self.Event.IMPORTED}


def _new_token() -> str:
    return secrets.token_urlsafe(32)


class Subscriber(models.Model):
    """Someone who receives the digest of changes by email."""

    email = models.EmailField(unique=True)
    confirmed = models.BooleanField(default=False)
    token = models.CharField(max_length=64, unique=True, default=_new_token)
    created_at = models.DateTimeField(auto_now_add=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["email"]

    def __str__(self) -> str:
        return self.email

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self.token:
            self.token = _new_token()
        super().save(*args, **kwargs)

    def unsubscribe_url(self, base_url: str = "") -> str:
        return base_url.rstrip("/") + reverse("guidance:unsubscribe", args=[self.token])


class DigestDelivery(models.Model):
    """A digest for one period sent to one subscriber, so running the command again for the same
    period sends nothing twice."""

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    start = models.DateField()
    end = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name_plural = "digest deliveries"
        constraints = [
            models.UniqueConstraint(
                fields=["subscriber", "start", "end"], name="guidance_digest_sent_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.subscriber} {self.start}–{self.end}"
