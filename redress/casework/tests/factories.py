"""Test data for casework: organisations, people with roles, children and their steps."""

from __future__ import annotations

from datetime import date
from typing import Any

import factory
from django.contrib.auth import get_user_model

from redress.accounts.models import Membership, Organisation, Role
from redress.casework.models import AdviceRequest, CaseEvent, Child, Consent, FamilyMember


class OrganisationFactory(factory.django.DjangoModelFactory[Organisation]):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = Organisation.Kind.LOCAL_AUTHORITY


class LocalAuthorityFactory(OrganisationFactory):
    name = factory.Sequence(lambda n: f"Borough Council {n}")
    kind = Organisation.Kind.LOCAL_AUTHORITY


class CommissionerFactory(OrganisationFactory):
    name = factory.Sequence(lambda n: f"Integrated Care Board {n}")
    kind = Organisation.Kind.HEALTH_COMMISSIONER


class SettingFactory(OrganisationFactory):
    name = factory.Sequence(lambda n: f"Primary School {n}")
    kind = Organisation.Kind.SETTING


class UserFactory(factory.django.DjangoModelFactory[Any]):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Sam"
    last_name = factory.Sequence(lambda n: f"Person{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.invalid")
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery")

    @factory.post_generation
    def save_password(obj, create: bool, extracted: Any, **kwargs: Any) -> None:  # noqa: N805
        if create:
            obj.save()


def user_with_role(role: str, organisation: Organisation | None = None, **kwargs: Any) -> Any:
    """A user holding one role (at an organisation, for professional roles)."""
    user = UserFactory(**kwargs)
    Membership.objects.create(user=user, organisation=organisation, role=role)
    return user


class ChildFactory(factory.django.DjangoModelFactory[Child]):
    class Meta:
        model = Child

    first_name = factory.Sequence(lambda n: f"Alex{n}")
    last_name = "Example"
    date_of_birth = date(2016, 5, 17)
    local_authority = factory.SubFactory(LocalAuthorityFactory)


class CaseEventFactory(factory.django.DjangoModelFactory[CaseEvent]):
    class Meta:
        model = CaseEvent

    child = factory.SubFactory(ChildFactory)
    type = CaseEvent.Type.ASSESSMENT_REQUESTED
    date = date(2026, 9, 1)
    details = factory.LazyFunction(dict)


class AdviceRequestFactory(factory.django.DjangoModelFactory[AdviceRequest]):
    class Meta:
        model = AdviceRequest

    child = factory.SubFactory(ChildFactory)
    ref = factory.Sequence(lambda n: f"health-{n}")
    advice_type = AdviceRequest.AdviceType.HEALTH
    recipient_organisation = factory.SubFactory(CommissionerFactory)
    commissioned_by = factory.SelfAttribute("child.local_authority")
    date_sent = date(2026, 9, 10)


class FamilyMemberFactory(factory.django.DjangoModelFactory[FamilyMember]):
    class Meta:
        model = FamilyMember

    child = factory.SubFactory(ChildFactory)
    name = "Jo Example"
    relationship = FamilyMember.Relationship.PARENT


class ConsentFactory(factory.django.DjangoModelFactory[Consent]):
    class Meta:
        model = Consent

    child = factory.SubFactory(ChildFactory)
    given_by = factory.SubFactory(FamilyMemberFactory, child=factory.SelfAttribute("..child"))
    supporter = factory.SubFactory(UserFactory)
    given_on = date(2026, 9, 1)


__all__ = [
    "AdviceRequestFactory",
    "CaseEventFactory",
    "ChildFactory",
    "CommissionerFactory",
    "ConsentFactory",
    "FamilyMemberFactory",
    "LocalAuthorityFactory",
    "OrganisationFactory",
    "Role",
    "SettingFactory",
    "UserFactory",
    "user_with_role",
]
