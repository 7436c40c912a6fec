"""Who may do what to a child's record (object-level, with `rules`).

Querysets in `selectors.py` mirror these predicates for lists; the permission matrix test checks
that both give the same answer for every role.
"""

from __future__ import annotations

from typing import Any

import rules
from django.db.models import Q

from redress.accounts.models import HEALTH_AND_CARE_ROLES, LA_ROLES, Role
from redress.accounts.selectors import has_role_at
from redress.casework.models import AdviceRequest, Child
from redress.statutory.engine import today_in_london


def _child_of(obj: Any) -> Child | None:
    if isinstance(obj, Child):
        return obj
    return getattr(obj, "child", None)


@rules.predicate
def is_la_staff(user: Any, obj: Any) -> bool:
    child = _child_of(obj)
    return child is not None and has_role_at(user, child.local_authority_id, LA_ROLES)


@rules.predicate
def is_la_manager(user: Any, obj: Any) -> bool:
    child = _child_of(obj)
    return child is not None and has_role_at(user, child.local_authority_id, (Role.LA_MANAGER,))


def organisation_ids(user: Any, roles: tuple[str, ...]) -> list[int]:
    """The organisations where the user holds one of these roles (none when signed out)."""
    if not getattr(user, "is_authenticated", False):
        return []
    return [organisation for organisation, role in user.active_memberships() if role in roles]


@rules.predicate
def is_health_or_care_officer_involved(user: Any, obj: Any) -> bool:
    """A health or social care officer whose organisation was asked for advice on this child."""
    if not getattr(user, "is_authenticated", False):
        return False
    organisations = organisation_ids(user, HEALTH_AND_CARE_ROLES)
    if not organisations:
        return False
    if isinstance(obj, AdviceRequest):
        return obj.recipient_organisation_id in organisations
    child = _child_of(obj)
    return (
        child is not None
        and AdviceRequest.objects.filter(
            child=child, recipient_organisation_id__in=organisations
        ).exists()
    )


@rules.predicate
def is_advice_giver_for(user: Any, obj: Any) -> bool:
    """The person an advice request was sent to (their own requests only)."""
    return (
        isinstance(obj, AdviceRequest)
        and getattr(user, "is_authenticated", False)
        and obj.recipient_person_id == user.pk
    )


@rules.predicate
def is_family(user: Any, obj: Any) -> bool:
    child = _child_of(obj)
    return (
        child is not None
        and getattr(user, "is_authenticated", False)
        and child.family.filter(user=user).exists()
    )


def consent_in_force_q(prefix: str = "") -> Q:
    today = today_in_london()
    return Q(**{f"{prefix}withdrawn_on__isnull": True}) | Q(**{f"{prefix}withdrawn_on__gt": today})


@rules.predicate
def is_supporter_with_consent(user: Any, obj: Any) -> bool:
    child = _child_of(obj)
    return (
        child is not None
        and getattr(user, "is_authenticated", False)
        and child.consents.filter(consent_in_force_q(), supporter=user).exists()
    )


can_view_child = (
    is_la_staff | is_health_or_care_officer_involved | is_family | is_supporter_with_consent
)

rules.add_perm("casework.view_child", can_view_child)
rules.add_perm("casework.change_child", is_la_staff)
rules.add_perm("casework.view_audit_trail", is_la_manager)
# Allocating a child to a caseworker is a manager's decision (docs/decisions/0115).
rules.add_perm("casework.allocate_child", is_la_manager)
rules.add_perm(
    "casework.view_advicerequest",
    is_la_staff | is_health_or_care_officer_involved | is_advice_giver_for | is_family,
)
rules.add_perm(
    "casework.respond_advicerequest",
    is_la_staff | is_health_or_care_officer_involved | is_advice_giver_for,
)
rules.add_perm("casework.escalate_advicerequest", is_la_staff)
# The body asked for health or social care advice records its own reg 8(2) exception
# (docs/decisions/0172); the authority records any exception on the case page.
rules.add_perm("casework.except_advicerequest", is_la_staff | is_health_or_care_officer_involved)
