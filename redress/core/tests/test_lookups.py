"""`among`: the same records as `__in`, on SQLite and PostgreSQL alike."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from redress.casework.models import Child, Deadline
from redress.casework.tests.factories import ChildFactory
from redress.core.lookups import among

pytestmark = pytest.mark.django_db


def test_among_finds_the_records_in_the_list_by_id_and_by_foreign_key() -> None:
    children = ChildFactory.create_batch(4)
    wanted = [children[0].pk, children[2].pk]
    assert set(Child.objects.filter(among("pk", wanted))) == {children[0], children[2]}
    same_authority = Child.objects.filter(
        among("local_authority_id", [children[1].local_authority_id])
    )
    assert children[1] in same_authority


def test_among_an_empty_list_finds_nothing_and_asks_nothing() -> None:
    ChildFactory()
    with CaptureQueriesContext(connection) as captured:
        assert list(Child.objects.filter(among("pk", []))) == []
    assert len(captured) == 0


def test_among_sends_the_ids_as_one_parameter_on_postgresql() -> None:
    children = ChildFactory.create_batch(3)
    ids = [child.pk for child in children]
    with CaptureQueriesContext(connection) as captured:
        list(Deadline.objects.filter(among("child_id", ids)))
    sql = captured.captured_queries[0]["sql"]
    if connection.vendor == "postgresql":
        assert "= ANY(" in sql
    else:
        assert " IN (" in sql
