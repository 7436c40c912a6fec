from datetime import date

import pytest
import time_machine
from django.core.exceptions import ValidationError

from redress.casework import services
from redress.casework.models import Deadline
from redress.casework.tests.factories import ChildFactory, CommissionerFactory, UserFactory
from redress.core.versions import ConcurrentEditError

pytestmark = pytest.mark.django_db


@time_machine.travel(date(2026, 11, 29))
def test_recording_a_request_puts_its_deadlines_in_the_table():
    child = ChildFactory()
    actor = UserFactory()
    services.case_event_record(
        actor=actor,
        child=child,
        event_type="assessment_requested",
        when=date(2026, 11, 2),
        expected_version=child.version,
    )
    due = {d.rule: d.due for d in Deadline.objects.filter(child=child)}
    assert due == {"assessment.decision": date(2026, 12, 14), "plan.final": date(2027, 3, 22)}


@time_machine.travel(date(2026, 11, 29))
def test_advice_received_before_it_was_sent_is_refused_and_nothing_changes():
    child = ChildFactory()
    actor = UserFactory()
    services.case_event_record(
        actor=actor, child=child, event_type="assessment_requested",
        when=date(2026, 9, 1), expected_version=None,
    )  # fmt: skip
    advice = services.advice_request_create(
        actor=actor, child=child, advice_type="health",
        recipient_organisation=CommissionerFactory(), commissioned_by=child.local_authority,
        date_sent=date(2026, 9, 10), expected_version=None,
    )  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        services.advice_request_mark_received(
            actor=actor, advice_request=advice, date_received=date(2026, 9, 9)
        )
    assert "date_received" in refused.value.message_dict
    advice.refresh_from_db()
    assert advice.date_received is None
    assert Deadline.objects.get(child=child, rule="advice.response").status == "overdue"


@time_machine.travel(date(2026, 11, 29))
def test_a_second_edit_from_a_stale_form_is_refused():
    child = ChildFactory()
    actor = UserFactory()
    opened_at = child.version
    services.case_event_record(
        actor=actor, child=child, event_type="assessment_requested",
        when=date(2026, 9, 1), expected_version=opened_at,
    )  # fmt: skip
    with pytest.raises(ConcurrentEditError):
        services.case_event_record(
            actor=actor, child=child, event_type="assessment_decision",
            when=date(2026, 9, 20), details={"decision": "assess"}, expected_version=opened_at,
        )  # fmt: skip
    assert child.events.count() == 1
