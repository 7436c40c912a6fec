"""An appealable decision starts the family's windows: 2 months to contact the mediation adviser
and the appeal deadline. They are the family's rights, not the council's tasks."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
import time_machine

from redress.accounts.models import Role
from redress.casework import selectors, services
from redress.casework.models import Deadline
from redress.casework.tests.factories import ChildFactory, LocalAuthorityFactory, user_with_role

pytestmark = pytest.mark.django_db


@time_machine.travel(date(2026, 11, 29))
def test_a_refusal_to_assess_starts_the_familys_appeal_window() -> None:
    la = LocalAuthorityFactory()
    child = ChildFactory(local_authority=la)
    caseworker = user_with_role(Role.LA_CASEWORKER, la)
    services.case_event_record(
        actor=caseworker, child=child, event_type="assessment_requested",
        when=date(2026, 9, 1), expected_version=None,
    )  # fmt: skip
    services.case_event_record(
        actor=caseworker, child=child, event_type="assessment_decision",
        when=date(2026, 10, 5), details={"decision": "not_assess"},
        reasons="Needs can be met at SEN support.", expected_version=None,
    )  # fmt: skip
    rows = {d.rule: d for d in Deadline.objects.filter(child=child)}
    # 2 months from Mon 5 Oct 2026 is Sat 5 Dec 2026; the SEND Regulations do not move it.
    assert rows["mediation.contact_adviser"].due == date(2026, 12, 5)
    assert rows["mediation.contact_adviser"].actor == "parent_or_young_person"
    # The Tribunal's rules move a Saturday to the next working day: Mon 7 Dec 2026 (r.12(2)).
    assert rows["appeal.lodge"].due == date(2026, 12, 7)
    # The council's dashboard lists its own tasks, not the family's rights.
    board = selectors.dashboard_for(caseworker)
    listed = {d.rule for d in board.overdue + board.this_week + board.next_four_weeks}
    assert not listed & {"mediation.contact_adviser", "appeal.lodge"}


@time_machine.travel(date(2026, 11, 29))
def test_an_assessment_that_goes_ahead_starts_no_appeal_window() -> None:
    la = LocalAuthorityFactory()
    child = ChildFactory(local_authority=la)
    caseworker = user_with_role(Role.LA_CASEWORKER, la)
    services.case_event_record(
        actor=caseworker, child=child, event_type="assessment_requested",
        when=date(2026, 9, 1), expected_version=None,
    )  # fmt: skip
    services.case_event_record(
        actor=caseworker, child=child, event_type="assessment_decision",
        when=date(2026, 10, 5), details={"decision": "assess"}, expected_version=None,
    )  # fmt: skip
    rules = set(Deadline.objects.filter(child=child).values_list("rule", flat=True))
    assert "appeal.lodge" not in rules and "mediation.contact_adviser" not in rules


def test_the_final_plan_is_an_appealable_decision(client: Any) -> None:
    from redress.casework.deadlines import events_for_child
    from redress.casework.tests.factories import CaseEventFactory

    child = ChildFactory()
    final = CaseEventFactory(child=child, type="final_plan_issued", date=date(2026, 3, 2))
    notices = [e for e in events_for_child(child) if e["type"] == "decision_notice_sent"]
    assert notices == [
        {
            "type": "decision_notice_sent",
            "date": "2026-03-02",
            "certificate_required": True,
            "ref": f"case_event-{final.pk}",
        }
    ]
