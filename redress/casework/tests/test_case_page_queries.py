"""A child's case page costs the same number of queries however much the case holds: each panel
is read in one query, whatever the number of steps, advice requests, provisions, family members,
consents and deadlines (decision 0194)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from redress.casework.models import (
    CaseEvent,
    Child,
    Consent,
    Deadline,
    DeclaredConflict,
    Provision,
)
from redress.casework.tests.factories import (
    AdviceRequestFactory,
    CaseEventFactory,
    ChildFactory,
    CommissionerFactory,
    ConsentFactory,
    FamilyMemberFactory,
    LocalAuthorityFactory,
    Role,
    SettingFactory,
    UserFactory,
    user_with_role,
)

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 25)


def _case(la: Any, caseworker: Any, size: int) -> Child:
    """A child with `size` of everything the case page lists, each naming other people and
    organisations, so that a query per row would show."""
    setting = SettingFactory.create()
    child = ChildFactory.create(local_authority=la, caseworker=caseworker, setting=setting)
    for n in range(size):
        CaseEventFactory.create(
            child=child, type=CaseEvent.Type.ASSESSMENT_REQUESTED, date=TODAY - timedelta(n + 30)
        )
        adviser = UserFactory.create()
        advice = AdviceRequestFactory.create(
            child=child, recipient_organisation=CommissionerFactory.create(),
            recipient_person=adviser, would_deliver_provision=True, employed_by_setting=True,
        )  # fmt: skip
        Provision.objects.create(
            child=child, description=f"Speech therapy {n}", provider_organisation=setting,
            provider_person=adviser,
        )  # fmt: skip
        DeclaredConflict.objects.create(
            local_authority=la, adviser=adviser, child=child, declared_on=TODAY,
            description="Related to the family", recorded_by=caseworker,
        )  # fmt: skip
        member = FamilyMemberFactory.create(child=child, name=f"Parent {n}")
        ConsentFactory.create(child=child, given_by=member, supporter=UserFactory.create())
        for days, stored in ((-(n + 1), "overdue"), (n + 2, "pending")):
            Deadline.objects.create(
                child=child, rule="advice.response", ref=advice.ref, kind="by",
                due=TODAY + timedelta(days), status=stored, actor="health",
                citation="SEND Regulations 2014 reg 8(1)", evidence="primary",
                explanation="6 weeks from the request", title="Give the advice",
                organisation=advice.recipient_organisation,
            )  # fmt: skip
    return child


def _queries(client: Client, child: Child) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("casework:case-detail", args=[child.pk]))
    assert response.status_code == 200
    return len(captured)


@time_machine.travel(TODAY)
@pytest.mark.parametrize("role", [Role.LA_CASEWORKER, Role.LA_MANAGER])
def test_a_full_case_costs_no_more_queries_than_a_small_one(role: str) -> None:
    la = LocalAuthorityFactory.create()
    person = user_with_role(role, la)
    client = Client()
    client.force_login(person)
    small = _case(la, person, 1)
    full = _case(la, person, 6)
    client.get(reverse("casework:case-detail", args=[small.pk]))  # the session's first read
    few = _queries(client, small)
    many = _queries(client, full)
    html = client.get(reverse("casework:case-detail", args=[full.pk])).content.decode()
    assert "Speech therapy 5" in html and "Parent 5" in html
    assert many <= few, f"{many} queries for a full case against {few} for a small one"


@time_machine.travel(TODAY)
def test_the_advice_links_agree_with_the_permission_rule() -> None:
    """`advice_openable` decides the case page's links for the whole list at once; for each
    kind of reader it gives what the permission rule gives request by request."""
    from redress.casework import selectors

    la = LocalAuthorityFactory.create()
    icb = CommissionerFactory.create()
    child = ChildFactory.create(local_authority=la)
    adviser = UserFactory.create()
    ours = AdviceRequestFactory.create(child=child, recipient_organisation=icb)
    theirs = AdviceRequestFactory.create(child=child, recipient_person=adviser)
    AdviceRequestFactory.create(child=child)
    parent = UserFactory.create()
    member = FamilyMemberFactory.create(child=child, user=parent)
    supporter = UserFactory.create()
    Consent.objects.create(child=child, given_by=member, supporter=supporter, given_on=TODAY)
    readers = {
        "caseworker": user_with_role(Role.LA_CASEWORKER, la),
        "officer": user_with_role(Role.HEALTH_OFFICER, icb),
        "adviser": adviser,
        "parent": parent,
        "supporter": supporter,
        "another authority": user_with_role(Role.LA_MANAGER, LocalAuthorityFactory.create()),
        "superuser": UserFactory.create(is_superuser=True),
    }
    opened = {}
    for name, reader in readers.items():
        requests = list(child.advice_requests.order_by("pk"))
        selectors.advice_openable(user=reader, child=child, requests=requests)
        assert [a.can_open for a in requests] == [
            reader.has_perm("casework.view_advicerequest", a) for a in requests
        ], name
        opened[name] = {a.pk for a in requests if a.can_open}
    assert opened["officer"] == {ours.pk}
    assert opened["adviser"] == {theirs.pk}
    assert len(opened["caseworker"]) == len(opened["parent"]) == len(opened["superuser"]) == 3
    assert opened["another authority"] == opened["supporter"] == set()
