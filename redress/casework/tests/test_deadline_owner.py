"""Each deadline row carries its child's authority, caseworker and team (decision 0207), so a
caseload's dashboard reads its rows from an index: a reallocated or moved child's deadlines go
with them at once, to the new caseworker's and the new team's dashboard."""

from __future__ import annotations

import importlib
from datetime import date
from typing import Any

import pytest
from django.apps import apps
from django.db import connection

from redress.casework import selectors, services
from redress.casework.models import Child, Deadline
from redress.casework.tests.factories import (
    ChildFactory,
    LocalAuthorityFactory,
    Role,
    user_with_role,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene() -> dict[str, Any]:
    la = LocalAuthorityFactory.create(name="Northshire County Council")
    casey = user_with_role(Role.LA_CASEWORKER, la, first_name="Casey", last_name="Worker")
    sam = user_with_role(Role.LA_CASEWORKER, la, first_name="Sam", last_name="Other")
    manager = user_with_role(Role.LA_MANAGER, la, first_name="Morgan", last_name="Manager")
    child = ChildFactory.create(local_authority=la, caseworker=casey, team="North")
    Deadline.objects.create(
        child=child, rule="assessment.decision", kind="by", due=date(2026, 12, 1),
        status="pending", actor="local_authority", citation="SEND Regulations 2014 reg 5(1)",
        evidence="primary", explanation="6 weeks", title="Decide whether to assess",
    )  # fmt: skip
    return {"la": la, "casey": casey, "sam": sam, "manager": manager, "child": child}


def _on_dashboard(user: Any, **filters: Any) -> list[int]:
    rows = selectors.open_deadlines_visible_to(user, selectors.DeadlineFilters(**filters))
    return list(rows.values_list("child_id", flat=True))


def test_a_row_written_on_its_own_copies_its_child(scene: dict[str, Any]) -> None:
    row = Deadline.objects.get()
    assert (row.local_authority, row.caseworker, row.team) == (
        scene["la"], scene["casey"], "North"
    )  # fmt: skip


def test_reallocated_deadlines_move_to_the_new_caseworkers_dashboard(
    scene: dict[str, Any],
) -> None:
    child, casey, sam = scene["child"], scene["casey"], scene["sam"]
    assert _on_dashboard(casey, caseworker=casey.pk) == [child.pk]
    services.child_allocate(
        actor=scene["manager"], children=[child], caseworker=sam, reason="Leave",
        expected_versions={child.pk: child.version},
    )  # fmt: skip
    assert _on_dashboard(casey, caseworker=casey.pk) == []
    assert _on_dashboard(sam, caseworker=sam.pk) == [child.pk]


def test_a_changed_team_and_caseworker_follow_the_childs_details(scene: dict[str, Any]) -> None:
    child = Child.objects.get(pk=scene["child"].pk)
    services.child_update(
        actor=scene["manager"], child=child, first_name=child.first_name,
        last_name=child.last_name, date_of_birth=child.date_of_birth, setting=None,
        team="South", caseworker=None, expected_version=child.version,
    )  # fmt: skip
    assert _on_dashboard(scene["manager"], team="North") == []
    assert _on_dashboard(scene["manager"], team="South") == [child.pk]
    assert _on_dashboard(scene["casey"], caseworker=scene["casey"].pk) == []
    assert Deadline.objects.get().caseworker is None


def test_another_authoritys_staff_never_see_the_row(scene: dict[str, Any]) -> None:
    other = user_with_role(Role.LA_MANAGER, LocalAuthorityFactory.create())
    assert _on_dashboard(other) == []
    assert _on_dashboard(scene["manager"]) == [scene["child"].pk]


def test_the_migration_copies_every_stored_rows_owner(scene: dict[str, Any]) -> None:
    Deadline.objects.update(caseworker=None, team="")
    migration = importlib.import_module("redress.casework.migrations.0005_deadline_owner_copies")

    class Editor:  # what the migration asks of a schema editor (SQLite refuses one in a test)
        quote_name = staticmethod(connection.ops.quote_name)

        def execute(self, sql: str) -> None:
            with connection.cursor() as cursor:
                cursor.execute(sql)

    migration.copy_owners(apps, Editor())
    row = Deadline.objects.get()
    assert (row.caseworker, row.team) == (scene["casey"], "North")
