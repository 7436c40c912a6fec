"""Who may do what to an appeal (object-level, with `rules`).

- the child's local authority staff: everything;
- the family and a supporter with the family's consent in force: see the whole appeal;
- a health or social care officer: only appeals their organisation was sent by the local
  authority, directed by the Tribunal to give evidence on (a direction withdrawn as recorded in
  error no longer counts), or asked to respond to recommendations on, and only the
  recommendation parts
  (the recommendations, the directions for evidence and witnesses); they answer their own
  organisation's recommendations and record the evidence it provided;
- nobody else.

`selectors.py` mirrors these predicates for lists; `tests/test_permission_matrix.py` checks both
give the same answer for every role.
"""

from __future__ import annotations

from typing import Any

import rules

from redress.accounts.models import HEALTH_AND_CARE_ROLES
from redress.appeals.models import (
    Appeal,
    AppealDocument,
    ComplianceStep,
    EvidenceDirection,
    Order,
    Recommendation,
    Settlement,
)
from redress.casework.permissions import (
    is_family,
    is_la_staff,
    is_supporter_with_consent,
    organisation_ids,
)


def appeal_of(obj: Any) -> Appeal | None:
    if isinstance(obj, Appeal):
        return obj
    if isinstance(obj, (AppealDocument, EvidenceDirection, Recommendation, Order, Settlement)):
        return obj.appeal
    if isinstance(obj, ComplianceStep):
        return obj.order.appeal
    return None


def body_organisation_ids(appeal: Appeal) -> set[int]:
    """The health and social care organisations involved in an appeal: sent the appeal by the
    local authority, directed by the Tribunal to give evidence or a witness, or asked to
    respond to a recommendation."""
    ids: set[int] = set()
    if appeal.health_commissioner_id and appeal.sent_to_health_on:
        ids.add(appeal.health_commissioner_id)
    if appeal.social_care_id and appeal.sent_to_social_care_on:
        ids.add(appeal.social_care_id)
    if appeal.pk is not None:
        ids.update(appeal.recommendations.values_list("organisation_id", flat=True))
        # A direction withdrawn as recorded in error grants nothing.
        standing = appeal.directions.filter(withdrawn_at__isnull=True)
        directed = set(standing.values_list("body", flat=True))
        if appeal.health_commissioner_id and "health" in directed:
            ids.add(appeal.health_commissioner_id)
        if appeal.social_care_id and "social_care" in directed:
            ids.add(appeal.social_care_id)
    return ids


class _Child:
    """Lets casework's predicates (which look for `.child`) judge an appeal's part."""

    def __init__(self, appeal: Appeal | None) -> None:
        self.child = appeal.child if appeal is not None else None


@rules.predicate
def is_appeal_la_staff(user: Any, obj: Any) -> bool:
    return bool(is_la_staff(user, _Child(appeal_of(obj))))


@rules.predicate
def is_appeal_family(user: Any, obj: Any) -> bool:
    holder = _Child(appeal_of(obj))
    return bool(is_family(user, holder) or is_supporter_with_consent(user, holder))


@rules.predicate
def is_involved_body_officer(user: Any, obj: Any) -> bool:
    appeal = appeal_of(obj)
    if appeal is None:
        return False
    mine = set(organisation_ids(user, HEALTH_AND_CARE_ROLES))
    return bool(mine & body_organisation_ids(appeal))


def _body_org_for(obj: Any) -> int | None:
    if isinstance(obj, Recommendation):
        return obj.organisation_id
    if isinstance(obj, EvidenceDirection):
        if obj.withdrawn:
            return None
        appeal = obj.appeal
        return appeal.health_commissioner_id if obj.body == "health" else appeal.social_care_id
    return None


@rules.predicate
def is_officer_of_body_asked(user: Any, obj: Any) -> bool:
    """An officer of the organisation this recommendation or direction is for (not a direction
    withdrawn as recorded in error)."""
    organisation_id = _body_org_for(obj)
    return organisation_id is not None and organisation_id in organisation_ids(
        user, HEALTH_AND_CARE_ROLES
    )


can_view_appeal = is_appeal_la_staff | is_appeal_family

rules.add_perm("appeals.view_appeal", can_view_appeal)
rules.add_perm("appeals.change_appeal", is_appeal_la_staff)
rules.add_perm("appeals.view_recommendations", can_view_appeal | is_involved_body_officer)
rules.add_perm("appeals.view_recommendation", can_view_appeal | is_officer_of_body_asked)
# The local authority may record a response it received on paper.
rules.add_perm("appeals.respond_recommendation", is_appeal_la_staff | is_officer_of_body_asked)
rules.add_perm("appeals.view_direction", can_view_appeal | is_officer_of_body_asked)
rules.add_perm("appeals.change_direction", is_appeal_la_staff | is_officer_of_body_asked)
rules.add_perm("appeals.view_document", can_view_appeal)
