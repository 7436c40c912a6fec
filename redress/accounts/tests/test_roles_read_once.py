"""A person's roles are read once for a page: the permission rules ask "may this person act at
this authority?" many times, and each asking used to be its own query."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from redress.accounts.models import Membership, Role
from redress.accounts.roles import reading_roles_once
from redress.accounts.selectors import has_role_at
from redress.casework.permissions import organisation_ids
from redress.casework.tests.factories import (
    ChildFactory,
    LocalAuthorityFactory,
    UserFactory,
    user_with_role,
)

pytestmark = pytest.mark.django_db


def _membership_queries(captured: CaptureQueriesContext) -> list[str]:
    return [q["sql"] for q in captured.captured_queries if '"accounts_membership"' in q["sql"]]


def test_the_case_page_reads_the_persons_roles_once() -> None:
    la = LocalAuthorityFactory.create()
    caseworker = user_with_role(Role.LA_CASEWORKER, la)
    child = ChildFactory.create(local_authority=la, caseworker=caseworker)
    client = Client()
    client.force_login(caseworker)
    client.get(reverse("casework:case-detail", args=[child.pk]))  # the session's first read
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("casework:case-detail", args=[child.pk])).status_code == 200
    assert len(_membership_queries(captured)) == 1, _membership_queries(captured)


def test_in_a_request_a_role_given_or_taken_is_seen_at_once() -> None:
    la, other = LocalAuthorityFactory.create(), LocalAuthorityFactory.create()
    person = UserFactory.create()
    with reading_roles_once():
        assert organisation_ids(person, (Role.LA_CASEWORKER,)) == []
        membership = Membership.objects.create(
            user=person, organisation=la, role=Role.LA_CASEWORKER
        )
        assert organisation_ids(person, (Role.LA_CASEWORKER,)) == [la.pk]
        assert has_role_at(person, la.pk, (Role.LA_CASEWORKER,))
        assert not has_role_at(person, other.pk)
        membership.active = False
        membership.save()
        assert not has_role_at(person, la.pk)
        Membership.objects.create(user=person, organisation=other, role=Role.LA_MANAGER)
        assert person.roles() == {Role.LA_MANAGER}
        # Another instance of the same person reads what this request kept.
        with CaptureQueriesContext(connection) as captured:
            assert type(person).objects.get(pk=person.pk).roles() == {Role.LA_MANAGER}
        assert len(_membership_queries(captured)) == 0


def test_outside_a_request_every_asking_reads_afresh() -> None:
    """A command, the worker or a service called directly sees a change made anywhere."""
    la = LocalAuthorityFactory.create()
    person = user_with_role(Role.LA_CASEWORKER, la)
    assert person.roles() == {Role.LA_CASEWORKER}
    Membership.objects.filter(user_id=person.pk).update(active=False)
    assert person.roles() == set()
    assert not has_role_at(person, la.pk)


def test_an_administrator_on_their_own_counts_as_one() -> None:
    """A role held with no organisation still counts, as the administration pages expect."""
    person = UserFactory.create()
    Membership.objects.create(user=person, organisation=None, role=Role.ADMINISTRATOR)
    assert organisation_ids(person, (Role.ADMINISTRATOR,)) == [None]
