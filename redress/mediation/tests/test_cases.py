"""Opening a mediation case as a user meets it: the decision it is about and the notice
casework already feeds, the provider serving the child's authority, the health care
provision wanted, and a stale form refused without changing anything."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from redress.casework.deadlines import events_for_child
from redress.casework.models import CaseEvent, Deadline
from redress.core.versions import ConcurrentEditError
from redress.mediation import services
from redress.mediation.models import FamilyChoice
from redress.mediation.tests.factories import World, make_world, open_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> World:
    return make_world()


def _travel(day: date) -> time_machine.travel:
    return time_machine.travel(day, tick=False)


@pytest.fixture
def after_christmas() -> Iterator[None]:
    with _travel(date(2027, 1, 6)):
        yield


def test_a_notice_casework_already_feeds_is_not_fed_twice(
    world: World, after_christmas: None
) -> None:
    CaseEvent.objects.create(
        child=world.child, type=CaseEvent.Type.FINAL_PLAN_ISSUED, date=date(2026, 10, 1)
    )
    case = open_case(world, notice=date(2026, 10, 1))
    notices = [e for e in events_for_child(world.child) if e["type"] == "decision_notice_sent"]
    assert len(notices) == 1
    assert Deadline.objects.filter(child=world.child, rule="appeal.lodge").count() == 1
    # The case is linked to the decision it is about: the final plan's notice.
    final = CaseEvent.objects.get(child=world.child, type=CaseEvent.Type.FINAL_PLAN_ISSUED)
    assert case.decision_ref == f"case_event-{final.pk}"
    contacted = [
        e for e in events_for_child(world.child) if e["type"] == "mediation_adviser_contacted"
    ]
    assert contacted[0]["ref"] == case.decision_ref


def test_a_stale_form_is_refused_and_changes_nothing(world: World, after_christmas: None) -> None:
    case = open_case(world)
    opened_at = case.version
    services.mediation_choice_record(
        actor=world.adviser, case=case, choice=FamilyChoice.WISHES, on=date(2026, 10, 6),
        expected_version=opened_at,
    )  # fmt: skip
    with pytest.raises(ConcurrentEditError):
        services.mediation_choice_record(
            actor=world.adviser, case=case, choice=FamilyChoice.DECLINED, on=date(2026, 10, 7),
            expected_version=opened_at,
        )  # fmt: skip
    case.refresh_from_db()
    assert case.family_choice == FamilyChoice.WISHES


def test_only_a_provider_serving_the_childs_authority_may_open_a_case(
    world: World, after_christmas: None
) -> None:
    other = make_world(name="Southby")
    with pytest.raises(PermissionDenied):
        services.mediation_case_open(
            actor=other.adviser, child=world.child, provider=other.provider,
            decision="plan_contents", decision_notice_date=date(2026, 10, 1),
            adviser_contacted_on=date(2026, 10, 2),
            issues=[services.IssueInput(kind="education", description="Section F")],
        )  # fmt: skip


def test_health_issue_needs_the_provision_wanted(world: World, after_christmas: None) -> None:
    with pytest.raises(ValidationError) as refused:
        services.mediation_case_open(
            actor=world.adviser, child=world.child, provider=world.provider,
            decision="plan_contents", decision_notice_date=date(2026, 10, 1),
            adviser_contacted_on=date(2026, 10, 2),
            issues=[services.IssueInput(kind="health", description="Therapy")],
        )  # fmt: skip
    assert "health_provision_wanted" in refused.value.message_dict
    assert not world.child.mediation_cases.exists()
