from datetime import date
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command

from redress.casework.deadlines import deadlines_recompute
from redress.casework.models import Deadline
from redress.casework.tests.factories import CaseEventFactory, ChildFactory

pytestmark = pytest.mark.django_db


def _stored_status(child, rule):
    return Deadline.objects.filter(child=child, rule=rule).values_list("status", flat=True).get()


def test_a_pending_deadline_becomes_overdue_when_recomputed_after_its_due_date():
    child = ChildFactory()
    CaseEventFactory(child=child, type="assessment_requested", date=date(2026, 9, 1))
    with time_machine.travel(date(2026, 10, 1)):
        deadlines_recompute(child=child)
        decision = Deadline.objects.get(child=child, rule="assessment.decision")
    assert (decision.due, decision.status) == (date(2026, 10, 13), "pending")
    assert _stored_status(child, "assessment.decision") == "pending"

    out = StringIO()
    call_command("recompute_deadlines", "--today", "2026-10-14", stdout=out)
    assert _stored_status(child, "assessment.decision") == "overdue"
    assert "for 1 children" in out.getvalue()


def test_a_night_without_the_recompute_still_shows_the_deadline_overdue():
    child = ChildFactory()
    CaseEventFactory(child=child, type="assessment_requested", date=date(2026, 9, 1))
    with time_machine.travel(date(2026, 10, 1)):
        deadlines_recompute(child=child)
    assert _stored_status(child, "assessment.decision") == "pending"
    for day, shown in ((date(2026, 10, 13), "pending"), (date(2026, 10, 14), "overdue")):
        with time_machine.travel(day):
            assert Deadline.objects.get(child=child, rule="assessment.decision").status == shown
            annotated = (
                Deadline.objects.with_current_status(day)
                .filter(child=child, rule="assessment.decision")
                .values_list("current_status", flat=True)
                .get()
            )
            assert annotated == shown
            overdue = Deadline.objects.overdue_on(day).filter(rule="assessment.decision")
            assert overdue.exists() == (shown == "overdue")


def test_a_second_run_writes_nothing_when_nothing_changed():
    child = ChildFactory()
    CaseEventFactory(child=child, type="assessment_requested", date=date(2026, 9, 1))
    call_command("recompute_deadlines", "--today", "2026-10-01", stdout=StringIO())
    ids = set(Deadline.objects.filter(child=child).values_list("pk", flat=True))
    out = StringIO()
    call_command("recompute_deadlines", "--today", "2026-10-02", stdout=out)
    assert "0 children changed, 0 rows written, 0 removed" in out.getvalue()
    assert set(Deadline.objects.filter(child=child).values_list("pk", flat=True)) == ids
    # The day the decision falls overdue, that row alone is rewritten.
    out = StringIO()
    call_command("recompute_deadlines", "--today", "2026-10-14", stdout=out)
    assert "1 children changed, 1 rows written, 1 removed" in out.getvalue()
    assert _stored_status(child, "assessment.decision") == "overdue"


def test_a_line_per_batch():
    for _ in range(3):
        CaseEventFactory(child=ChildFactory(), type="assessment_requested", date=date(2026, 9, 1))
    out = StringIO()
    call_command("recompute_deadlines", "--batch-size", "2", "--today", "2026-10-01", stdout=out)
    lines = out.getvalue().splitlines()
    assert [line.split(":")[0] for line in lines[:2]] == ["Batch 1", "Batch 2"]
    assert "for 3 children" in lines[-1]


def test_a_bad_today_is_refused_clearly():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="not a date"):
        call_command("recompute_deadlines", "--today", "2026-02-30")


def test_postgresql_statistics_are_refreshed_once_a_run_has_rewritten_much_of_the_table(
    monkeypatch,
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from redress.casework.management.commands.recompute_deadlines import PlannerStatistics

    for _ in range(3):
        CaseEventFactory(
            child=ChildFactory(), type="assessment_requested", date=date(2026, 9, 1),
            details={"requested_by": "parent"},
        )  # fmt: skip
    monkeypatch.setattr(PlannerStatistics, "MINIMUM", 1)
    with CaptureQueriesContext(connection) as captured:
        call_command(
            "recompute_deadlines", "--batch-size", "1", "--today", "2026-10-01", stdout=StringIO()
        )
    analyzed = [q["sql"] for q in captured.captured_queries if q["sql"].startswith("ANALYZE")]
    if connection.vendor == "postgresql":
        # The table started empty: the first batch's rows are more than a fifth of it.
        assert analyzed and "casework_deadline" in analyzed[0]
    else:
        assert analyzed == []  # SQLite plans without them


def test_saving_a_copy_of_the_child_read_before_a_recompute_keeps_the_next_due_date():
    from redress.casework.models import Child

    child = ChildFactory()
    stale = Child.objects.get(pk=child.pk)
    assert stale.next_due is None
    CaseEventFactory(
        child=child, type="assessment_requested", date=date(2026, 9, 1),
        details={"requested_by": "parent"},
    )  # fmt: skip
    deadlines_recompute(child=child, today=date(2026, 9, 2))
    kept = Child.objects.get(pk=child.pk).next_due
    assert kept is not None
    stale.team = "North"
    stale.save()
    saved = Child.objects.get(pk=child.pk)
    assert (saved.team, saved.next_due) == ("North", kept)
