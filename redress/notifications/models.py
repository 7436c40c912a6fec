"""The outbox and message log, reminder rules, people's preferences and calendar feed tokens.

Every message Redress sends is a `Message` row first (the outbox). A row is created once, keyed
by `dedupe_key` (unique), so planning the same reminder twice makes one row; a sender claims a
row with a conditional update (status pending -> sending) before sending it, so two senders never
send the same row. The same row then records what happened: sent, retried, or failed.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from redress.statutory.rules import RULES


def rule_choices() -> list[tuple[str, str]]:
    """One choice per rule id, read from the catalogue when a form asks.

    A callable keeps the catalogue's wording out of migrations: a title corrected in the
    catalogue needs no schema change. A rule id with several variants is offered once.
    """
    titles: dict[str, str] = {}
    for rule in RULES:
        titles.setdefault(rule.id, rule.title)
    return [("*", "Every rule without its own row")] + [
        (rule_id, f"{title} ({rule_id})") for rule_id, title in sorted(titles.items())
    ]


class ReminderRule(models.Model):
    """How early to remind people of one rule's deadlines, and when to tell a manager."""

    rule = models.CharField(max_length=60, unique=True, choices=rule_choices)
    lead_days = models.PositiveSmallIntegerField(
        "remind this many days before the due date",
        default=7,
        help_text="0 reminds on the due date only.",
    )
    remind_overdue = models.BooleanField(
        "remind the people responsible once when it is overdue", default=True
    )
    escalate_after_days = models.PositiveSmallIntegerField(
        "tell the team's manager after this many days overdue",
        default=1,
        help_text="1 tells the manager on the first day it is overdue.",
    )
    active = models.BooleanField(default=True, help_text="Untick to send no reminders at all.")

    class Meta:
        ordering = ["rule"]

    def __str__(self) -> str:
        return f"Reminders for {self.rule}: {self.lead_days} days before"


class NotificationPreference(models.Model):
    class Delivery(models.TextChoices):
        SINGLE = "single", "A message for each reminder"
        DIGEST = "digest", "One message a day with all my reminders"

    class Channels(models.TextChoices):
        EMAIL = "email", "By email"
        SMS = "sms", "By text message"
        BOTH = "both", "By email and text message"

    class LeadWeeks(models.IntegerChoices):
        ONE = 1, "1 week before"
        TWO = 2, "2 weeks before"
        FOUR = 4, "4 weeks before"

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference"
    )
    delivery = models.CharField(max_length=10, choices=Delivery.choices, default=Delivery.SINGLE)
    #: How a family member hears about their own dates (docs/decisions/0159-text-messages.md).
    channels = models.CharField(max_length=10, choices=Channels.choices, default=Channels.EMAIL)
    #: A UK mobile number, stored as 07 followed by nine digits.
    mobile_number = models.CharField(max_length=11, blank=True)
    #: How early a family member is reminded of their own dates; empty keeps the rule's default.
    lead_weeks = models.PositiveSmallIntegerField(choices=LeadWeeks.choices, null=True, blank=True)

    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"{self.user}: {self.get_delivery_display()}"

    @property
    def wants_email(self) -> bool:
        return self.channels in (self.Channels.EMAIL, self.Channels.BOTH)

    @property
    def wants_sms(self) -> bool:
        return bool(self.mobile_number) and self.channels in (
            self.Channels.SMS,
            self.Channels.BOTH,
        )


class Message(models.Model):
    """One message to one person: the outbox row and, afterwards, its log entry."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting to be sent"
        SENDING = "sending", "Being sent"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed (no more retries)"
        HELD = "held", "Held for the daily digest"
        DIGESTED = "digested", "Sent in a daily digest"
        CANCELLED = "cancelled", "Cancelled"

    class Channel(models.TextChoices):
        EMAIL = "email", "Email (SMTP)"
        NOTIFY = "notify", "GOV.UK Notify"
        SMS = "sms", "Text message (GOV.UK Notify)"

    dedupe_key = models.CharField(max_length=255, unique=True)
    template = models.CharField(max_length=60)
    channel = models.CharField(max_length=10, choices=Channel.choices)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="messages_received",
    )
    #: An email address, or a mobile number for a text message.
    to_address = models.CharField(max_length=254)
    personalisation = models.JSONField(default=dict, blank=True)
    child = models.ForeignKey(
        "casework.Child", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    digest = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="items"
    )
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now, db_index=True)
    last_error = models.TextField(blank=True)
    claimed_by = models.CharField(max_length=100, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    provider_reference = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.template} to {self.to_address} ({self.status})"


class CaseSnapshot(models.Model):
    """What the family last heard about a case, so a change is announced once."""

    child = models.OneToOneField(
        "casework.Child", on_delete=models.CASCADE, related_name="notification_snapshot"
    )
    fingerprint = models.CharField(max_length=64)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Snapshot {self.version} of child {self.child_id}"


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class CalendarToken(models.Model):
    """A secret address for one person's calendar feed. Only its hash is stored."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_tokens"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    hint = models.CharField(
        max_length=8, help_text="The token's first characters, to tell it apart."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Calendar feed {self.hint}… for {self.user}"
