"""API tokens: issued by an administrator to an organisation's system, stored hashed.

A token acts as one sign-in (`user`, a service account holding a role at the organisation), so
every call passes the same selectors and permission rules as that person's pages would. Its
scopes limit it further, to reading or writing one area.
"""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.db import models

from redress.accounts.models import Organisation

TOKEN_PREFIX = "rdx_"  # noqa: S105 - a visible marker, not a secret

SCOPES: tuple[tuple[str, str], ...] = (
    ("advice:read", "Read the advice requests sent to the organisation"),
    ("advice:write", "Record advice as received"),
    ("mediation:read", "Read mediation cases (never the mediator's notes)"),
    ("deadlines:read", "Read open deadlines"),
)


def token_hash(raw: str) -> str:
    """Tokens are 256 random bits, so one round of SHA-256 is enough to make a stolen table of
    hashes useless; it also keeps each call's lookup to one indexed query."""
    return hashlib.sha256(raw.encode()).hexdigest()


def token_new() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


class ApiToken(models.Model):
    name = models.CharField(
        max_length=100, help_text="Which system uses it, for example 'ICB advice tracker'."
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="api_tokens"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        help_text="The account the system acts as; its roles decide what it may see.",
    )
    hashed = models.CharField(max_length=64, unique=True, editable=False)
    prefix = models.CharField(max_length=12, editable=False)
    scopes = models.JSONField(default=list)
    rate_per_minute = models.PositiveIntegerField(default=120)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def active(self) -> bool:
        return self.revoked_at is None
