"""One way to record a first plan's steps: the plans app and the assessment screens refuse the
same steps with the same words (redress.casework.plan_basis), and the plans app serves no empty draft."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.core.exceptions import ValidationError

from redress.casework.models import CaseEvent
from redress.casework.services import case_event_record
from redress.plans import services
from redress.plans.models import Plan
from redress.plans.tests.helpers import ChildFactory, caseworker_for, name_the_school

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 30)
NO_REQUEST = "There is no request for an assessment on or before this date."


def _written_plan(child, actor) -> Plan:  # type: ignore[no-untyped-def]
    """A plan with its content, for a child with nothing on the assessment record."""
    plan = services.plan_create(actor=actor, child=child, expected_version=None)
    services.plan_section_update(
        actor=actor, plan=plan, code="B", text="Speech and language needs.", expected_version=None
    )
    services.outcome_add(actor=actor, plan=plan, text="Speaks in class.", expected_version=None)
    services.provision_item_add(
        actor=actor, plan=plan, section="F", what="Small-group teaching", who="Teacher",
        how_often="Daily", how_long="A year", expected_version=None,
    )  # fmt: skip
    services.placement_set(
        actor=actor, plan=plan, institution_type="Maintained mainstream primary school",
        expected_version=None,
    )  # fmt: skip
    return plan


@time_machine.travel(TODAY)
def test_no_draft_or_final_plan_without_an_assessment_on_record_by_either_path() -> None:
    child = ChildFactory()
    actor = caseworker_for(child)
    plan = _written_plan(child, actor)
    with pytest.raises(ValidationError) as draft:
        services.plan_issue_draft(
            actor=actor, plan=plan, when=date(2026, 9, 1), expected_version=None
        )
    assert NO_REQUEST in str(draft.value)

    # A draft already on the version (recorded before this check): the final is refused too.
    Plan.objects.filter(pk=plan.pk).update(draft_issued_on=date(2026, 9, 1))
    plan.refresh_from_db()
    name_the_school(plan, actor)
    with pytest.raises(ValidationError) as final:
        services.plan_issue_final(
            actor=actor, plan=plan, when=date(2026, 10, 1), expected_version=None
        )
    assert NO_REQUEST in str(final.value)

    # The assessment screens refuse the same final plan in the same words.
    CaseEvent.objects.create(child=child, type="draft_plan_issued", date=date(2026, 9, 1))
    with pytest.raises(ValidationError) as casework:
        case_event_record(
            actor=actor, child=child, event_type="final_plan_issued", when=date(2026, 10, 1),
            expected_version=None,
        )  # fmt: skip
    assert NO_REQUEST in str(casework.value)


@time_machine.travel(TODAY)
def test_no_draft_after_a_decision_not_to_issue_a_plan() -> None:
    child = ChildFactory()
    actor = caseworker_for(child)
    for kind, when, decision in (
        ("assessment_requested", date(2026, 3, 2), None),
        ("assessment_decision", date(2026, 4, 1), "assess"),
        ("plan_decision", date(2026, 6, 1), "not_issue"),
    ):
        CaseEvent.objects.create(
            child=child, type=kind, date=when, details={"decision": decision} if decision else {}
        )
    plan = _written_plan(child, actor)
    with pytest.raises(ValidationError) as refused:
        services.plan_issue_draft(
            actor=actor, plan=plan, when=date(2026, 7, 1), expected_version=None
        )
    assert "decided not to issue a plan" in str(refused.value)


@time_machine.travel(TODAY)
def test_an_empty_draft_is_not_served() -> None:
    child = ChildFactory()
    actor = caseworker_for(child)
    CaseEvent.objects.create(child=child, type="assessment_requested", date=date(2026, 3, 2))
    CaseEvent.objects.create(
        child=child, type="assessment_decision", date=date(2026, 4, 1),
        details={"decision": "assess"},
    )  # fmt: skip
    plan = services.plan_create(actor=actor, child=child, expected_version=None)
    with pytest.raises(ValidationError) as refused:
        services.plan_issue_draft(
            actor=actor, plan=plan, when=date(2026, 7, 1), expected_version=None
        )
    assert "The draft plan is empty" in str(refused.value)
    services.plan_section_update(
        actor=actor, plan=plan, code="B", text="Speech and language needs.", expected_version=None
    )
    served = services.plan_issue_draft(
        actor=actor, plan=plan, when=date(2026, 7, 1), expected_version=None
    )
    assert served.draft_issued_on == date(2026, 7, 1)
