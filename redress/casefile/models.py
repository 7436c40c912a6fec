"""Case notes and the contact log: the local authority's working record on a child's case
(docs/case-file.md).

Nothing here is ever deleted. A correction changes the entry and the history keeps every earlier
wording with who changed it and why; an entry recorded in error is withdrawn with a reason and
stays on the page, marked as withdrawn.
"""

from __future__ import annotations

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from redress.casework.models import AdviceRequest, Child
from redress.core.corrections import Correctable


class CaseNote(models.Model):
    """One case note, or one contact (a call, an email, a meeting, a letter received)."""

    class Kind(models.TextChoices):
        NOTE = "note", "Case note"
        PHONE = "phone", "Phone call"
        EMAIL = "email", "Email"
        MEETING = "meeting", "Meeting"
        LETTER = "letter", "Letter"

    class Direction(models.TextChoices):
        INCOMING = "in", "Incoming (to us)"
        OUTGOING = "out", "Outgoing (from us)"

    # Deleted with the child only when the retention schedule ends the whole record; nothing
    # else deletes a child.
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="case_notes")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.NOTE)
    direction = models.CharField(max_length=3, choices=Direction.choices, blank=True)
    with_whom = models.CharField(
        "with whom", max_length=200, blank=True, help_text="The person or organisation contacted."
    )
    occurred_on = models.DateField("date")
    text = models.TextField("note or summary", max_length=10000)
    sensitive = models.BooleanField(
        default=False, help_text="Visible to the local authority's staff only, always."
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True, db_index=True)
    version = models.PositiveIntegerField(default=1)
    corrected_at = models.DateTimeField(null=True, blank=True)
    corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    correction_reason = models.TextField(blank=True, max_length=2000)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    withdrawn_reason = models.TextField(blank=True, max_length=2000)

    history = HistoricalRecords()

    class Meta:
        ordering = ("-occurred_on", "-recorded_at", "-pk")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind="note", direction="") | ~models.Q(kind="note"),
                name="casefile_note_has_no_direction",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.occurred_on:%d %B %Y}"

    @property
    def is_contact(self) -> bool:
        return self.kind != self.Kind.NOTE

    @property
    def withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    @property
    def corrected(self) -> bool:
        return self.corrected_at is not None


def document_upload_to(instance: CaseDocument, filename: str) -> str:
    """A random name under MEDIA_ROOT: the person's file name (often a child's name) is kept in
    `original_name` for the download, never in the storage path."""
    extension = PurePath(filename).suffix.lower()[:10]
    return f"casefile/documents/{uuid.uuid4().hex}{extension}"


class CaseDocument(Correctable):
    """A document on the child's case: advice, reports, letters in and out, the draft plan.

    A document uploaded in error is withdrawn with a reason, never deleted; its details (kind,
    title, date, who may see it) can be corrected, and the history keeps the earlier values.
    """

    class Kind(models.TextChoices):
        ADVICE = "advice", "Advice report"
        REVIEW_REPORT = "review_report", "School's review report"
        LETTER_RECEIVED = "letter_in", "Letter received"
        LETTER_SENT = "letter_out", "Letter sent"
        DRAFT_PLAN = "draft_plan", "Draft plan"
        DECISION_LETTER = "decision", "Decision letter"
        OTHER = "other", "Other"

    class Audience(models.TextChoices):
        STAFF = "staff", "The local authority's staff only"
        PROFESSIONALS = "professionals", "Also the professionals on the case"
        FAMILY = "family", "Also the professionals and the family"

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="case_documents")
    kind = models.CharField("type", max_length=20, choices=Kind.choices)
    title = models.CharField(max_length=200)
    dated = models.DateField("date of the document")
    file = models.FileField(upload_to=document_upload_to, max_length=200)
    original_name = models.CharField(max_length=255)
    audience = models.CharField(
        "who may see it", max_length=20, choices=Audience.choices, default=Audience.STAFF
    )
    shared_with_family_on = models.DateField(
        "date sent or shared with the family", null=True, blank=True
    )
    # The advice this document is, so section K of the plan can link to it (decision 0147).
    advice_request = models.ForeignKey(
        AdviceRequest,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documents",
        verbose_name="the advice request it answers",
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True, db_index=True)
    version = models.PositiveIntegerField(default=1)

    history = HistoricalRecords()

    class Meta:
        ordering = ("-dated", "-uploaded_at", "-pk")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(audience="family", shared_with_family_on__isnull=False)
                | (~models.Q(audience="family") & models.Q(shared_with_family_on__isnull=True)),
                name="casefile_document_shared_date_iff_family",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title}"

    @property
    def shared_with_family(self) -> bool:
        return self.audience == self.Audience.FAMILY and not self.withdrawn


