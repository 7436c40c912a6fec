"""Test data for agreements: a provider, an authority, a commissioner, a family and a mediation."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from typing import Any

from redress.accounts.models import Organisation, Role
from redress.casework.models import Consent, FamilyMember
from redress.casework.tests.factories import (
    ChildFactory,
    CommissionerFactory,
    LocalAuthorityFactory,
    OrganisationFactory,
    UserFactory,
    user_with_role,
)
from redress.mediation.models import (
    MediationCase,
    MediationIssue,
    MediationMeeting,
    MediationPolicy,
    MediatorNote,
)


@dataclass
class World:
    la: Organisation
    icb: Organisation
    provider: Organisation
    other_provider: Organisation
    case: MediationCase
    users: dict[str, Any]


def build_world(*, decision_notice: date = date(2026, 9, 1), held_on: date | None = None) -> World:
    la = LocalAuthorityFactory(name="Northwick")
    other_la = LocalAuthorityFactory(name="Southdale")
    icb = CommissionerFactory(name="Northwick ICB")
    other_icb = CommissionerFactory(name="Southdale ICB")
    provider = OrganisationFactory(name="Calm Mediation", kind=Organisation.Kind.MEDIATION_PROVIDER)
    other_provider = OrganisationFactory(
        name="Other Mediation", kind=Organisation.Kind.MEDIATION_PROVIDER
    )
    MediationPolicy.objects.create(provider=provider, follows_up_agreements=True)
    child = ChildFactory(first_name="Robin", last_name="Ashby", local_authority=la)
    users: dict[str, Any] = {
        "mediator": user_with_role(Role.MEDIATOR, provider, username="mediator"),
        "case_manager": user_with_role(
            Role.MEDIATION_CASE_MANAGER, provider, username="case_manager"
        ),
        "adviser": user_with_role(Role.MEDIATION_ADVISER, provider, username="adviser"),
        "other_mediator": user_with_role(Role.MEDIATOR, other_provider, username="other_mediator"),
        "caseworker": user_with_role(Role.LA_CASEWORKER, la, username="caseworker"),
        "other_caseworker": user_with_role(
            Role.LA_CASEWORKER, other_la, username="other_caseworker"
        ),
        "health": user_with_role(Role.HEALTH_OFFICER, icb, username="health"),
        "other_health": user_with_role(Role.HEALTH_OFFICER, other_icb, username="other_health"),
        "parent": user_with_role(Role.PARENT_CARER, None, username="parent"),
        "supporter": user_with_role(Role.SUPPORTER, None, username="supporter"),
        "stranger_supporter": user_with_role(Role.SUPPORTER, None, username="stranger"),
        "administrator": user_with_role(Role.ADMINISTRATOR, None, username="administrator"),
        "nobody": UserFactory(username="nobody"),
    }
    parent_link = FamilyMember.objects.create(
        child=child, user=users["parent"], name="Jo Ashby", relationship="parent"
    )
    Consent.objects.create(
        child=child, given_by=parent_link, supporter=users["supporter"], given_on=date(2026, 9, 2)
    )
    case = MediationCase.objects.create(
        child=child,
        provider=provider,
        decision=MediationCase.Decision.PLAN_CONTENTS,
        decision_notice_date=decision_notice,
        health_commissioner=icb,
        mediator=users["mediator"],
        case_manager=users["case_manager"],
        la_told_on=decision_notice,
    )
    MediationIssue.objects.create(case=case, kind="education", description="Section F")
    MediationIssue.objects.create(case=case, kind="health", description="Therapy in section G")
    if held_on is not None:
        MediationMeeting.objects.create(
            case=case,
            meeting_date=held_on,
            start_time=time(10, 0),
            place="Town hall",
            status=MediationMeeting.Status.HELD,
            scheduled_on=decision_notice,
            held_on=held_on,
        )
    MediatorNote.objects.create(
        case=case, author=users["mediator"], text="PRIVATE-NOTE the LA officer seemed unsure"
    )
    return World(la, icb, provider, other_provider, case, users)
