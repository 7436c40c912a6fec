"""Test data for mediation: a provider serving a local authority, its staff, a child and a case."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from redress.accounts.models import Organisation, Role
from redress.casework.models import Child, FamilyMember
from redress.casework.tests.factories import ChildFactory, OrganisationFactory, user_with_role
from redress.mediation import services
from redress.mediation.models import FamilyChoice, MediationCase, MediationIssue


@dataclass
class World:
    la: Organisation
    icb: Organisation
    provider: Organisation
    adviser: Any
    case_manager: Any
    mediator: Any
    caseworker: Any
    parent: Any
    child: Child


def make_world(*, name: str = "Northwick") -> World:
    la = OrganisationFactory(name=f"{name} Council", kind=Organisation.Kind.LOCAL_AUTHORITY,
                             email=f"send@{name.lower()}.example.invalid")  # fmt: skip
    icb = OrganisationFactory(name=f"{name} ICB", kind=Organisation.Kind.HEALTH_COMMISSIONER)
    provider = OrganisationFactory(
        name=f"{name} Mediation", kind=Organisation.Kind.MEDIATION_PROVIDER
    )
    provider.serves.add(la)
    caseworker = user_with_role(Role.LA_CASEWORKER, la)
    child = ChildFactory(local_authority=la, caseworker=caseworker)
    parent = user_with_role(Role.PARENT_CARER)
    FamilyMember.objects.create(child=child, user=parent, name="Jo Example", relationship="parent")
    return World(
        la=la,
        icb=icb,
        provider=provider,
        adviser=user_with_role(Role.MEDIATION_ADVISER, provider),
        case_manager=user_with_role(Role.MEDIATION_CASE_MANAGER, provider),
        mediator=user_with_role(Role.MEDIATOR, provider),
        caseworker=caseworker,
        parent=parent,
        child=child,
    )


def open_case(
    world: World,
    *,
    notice: date = date(2026, 10, 1),
    contacted: date = date(2026, 10, 5),
    kinds: tuple[str, ...] = (MediationIssue.Kind.EDUCATION,),
) -> MediationCase:
    issues = [
        services.IssueInput(
            kind=kind,
            description=f"{kind} provision in section F",
            health_provision_wanted="Weekly speech and language therapy"
            if kind == MediationIssue.Kind.HEALTH
            else "",
        )
        for kind in kinds
    ]
    return services.mediation_case_open(
        actor=world.adviser,
        child=world.child,
        provider=world.provider,
        decision=MediationCase.Decision.PLAN_CONTENTS,
        decision_notice_date=notice,
        adviser_contacted_on=contacted,
        issues=issues,
    )


def wishing_case(world: World) -> Any:
    """A case whose family wish to mediate, the local authority told on Wed 24 March 2027."""
    case = open_case(world, notice=date(2027, 3, 1), contacted=date(2027, 3, 10))
    services.mediation_choice_record(
        actor=world.adviser, case=case, choice=FamilyChoice.WISHES, on=date(2027, 3, 24)
    )
    services.mediation_la_told_record(actor=world.adviser, case=case, on=date(2027, 3, 24))
    return case
