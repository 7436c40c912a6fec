"""Mediation steps as a user meets them: each step's deadline from the engine (with awkward dates:
Christmas, Easter, a May bank holiday), refusals that change nothing, the family's lawyer, the
confirmation, reg 38 decisions, recordings and the authority warning."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, time

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from redress.casework.deadlines import events_for_child
from redress.casework.models import CaseEvent, Deadline
from redress.core.versions import ConcurrentEditError
from redress.mediation import selectors, services
from redress.mediation.models import (
    AttendeeConsent,
    Exemption,
    FamilyChoice,
    MediationAttendee,
    MediationCaseEntry,
    MediationCertificate,
    MediationIssue,
    Outcome,
    Party,
    PreMediationCall,
    RecordingRequest,
)
from redress.mediation.tests.factories import World, make_world, open_case
from redress.notifications.models import Message

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> World:
    return make_world()


def _deadline(child: object, rule: str) -> Deadline:
    return Deadline.objects.get(child=child, rule=rule)


def _travel(day: date) -> time_machine.travel:
    return time_machine.travel(day, tick=False)


@pytest.fixture
def after_christmas() -> Iterator[None]:
    with _travel(date(2027, 1, 6)):
        yield


def test_a_declined_certificate_is_due_after_the_christmas_holidays(
    world: World, after_christmas: None
) -> None:
    case = open_case(world)
    services.mediation_choice_record(
        actor=world.adviser, case=case, choice=FamilyChoice.DECLINED, on=date(2026, 12, 23)
    )
    due = _deadline(world.child, "mediation.certificate_declined")
    # Thu 24, (Fri 25 Christmas, Mon 28 Boxing Day substitute), Tue 29, Wed 30 December.
    assert due.due == date(2026, 12, 30) and due.status == "overdue"
    services.mediation_certificate_issue(
        actor=world.adviser,
        case=case,
        reason=MediationCertificate.Reason.DECLINED,
        issued_on=date(2026, 12, 30),
    )
    due = _deadline(world.child, "mediation.certificate_declined")
    assert due.status == "met" and due.met_on == date(2026, 12, 30)
    appeal = _deadline(world.child, "appeal.lodge")
    # 1 month from the certificate is Sat 30 January 2027, moved to Monday (HESC r.12(2)).
    assert appeal.due == date(2027, 2, 1)


def test_a_certificate_needs_its_start_and_is_refused_when_exempt(
    world: World, after_christmas: None
) -> None:
    case = open_case(world)
    with pytest.raises(ValidationError) as refused:
        services.mediation_certificate_issue(
            actor=world.adviser,
            case=case,
            reason=MediationCertificate.Reason.AFTER_MEDIATION,
            issued_on=date(2026, 12, 1),
        )
    assert "Record first that the mediation concluded." in refused.value.message_dict["reason"]
    services.mediation_exemption_record(
        actor=world.adviser, case=case, exemption=Exemption.SCHOOL_ONLY, on=date(2026, 10, 5)
    )
    services.mediation_choice_record(
        actor=world.adviser, case=case, choice=FamilyChoice.DECLINED, on=date(2026, 10, 5)
    )
    with pytest.raises(ValidationError) as refused:
        services.mediation_certificate_issue(
            actor=world.adviser,
            case=case,
            reason=MediationCertificate.Reason.DECLINED,
            issued_on=date(2026, 10, 6),
        )
    assert "No certificate is needed" in refused.value.message_dict["reason"][0]
    assert not case.certificates.exists()
    # The engine hears the notice without a certificate: no clock to contact the adviser.
    notices = [e for e in events_for_child(world.child) if e["type"] == "decision_notice_sent"]
    assert notices == [
        {
            "type": "decision_notice_sent",
            "date": "2026-10-01",
            "certificate_required": False,
            "ref": f"mediation_case-{case.pk}",
        }
    ]
    assert not Deadline.objects.filter(child=world.child, rule="mediation.contact_adviser")


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


def _wishing_case(world: World) -> object:
    case = open_case(world, notice=date(2027, 3, 1), contacted=date(2027, 3, 10))
    services.mediation_choice_record(
        actor=world.adviser, case=case, choice=FamilyChoice.WISHES, on=date(2027, 3, 24)
    )
    services.mediation_la_told_record(actor=world.adviser, case=case, on=date(2027, 3, 24))
    return case


def test_the_confirmation_goes_to_every_attendee_and_stops_the_notice_clock(world: World) -> None:
    with _travel(date(2027, 4, 1)):
        case = _wishing_case(world)
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
        case = _wishing_case(world)
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


def test_the_family_lawyer_tells_the_la_and_adds_the_lawyer_call(world: World) -> None:
    with _travel(date(2027, 4, 1)):
        case = _wishing_case(world)
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
        case = _wishing_case(world)
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
        case = _wishing_case(world)
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


def test_a_recording_is_refused_unless_every_condition_is_met(world: World) -> None:
    with _travel(date(2027, 4, 1)):
        case = _wishing_case(world)
        services.mediation_assign(actor=world.adviser, case=case, mediator=world.mediator)
        request = services.recording_request_record(
            actor=world.adviser, case=case, requested_by=Party.FAMILY,
            requested_on=date(2027, 4, 1), reasonable_adjustment=True,
            adjustment_reason="The parent has a memory impairment",
        )  # fmt: skip
        assert request.status == RecordingRequest.Status.REFUSED
        with pytest.raises(ValidationError) as refused:
            services.recording_request_decide(
                actor=world.mediator, request=request, other_party_consents=False,
                mediator_approves=True, purpose="", who_may_access="", retention="",
            )  # fmt: skip
        assert {"other_party_consents", "purpose", "who_may_access", "retention"} <= set(
            refused.value.message_dict
        )
        request.refresh_from_db()
        assert request.status == RecordingRequest.Status.REFUSED
        services.recording_request_decide(
            actor=world.mediator, request=request, other_party_consents=True,
            mediator_approves=True, purpose="For the parent to listen to again",
            who_may_access="The parent only", retention="Deleted 3 months after the meeting",
        )  # fmt: skip
    request.refresh_from_db()
    assert request.status == RecordingRequest.Status.ALLOWED


def test_authority_warning_starts_two_working_days_before_the_meeting(world: World) -> None:
    with _travel(date(2027, 4, 1)):
        case = _wishing_case(world)
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


def test_held_and_concluded_starts_the_certificate_clock(world: World) -> None:
    with _travel(date(2027, 4, 1)):
        case = _wishing_case(world)
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


def test_a_meeting_held_earlier_than_arranged_keeps_the_arranged_date_as_moved(
    world: World,
) -> None:
    with _travel(date(2027, 4, 1)):
        case = _wishing_case(world)
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


def test_certificates_due_are_listed_for_the_provider_only(
    world: World, after_christmas: None
) -> None:
    case = open_case(world)
    services.mediation_choice_record(
        actor=world.adviser, case=case, choice=FamilyChoice.DECLINED, on=date(2027, 1, 5)
    )
    due = selectors.certificate_deadlines_visible_to(world.adviser)
    assert [(d.rule, d.due) for d in due] == [("mediation.certificate_declined", date(2027, 1, 8))]
    assert not selectors.certificate_deadlines_visible_to(make_world(name="Southby").adviser)


def test_a_shared_document_gets_the_same_real_file_check_as_every_other_upload(
    world: World,
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from redress.mediation.models import SharedDocument

    with _travel(date(2026, 10, 20)):
        case = open_case(world)
        attendee = services.mediation_attendee_add(
            actor=world.adviser, case=case, role=MediationAttendee.Role.PARENT_OR_YOUNG_PERSON,
            name="Jo Example", proposed_by=Party.FAMILY, email="jo@example.invalid",
        )  # fmt: skip
        renamed = SimpleUploadedFile("report.pdf", b"just some text, not a PDF")
        with pytest.raises(ValidationError) as refused:
            services.shared_document_add(
                actor=world.adviser, case=case, title="School report",
                shared_on=date(2026, 10, 19), shared_with=[attendee], document=renamed,
            )  # fmt: skip
        assert "not a real PDF" in str(refused.value.message_dict["document"])
        assert not SharedDocument.objects.exists()
        empty = SimpleUploadedFile("notes.txt", b"")
        with pytest.raises(ValidationError, match="empty"):
            services.shared_document_add(
                actor=world.adviser, case=case, title="Notes",
                shared_on=date(2026, 10, 19), shared_with=[attendee], document=empty,
            )  # fmt: skip
