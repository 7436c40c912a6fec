"""Who may do what on a mediation case (object-level, with `rules`).

`selectors.py` mirrors these predicates for lists; `tests/test_permission_matrix.py` checks every
role against every object and action. The mediator's notes are read only through
`selectors.mediator_notes_visible_to`, which applies `mediation.view_notes`.
"""

from __future__ import annotations

from typing import Any

import rules

from redress.accounts.models import LA_ROLES, MEDIATION_PROVIDER_ROLES, Organisation, Role
from redress.accounts.selectors import has_role_at
from redress.casework.models import Child
from redress.casework.permissions import consent_in_force_q
from redress.mediation.models import MediationCase, MediationPolicy, MediatorNote

PROVIDER_ROLES = MEDIATION_PROVIDER_ROLES
# The adviser gives information and issues certificates; the case manager runs the provider's
# caseload. Both may open cases and issue certificates (SEND Regulations 2014 regs 33-34).
CERTIFICATE_ROLES = (Role.MEDIATION_ADVISER, Role.MEDIATION_CASE_MANAGER)


def _signed_in(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False))


def _case_of(obj: Any) -> MediationCase | None:
    if isinstance(obj, MediationCase):
        return obj
    case = getattr(obj, "case", None)
    if isinstance(case, MediationCase):
        return case
    meeting = getattr(obj, "meeting", None)
    return getattr(meeting, "case", None)


@rules.predicate
def is_provider_staff(user: Any, obj: Any) -> bool:
    case = _case_of(obj)
    return case is not None and has_role_at(user, case.provider_id, PROVIDER_ROLES)


@rules.predicate
def is_provider_adviser_or_manager(user: Any, obj: Any) -> bool:
    case = _case_of(obj)
    return case is not None and has_role_at(user, case.provider_id, CERTIFICATE_ROLES)


@rules.predicate
def is_provider_case_manager(user: Any, obj: Any) -> bool:
    case = _case_of(obj)
    return case is not None and has_role_at(user, case.provider_id, (Role.MEDIATION_CASE_MANAGER,))


@rules.predicate
def is_assigned_mediator(user: Any, obj: Any) -> bool:
    """The mediator assigned to the case, while still a mediator at its provider."""
    case = _case_of(obj)
    return (
        case is not None
        and _signed_in(user)
        and case.mediator_id == user.pk
        and has_role_at(user, case.provider_id, (Role.MEDIATOR,))
    )


@rules.predicate
def is_note_author_at_provider(user: Any, obj: Any) -> bool:
    """A mediator who wrote notes on the case keeps reading their own notes after the case is
    reassigned, while they still work at the provider."""
    case = _case_of(obj)
    return (
        case is not None
        and _signed_in(user)
        and has_role_at(user, case.provider_id, (Role.MEDIATOR,))
        and MediatorNote.objects.filter(case=case, author=user).exists()
    )


@rules.predicate
def case_manager_may_read_notes(user: Any, obj: Any) -> bool:
    case = _case_of(obj)
    if case is None:
        return False
    policy = MediationPolicy.objects.filter(provider_id=case.provider_id).first()
    return policy is not None and policy.case_manager_sees_notes


@rules.predicate
def is_standing(user: Any, obj: Any) -> bool:
    """The case was not withdrawn as recorded in error: nothing more is recorded on a withdrawn
    case (decision 0134); it stays readable, with who withdrew it and why."""
    case = _case_of(obj)
    return case is not None and case.withdrawn_at is None


@rules.predicate
def is_la_staff_of_child(user: Any, obj: Any) -> bool:
    case = _case_of(obj)
    return case is not None and has_role_at(user, case.child.local_authority_id, LA_ROLES)


@rules.predicate
def is_health_officer_of_party(user: Any, obj: Any) -> bool:
    """A health officer of the commissioner that is a party (health issues in dispute)."""
    case = _case_of(obj)
    return case is not None and has_role_at(
        user, case.health_commissioner_id, (Role.HEALTH_OFFICER,)
    )


@rules.predicate
def is_family_of_child(user: Any, obj: Any) -> bool:
    case = _case_of(obj)
    return case is not None and _signed_in(user) and case.child.family.filter(user=user).exists()


@rules.predicate
def is_supporter_with_consent(user: Any, obj: Any) -> bool:
    case = _case_of(obj)
    return (
        case is not None
        and _signed_in(user)
        and case.child.consents.filter(consent_in_force_q(), supporter=user).exists()
    )


@rules.predicate
def serves_child(user: Any, obj: Any) -> bool:
    """An adviser or case manager at a provider that serves the child's local authority."""
    if not isinstance(obj, Child) or not _signed_in(user):
        return False
    return Organisation.objects.filter(
        kind=Organisation.Kind.MEDIATION_PROVIDER,
        serves=obj.local_authority_id,
        memberships__user=user,
        memberships__role__in=CERTIFICATE_ROLES,
        memberships__active=True,
    ).exists()


@rules.predicate
def is_policy_case_manager(user: Any, obj: Any) -> bool:
    """The provider's policy is set by its case manager (the provider's administrator)."""
    provider_id = getattr(obj, "provider_id", None) if isinstance(obj, MediationPolicy) else None
    if isinstance(obj, Organisation):
        provider_id = obj.pk
    return has_role_at(user, provider_id, (Role.MEDIATION_CASE_MANAGER,))


@rules.predicate
def is_policy_provider_staff(user: Any, obj: Any) -> bool:
    provider_id = getattr(obj, "provider_id", None) if isinstance(obj, MediationPolicy) else None
    if isinstance(obj, Organisation):
        provider_id = obj.pk
    return has_role_at(user, provider_id, PROVIDER_ROLES)


can_view_case = (
    is_provider_staff
    | is_la_staff_of_child
    | is_health_officer_of_party
    | is_family_of_child
    | is_supporter_with_consent
)

rules.add_perm("mediation.view_case", can_view_case)
rules.add_perm("mediation.change_case", is_provider_staff & is_standing)
rules.add_perm("mediation.issue_certificate", is_provider_adviser_or_manager & is_standing)
rules.add_perm("mediation.decide_attendance", is_assigned_mediator & is_standing)
rules.add_perm("mediation.write_note", is_assigned_mediator & is_standing)
# Those who may open a case may withdraw it as opened in error (decision 0134); the page stays
# open to them afterwards to show who withdrew it and why.
rules.add_perm("mediation.withdraw_case", is_provider_adviser_or_manager)
rules.add_perm(
    "mediation.view_notes",
    is_assigned_mediator
    | is_note_author_at_provider
    | (is_provider_case_manager & case_manager_may_read_notes),
)
rules.add_perm("mediation.open_case_for_child", serves_child)
rules.add_perm("mediation.change_policy", is_policy_case_manager)
rules.add_perm("mediation.view_policy", is_policy_provider_staff)
