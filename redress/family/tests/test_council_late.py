"""On the family's case page, a duty owed to the family whose date has passed is explained in
plain words with what the family can do; nothing is said while it is not yet late."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
import time_machine

from redress.casework.models import Child, Deadline, FamilyMember
from redress.core.late import LATE_DUTIES, NOT_LEGAL_ADVICE
from redress.notifications.tests.conftest import TODAY, Cases

pytestmark = pytest.mark.django_db


def join(child: Child, parent: Any) -> None:
    FamilyMember.objects.create(child=child, user=parent, name="Jo Parent", relationship="parent")


def page(client: Any, child: Child, user: Any) -> str:
    client.force_login(user)  # signed in on the day travelled to, so the session is current
    response = client.get(f"/family/cases/{child.pk}/")
    assert response.status_code == 200
    return str(response.content.decode())


def test_an_overdue_decision_on_assessment_is_explained(cases: Cases, client: Any) -> None:
    join(cases.overdue, cases.parent)
    with time_machine.travel(TODAY, tick=False):  # the decision was due on 16 February 2026
        text = page(client, cases.overdue, cases.parent)
    assert "When the council is late" in text
    assert "The council had to tell you whether it will assess your child" in text
    assert "Monday 16 February 2026" in text
    assert "https://www.lgo.org.uk/" in text and "SENDIASS" in text
    assert "Local Government Act 1974" in text  # each way forward cites its source
    assert NOT_LEGAL_ADVICE.replace("'", "&#x27;") in text
    assert "judicial review" not in text  # that is for the Tribunal's orders


def test_nothing_is_said_before_the_date_passes(cases: Cases, client: Any) -> None:
    join(cases.due_soon, cases.parent)
    with time_machine.travel(TODAY, tick=False):  # due on 9 March 2026: not late yet
        assert "When the council is late" not in page(client, cases.due_soon, cases.parent)
    with time_machine.travel(date(2026, 3, 10), tick=False):
        assert "When the council is late" in page(client, cases.due_soon, cases.parent)


def test_the_familys_own_windows_passing_are_not_the_council_being_late(
    cases: Cases, client: Any
) -> None:
    with time_machine.travel(date(2026, 12, 1), tick=False):  # the appeal window is long over
        assert "When the council is late" not in page(client, cases.family, cases.parent)


def test_a_tribunal_order_not_carried_out_points_to_the_tribunal(cases: Cases, client: Any) -> None:
    Deadline.objects.create(
        child=cases.family, rule="order.final_plan", kind="by", due=date(2026, 2, 2),
        status="pending", actor="local_authority", citation="SEND Regulations 2014 reg 44(2)",
        evidence="primary", explanation="Five weeks from the order.", title="Final plan",
    )  # fmt: skip
    with time_machine.travel(TODAY, tick=False):
        text = page(client, cases.family, cases.parent)
    assert "The Tribunal ordered the council to make or change the plan." in text
    assert "first-tier-tribunal-special-educational-needs-and-disability" in text
    assert "judicial review" in text and "Civil Procedure Rules Part 54" in text
    assert "www.lgo.org.uk" not in text


def test_every_late_duty_is_a_rule_the_engine_knows_and_cites_its_sources() -> None:
    from redress.statutory.rules import RULES

    known = {rule.id for rule in RULES}
    for rule_id, duty in LATE_DUTIES.items():
        assert rule_id in known, rule_id
        assert all(route.source for route in duty.routes)
        assert all(route.url.startswith("https://") for route in duty.routes if route.url)


def test_the_family_is_told_once_by_email_when_a_duty_is_late(cases: Cases) -> None:
    from redress.notifications.message_templates import TEMPLATES
    from redress.notifications.models import Message
    from redress.notifications.services import reminders_plan

    join(cases.overdue, cases.parent)
    reminders_plan(today=TODAY)
    reminders_plan(today=TODAY)  # the next night: nothing new
    late = Message.objects.filter(template="family_council_late")
    assert late.count() == 1
    message = late.get()
    assert message.to_address == cases.parent.email and message.child == cases.overdue
    body = TEMPLATES["family_council_late"].render_body(message.personalisation)
    assert "whether it will assess" in body and "16 February 2026" in body
    assert "not legal advice" in body
    # Not for a duty that is not yet late, and not for the family's own windows.
    assert not late.filter(child=cases.due_soon).exists()
    assert not late.filter(child=cases.family).exists()


def test_a_duty_late_for_weeks_when_the_nightly_run_first_sees_it_is_not_emailed(
    cases: Cases, client: Any
) -> None:
    """On the first night after going live or importing a caseload, duties long overdue are
    explained on the case page but not emailed out of the blue (decision 0185)."""
    from redress.notifications.models import Message
    from redress.notifications.services import reminders_plan

    join(cases.overdue, cases.parent)
    first_night = date(2026, 4, 17)  # the decision on assessment was due on 16 February 2026
    reminders_plan(today=first_night)
    assert not Message.objects.filter(template="family_council_late").exists()
    with time_machine.travel(first_night, tick=False):
        assert "When the council is late" in page(client, cases.overdue, cases.parent)


def test_a_duty_that_became_late_yesterday_is_emailed(cases: Cases) -> None:
    from redress.notifications.models import Message
    from redress.notifications.services import reminders_plan

    join(cases.overdue, cases.parent)
    reminders_plan(today=date(2026, 2, 17))  # due on 16 February 2026
    assert Message.objects.filter(template="family_council_late", child=cases.overdue).exists()
