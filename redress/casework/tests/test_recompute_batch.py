"""The nightly recompute's batch path against the one-child path, over the whole demo.

The demo (200 children at every stage, with plans, reviews, mediation, agreements and appeals) is
loaded once for the module, inside a transaction rolled back at the end; each test runs in a
savepoint of it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from redress.bankholidays.selectors import working_day_calendar
from redress.casework.deadlines import (
    _ROW_FIELDS,
    deadlines_recompute,
    deadlines_recompute_batch,
    events_for_child,
    events_for_children,
)
from redress.casework.models import Child, Deadline

TODAY = date(2026, 11, 25)


@pytest.fixture(scope="module")
def demo(demo_database: Any) -> Iterator[None]:
    with demo_database(children=200, today=TODAY):
        yield


def _table() -> Counter[tuple[Any, ...]]:
    return Counter(Deadline.objects.values_list("child_id", *_ROW_FIELDS))


def _ids() -> list[int]:
    return list(Child.objects.order_by("pk").values_list("pk", flat=True))


def test_the_batch_events_are_the_one_child_events(demo: None, db: None) -> None:
    children = list(Child.objects.order_by("pk"))
    batch = events_for_children(children)
    for child in Child.objects.order_by("pk"):
        assert batch[child.pk] == events_for_child(child), child.pk
    # The demo reaches every app's source.
    types = {e["type"] for events in batch.values() for e in events}
    for expected in (
        "review_meeting_held",
        "mediation_requested",
        "mediation_agreement",
        "appeal_lodged",
        "recommendations_made",
        "advice_received",
    ):
        assert expected in types


def test_the_batch_path_writes_the_rows_the_one_child_path_writes(demo: None, db: None) -> None:
    ids = _ids()
    with time_machine.travel(TODAY, tick=False):
        for child in Child.objects.order_by("pk"):
            deadlines_recompute(child=child, today=TODAY)
        one_by_one = _table()
        Deadline.objects.all().delete()
        calendar = working_day_calendar()
        written = 0
        for first in range(0, len(ids), 37):
            outcome = deadlines_recompute_batch(
                ids[first : first + 37], today=TODAY, calendar=calendar
            )
            assert not outcome.refused
            written += outcome.rows_written
        assert _table() == one_by_one
        assert written == sum(one_by_one.values()) > 1000
        # Nothing changed: a second pass writes nothing.
        again = deadlines_recompute_batch(ids, today=TODAY, calendar=calendar)
        assert (again.changed_children, again.rows_written, again.rows_deleted) == (0, 0, 0)


def _queries(ids: list[int], today: date) -> int:
    calendar = working_day_calendar()
    with CaptureQueriesContext(connection) as captured:
        deadlines_recompute_batch(ids, today=today, calendar=calendar)
    return len(captured)


def test_a_batch_reads_in_a_number_of_queries_that_does_not_grow_with_it(
    demo: None, db: None, django_assert_max_num_queries: Any
) -> None:
    ids = _ids()
    calendar = working_day_calendar()
    deadlines_recompute_batch(ids, today=TODAY, calendar=calendar)
    # A small batch may skip a query (no child in it has an appeal, say), never add one.
    counts = [_queries(ids[:size], TODAY) for size in (1, 10, 50, len(ids))]
    assert max(counts) == counts[-1]
    with django_assert_max_num_queries(20):
        deadlines_recompute_batch(ids, today=TODAY, calendar=calendar)


def test_writing_a_batch_adds_only_the_inserts(demo: None, db: None) -> None:
    ids = _ids()
    calendar = working_day_calendar()
    deadlines_recompute_batch(ids, today=TODAY, calendar=calendar)
    reading = _queries(ids, TODAY)
    Deadline.objects.all().delete()
    with CaptureQueriesContext(connection) as captured:
        rows = deadlines_recompute_batch(ids, today=TODAY, calendar=calendar).rows_written
    # Every child changed: one more read for their stored rows, a savepoint and its release,
    # and the inserts (SQLite takes at most 999 values a statement, PostgreSQL 2,000 rows).
    if connection.vendor == "postgresql":
        per_insert = 2000
    else:
        per_insert = connection.features.max_query_params // (len(_ROW_FIELDS) + 2)
    inserts = -(-rows // per_insert)
    assert len(captured) <= reading + 3 + inserts


def test_each_row_records_the_event_that_started_it(demo: None, db: None) -> None:
    """ "Why is this due" can be traced from the row: its start event and date. Rows stored
    before rows recorded them gain them on the next nightly run, once."""
    ids = _ids()
    calendar = working_day_calendar()
    deadlines_recompute_batch(ids, today=TODAY, calendar=calendar)
    assert not Deadline.objects.filter(start_event="").exists()
    decision = Deadline.objects.filter(rule="assessment.decision").first()
    assert decision is not None
    assert decision.start_event == "assessment_requested"
    assert decision.start_date is not None
    assert decision.start_date.strftime("%-d %b %Y") in decision.explanation
    # Rows from before: the start is blank until the next run rewrites them.
    Deadline.objects.filter(pk=decision.pk).update(start_event="", start_date=None)
    outcome = deadlines_recompute_batch(ids, today=TODAY, calendar=calendar)
    assert outcome.changed_children == 1
    assert not Deadline.objects.filter(start_event="").exists()
    again = deadlines_recompute_batch(ids, today=TODAY, calendar=calendar)
    assert again.changed_children == 0


def _next_due_from_the_table() -> dict[int, Any]:
    """Each child's next due date as the case list worked it out before it was kept: the
    earliest open row professionals act on."""
    from django.db.models import Subquery

    from redress.casework.selectors_caseload import _open_work

    return dict(
        Child.objects.annotate(
            computed=Subquery(_open_work().order_by("due").values("due")[:1])
        ).values_list("pk", "computed")
    )


def _stored_next_due() -> dict[int, Any]:
    return dict(Child.objects.values_list("pk", "next_due"))


def test_each_child_keeps_its_next_due_date_on_either_path(demo: None, db: None) -> None:
    ids = _ids()
    calendar = working_day_calendar()
    with time_machine.travel(TODAY, tick=False):
        for child in Child.objects.order_by("pk"):
            deadlines_recompute(child=child, today=TODAY)
        expected = _next_due_from_the_table()
        assert _stored_next_due() == expected
        # Not vacuous: most children have something due, some have nothing open.
        assert sum(due is not None for due in expected.values()) > len(ids) // 2
        Child.objects.update(next_due=None)
        Deadline.objects.all().delete()
        deadlines_recompute_batch(ids, today=TODAY, calendar=calendar)
        assert _stored_next_due() == expected
        # A date stored wrong (a direct write to the table, an older release) is mended by the
        # next night's run, which otherwise changes no row.
        wrong = next(pk for pk, due in expected.items() if due is not None)
        Child.objects.filter(pk=wrong).update(next_due=date(2099, 1, 1))
        outcome = deadlines_recompute_batch(ids, today=TODAY, calendar=calendar)
        assert outcome.changed_children == 0
        assert _stored_next_due() == expected


def test_a_batch_stores_its_childrens_next_due_dates_in_one_statement(demo: None, db: None) -> None:
    ids = _ids()
    calendar = working_day_calendar()
    deadlines_recompute_batch(ids, today=TODAY, calendar=calendar)
    reading = _queries(ids, TODAY)
    # As on a first night: every child's date unknown, the rows already right.
    Child.objects.update(next_due=None)
    with CaptureQueriesContext(connection) as captured:
        deadlines_recompute_batch(ids, today=TODAY, calendar=calendar)
    assert Child.objects.filter(next_due__isnull=False).count() > len(ids) // 2
    writes = [q["sql"] for q in captured.captured_queries if q["sql"].startswith("UPDATE")]
    assert len(writes) == 1, writes
    assert len(captured) == reading + 1


def _owners() -> dict[int, set[tuple[Any, ...]]]:
    owners: dict[int, set[tuple[Any, ...]]] = {}
    for child_id, *owner in Deadline.objects.values_list(
        "child_id", "local_authority_id", "caseworker_id", "team"
    ):
        owners.setdefault(child_id, set()).add(tuple(owner))
    return owners


def test_each_row_copies_its_childs_authority_caseworker_and_team(demo: None, db: None) -> None:
    ids = _ids()
    calendar = working_day_calendar()
    deadlines_recompute_batch(ids, today=TODAY, calendar=calendar)
    children = {c.pk: tuple(c.owner_copies().values()) for c in Child.objects.all()}
    assert _owners() == {pk: {children[pk]} for pk in _owners()}
    # Not vacuous: the demo's children are spread over caseworkers and teams.
    assert len({owner[1] for owner in children.values()}) > 1
    assert len({owner[2] for owner in children.values()}) > 1
    # Copies left wrong (by a direct write to the table) are mended by the next night's run,
    # one statement for each owner, without rewriting a row.
    stale = ids[:30]
    Deadline.objects.filter(child_id__in=stale).update(caseworker=None, team="Nobody's")
    before = _table()
    with CaptureQueriesContext(connection) as captured:
        outcome = deadlines_recompute_batch(ids, today=TODAY, calendar=calendar)
    assert (outcome.changed_children, outcome.rows_written, outcome.rows_deleted) == (0, 0, 0)
    assert _owners() == {pk: {children[pk]} for pk in _owners()}
    writes = [q["sql"] for q in captured.captured_queries if q["sql"].startswith("UPDATE")]
    distinct_owners = {children[pk] for pk in stale if pk in _owners()}
    assert len(writes) == len(distinct_owners)
    assert Counter({k: v for k, v in before.items() if k[0] not in stale}) == Counter(
        {k: v for k, v in _table().items() if k[0] not in stale}
    )