class TaskQuerySet(models.QuerySet["Task"]):
    def open(self) -> TaskQuerySet:
        """Tasks still to do: neither done nor withdrawn."""
        return self.filter(done_at__isnull=True, withdrawn_at__isnull=True)


class Task(Correctable):
    """Something a caseworker must do on a child's case by a bring-forward date.

    A person adds one by hand, or Redress brings one forward from an open row of the deadline
    table (`source_rule` and `source_ref` name the row; decision 0146) and closes it when the row
    is met. A task is done or withdrawn, never deleted; the history keeps each reassignment.
    """

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="tasks")
    what = models.CharField("what needs doing", max_length=200)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tasks",
        help_text="Empty while the child has no caseworker.",
    )
    bring_forward_on = models.DateField("bring forward on", db_index=True)
    source_rule = models.CharField(max_length=60, blank=True)
    source_ref = models.CharField(max_length=60, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Empty when Redress created the task from the deadline table.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Empty when Redress closed the task because the step was recorded.",
    )
    done_note = models.CharField(max_length=300, blank=True)
    version = models.PositiveIntegerField(default=1)

    objects = TaskQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ("bring_forward_on", "pk")
        indexes = [
            # "My tasks": a person's open tasks by bring-forward date.
            models.Index(
                fields=["assigned_to", "bring_forward_on"],
                name="task_open_assignee",
                condition=models.Q(done_at__isnull=True, withdrawn_at__isnull=True),
            ),
        ]
        constraints = [
            # One task per deadline row, however often `create_tasks` runs.
            models.UniqueConstraint(
                fields=["child", "source_rule", "source_ref"],
                condition=~models.Q(source_rule=""),
                name="casefile_one_task_per_deadline",
            ),
            models.CheckConstraint(
                condition=models.Q(done_at__isnull=True) | models.Q(withdrawn_at__isnull=True),
                name="casefile_task_done_or_withdrawn",
            ),
        ]

    def __str__(self) -> str:
        return self.what

    @property
    def automatic(self) -> bool:
        return bool(self.source_rule)

    @property
    def done(self) -> bool:
        return self.done_at is not None

    @property
    def is_open(self) -> bool:
        return self.done_at is None and self.withdrawn_at is None


class CaseMessage(models.Model):
    """One message in the conversation between a child's family and the professionals on the
    case: the local authority, or the mediation provider while a mediation case is open.

    `organisation` is the professional side of the message: the body the family wrote to, or
    the body whose staff wrote it. A message is never edited or deleted; the person who wrote it
    may withdraw it, and it stays, marked withdrawn. "Seen" is the first time someone on the
    other side opened the conversation after it arrived.
    """

    class Side(models.TextChoices):
        FAMILY = "family", "The family"
        PROFESSIONAL = "professional", "The professionals"

    MAX_LENGTH = 5000

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="case_messages")
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="case_messages",
        verbose_name="the authority or provider in the conversation",
    )
    side = models.CharField(max_length=12, choices=Side.choices)
    text = models.TextField("message", max_length=MAX_LENGTH)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    sent_at = models.DateTimeField(auto_now_add=True, db_index=True)
    seen_at = models.DateTimeField(null=True, blank=True)
    seen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-sent_at", "-id"]
        indexes = [
            # Unread counts: per case, and across a caseworker's caseload on the dashboard.
            models.Index(
                fields=["organisation", "side", "child"],
                name="case_message_unseen",
                condition=models.Q(seen_at__isnull=True, withdrawn_at__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"Message {self.pk} on the case of child {self.child_id}"

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    @property
    def from_family(self) -> bool:
        return self.side == self.Side.FAMILY
