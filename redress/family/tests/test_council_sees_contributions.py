"""What a family sends (views for section A, requests) appears on the council's case page."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from redress.accounts.models import Role
from redress.casework.tests.factories import (
    ChildFactory,
    FamilyMemberFactory,
    LocalAuthorityFactory,
    UserFactory,
    user_with_role,
)
from redress.family import services
from redress.family.models import FamilyRequest

pytestmark = pytest.mark.django_db


def test_the_council_reads_the_familys_views_and_requests(client: Any) -> None:
    la = LocalAuthorityFactory()
    child = ChildFactory(local_authority=la)
    parent = UserFactory()
    FamilyMemberFactory(child=child, user=parent, email="parent@example.invalid")
    services.section_a_views_save(
        actor=parent,
        child=child,
        about_child="Kind and funny.",
        hopes="To make friends at secondary school.",
        what_helps="Quiet spaces.",
    )
    services.family_request_make(
        actor=parent,
        child=child,
        kind=FamilyRequest.Kind.MEDIATION,
        text="We would like to try mediation about the therapy.",
    )
    case_page = reverse("casework:case-detail", args=[child.pk])
    client.force_login(user_with_role(Role.LA_CASEWORKER, la))
    page = client.get(case_page).content.decode()
    assert "From the family" in page
    assert "To make friends at secondary school." in page
    assert "We would like to try mediation about the therapy." in page

    client.force_login(user_with_role(Role.LA_CASEWORKER, LocalAuthorityFactory()))
    assert client.get(case_page).status_code == 403
