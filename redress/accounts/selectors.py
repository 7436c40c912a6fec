"""Who an administrator may manage, and who must use a second factor.

An administrator administers the organisations where they hold an active Administrator role,
and the teams inside them (organisations whose parent, or parent's parent, is one of those).
They manage the people whose every role is at one of those organisations or is a family role
with no organisation, and who are not linked as family to a child of another authority.
Superusers are managed from the command line only (docs/sign-in.md).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from redress.accounts.models import FAMILY_ROLES, Membership, Organisation, Role


def has_role_at(user: Any, organisation_id: int | None, roles: tuple[str, ...] = ()) -> bool:
    """Whether the user holds one of these roles (any role when none is named), actively, at this
    organisation."""
    if organisation_id is None or not getattr(user, "is_authenticated", False):
        return False
    return any(
        organisation == organisation_id and (not roles or role in roles)
        for organisation, role in user.active_memberships()
    )


def is_administrator(user: Any) -> bool:
    """An active, staff account holding an active Administrator role at an organisation."""
    if not getattr(user, "is_authenticated", False) or not user.is_active or not user.is_staff:
        return False
    return bool(
        user.memberships.filter(
            role=Role.ADMINISTRATOR, active=True, organisation__isnull=False
        ).exists()
    )


def administered_organisations(user: Any) -> QuerySet[Organisation]:
    """The organisations this person administers: their own and the teams inside them."""
    if not getattr(user, "is_authenticated", False):
        return Organisation.objects.none()
    if user.is_superuser:
        return Organisation.objects.all()
    ids = set(
        Membership.objects.filter(
            user=user, role=Role.ADMINISTRATOR, active=True, organisation__isnull=False
        ).values_list("organisation_id", flat=True)
    )
    frontier = set(ids)
    while frontier:  # teams inside teams; stops because each step adds only new ids
        parts = set(
            Organisation.objects.filter(parent_id__in=frontier).values_list("pk", flat=True)
        )
        frontier = parts - ids
        ids |= frontier
    return Organisation.objects.filter(pk__in=ids)


def people_managed_by(user: Any) -> QuerySet[Any]:
    """The accounts an administrator may see and change in the administration pages."""
    people = get_user_model().objects.all()
    if not getattr(user, "is_authenticated", False):
        return people.none()
    if user.is_superuser:
        return people
    if not is_administrator(user):
        return people.none()
    organisations = administered_organisations(user)
    elsewhere = Membership.objects.filter(organisation__isnull=False).exclude(
        organisation__in=organisations
    )
    # Nor a family member of a child at another authority (every child has one).
    other_authorities = Organisation.objects.exclude(pk__in=organisations)
    return (
        people.filter(is_superuser=False)
        .exclude(memberships__in=elsewhere)
        .exclude(family_links__child__local_authority__in=other_authorities)
    )


def needs_second_factor(user: Any) -> bool:
    """Staff sign in with a second factor; families and supporters do not.

    Everyone holding a role other than parent or carer, young person or supporter, and every
    staff or superuser account, must complete a second factor when REDRESS_REQUIRE_2FA is on.
    """
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_staff or user.is_superuser:
        return True
    return bool(user.memberships.filter(active=True).exclude(role__in=FAMILY_ROLES).exists())


def may_sign_in_with_emailed_code(user: Any) -> bool:
    """Only families and supporters sign in with an emailed code; staff use a password."""
    return bool(user.is_active) and not needs_second_factor(user)
