"""The shared test world and helpers of redress/conftest.py: a person for every role, a child at
each stage with the engine's deadlines, and the deadline and page-matrix assertions failing as
they should."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.urls import reverse

from redress.accounts.models import Role
from redress.casework.models import Child

pytestmark = pytest.mark.django_db


def test_the_world_has_a_person_for_every_role(shared_world: Any) -> None:
    assert set(shared_world.users) == set(Role.values)
    for role, user in shared_world.users.items():
        assert user.memberships.get().role == role


def test_the_world_has_a_child_at_each_stage_with_its_deadlines(
    shared_world: Any, assert_deadline: Callable[..., Any]
) -> None:
    children = shared_world.children
    assert set(children) == {
        "requested", "refused", "assessing", "plan_refused", "draft_plan", "final_plan"
    }  # fmt: skip
    assert Child.objects.filter(local_authority=shared_world.la).count() == len(children)
    # Six weeks from the request of 2 November 2026 to decide whether to assess.
    assert_deadline(children["requested"], "assessment.decision", due=date(2026, 12, 14))
    met = assert_deadline(children["assessing"], "assessment.decision", status="met")
    assert met.met_on == date(2026, 9, 7)


def test_changes_in_one_test_are_rolled_back(shared_world: Any) -> None:
    child = shared_world.children["requested"]
    Child.objects.filter(pk=child.pk).update(first_name="Changed")
    child.refresh_from_db()
    assert child.first_name == "Changed"


def test_and_the_next_test_sees_the_world_as_built(shared_world: Any) -> None:
    child = shared_world.children["requested"]
    child.refresh_from_db()
    assert child.first_name == "Requested"


def test_a_missing_deadline_fails_with_the_childs_table(
    shared_world: Any, assert_deadline: Callable[..., Any]
) -> None:
    child = shared_world.children["requested"]
    with pytest.raises(AssertionError, match=r"(?s)no\.such\.rule.*assessment\.decision"):
        assert_deadline(child, "no.such.rule")
    with pytest.raises(AssertionError, match="is due 2026-12-14, not 2026-12-15"):
        assert_deadline(child, "assessment.decision", due=date(2026, 12, 15))


def test_the_page_matrix_passes_and_fails(
    shared_world: Any, assert_page_matrix: Callable[..., None]
) -> None:
    users = {
        "caseworker": shared_world.users[Role.LA_CASEWORKER],
        "other_caseworker": shared_world.other_caseworker,
        "parent": shared_world.users[Role.PARENT_CARER],
    }
    child = shared_world.children["requested"]
    url = reverse("casework:case-detail", args=[child.pk])
    assert_page_matrix(users, {url: {"caseworker"}})
    with pytest.raises(AssertionError, match=r"other_caseworker on .*: 403, expected 200"):
        assert_page_matrix(users, {url: {"caseworker", "other_caseworker"}})
