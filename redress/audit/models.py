"""Who did what to which record, and who looked at a child's record."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class AuditEntry(models.Model):
    class Action(models.TextChoices):
        VIEW = "view", "Viewed"
        CREATE = "create", "Created"
        UPDATE = "update", "Changed"
        DELETE = "delete", "Deleted"
        GENERATE = "generate", "Generated a document"
        UPLOAD = "upload", "Uploaded a document"
        DOWNLOAD = "download", "Downloaded a document"
        WITHDRAW = "withdraw", "Withdrew consent"
        REVOKE = "revoke", "Revoked access"
        RETRY = "retry", "Asked to send again"
        SIGN_IN = "sign-in", "Signed in"
        REFUSED = "refused", "Was refused"

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=10, choices=Action.choices)
    object_type = models.CharField(max_length=60)
    object_id = models.CharField(max_length=40, blank=True)
    child = models.ForeignKey(
        "casework.Child", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    summary = models.CharField(max_length=300)
    # A row about something confidential to one organisation (a mediator's note read or
    # written) is kept out of the child's audit trail that the authority reads: only that
    # organisation's own audit and the system see it, so the trail does not reveal the notes.
    confidential_to = models.ForeignKey(
        "accounts.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # The page that was read (a URL name such as "plans:detail"), for a subject access request.
    page = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name_plural = "audit entries"

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor} {self.action} {self.object_type}"
