"""Who may see and change mediation agreements and expenses claims (object-level, with `rules`).

The agreement is shared only with the parties: the family, the local authority
when it is a party, the health commissioner when it is a party, a supporter while the family's
consent is in force, and the mediation provider that ran the mediation. No other provider, no
advice giver, no one at another authority. `selectors.py` mirrors these predicates for lists; the
matrix test checks both.
"""

from __future__ import annotations

from typing import Any

import rules

from redress.accounts.models import LA_ROLES, Role
from redress.accounts.selectors import has_role_at
from redress.agreements.models import AgreedAction, ExpensesClaim, MediationAgreement
from redress.casework.permissions import consent_in_force_q
from redress.mediation.models import MediationCase

PROVIDER_ROLES = (Role.MEDIATION_ADVISER, Role.MEDIATION_CASE_MANAGER, Role.MEDIATOR)
# The mediator writes the agreement; the case manager may correct it and follows it up.
WRITER_ROLES = (Role.MEDIATION_CASE_MANAGER, Role.MEDIATOR)


def _signed_in(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False))


def agreement_of(obj: Any) -> MediationAgreement | None:
    if isinstance(obj, MediationAgreement):
        return obj
    if isinstance(obj, AgreedAction):
        return obj.agreement
    return None


def _case_of(obj: Any) -> Any:
    if isinstance(obj, ExpensesClaim):
        return obj.case
    agreement = agreement_of(obj)
    if agreement is not None:
        return agreement.case
    if isinstance(obj, MediationCase):
        return obj
    return None


@rules.predicate
def is_provider_staff(user: Any, obj: Any) -> bool:
    case = _case_of(obj)
    return case is not None and has_role_at(user, case.provider_id, PROVIDER_ROLES)


@rules.predicate
def is_provider_writer(user: Any, obj: Any) -> bool:
    case = _case_of(obj)
    return case is not None and has_role_at(user, case.provider_id, WRITER_ROLES)


@rules.predicate
def is_la_party(user: Any, obj: Any) -> bool:
    agreement = agreement_of(obj)
    return (
        agreement is not None
        and agreement.la_party
        and has_role_at(user, agreement.case.child.local_authority_id, LA_ROLES)
    )


@rules.predicate
def is_health_party(user: Any, obj: Any) -> bool:
    agreement = agreement_of(obj)
    return agreement is not None and has_role_at(
        user, agreement.health_commissioner_id, (Role.HEALTH_OFFICER,)
    )


@rules.predicate
def is_family(user: Any, obj: Any) -> bool:
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
def is_claim_payer(user: Any, obj: Any) -> bool:
    """Staff of the body that pays the claim: the child's local authority, or the health
    commissioner of the mediation when the claim is for it to pay."""
    if not isinstance(obj, ExpensesClaim):
        return False
    if obj.payer == ExpensesClaim.Payer.LOCAL_AUTHORITY:
        return has_role_at(user, obj.case.child.local_authority_id, LA_ROLES)
    return has_role_at(user, obj.case.health_commissioner_id, (Role.HEALTH_OFFICER,))


@rules.predicate
def is_claim_submitter(user: Any, obj: Any) -> bool:
    return isinstance(obj, ExpensesClaim) and _signed_in(user) and obj.submitted_by_id == user.pk


def owing_party(action: AgreedAction) -> str:
    """The party that owes the action: as recorded, or for older actions about the plan (every
    kind but "other"), the local authority."""
    if action.owed_by:
        return action.owed_by
    return "" if action.kind == "other" else "local_authority"


@rules.predicate
def is_case_manager(user: Any, obj: Any) -> bool:
    case = _case_of(obj)
    return case is not None and has_role_at(user, case.provider_id, (Role.MEDIATION_CASE_MANAGER,))


@rules.predicate
def owes_the_action(user: Any, obj: Any) -> bool:
    """Staff of the party that owes this action. On the agreement as a whole: staff of any
    party that may owe one of its actions (the page then offers "done" only on their own)."""
    if not isinstance(obj, AgreedAction):
        return bool(is_la_party(user, obj) or is_health_party(user, obj))
    party = owing_party(obj)
    if party == "local_authority":
        return bool(is_la_party(user, obj))
    if party == "health_commissioner":
        return bool(is_health_party(user, obj))
    return False


is_party = is_la_party | is_health_party | is_family

# Reading the agreement and downloading its document are the same right: the parties, the
# consented supporter and the provider that ran the mediation.
rules.add_perm(
    "agreements.view_agreement", is_provider_staff | is_party | is_supporter_with_consent
)
rules.add_perm("agreements.change_agreement", is_provider_writer)
# Only the party that owes an action, or the provider's case manager who follows it up, says it
# is done (an ICB officer cannot close the authority's action, nor the mediator anyone's).
rules.add_perm("agreements.record_action_done", is_case_manager | owes_the_action)
# Families also tell the mediator or case manager by phone; they record the report for them.
rules.add_perm(
    "agreements.report_action_not_done",
    is_family | is_supporter_with_consent | is_provider_writer,
)
# Claims: the family's own, the supporter's own, the payer and the provider. A supporter never
# sees another person's claim (the family's own expenses are the family's business).
rules.add_perm(
    "agreements.view_claim",
    is_provider_staff
    | is_claim_payer
    | is_family
    | (is_supporter_with_consent & is_claim_submitter),
)
rules.add_perm("agreements.decide_claim", is_claim_payer)
# On a MediationCase: who may put in a claim for it.
rules.add_perm("agreements.add_claim", is_provider_staff | is_family | is_supporter_with_consent)
rules.add_perm("agreements.add_agreement", is_provider_writer)
