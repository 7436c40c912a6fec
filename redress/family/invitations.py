"""Inviting a family member or young person to sign in, and joining their sign-in to the case.

A caseworker invites someone the council recorded with an email address. The email holds a
secret link (only its hash is kept) that works once, for INVITATION_DAYS days. Following it
joins an account to that family member; the person then signs in with an emailed code, as
every family does, and sees that child's case and no other.

Who may be invited (decision 0081): a parent or carer while the child is under 16; from 16 the
young person, who has their own account and rights; a parent or carer of a young person only
when the caseworker records why (the young person agrees, or lacks capacity and the parent acts
for them). A young person can stop a parent seeing their case at any time.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from redress.accounts.models import Membership
from redress.audit.services import audit_record
from redress.casework.models import Child, FamilyMember
from redress.casework.services import YOUNG_PERSON_AGE
from redress.family.models import FamilyInvitation
from redress.notifications.recipients import Contact
from redress.notifications.services import absolute_url, message_enqueue, message_send_now
from redress.statutory.engine import today_in_london

INVITATION_DAYS = 14

_PARENTS = (
    FamilyMember.Relationship.PARENT,
    FamilyMember.Relationship.CARER,
    FamilyMember.Relationship.OTHER,
)


def hash_invitation(token: str) -> str:
    return hashlib.sha256(f"redress.family.invitation:{token}".encode()).hexdigest()


def is_young_person(child: Child) -> bool:
    """From 16 the young person has their own rights (the project's reading, decision 0081)."""
    return child.age_on(today_in_london()) >= YOUNG_PERSON_AGE


def young_person_account(child: Child) -> FamilyMember | None:
    """The young person's own family-member record, when they have taken up their account."""
    return child.family.filter(
        relationship=FamilyMember.Relationship.YOUNG_PERSON, user__isnull=False
    ).first()


def _check(member: FamilyMember, basis: str) -> None:
    child = member.child
    errors: dict[str, list[str]] = {}
    if not member.email.strip():
        errors["email"] = ["Record an email address for them first: the invitation is emailed."]
    if member.user_id is not None:
        errors["email"] = [f"{member.name} can already sign in."]
    young = is_young_person(child)
    if member.relationship == FamilyMember.Relationship.YOUNG_PERSON and not young:
        errors["member"] = [
            f"{child.first_name} is under {YOUNG_PERSON_AGE}: invite a parent or carer instead."
        ]
    if member.relationship in _PARENTS and young and not basis:
        errors["basis"] = [
            f"{child.first_name} is a young person. Say why this parent or carer may see the "
            "case: the young person agrees, or lacks capacity and the parent acts for them."
        ]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def family_invitation_create(
    *, actor: Any, member: FamilyMember, basis: str = ""
) -> tuple[FamilyInvitation, Any]:
    """Record an invitation and put its email in the outbox. Returns it and the message."""
    if not actor.has_perm("casework.change_child", member.child):
        raise PermissionDenied
    member = FamilyMember.objects.select_for_update().select_related("child").get(pk=member.pk)
    if member.relationship not in _PARENTS or not is_young_person(member.child):
        basis = ""
    _check(member, basis)
    token = secrets.token_urlsafe(32)
    invitation = FamilyInvitation(
        member=member,
        email=member.email.strip(),
        token_hash=hash_invitation(token),
        basis=basis,
        invited_by=actor,
        expires_at=timezone.now() + timedelta(days=INVITATION_DAYS),
    )
    invitation.full_clean()
    invitation.save()
    audit_record(
        actor=actor,
        action="create",
        obj=invitation,
        child=member.child,
        summary=f"Invited {member.name} to sign in"
        + (f" ({invitation.get_basis_display().lower()})" if basis else ""),
    )
    message = _invitation_message(invitation, token)
    return invitation, message


def _invitation_message(invitation: FamilyInvitation, token: str) -> Any:
    member = invitation.member
    child = member.child
    own = member.relationship == FamilyMember.Relationship.YOUNG_PERSON
    message, _ = message_enqueue(
        key=f"family-invitation:{invitation.pk}",
        template="young_person_invitation" if own else "family_invitation",
        contact=Contact(email=invitation.email, name=member.name),
        personalisation={
            "name": member.name,
            "council": str(child.local_authority),
            "child_first_name": child.first_name,
            "invitation_url": absolute_url(reverse("family:invitation", args=[token])),
            "days": INVITATION_DAYS,
        },
        child=child,
        digestible=False,
    )
    return message


def family_invitation_send(
    *, actor: Any, member: FamilyMember, basis: str = ""
) -> FamilyInvitation:
    """Invite and send the email straight away (the outbox keeps it to retry if sending fails)."""
    invitation, message = family_invitation_create(actor=actor, member=member, basis=basis)
    message_send_now(message)
    return invitation


def invitation_for_token(token: str) -> FamilyInvitation | None:
    """The invitation this link is for, while it can still be used."""
    return (
        FamilyInvitation.objects.filter(
            token_hash=hash_invitation(token),
            accepted_at__isnull=True,
            expires_at__gt=timezone.now(),
            member__user__isnull=True,
        )
        .select_related("member", "member__child", "member__child__local_authority")
        .first()
    )


def _account_for(invitation: FamilyInvitation) -> Any:
    """An existing family account with this address, or a new one. Staff accounts are never
    joined to a family: a caseworker who is also a parent gets a separate family account."""
    users = get_user_model().objects.filter(email__iexact=invitation.email, is_active=True)
    staff_ids = Membership.objects.values("user_id")
    existing = users.exclude(pk__in=staff_ids).filter(is_staff=False).order_by("pk").first()
    if existing is not None:
        return existing
    name = invitation.member.name.strip()
    first, _, last = name.partition(" ")
    user = get_user_model().objects.create_user(
        username=f"family-{invitation.member_id}-{secrets.token_hex(4)}",
        email=invitation.email,
        first_name=first[:150],
        last_name=last[:150],
    )
    user.set_unusable_password()
    user.save(update_fields=["password"])
    return user


@transaction.atomic
def family_invitation_accept(*, token: str) -> FamilyInvitation | None:
    """Join an account to the invited family member (once). None if the link cannot be used."""
    found = invitation_for_token(token)
    if found is None:
        return None
    invitation = FamilyInvitation.objects.select_for_update().get(pk=found.pk)
    member = FamilyMember.objects.select_for_update().get(pk=invitation.member_id)
    if invitation.accepted_at is not None or member.user_id is not None:
        return None
    user = _account_for(invitation)
    member.user = user
    member.save(update_fields=["user"])
    invitation.accepted_at = timezone.now()
    invitation.user = user
    invitation.save(update_fields=["accepted_at", "user"])
    audit_record(
        actor=user,
        action="update",
        obj=member,
        child=member.child,
        summary=f"{member.name} accepted the invitation to sign in",
    )
    return invitation


@transaction.atomic
def family_access_stop(*, actor: Any, member: FamilyMember) -> FamilyMember:
    """A young person stops a parent or carer seeing their case. The family member stays on
    record; only their sign-in is no longer joined to the case (the audit trail keeps who)."""
    child = member.child
    own = young_person_account(child)
    if own is None or own.user_id != getattr(actor, "pk", None):
        raise PermissionDenied
    if member.pk == own.pk or member.user_id is None:
        raise ValidationError({"member": [_("They cannot see your case now.")]})
    locked = FamilyMember.objects.select_for_update().get(pk=member.pk)
    former = locked.user
    locked.user = None
    locked.save(update_fields=["user"])
    audit_record(
        actor=actor,
        action="revoke",
        obj=locked,
        child=child,
        summary=f"The young person stopped {locked.name} ({former}) seeing the case",
    )
    return locked
