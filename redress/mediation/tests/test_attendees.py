"""Who attends (reg 38) as a user meets it: the family's lawyer, an objection and the
mediator's decision, the child's attendance, and the warning when an authority's
attendee has not confirmed their authority to settle."""

from __future__ import annotations

from datetime import date, time

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from redress.mediation import selectors, services
from redress.mediation.models import (
    AttendeeConsent,
    MediationAttendee,
    MediationCaseEntry,
    Party,
    PreMediationCall,
)
from redress.mediation.tests.factories import World, make_world, wishing_case
from redress.notifications.models import Message

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> World:
    return make_world()


def _travel(day: date) -> time_machine.travel:
    return time_machine.travel(day, tick=False)


def test_the_family_lawyer_tells_the_la_and_adds_the_lawyer_call(world: World) -> None:
    with _travel(date(2027, 4, 1)):
        case = wishing_case(world)
        lawyer = services.mediation_attendee_add(
            actor=world.adviser, case=case, role=MediationAttendee.Role.LAWYER,
            name="Robin Counsel", organisation_name="Counsel LLP", proposed_by=Party.FAMILY,
        )  # fmt: skip
    message = Message.objects.get(template="mediation_family_lawyer")
    assert message.to_address == world.caseworker.email
    entry = MediationCaseEntry.objects.get(case=case)
    assert "may bring one too" in entry.text
    call = PreMediationCall.objects.get(case=case)
    assert call.call_with == PreMediationCall.With.FAMILY_LAWYER and call.attendee == lawyer
    assert selectors.attendance(case, lawyer).may_attend


def test_an_objection_needs_the_mediators_decision_with_reasons(world: World) -> None:
    with _travel(date(2027, 4, 1)):
        case = wishing_case(world)
        services.mediation_assign(actor=world.adviser, case=case, mediator=world.mediator)
        expert = services.mediation_attendee_add(
            actor=world.adviser, case=case, role=MediationAttendee.Role.PROFESSIONAL_EXPERT,
            name="Dr Ola Therapist", proposed_by=Party.FAMILY,
        )  # fmt: skip
        assert not selectors.attendance(case, expert).may_attend
        services.attendee_consent_record(
            actor=world.adviser, attendee=expert, party=Party.FAMILY,
            answer=AttendeeConsent.Answer.AGREES, on=date(2027, 4, 1),
        )  # fmt: skip
        services.attendee_consent_record(
            actor=world.adviser, attendee=expert, party=Party.LOCAL_AUTHORITY,
            answer=AttendeeConsent.Answer.OBJECTS, reason="Not yet seen the report",
            on=date(2027, 4, 1),
        )  # fmt: skip
        assert "objects" in selectors.attendance(case, expert).reason
        with pytest.raises(PermissionDenied):
            services.attendee_mediator_decide(
                actor=world.adviser, attendee=expert, decision="may_attend",
                reasons="Helpful", on=date(2027, 4, 1),
            )  # fmt: skip
        with pytest.raises(ValidationError) as refused:
            services.attendee_mediator_decide(
                actor=world.mediator, attendee=expert, decision="may_attend", reasons=" ",
                on=date(2027, 4, 1),
            )  # fmt: skip
        assert "reasons" in refused.value.message_dict
        services.attendee_mediator_decide(
            actor=world.mediator, attendee=expert, decision="may_attend",
            reasons="Her report is central to the therapy issue", on=date(2027, 4, 1),
        )  # fmt: skip
    expert.refresh_from_db()
    assert selectors.attendance(case, expert).may_attend
    assert expert.mediator_decision_reasons == "Her report is central to the therapy issue"


def test_the_child_attends_only_with_the_parents_and_the_mediators_agreement(
    world: World,
) -> None:
    with _travel(date(2027, 4, 1)):
        case = wishing_case(world)
        services.mediation_assign(actor=world.adviser, case=case, mediator=world.mediator)
        child = services.mediation_attendee_add(
            actor=world.adviser, case=case, role=MediationAttendee.Role.CHILD,
            name="Alex", proposed_by=Party.FAMILY,
        )  # fmt: skip
        with pytest.raises(ValidationError):
            services.mediation_child_views_record(
                actor=world.adviser, case=case, views="Wants to stay with friends",
                gathered_on=date(2027, 3, 30), parent_agrees=True, mediator_agrees=True,
            )  # fmt: skip
        case.refresh_from_db()
        services.mediation_child_views_record(
            actor=world.adviser, case=case, views="Wants to stay with friends",
            gathered_on=date(2027, 3, 30), parent_agrees=True, mediator_agrees=False,
        )  # fmt: skip
        assert not selectors.attendance(case, child).may_attend
        services.mediation_child_views_record(
            actor=world.mediator, case=case, views="Wants to stay with friends",
            gathered_on=date(2027, 3, 30), parent_agrees=True, mediator_agrees=True,
        )  # fmt: skip
    assert selectors.attendance(case, child).may_attend


def test_authority_warning_starts_two_working_days_before_the_meeting(world: World) -> None:
    with _travel(date(2027, 4, 1)):
        case = wishing_case(world)
        services.mediation_meeting_schedule(
            actor=world.adviser, case=case, meeting_date=date(2027, 5, 5),
            start_time=time(10, 0), place="Town hall",
        )  # fmt: skip
        officer = services.mediation_attendee_add(
            actor=world.adviser, case=case, role=MediationAttendee.Role.LA_OFFICER,
            name="Sam Officer", proposed_by=Party.LOCAL_AUTHORITY,
        )  # fmt: skip
    # Two working days before Wed 5 May 2027 is Fri 30 April (Mon 3 May is a bank holiday).
    assert selectors.attendees_without_confirmed_authority(world.adviser, date(2027, 4, 29)) == []
    warnings = selectors.attendees_without_confirmed_authority(world.adviser, date(2027, 4, 30))
    assert [(w.attendee, w.confirm_by) for w in warnings] == [(officer, date(2027, 4, 30))]
    assert selectors.attendees_without_confirmed_authority(world.parent, date(2027, 4, 30))
    with _travel(date(2027, 4, 30)):
        services.attendee_authority_confirm(
            actor=world.adviser, attendee=officer, how="delegated", on=date(2027, 4, 30)
        )
    assert selectors.attendees_without_confirmed_authority(world.adviser, date(2027, 4, 30)) == []
