"""Arranging the mediation as a user meets it: the health commissioner's clock over
Easter, the confirmation and the notice clock around a May bank holiday, moving the
meeting, and the meeting held and concluded."""

from __future__ import annotations

from datetime import date, time

import pytest
import time_machine
from django.core.exceptions import ValidationError

from redress.casework.models import Deadline
from redress.mediation import services
from redress.mediation.models import FamilyChoice, MediationAttendee, MediationIssue, Outcome, Party
from redress.mediation.tests.factories import World, make_world, open_case, wishing_case
from redress.notifications.models import Message

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> World:
    return make_world()


def _deadline(child: object, rule: str) -> Deadline:
    return Deadline.objects.get(child=child, rule=rule)


def _travel(day: date) -> time_machine.travel:
    return time_machine.travel(day, tick=False)


def test_health_issues_start_the_commissioner_clock_over_easter(world: World) -> None:
    with _travel(date(2027, 3, 24)):
        case = open_case(
            world,
            notice=date(2027, 3, 1),
            contacted=date(2027, 3, 10),
            kinds=(MediationIssue.Kind.EDUCATION, MediationIssue.Kind.HEALTH),
        )
        services.mediation_choice_record(
            actor=world.adviser, case=case, choice=FamilyChoice.WISHES, on=date(2027, 3, 24)
        )
        services.mediation_la_told_record(actor=world.adviser, case=case, on=date(2027, 3, 24))
    notify = _deadline(world.child, "mediation.notify_health")
    # Thu 25, (Good Friday 26, Easter Monday 29 March), Tue 30, Wed 31 March 2027.
    assert notify.due == date(2027, 3, 31)
    held = _deadline(world.child, "mediation.held")
    assert held.due == date(2027, 4, 23) and held.actor == "local_authority"
    with _travel(date(2027, 3, 30)):
        services.mediation_health_notified_record(
            actor=world.adviser, case=case, commissioner=world.icb, on=date(2027, 3, 30)
        )
    assert _deadline(world.child, "mediation.notify_health").status == "met"


def test_a_health_only_mediation_runs_from_the_commissioners_notice(world: World) -> None:
    with _travel(date(2027, 3, 30)):
        case = open_case(
            world,
            notice=date(2027, 3, 1),
            contacted=date(2027, 3, 10),
            kinds=(MediationIssue.Kind.HEALTH,),
        )
        services.mediation_choice_record(
            actor=world.adviser, case=case, choice=FamilyChoice.WISHES, on=date(2027, 3, 24)
        )
        services.mediation_la_told_record(actor=world.adviser, case=case, on=date(2027, 3, 24))
        services.mediation_health_notified_record(
            actor=world.adviser, case=case, commissioner=world.icb, on=date(2027, 3, 30)
        )
    held = _deadline(world.child, "mediation.held")
    assert held.due == date(2027, 4, 29) and held.actor == "health_commissioner"
    assert case.arranged_by == "health_commissioner"


def test_the_confirmation_goes_to_every_attendee_and_stops_the_notice_clock(world: World) -> None:
    with _travel(date(2027, 4, 1)):
        case = wishing_case(world)
        services.mediation_meeting_schedule(
            actor=world.adviser,
            case=case,
            meeting_date=date(2027, 5, 5),
            start_time=time(10, 0),
            place="Northwick Library, meeting room 2",
        )
        notice = _deadline(world.child, "mediation.meeting_notice")
        # 5 working days before Wed 5 May, not counting the bank holiday on Mon 3 May.
        assert notice.due == date(2027, 4, 27) and notice.status == "pending"
        services.mediation_attendee_add(
            actor=world.adviser, case=case, role=MediationAttendee.Role.PARENT_OR_YOUNG_PERSON,
            name="Jo Example", proposed_by=Party.FAMILY, email="jo@example.invalid",
        )  # fmt: skip
        services.mediation_attendee_add(
            actor=world.adviser, case=case, role=MediationAttendee.Role.LA_OFFICER,
            name="Sam Officer", proposed_by=Party.LOCAL_AUTHORITY, user=world.caseworker,
        )  # fmt: skip
        services.mediation_attendee_add(
            actor=world.adviser, case=case, role=MediationAttendee.Role.MEDIATOR,
            name="Maya Mediator", proposed_by=Party.NONE,
        )  # fmt: skip
        sent = services.mediation_confirmation_send(actor=world.adviser, case=case)
    assert sorted(c.channel for c in sent) == ["letter", "notification", "notification"]
    messages = Message.objects.filter(template="mediation_meeting_confirmation")
    assert {m.to_address for m in messages} == {"jo@example.invalid", world.caseworker.email}
    body = messages.first().personalisation  # type: ignore[union-attr]
    assert body["meeting_date"] == "5 May 2027" and "not witnesses" in body["experts_statement"]
    notice = _deadline(world.child, "mediation.meeting_notice")
    assert notice.status == "met" and notice.met_on == date(2027, 4, 1)
    # A further attendee who has not had the confirmation reopens the clock.
    with _travel(date(2027, 4, 2)):
        services.mediation_attendee_add(
            actor=world.adviser, case=case, role=MediationAttendee.Role.SUPPORTER,
            name="Pat Supporter", proposed_by=Party.FAMILY,
        )  # fmt: skip
    assert _deadline(world.child, "mediation.meeting_notice").status == "pending"


