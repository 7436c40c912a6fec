"""Test data for appeals: an authority with its health commissioner and social care team, a
child with a family and a supporter, and a mediation certificate about a decision."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from redress.accounts.models import Organisation, Role
from redress.appeals import services
from redress.appeals.models import Appeal
from redress.casework.models import Child, Consent, Deadline, FamilyMember
from redress.casework.tests.factories import ChildFactory, OrganisationFactory, user_with_role
from redress.mediation.models import MediationCase, MediationCertificate


@dataclass
class World:
    la: Organisation
    icb: Organisation
    social_care: Organisation
    provider: Organisation
    caseworker: Any
    manager: Any
    health: Any
    socialcare: Any
    parent: Any
    supporter: Any
    child: Child


def make_world(name: str = "Northwick") -> World:
    la = OrganisationFactory(name=f"{name} Council", kind=Organisation.Kind.LOCAL_AUTHORITY)
    icb = OrganisationFactory(name=f"{name} ICB", kind=Organisation.Kind.HEALTH_COMMISSIONER)
    icb.serves.add(la)
    social_care = OrganisationFactory(
        name=f"{name} Children's Services", kind=Organisation.Kind.SOCIAL_CARE, parent=la
    )
    provider = OrganisationFactory(
        name=f"{name} Mediation", kind=Organisation.Kind.MEDIATION_PROVIDER
    )
    caseworker = user_with_role(Role.LA_CASEWORKER, la)
    child = ChildFactory(local_authority=la, caseworker=caseworker)
    parent = user_with_role(Role.PARENT_CARER)
    member = FamilyMember.objects.create(
        child=child, user=parent, name="Jo Example", relationship="parent"
    )
    supporter = user_with_role(Role.SUPPORTER)
    Consent.objects.create(
        child=child, given_by=member, supporter=supporter, given_on=date(2026, 1, 5)
    )
    return World(
        la=la,
        icb=icb,
        social_care=social_care,
        provider=provider,
        caseworker=caseworker,
        manager=user_with_role(Role.LA_MANAGER, la),
        health=user_with_role(Role.HEALTH_OFFICER, icb),
        socialcare=user_with_role(Role.SOCIAL_CARE_OFFICER, social_care),
        parent=parent,
        supporter=supporter,
        child=child,
    )


def certificate(
    world: World,
    *,
    decision: str = "plan_contents",
    notice: date = date(2026, 6, 1),
    issued: date = date(2026, 6, 20),
    child: Child | None = None,
) -> MediationCertificate:
    case = MediationCase.objects.create(
        child=child or world.child,
        provider=world.provider,
        decision=decision,
        decision_notice_date=notice,
    )
    return MediationCertificate.objects.create(case=case, reason="declined", issued_on=issued)


def plan_appeal(world: World, **overrides: Any) -> Appeal:
    """An appeal about the plan's contents (sections B and F) with a certificate."""
    kwargs: dict[str, Any] = {
        "actor": world.caseworker,
        "child": world.child,
        "decision": "plan_contents",
        "decision_notice_date": date(2026, 6, 1),
        "lodged_on": date(2026, 7, 10),
        "sections_challenged": ["B", "F"],
        "mediation_certificate": certificate(world),
    }
    kwargs.update(overrides)
    return services.appeal_record(**kwargs)


def extended_appeal(world: World, **overrides: Any) -> Appeal:
    kwargs: dict[str, Any] = {
        "recommendation_sections": ["C", "G", "H2"],
        "health_commissioner": world.icb,
        "social_care": world.social_care,
    }
    kwargs.update(overrides)
    return plan_appeal(world, **kwargs)


def deadline_row(world: World, rule: str, ref: str = "") -> Deadline:
    """The world's child's one deadline row for `rule` (and `ref`)."""
    return Deadline.objects.get(child=world.child, rule=rule, ref=ref)


def error_text(excinfo: pytest.ExceptionInfo[ValidationError], field: str) -> str:
    """The refusal's messages for `field`, as one line."""
    return " ".join(excinfo.value.message_dict.get(field, []))
