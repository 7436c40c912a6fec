from datetime import date
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command

from redress.casework.deadlines import deadlines_recompute
from redress.casework.models import Deadline
from redress.casework.tests.factories import CaseEventFactory, ChildFactory

pytestmark = pytest.mark.django_db


def test_a_pending_deadline_becomes_overdue_when_recomputed_after_its_due_date():
    child = ChildFactory()
    CaseEventFactory(child=child, type="assessment_requested", date=date(2026, 9, 1))
    with time_machine.travel(date(2026, 10, 1)):
        deadlines_recompute(child=child)
    decision = Deadline.objects.get(child=child, rule="assessment.decision")
    assert (decision.due, decision.status) == (date(2026, 10, 13), "pending")

    out = StringIO()
    call_command("recompute_deadlines", "--today", "2026-10-14", stdout=out)
    decision = Deadline.objects.get(child=child, rule="assessment.decision")
    assert decision.status == "overdue"
    assert "for 1 children" in out.getvalue()


def test_a_bad_today_is_refused_clearly():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="not a date"):
        call_command("recompute_deadlines", "--today", "2026-02-30")
