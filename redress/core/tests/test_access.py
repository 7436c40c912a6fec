"""`permitted_get`: the one way a selector fetches a record for a person."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from redress.casework.models import Child
from redress.casework.tests.factories import (
    ChildFactory,
    LocalAuthorityFactory,
    Role,
    user_with_role,
)
from redress.core.access import permitted_get
from redress.plans.models import Plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> dict[str, object]:
    la, other = LocalAuthorityFactory.create(), LocalAuthorityFactory.create()
    child = ChildFactory.create(local_authority=la)
    plan = Plan.objects.create(child=child, version_number=1)
    return {
        "child": child,
        "plan": plan,
        "own": user_with_role(Role.LA_CASEWORKER, la),
        "stranger": user_with_role(Role.LA_CASEWORKER, other),
    }


def test_the_record_when_the_person_may_see_it(world: dict[str, object]) -> None:
    child = world["child"]
    assert isinstance(child, Child)
    found = permitted_get(
        Child.objects.all(), pk=child.pk, user=world["own"], perm="casework.view_child",
        not_found="No such child",
    )  # fmt: skip
    assert found == child


def test_none_with_that_id_is_not_found(world: dict[str, object]) -> None:
    with pytest.raises(Http404, match="No such child"):
        permitted_get(
            Child.objects.all(), pk=0, user=world["own"], perm="casework.view_child",
            not_found="No such child",
        )  # fmt: skip


def test_the_permission_is_checked_on_what_of_names(world: dict[str, object]) -> None:
    plan = world["plan"]
    assert isinstance(plan, Plan)
    args = {"pk": plan.pk, "perm": "casework.view_child", "of": "child", "not_found": "No plan"}
    assert permitted_get(Plan.objects.all(), user=world["own"], **args) == plan
    with pytest.raises(PermissionDenied):
        permitted_get(Plan.objects.all(), user=world["stranger"], **args)


def test_hidden_records_are_not_found_rather_than_refused(world: dict[str, object]) -> None:
    child = world["child"]
    assert isinstance(child, Child)
    with pytest.raises(Http404, match="No such child"):
        permitted_get(
            Child.objects.all(), pk=child.pk, user=world["stranger"],
            perm="casework.view_child", not_found="No such child", hide=True,
        )  # fmt: skip
