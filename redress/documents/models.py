"""Letters sent from Redress for a step of a case, and the print batch (decision 0164).

A `SentLetter` is one letter to one addressee. By email it is sent at once: the step it belongs
to is recorded dated today, the letter is written with the engine's dates, kept on the case as a
`CaseDocument` (the exact .docx sent) and put in the outbox. By post it waits in the print batch
(`TO_POST`) and is written, kept and recorded on the day someone marks it posted. A letter sent
in error is withdrawn with a reason, never deleted; its copy on the case is withdrawn with it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from redress.accounts.models import Organisation
from redress.casefile.models import CaseDocument
from redress.casework.models import Child
from redress.core.corrections import Correctable, CorrectableQuerySet
from redress.notifications.models import Message


class SentLetter(Correctable):
    class Method(models.TextChoices):
        EMAIL = "email", "By email"
        POST = "post", "By post"

    class Status(models.TextChoices):
        TO_POST = "to_post", "Waiting to be posted"
        SENT = "sent", "Sent"

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="sent_letters")
    kind = models.CharField(max_length=40)  # a key of step_letters.STEP_LETTERS
    title = models.CharField(max_length=200)
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The adviser or school written to; empty for a letter to the family.",
    )
    addressee_name = models.CharField(max_length=300)
    addressee_address = models.TextField(blank=True)
    addressee_email = models.EmailField(blank=True)
    method = models.CharField(max_length=10, choices=Method.choices)
    large_print = models.BooleanField(default=False)
    status = models.CharField(max_length=10, choices=Status.choices, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    sent_on = models.DateField("the day it was sent or posted", null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # What sending recorded: the step ("advice_request-12") and the exact letter kept.
    step_ref = models.CharField(max_length=60, blank=True)
    document = models.ForeignKey(
        CaseDocument, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    message = models.ForeignKey(
        Message, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = CorrectableQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ("-created_at", "-pk")
        indexes = [models.Index(fields=["status", "created_at"], name="sent_letter_to_post")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="to_post", method="post") | models.Q(status="sent"),
                name="documents_only_post_waits",
            ),
            models.CheckConstraint(
                condition=models.Q(status="to_post", sent_on__isnull=True)
                | models.Q(status="sent", sent_on__isnull=False),
                name="documents_sent_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} to {self.addressee_name}"
