"""The dashboard's work does not grow with the caseload: the same number of queries for three
children as for sixty, each section counted in one aggregate (decision 0181)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from redress.casework.models import Child, Deadline
from redress.casework.tests.factories import (
    ChildFactory,
    LocalAuthorityFactory,
    Role,
    user_with_role,
)

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 25)


def _children(la: Any, caseworker: Any, count: int, start: int = 0) -> None:
    for n in range(start, start + count):
        child = ChildFactory.create(last_name=f"Child{n:03d}", local_authority=la,
                                    caseworker=caseworker, team="North")  # fmt: skip
        for days, stored in ((-(n + 1), "overdue"), (2, "pending"), (12, "pending")):
            Deadline.objects.create(
                child=child, rule="assessment.decision", kind="by", due=TODAY + timedelta(days),
                status=stored, actor="local_authority", citation="SEND Regulations 2014 reg 4(2)",
                evidence="primary", explanation="6 weeks from the request",
                title="Decide whether to carry out an EHC needs assessment",
                organisation=la,
            )  # fmt: skip


def _queries(client: Client, scope: str) -> int:
    cache.clear()  # the filter choices too, not the ones kept from an earlier read
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("casework:dashboard"), {"scope": scope})
    assert response.status_code == 200
    return len(captured)


@time_machine.travel(TODAY)
@pytest.mark.parametrize("scope", ["mine", "authority"])
def test_sixty_children_cost_no_more_queries_than_three(
    scope: str, django_assert_max_num_queries: Any
) -> None:
    la = LocalAuthorityFactory.create()
    casey = user_with_role(Role.LA_CASEWORKER, la, first_name="Casey", last_name="Worker")
    client = Client()
    client.force_login(casey)
    _children(la, casey, 3)
    few = _queries(client, scope)
    _children(la, casey, 57, start=3)
    cache.clear()
    with django_assert_max_num_queries(few):
        html = client.get(reverse("casework:dashboard"), {"scope": scope}).content.decode()
    assert "Overdue: 60" in html
    assert "Rows 1 to 50 of 60" in html


@time_machine.travel(TODAY)
def test_the_section_counts_are_one_query_for_all_four(
    django_assert_max_num_queries: Any,
) -> None:
    from redress.casework import selectors

    la = LocalAuthorityFactory.create()
    casey = user_with_role(Role.LA_CASEWORKER, la)
    _children(la, casey, 5)
    dates = selectors.DashboardDates.on(TODAY)
    # The user's authorities and health organisations, the children seen another way, then the
    # four counts in one aggregate.
    with django_assert_max_num_queries(4):
        counts = selectors.dashboard_counts(casey, selectors.DeadlineFilters(), dates)
    assert counts == {"overdue": 5, "this-week": 5, "next-four-weeks": 5, "excepted": 0}


@time_machine.travel(TODAY)
def test_a_child_seen_another_way_is_still_on_the_whole_authority_view() -> None:
    """The authority's children come by the child's authority, the others (here: the
    caseworker's own family in another authority) by their ids; another authority's child
    with no such link stays out."""
    from redress.casework.tests.factories import FamilyMemberFactory

    la = LocalAuthorityFactory.create()
    elsewhere = LocalAuthorityFactory.create()
    casey = user_with_role(Role.LA_CASEWORKER, la)
    _children(la, casey, 1)
    _children(elsewhere, None, 1, start=1)
    _children(elsewhere, None, 1, start=2)
    FamilyMemberFactory.create(child=Child.objects.get(last_name="Child001"), user=casey)
    client = Client()
    client.force_login(casey)
    html = client.get(reverse("casework:dashboard"), {"scope": "authority"}).content.decode()
    assert "Child000" in html and "Child001" in html
    assert "Child002" not in html
    assert "Overdue: 2" in html


@time_machine.travel(TODAY)
def test_a_managers_whole_authority_costs_no_more_queries_for_sixty_children_than_three(
    django_assert_max_num_queries: Any,
) -> None:
    """The manager's dashboard opens on the whole authority (decision 0116): the same number of
    queries for three children as for sixty, who sees what read once for the page (decision
    0194)."""
    la = LocalAuthorityFactory.create()
    morgan = user_with_role(Role.LA_MANAGER, la)
    casey = user_with_role(Role.LA_CASEWORKER, la)
    client = Client()
    client.force_login(morgan)
    _children(la, casey, 3)
    client.get(reverse("casework:dashboard"))  # the session's first read
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        client.get(reverse("casework:dashboard"))
    few = len(captured)
    _children(la, casey, 57, start=3)
    cache.clear()
    with django_assert_max_num_queries(few):
        html = client.get(reverse("casework:dashboard")).content.decode()
    assert "Overdue: 60" in html
    visibility = [
        q for q in captured if "casework_familymember" in q["sql"] and "UNION" in q["sql"]
    ]
    assert len(visibility) == 1, "the children seen another way are read once for the page"


@time_machine.travel(TODAY)
def test_the_filter_choices_are_kept_for_a_while_and_follow_a_new_role() -> None:
    """Reading the organisations that must act touches every open row of the caseload; a person
    reading the dashboard again within FILTER_CHOICES_SECONDS gets the choices read before."""
    from redress.accounts.models import Membership
    from redress.casework import selectors
    from redress.casework.tests.factories import CommissionerFactory

    la = LocalAuthorityFactory.create(name="Northwick")
    casey = user_with_role(Role.LA_CASEWORKER, la)
    _children(la, casey, 2)
    first = selectors.dashboard_filter_choices(casey)
    assert [name for _pk, name in first["organisations"]] == ["Northwick"]

    icb = CommissionerFactory.create(name="Northwick ICB")
    Deadline.objects.filter(child__local_authority=la).update(organisation=icb)
    with CaptureQueriesContext(connection) as captured:
        again = selectors.dashboard_filter_choices(casey)
    assert again == first
    assert not [q for q in captured.captured_queries if "casework_deadline" in q["sql"]]

    with time_machine.travel(TODAY, tick=False) as clock:
        clock.shift(selectors.FILTER_CHOICES_SECONDS + 1)
        later = selectors.dashboard_filter_choices(casey)
    assert [name for _pk, name in later["organisations"]] == ["Northwick ICB"]

    # A role given to the person is seen at once, not after the choices' time is up.
    elsewhere = LocalAuthorityFactory.create(name="Southby")
    _children(elsewhere, None, 1, start=5)
    Membership.objects.create(user=casey, organisation=elsewhere, role=Role.LA_CASEWORKER)
    names = {name for _pk, name in selectors.dashboard_filter_choices(casey)["organisations"]}
    assert "Southby" in names
