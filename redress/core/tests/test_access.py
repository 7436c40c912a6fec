"""`permitted_get`: the one way a selector fetches a record for a person."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from redress.casework.models import Child, Deadline
from redress.conftest import SharedWorld
from redress.core.access import permitted_get

pytestmark = pytest.mark.django_db

VIEW = "casework.view_child"


def test_the_record_when_the_person_may_see_it(shared_world: SharedWorld) -> None:
    child = shared_world.children["requested"]
    own = shared_world.users["la_caseworker"]
    found = permitted_get(Child.objects.all(), pk=child.pk, user=own, perm=VIEW, not_found="x")
    assert found == child


def test_none_with_that_id_is_not_found(shared_world: SharedWorld) -> None:
    own = shared_world.users["la_caseworker"]
    with pytest.raises(Http404, match="No such case"):
        permitted_get(Child.objects.all(), pk=0, user=own, perm=VIEW, not_found="No such case")


def test_the_permission_is_checked_on_what_of_names(shared_world: SharedWorld) -> None:
    deadline = Deadline.objects.filter(child=shared_world.children["requested"]).first()
    assert deadline is not None
    args = {"pk": deadline.pk, "perm": VIEW, "of": "child", "not_found": "No such deadline"}
    own = shared_world.users["la_caseworker"]
    assert permitted_get(Deadline.objects.all(), user=own, **args) == deadline
    with pytest.raises(PermissionDenied):
        permitted_get(Deadline.objects.all(), user=shared_world.other_caseworker, **args)


def test_hidden_records_are_not_found_rather_than_refused(shared_world: SharedWorld) -> None:
    child = shared_world.children["requested"]
    with pytest.raises(Http404, match="No such case"):
        permitted_get(
            Child.objects.all(), pk=child.pk, user=shared_world.other_caseworker, perm=VIEW,
            not_found="No such case", hide=True,
        )  # fmt: skip