def test_moving_the_meeting_keeps_the_old_date_and_owes_one_notice(world: World) -> None:
    with _travel(date(2027, 4, 1)):
        case = wishing_case(world)
        first = services.mediation_meeting_schedule(
            actor=world.adviser, case=case, meeting_date=date(2027, 4, 20),
            start_time=time(10, 0), video_link="https://video.example.invalid/room",
        )  # fmt: skip
        with pytest.raises(ValidationError) as refused:
            services.mediation_meeting_schedule(
                actor=world.adviser, case=case, meeting_date=date(2027, 5, 5),
                start_time=time(14, 0), place="Town hall",
            )  # fmt: skip
        assert "reschedule_reason" in refused.value.message_dict
        services.mediation_meeting_schedule(
            actor=world.adviser, case=case, meeting_date=date(2027, 5, 5),
            start_time=time(14, 0), place="Town hall", reschedule_reason="The officer is ill",
        )  # fmt: skip
    first.refresh_from_db()
    assert first.status == "rescheduled"
    notices = Deadline.objects.filter(child=world.child, rule="mediation.meeting_notice")
    assert [n.due for n in notices] == [date(2027, 4, 27)]


def test_held_and_concluded_starts_the_certificate_clock(world: World) -> None:
    with _travel(date(2027, 4, 1)):
        case = wishing_case(world)
        services.mediation_meeting_schedule(
            actor=world.adviser, case=case, meeting_date=date(2027, 4, 14),
            start_time=time(10, 0), place="Town hall",
        )  # fmt: skip
    with _travel(date(2027, 4, 16)):
        services.mediation_held_record(actor=world.adviser, case=case, held_on=date(2027, 4, 14))
        services.mediation_conclude(
            actor=world.adviser, case=case, concluded_on=date(2027, 4, 14),
            outcome=Outcome.NO_AGREEMENT,
        )  # fmt: skip
    assert _deadline(world.child, "mediation.held").status == "met"
    assert _deadline(world.child, "mediation.certificate_after").due == date(2027, 4, 19)


def test_a_meeting_held_earlier_than_arranged_keeps_the_arranged_date_as_moved(
    world: World,
) -> None:
    with _travel(date(2027, 4, 1)):
        case = wishing_case(world)
        meeting = services.mediation_meeting_schedule(
            actor=world.adviser, case=case, meeting_date=date(2027, 4, 14),
            start_time=time(10, 0), place="Town hall",
        )  # fmt: skip
    with _travel(date(2027, 4, 16)):
        held = services.mediation_held_record(
            actor=world.adviser, case=case, held_on=date(2027, 4, 13)
        )
    meeting.refresh_from_db()
    assert meeting.status == "rescheduled" and meeting.held_on is None
    assert held.pk != meeting.pk
    assert (held.status, held.meeting_date, held.held_on) == (
        "held", date(2027, 4, 13), date(2027, 4, 13),
    )  # fmt: skip
    assert case.current_meeting == held
