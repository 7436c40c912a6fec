"""`children_openable` gives, for a page at once, the answer `casework.view_child` gives per
child; the advice lists use it to link a child's name only for those who may open the case."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from redress.accounts.models import Role
from redress.casework import selectors
from redress.casework.tests.factories import (
    AdviceRequestFactory,
    ChildFactory,
    CommissionerFactory,
    ConsentFactory,
    FamilyMemberFactory,
    LocalAuthorityFactory,
    UserFactory,
    user_with_role,
)

pytestmark = pytest.mark.django_db


def test_children_openable_agrees_with_the_permission() -> None:
    la = LocalAuthorityFactory.create()
    icb = CommissionerFactory.create()
    children = ChildFactory.create_batch(6, local_authority=la)
    elsewhere = ChildFactory.create_batch(2, local_authority=LocalAuthorityFactory.create())
    everyone = [*children, *elsewhere]
    AdviceRequestFactory(child=children[0], recipient_organisation=icb)
    AdviceRequestFactory(child=elsewhere[0], recipient_organisation=icb)
    parent = UserFactory()
    FamilyMemberFactory(child=children[1], user=parent)
    supporter = UserFactory()
    ConsentFactory(child=children[2], supporter=supporter)
    ConsentFactory(child=children[3], supporter=supporter, withdrawn_on=date(2026, 1, 5))
    people = [
        user_with_role(Role.LA_CASEWORKER, la),
        user_with_role(Role.LA_MANAGER, la),
        user_with_role(Role.HEALTH_OFFICER, icb),
        user_with_role(Role.ADVICE_GIVER, CommissionerFactory.create()),
        parent,
        supporter,
        UserFactory(is_superuser=True),
        UserFactory(is_superuser=True, is_active=False),
        AnonymousUser(),
    ]
    for person in people:
        expected = {c.pk for c in everyone if person.has_perm("casework.view_child", c)}
        assert selectors.children_openable(user=person, children=everyone) == expected, person
    # Not a vacuous check: each kind of access opens some children and not others.
    assert selectors.children_openable(user=people[2], children=everyone) == {
        children[0].pk,
        elsewhere[0].pk,
    }
    assert selectors.children_openable(user=supporter, children=everyone) == {children[2].pk}


def test_the_advice_list_links_names_without_a_query_per_row(client: Client) -> None:
    la = LocalAuthorityFactory.create()
    icb = CommissionerFactory.create()
    officer = user_with_role(Role.HEALTH_OFFICER, icb)
    client.force_login(officer)
    url = reverse("advice:by-recipient")

    def queries(count: int) -> int:
        AdviceRequestFactory.create_batch(
            count, child__local_authority=la, recipient_organisation=icb
        )
        with CaptureQueriesContext(connection) as captured:
            page = client.get(url).content.decode()
        assert page.count('href="/cases/') >= count
        return len(captured)

    assert queries(2) == queries(8)
