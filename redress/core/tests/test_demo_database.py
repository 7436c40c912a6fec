"""The test suite's shared demo (``demo_database`` in redress/conftest.py): loaded once, copied
in for later modules, and gone again when the block ends."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.db import connection

from redress.accounts.models import Organisation
from redress.casework.demo import LA_NAME


@pytest.mark.django_db(transaction=True)
def test_the_demo_is_there_inside_the_block_and_gone_after(
    demo_database: Any, tmp_path_factory: Any, worker_id: str
) -> None:
    day = date(2026, 11, 26)  # a day no other test's demo uses, so the first load is this one
    assert not Organisation.objects.filter(name=LA_NAME).exists()
    with demo_database(children=0, today=day):
        first = set(Organisation.objects.values_list("pk", "name"))
        assert LA_NAME in {name for _, name in first}
    assert not Organisation.objects.filter(name=LA_NAME).exists()
    with demo_database(children=0, today=day):
        again = set(Organisation.objects.values_list("pk", "name"))
        if connection.vendor == "sqlite":
            assert again == first  # the very rows, copied in
        else:
            assert {name for _, name in again} == {name for _, name in first}  # loaded again
    assert not Organisation.objects.filter(name=LA_NAME).exists()
    if connection.vendor == "sqlite":
        # The first load was kept for the run, where later modules copy it from.
        base = tmp_path_factory.getbasetemp()
        folder = (base.parent if worker_id != "master" else base) / "demo-databases"
        assert (folder / f"demo-0-{day.isoformat()}.sqlite3").stat().st_size > 0
