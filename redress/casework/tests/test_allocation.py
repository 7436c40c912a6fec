"""Allocating children to caseworkers: a manager's decision, one or many at once, each kept in
the child's allocation history and the audit log."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from redress.audit.models import AuditEntry
from redress.casework import services
from redress.casework.models import CaseAllocation, Child
from redress.casework.tests.factories import (
    ChildFactory,
    LocalAuthorityFactory,
    Role,
    user_with_role,
)
from redress.core.versions import ConcurrentEditError

pytestmark = pytest.mark.django_db


@pytest.fixture
def la() -> Any:
    return LocalAuthorityFactory.create(name="Northshire County Council")


@pytest.fixture
def manager(la: Any) -> Any:
    return user_with_role(Role.LA_MANAGER, la, first_name="Morgan", last_name="Manager")


@pytest.fixture
def casey(la: Any) -> Any:
    return user_with_role(Role.LA_CASEWORKER, la, first_name="Casey", last_name="Worker")


@pytest.fixture
def sam(la: Any) -> Any:
    return user_with_role(Role.LA_CASEWORKER, la, first_name="Sam", last_name="Other")


def _versions(children: list[Child]) -> dict[int, int | None]:
    return {c.pk: c.version for c in children}


def test_a_manager_allocates_several_children_at_once(la: Any, manager: Any, casey: Any,
                                                      sam: Any) -> None:  # fmt: skip
    children = [ChildFactory.create(local_authority=la, caseworker=casey) for _ in range(3)]
    allocations = services.child_allocate(
        actor=manager, children=children, caseworker=sam, reason="Casey is on leave",
        expected_versions=_versions(children),
    )  # fmt: skip
    assert len(allocations) == 3
    for child in children:
        child.refresh_from_db()
        assert child.caseworker == sam
        entry = child.allocations.get()
        assert (entry.previous_caseworker, entry.caseworker, entry.allocated_by) == (
            casey,
            sam,
            manager,
        )
        assert entry.reason == "Casey is on leave"
        assert AuditEntry.objects.filter(
            child=child, actor=manager, summary__startswith="Allocated to Sam Other (was Casey"
        ).exists()


def test_a_child_already_with_that_caseworker_is_left_alone(la: Any, manager: Any,
                                                            sam: Any) -> None:  # fmt: skip
    child = ChildFactory.create(local_authority=la, caseworker=sam)
    assert (
        services.child_allocate(
            actor=manager, children=[child], caseworker=sam, expected_versions=_versions([child])
        )
        == []
    )
    assert not CaseAllocation.objects.exists()


def test_a_caseworker_cannot_allocate(la: Any, casey: Any, sam: Any) -> None:
    child = ChildFactory.create(local_authority=la)
    with pytest.raises(PermissionDenied):
        services.child_allocate(
            actor=casey, children=[child], caseworker=sam, expected_versions=_versions([child])
        )
    child.refresh_from_db()
    assert child.caseworker is None


def test_a_manager_cannot_allocate_another_authoritys_child(manager: Any, casey: Any) -> None:
    elsewhere = ChildFactory.create(local_authority=LocalAuthorityFactory.create())
    with pytest.raises(PermissionDenied):
        services.child_allocate(
            actor=manager, children=[elsewhere], caseworker=casey,
            expected_versions=_versions([elsewhere]),
        )  # fmt: skip


def test_a_caseworker_at_another_authority_is_refused(la: Any, manager: Any) -> None:
    stranger = user_with_role(Role.LA_CASEWORKER, LocalAuthorityFactory.create())
    child = ChildFactory.create(local_authority=la)
    with pytest.raises(ValidationError) as refused:
        services.child_allocate(
            actor=manager, children=[child], caseworker=stranger,
            expected_versions=_versions([child]),
        )  # fmt: skip
    assert refused.value.message_dict["caseworker"] == [
        "Choose a caseworker who works at Northshire County Council."
    ]
    assert not CaseAllocation.objects.exists()


def test_a_changed_child_refuses_the_whole_allocation(la: Any, manager: Any, casey: Any,
                                                      sam: Any) -> None:  # fmt: skip
    first, second = (ChildFactory.create(local_authority=la) for _ in range(2))
    versions = _versions([first, second])
    Child.objects.filter(pk=second.pk).update(version=versions[second.pk] + 1)
    with pytest.raises(ConcurrentEditError):
        services.child_allocate(
            actor=manager, children=[first, second], caseworker=sam, expected_versions=versions
        )
    first.refresh_from_db()
    assert first.caseworker is None and not CaseAllocation.objects.exists()


def test_nothing_selected_is_a_users_error(manager: Any, sam: Any) -> None:
    with pytest.raises(ValidationError) as refused:
        services.child_allocate(actor=manager, children=[], caseworker=sam, expected_versions={})
    assert "children" in refused.value.message_dict


def test_changing_the_caseworker_on_the_details_page_is_for_a_manager(
    la: Any, manager: Any, casey: Any, sam: Any
) -> None:
    child = ChildFactory.create(local_authority=la, caseworker=casey)

    def change(actor: Any) -> None:
        services.child_update(
            actor=actor, child=child, first_name=child.first_name, last_name=child.last_name,
            date_of_birth=child.date_of_birth, setting=None, team="", caseworker=sam,
            expected_version=None,
        )  # fmt: skip

    with pytest.raises(ValidationError) as refused:
        change(casey)
    assert "Only a manager" in refused.value.message_dict["caseworker"][0]
    change(manager)
    entry = child.allocations.get()
    assert (entry.previous_caseworker, entry.caseworker, entry.allocated_by) == (
        casey,
        sam,
        manager,
    )
