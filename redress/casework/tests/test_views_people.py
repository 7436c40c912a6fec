"""Changing a child's details, adding family members and recording a family's consent."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
import time_machine
from django.urls import reverse

from redress.accounts.models import Organisation, Role
from redress.audit.models import AuditEntry
from redress.casework.models import Child, Consent, FamilyMember
from redress.casework.permissions import is_supporter_with_consent
from redress.casework.tests.factories import (
    ChildFactory,
    FamilyMemberFactory,
    LocalAuthorityFactory,
    user_with_role,
)

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 29)


@pytest.fixture(autouse=True)
def _today() -> Any:
    with time_machine.travel(TODAY, tick=False):
        yield


def _details(child: Child, **changes: Any) -> dict[str, Any]:
    data = {
        "first_name": child.first_name,
        "last_name": child.last_name,
        "date_of_birth_day": str(child.date_of_birth.day),
        "date_of_birth_month": str(child.date_of_birth.month),
        "date_of_birth_year": str(child.date_of_birth.year),
        "local_authority": str(child.local_authority_id),
        "team": "North",
        "version": str(child.version),
    }
    data.update(changes)
    return data


def test_a_young_persons_own_views_are_recorded_from_16(client: Any) -> None:
    la = LocalAuthorityFactory()
    young_person = ChildFactory(local_authority=la, date_of_birth=date(2009, 6, 1))  # 17
    client.force_login(user_with_role(Role.LA_CASEWORKER, la))
    url = reverse("casework:child-edit", args=[young_person.pk])
    assert "The young person&#x27;s own views" in client.get(url).content.decode()
    views = "I want to go to college to study animal care."
    response = client.post(url, _details(young_person, young_person_views=views))
    assert response.status_code == 302
    young_person.refresh_from_db()
    assert young_person.young_person_views == views
    assert young_person.team == "North"
    assert AuditEntry.objects.filter(child=young_person, action="update").exists()


def test_a_younger_childs_details_do_not_take_a_young_persons_views(client: Any) -> None:
    la = LocalAuthorityFactory()
    child = ChildFactory(local_authority=la, date_of_birth=date(2016, 5, 17))  # 10
    client.force_login(user_with_role(Role.LA_CASEWORKER, la))
    url = reverse("casework:child-edit", args=[child.pk])
    assert "own views" not in client.get(url).content.decode()
    response = client.post(url, _details(child, young_person_views="Said by a ten-year-old."))
    assert response.status_code == 200
    assert "recorded from age 16" in response.content.decode()
    child.refresh_from_db()
    assert child.young_person_views == ""


def test_a_stale_details_form_is_refused_and_keeps_the_input(client: Any) -> None:
    la = LocalAuthorityFactory()
    child = ChildFactory(local_authority=la)
    client.force_login(user_with_role(Role.LA_CASEWORKER, la))
    stale = _details(child, first_name="Changed")
    Child.objects.filter(pk=child.pk).update(version=child.version + 1)
    response = client.post(reverse("casework:child-edit", args=[child.pk]), stale)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Someone else changed this case" in page and 'value="Changed"' in page
    child.refresh_from_db()
    assert child.first_name != "Changed"


def test_after_a_stale_details_form_submitting_the_kept_answers_again_saves_them(
    client: Any,
) -> None:
    la = LocalAuthorityFactory()
    child = ChildFactory(local_authority=la)
    client.force_login(user_with_role(Role.LA_CASEWORKER, la))
    url = reverse("casework:child-edit", args=[child.pk])
    Child.objects.filter(pk=child.pk).update(version=child.version + 1)
    refused = client.post(url, _details(child, first_name="Changed"))
    assert "Someone else changed this case" in refused.content.decode()
    again = refused.context["form"]["version"].value()
    response = client.post(url, _details(child, first_name="Changed", version=again))
    assert response.status_code == 302
    child.refresh_from_db()
    assert child.first_name == "Changed"


def test_a_family_member_with_communication_needs_is_added(client: Any) -> None:
    la = LocalAuthorityFactory()
    child = ChildFactory(local_authority=la)
    client.force_login(user_with_role(Role.LA_CASEWORKER, la))
    url = reverse("casework:family-new", args=[child.pk])
    refused = client.post(url, {"name": "Ola Nowak", "relationship": "parent"})
    assert refused.status_code == 200 and "at least one way to contact" in refused.content.decode()
    response = client.post(
        url,
        {
            "name": "Ola Nowak",
            "relationship": "parent",
            "phone": "01632 960001",
            "interpreter_language": "Polish",
        },
    )
    assert response.status_code == 302
    member = FamilyMember.objects.get(child=child)
    assert member.interpreter_language == "Polish"
    page = client.get(reverse("casework:case-detail", args=[child.pk])).content.decode()
    assert "Ola Nowak" in page and "Polish" in page


def test_recorded_consent_lets_the_supporter_see_the_case(client: Any) -> None:
    la = LocalAuthorityFactory()
    child = ChildFactory(local_authority=la)
    parent = FamilyMemberFactory(child=child, name="Jo Example", phone="01632 960002")
    sendiass = Organisation.objects.create(name="SENDIASS", kind=Organisation.Kind.SENDIASS)
    supporter = user_with_role(Role.SUPPORTER, sendiass)
    assert not is_supporter_with_consent(supporter, child)
    client.force_login(user_with_role(Role.LA_CASEWORKER, la))
    url = reverse("casework:consent-new", args=[child.pk])
    future = client.post(
        url,
        {
            "given_by": parent.pk,
            "supporter": supporter.pk,
            "given_on_day": "1",
            "given_on_month": "12",
            "given_on_year": "2026",
            "scope": "See the case",
        },
    )
    assert future.status_code == 200 and "today or in the past" in future.content.decode()
    response = client.post(
        url,
        {
            "given_by": parent.pk,
            "supporter": supporter.pk,
            "given_on_day": "20",
            "given_on_month": "11",
            "given_on_year": "2026",
            "scope": "See the case",
        },
    )
    assert response.status_code == 302
    consent = Consent.objects.get(child=child)
    assert consent.supporter_organisation == sendiass
    assert is_supporter_with_consent(supporter, child)


def test_only_the_childs_local_authority_may_change_the_details(client: Any) -> None:
    child = ChildFactory()
    client.force_login(user_with_role(Role.LA_CASEWORKER, LocalAuthorityFactory()))
    for name in ("casework:child-edit", "casework:family-new", "casework:consent-new"):
        assert client.get(reverse(name, args=[child.pk])).status_code == 403
