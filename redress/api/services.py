"""Issuing and revoking API tokens (administrators only; audited)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from redress.accounts.models import Membership, Organisation
from redress.accounts.selectors import administered_organisations
from redress.api.models import SCOPES, ApiToken, token_hash, token_new
from redress.audit.services import audit_record


@transaction.atomic
def api_token_issue(
    *,
    actor: Any,
    name: str,
    organisation: Organisation,
    user: Any,
    scopes: list[str],
    rate_per_minute: int = 120,
) -> tuple[ApiToken, str]:
    """A new token and its secret, shown once: only its hash is kept."""
    known = {code for code, _ in SCOPES}
    errors: dict[str, list[str]] = {}
    if not scopes or set(scopes) - known:
        errors["scopes"] = ["Choose at least one of the scopes listed"]
    # Only for the organisations the administrator administers (None: the operator, in code).
    if (
        actor is not None
        and not administered_organisations(actor).filter(pk=organisation.pk).exists()
    ):
        errors["organisation"] = ["Choose an organisation you administer"]
    if not Membership.objects.filter(user=user, organisation=organisation, active=True).exists():
        errors["user"] = [f"The account must hold a role at {organisation.name}"]
    if errors:
        raise ValidationError(errors)
    raw = token_new()
    token = ApiToken(
        name=name.strip(),
        organisation=organisation,
        user=user,
        hashed=token_hash(raw),
        prefix=raw[:12],
        scopes=sorted(set(scopes)),
        rate_per_minute=rate_per_minute,
        created_by=actor,
    )
    token.full_clean(exclude=["created_by", "revoked_by"])
    token.save()
    audit_record(
        actor=actor,
        action="create",
        obj=token,
        summary=f"Issued API token {token.prefix}… '{token.name}' to {organisation.name} "
        f"({', '.join(token.scopes)})",
    )
    return token, raw


@transaction.atomic
def api_token_revoke(*, actor: Any, token: ApiToken) -> ApiToken:
    if actor is not None and not actor.has_perm("api.manage_token", token):
        raise PermissionDenied
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.revoked_by = actor
        token.save(update_fields=["revoked_at", "revoked_by"])
        audit_record(
            actor=actor,
            action="revoke",
            obj=token,
            summary=f"Revoked API token {token.prefix}… '{token.name}'",
        )
    return token
