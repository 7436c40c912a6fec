"""Who may read and write a child's case notes and contact log (docs/case-file.md,
docs/decisions/0098-case-notes-are-the-authoritys-record.md).

Notes and contacts are the local authority's working record: its caseworkers and managers for
the child's authority read, add, correct and withdraw them. Nobody else sees them in Redress, not
the family, supporters, health or social care officers, advice givers or providers; a family sees
them through a subject access request. A sensitive note stays with the authority's staff even if
that choice is ever widened: `may_see_ordinary_notes` is the one place to widen it.

Case documents (decision 0130) are chosen document by document: the authority's staff manage
them and see them all; the professionals on the case (a health or social care officer whose
organisation was asked for advice, the person an advice request was sent to) see those marked
for professionals or the family; the family, and a supporter with the family's consent, see
those shared with the family. A withdrawn document stays with the authority's staff only.
"""

from __future__ import annotations

from typing import Any

import rules

from redress.accounts.models import MEDIATION_PROVIDER_ROLES
from redress.casework.models import AdviceRequest, Child
from redress.casework.permissions import (
    is_family,
    is_health_or_care_officer_involved,
    is_la_manager,
    is_la_staff,
    is_supporter_with_consent,
    organisation_ids,
)


@rules.predicate
def is_sensitive(user: Any, obj: Any) -> bool:
    return bool(getattr(obj, "sensitive", False))


#: Who, besides the authority's staff, may read notes that are not sensitive: nobody.
may_see_ordinary_notes = rules.always_deny

rules.add_perm("casefile.view_notes", is_la_staff)
rules.add_perm("casefile.add_note", is_la_staff)
rules.add_perm("casefile.view_note", is_la_staff | (~is_sensitive & may_see_ordinary_notes))
rules.add_perm("casefile.correct_note", is_la_staff)


# -- Case documents ---------------------------------------------------------------------------


@rules.predicate
def is_advice_giver_on_case(user: Any, obj: Any) -> bool:
    """The person an advice request on this child was sent to (decision 0072's advice giver)."""
    child = obj if isinstance(obj, Child) else getattr(obj, "child", None)
    return (
        child is not None
        and getattr(user, "is_authenticated", False)
        and AdviceRequest.objects.filter(child=child, recipient_person_id=user.pk).exists()
    )


@rules.predicate
def is_professional_on_case(user: Any, obj: Any) -> bool:
    """Decision 0072's professionals: an officer whose organisation was asked for advice on the
    child, or the person an advice request on the child was sent to."""
    return bool(
        is_health_or_care_officer_involved.test(user, obj)
        or is_advice_giver_on_case.test(user, obj)
    )


@rules.predicate
def is_family_side(user: Any, obj: Any) -> bool:
    """The family, or a supporter acting with the family's consent (as on the family's pages)."""
    return bool(is_family.test(user, obj) or is_supporter_with_consent.test(user, obj))


@rules.predicate
def is_standing(user: Any, obj: Any) -> bool:
    """A document not withdrawn as uploaded in error."""
    return getattr(obj, "withdrawn_at", None) is None


@rules.predicate
def is_for_professionals(user: Any, obj: Any) -> bool:
    """A document marked for the professionals on the case (or for the family too)."""
    return getattr(obj, "audience", "") in ("professionals", "family")


@rules.predicate
def is_shared_with_family(user: Any, obj: Any) -> bool:
    """A document the authority has sent or shared with the family."""
    return getattr(obj, "audience", "") == "family"


# The case's document list: staff see every document, a professional those marked for them.
rules.add_perm("casefile.view_documents", is_la_staff | is_professional_on_case)
# The family's page of documents the authority has shared with them.
rules.add_perm("casefile.view_shared_documents", is_family_side)
rules.add_perm("casefile.add_document", is_la_staff)
rules.add_perm(
    "casefile.view_document",
    is_la_staff
    | (is_standing & is_for_professionals & is_professional_on_case)
    | (is_standing & is_shared_with_family & is_family_side),
)
rules.add_perm("casefile.correct_document", is_la_staff)


# -- Tasks (decision 0146) --------------------------------------------------------------------


@rules.predicate
def is_assignee(user: Any, obj: Any) -> bool:
    """The person the task is assigned to."""
    return getattr(user, "is_authenticated", False) and getattr(obj, "assigned_to_id", None) == (
        user.pk
    )


# Tasks are the authority's own work: its staff add them on a case and read them; the assignee
# or a manager at the child's authority reassigns them, marks them done or withdraws them.
rules.add_perm("casefile.view_tasks", is_la_staff)
rules.add_perm("casefile.add_task", is_la_staff)
rules.add_perm("casefile.view_task", is_la_staff)
rules.add_perm("casefile.change_task", is_la_manager | (is_la_staff & is_assignee))
# -- Messages between the family and the professionals on the case ------------------------------


def mediation_providers_for(user: Any, child: Child, *, open_only: bool) -> list[int]:
    """The mediation providers where this person works that have a case for this child (not
    withdrawn; with `open_only`, not concluded either)."""
    providers = organisation_ids(user, MEDIATION_PROVIDER_ROLES)
    if not providers:
        return []
    cases = child.mediation_cases.filter(provider_id__in=providers, withdrawn_at__isnull=True)
    if open_only:
        cases = cases.filter(concluded_on__isnull=True)
    return list(cases.values_list("provider_id", flat=True).distinct())


@rules.predicate
def is_provider_staff_on_mediation(user: Any, obj: Any) -> bool:
    """Staff of a mediation provider with a mediation case (not withdrawn) for this child."""
    child = obj if isinstance(obj, Child) else getattr(obj, "child", None)
    return child is not None and bool(mediation_providers_for(user, child, open_only=False))


@rules.predicate
def is_provider_staff_on_open_mediation(user: Any, obj: Any) -> bool:
    child = obj if isinstance(obj, Child) else getattr(obj, "child", None)
    return child is not None and bool(mediation_providers_for(user, child, open_only=True))


# The family's conversation (decision 0157): the family, and a supporter with their consent who
# reads and writes for them; the authority's staff; a provider's staff while it mediates.
rules.add_perm("casefile.family_messages", is_family_side)
rules.add_perm("casefile.view_messages", is_la_staff | is_provider_staff_on_mediation)
rules.add_perm("casefile.send_message", is_la_staff | is_provider_staff_on_open_mediation)
