"""Running mediation all day: meetings recorded afterwards, cancelled, changed and re-confirmed,
short notice, warnings, reminders, certificates sent and standing on their own, the mediator's
meetings and calendar."""

from __future__ import annotations

import io
from datetime import date, time

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from docx import Document

from redress.bankholidays.models import BankHolidayOverride
from redress.casework.models import Deadline
from redress.mediation import schedule, selectors_meetings, services
from redress.mediation.documents import certificate_context, confirmation_context
from redress.mediation.models import (
    FamilyChoice,
    MediationAttendee,
    MediatorAvailability,
    MeetingConfirmation,
    Party,
)
from redress.mediation.tests.factories import World, make_world, open_case
from redress.notifications.calendar_feed import events_for
from redress.notifications.models import Message

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> World:
    return make_world()


def _travel(day: date) -> time_machine.travel:
    return time_machine.travel(day, tick=False)


def _wishing(world: World) -> object:
    case = open_case(world, notice=date(2027, 3, 1), contacted=date(2027, 3, 10))
    services.mediation_choice_record(
        actor=world.adviser, case=case, choice=FamilyChoice.WISHES, on=date(2027, 3, 24)
    )
    services.mediation_la_told_record(actor=world.adviser, case=case, on=date(2027, 3, 24))
    return case


def _people(world: World, case: object) -> None:
    services.mediation_attendee_add(
        actor=world.adviser, case=case, role=MediationAttendee.Role.PARENT_OR_YOUNG_PERSON,
        name="Jo Example", proposed_by=Party.FAMILY, email="jo@example.invalid",
    )  # fmt: skip
    services.mediation_attendee_add(
        actor=world.adviser, case=case, role=MediationAttendee.Role.MEDIATOR,
        name="Maya Mediator", proposed_by=Party.NONE, email="maya@example.invalid",
    )  # fmt: skip


def test_a_meeting_held_yesterday_is_recorded_afterwards(world: World) -> None:
    with _travel(date(2027, 4, 8)):
        case = _wishing(world)
        held = services.mediation_held_record(
            actor=world.mediator, case=case, held_on=date(2027, 4, 7),
            start_time=time(10, 0), place="Town hall",
        )  # fmt: skip
    assert (held.status, held.meeting_date, held.held_on) == ("held", date(2027, 4, 7),
                                                               date(2027, 4, 7))  # fmt: skip
    held_row = Deadline.objects.get(child=world.child, rule="mediation.held")
    assert held_row.met_on == date(2027, 4, 7)


def test_a_meeting_can_be_arranged_for_a_past_date(world: World) -> None:
    with _travel(date(2027, 4, 8)):
        case = _wishing(world)
        meeting = services.mediation_meeting_schedule(
            actor=world.adviser, case=case, meeting_date=date(2027, 4, 6),
            start_time=time(10, 0), place="Town hall",
        )  # fmt: skip
    assert meeting.meeting_date == date(2027, 4, 6)


def test_cancelling_tells_everyone_confirmed_and_keeps_the_meeting(world: World) -> None:
    with _travel(date(2027, 4, 1)):
        case = _wishing(world)
        services.mediation_meeting_schedule(
            actor=world.adviser, case=case, meeting_date=date(2027, 5, 5),
            start_time=time(10, 0), place="Town hall",
        )  # fmt: skip
        _people(world, case)
        services.mediation_confirmation_send(actor=world.adviser, case=case)
        meeting = schedule.mediation_meeting_cancel(
            actor=world.adviser, case=case, reason="The family asked to postpone"
        )
    assert meeting.status == "cancelled" and meeting.cancelled_on == date(2027, 4, 1)
    assert case.current_meeting is None
    cancelled = Message.objects.filter(template="mediation_meeting_cancelled")
    assert {m.to_address for m in cancelled} == {"jo@example.invalid", "maya@example.invalid"}
    assert "It is cancelled." in cancelled.first().personalisation["what_happens"]  # type: ignore[union-attr]
    with pytest.raises(ValidationError):
        schedule.mediation_meeting_cancel(actor=world.adviser, case=case, reason="again")


def test_a_moved_meeting_sends_a_notice_to_those_confirmed(world: World) -> None:
    with _travel(date(2027, 4, 1)):
        case = _wishing(world)
        services.mediation_meeting_schedule(
            actor=world.adviser, case=case, meeting_date=date(2027, 5, 5),
            start_time=time(10, 0), place="Town hall",
        )  # fmt: skip
        _people(world, case)
        services.mediation_confirmation_send(actor=world.adviser, case=case)
        services.mediation_meeting_schedule(
            actor=world.adviser, case=case, meeting_date=date(2027, 5, 12),
            start_time=time(10, 0), place="Town hall", reschedule_reason="Mediator ill",
        )  # fmt: skip
    moved = Message.objects.filter(template="mediation_meeting_cancelled")
    assert moved.count() == 2
    assert "12 May 2027" in moved.first().personalisation["what_happens"]  # type: ignore[union-attr]


def test_confirmations_are_sent_again_to_everyone_after_an_attendee_is_added(
    world: World,
) -> None:
    with _travel(date(2027, 4, 1)):
        case = _wishing(world)
        services.mediation_meeting_schedule(
            actor=world.adviser, case=case, meeting_date=date(2027, 5, 5),
            start_time=time(10, 0), place="Town hall",
        )  # fmt: skip
        _people(world, case)
        services.mediation_confirmation_send(actor=world.adviser, case=case)
    with _travel(date(2027, 4, 2)):
        services.mediation_attendee_add(
            actor=world.adviser, case=case, role=MediationAttendee.Role.LAWYER,
            name="Lee Lawyer", proposed_by=Party.FAMILY, email="lee@example.invalid",
        )  # fmt: skip
        sent = services.mediation_confirmation_send(actor=world.adviser, case=case, resend=True)
    assert sorted(c.kind for c in sent) == ["confirmation", "resent", "resent"]
    to_jo = Message.objects.filter(
        template="mediation_meeting_confirmation", to_address="jo@example.invalid"
    )
    assert to_jo.count() == 2
    assert "Lee Lawyer" in to_jo.order_by("-id").first().personalisation["attendees"]  # type: ignore[union-attr]


def test_changing_the_time_resends_and_reopens_the_notice(world: World) -> None:
    with _travel(date(2027, 4, 1)):
        case = _wishing(world)
        services.mediation_meeting_schedule(
            actor=world.adviser, case=case, meeting_date=date(2027, 5, 5),
            start_time=time(10, 0), place="Town hall",
        )  # fmt: skip
        _people(world, case)
        services.mediation_confirmation_send(actor=world.adviser, case=case)
    with _travel(date(2027, 4, 6)):
        meeting = schedule.mediation_meeting_details_change(
            actor=world.adviser, case=case, start_time=time(13, 0), end_time=time(16, 0),
            place="Town hall", video_link="https://meet.example.invalid/abc",
        )  # fmt: skip
    meeting.refresh_from_db()
    assert meeting.confirmation_sent_on == date(2027, 4, 6)
    latest = Message.objects.filter(
        template="mediation_meeting_confirmation", to_address="jo@example.invalid"
    ).order_by("-id")[0]
    body = latest.personalisation
    assert (body["start_time"], body["end_time"]) == ("13:00", "16:00")
    assert "Town hall" in body["place"] and "https://meet.example.invalid/abc" in body["place"]
    assert body["case_name"].startswith(
        f"{world.child.first_name[0]}{world.child.last_name[0]}".upper()
    )


def test_access_needs_go_only_to_the_mediator(world: World) -> None:
    with _travel(date(2027, 4, 1)):
        case = _wishing(world)
        services.mediation_meeting_schedule(
            actor=world.adviser, case=case, meeting_date=date(2027, 5, 5),
            start_time=time(10, 0), place="Town hall", accessibility_needs="Step-free access",
        )  # fmt: skip
        _people(world, case)
        services.mediation_confirmation_send(actor=world.adviser, case=case)
    bodies = {
        m.to_address: m.personalisation["accessibility"]
        for m in Message.objects.filter(template="mediation_meeting_confirmation")
    }
    assert bodies["maya@example.invalid"] == "Step-free access"
    assert "Step-free" not in bodies["jo@example.invalid"]


def test_the_family_consent_to_short_notice_meets_the_notice(world: World) -> None:
    with _travel(date(2027, 4, 1)):
        case = _wishing(world)
        services.mediation_meeting_schedule(
            actor=world.adviser, case=case, meeting_date=date(2027, 4, 12),
            start_time=time(10, 0), place="Town hall",
        )  # fmt: skip
        _people(world, case)  # no confirmation sent yet
        schedule.short_notice_consent_record(
            actor=world.adviser, case=case, on=date(2027, 4, 1), given_by="Jo Example"
        )
    notice = Deadline.objects.get(child=world.child, rule="mediation.meeting_notice")
    assert notice.status == "met" and notice.met_on == date(2027, 4, 1)


def test_consent_to_short_notice_excuses_a_meeting_arranged_too_late_for_5_working_days(
    world: World,
) -> None:
    with _travel(date(2027, 4, 8)):
        case = _wishing(world)
        services.mediation_meeting_schedule(
            actor=world.adviser, case=case, meeting_date=date(2027, 4, 12),
            start_time=time(10, 0), place="Town hall",
        )  # fmt: skip
        _people(world, case)
        schedule.short_notice_consent_record(
            actor=world.adviser, case=case, on=date(2027, 4, 8), given_by="Jo Example"
        )
    notice = Deadline.objects.get(child=world.child, rule="mediation.meeting_notice")
    assert notice.status == "excepted"


def test_warnings_for_bank_holidays_weekends_hours_far_dates_and_availability(
    world: World,
) -> None:
    with _travel(date(2027, 4, 1)):
        case = _wishing(world)
        services.mediation_assign(actor=world.adviser, case=case, mediator=world.mediator)
        case.refresh_from_db()
        # Easter Monday 2027 is 29 March; the May bank holiday is 3 May.
        assert any("bank holiday" in w for w in schedule.meeting_warnings(
            case, date(2027, 5, 3), time(10, 0)))  # fmt: skip
        assert any("weekend" in w for w in schedule.meeting_warnings(
            case, date(2027, 5, 8), time(10, 0)))  # fmt: skip
        assert any("working hours" in w for w in schedule.meeting_warnings(
            case, date(2027, 5, 5), time(17, 30)))  # fmt: skip
        assert any("year ahead" in w for w in schedule.meeting_warnings(
            case, date(2028, 5, 5), time(10, 0)))  # fmt: skip
        assert schedule.meeting_warnings(case, date(2027, 5, 5), time(10, 0)) == []
        # An administrator's added holiday counts too.
        BankHolidayOverride.objects.create(
            date=date(2027, 5, 5), action="add", name="Royal occasion", reason="Proclaimed"
        )
        assert any("Royal occasion" in w for w in schedule.meeting_warnings(
            case, date(2027, 5, 5), time(10, 0)))  # fmt: skip
        MediatorAvailability.objects.create(
            mediator=world.mediator, weekday=1, start_time=time(9), end_time=time(13)
        )
        assert any("not available" in w for w in schedule.meeting_warnings(
            case, date(2027, 5, 6), time(10, 0)))  # fmt: skip
        assert not any("not available" in w for w in schedule.meeting_warnings(
            case, date(2027, 5, 4), time(10, 0), time(12, 0)))  # fmt: skip


def test_the_case_prompts_cannot_be_arranged_when_the_30_days_run_out(world: World) -> None:
    with _travel(date(2027, 4, 1)):
        case = _wishing(world)
        assert schedule.not_arranged_prompt(case) is None
    with _travel(date(2027, 4, 20)):
        row = schedule.not_arranged_prompt(case)
        assert row is not None and row.rule == "mediation.held"


def test_reminders_go_the_day_before_once(world: World) -> None:
    with _travel(date(2027, 4, 1)):
        case = _wishing(world)
        services.mediation_meeting_schedule(
            actor=world.adviser, case=case, meeting_date=date(2027, 5, 5),
            start_time=time(10, 0), place="Town hall",
        )  # fmt: skip
        _people(world, case)
        services.mediation_confirmation_send(actor=world.adviser, case=case)
    assert schedule.mediation_reminders_send(today=date(2027, 5, 3)).notices == 0
    assert schedule.mediation_reminders_send(today=date(2027, 5, 4)).notices == 2
    assert schedule.mediation_reminders_send(today=date(2027, 5, 4)).notices == 0
    assert Message.objects.filter(template="mediation_meeting_reminder").count() == 2
    assert MeetingConfirmation.objects.filter(kind="reminder").count() == 2


def test_no_letter_to_a_child_under_16_unless_the_mediator_decided(world: World) -> None:
    world.child.date_of_birth = date(2015, 6, 1)
    world.child.save()
    with _travel(date(2027, 4, 1)):
        case = _wishing(world)
        services.mediation_attendee_add(
            actor=world.adviser, case=case, role=MediationAttendee.Role.CHILD,
            name="The child", proposed_by=Party.FAMILY,
        )  # fmt: skip
        services.mediation_child_views_record(
            actor=world.adviser, case=case, views="", gathered_on=None,
            parent_agrees=True, mediator_agrees=False,
        )  # fmt: skip
        assert not [
            a for a in selectors_meetings.confirmation_recipients(case) if a.role == "child"
        ]


def _certificate_case(world: World) -> tuple[object, object]:
    with _travel(date(2027, 4, 8)):
        case = _wishing(world)
        services.mediation_assign(actor=world.adviser, case=case, mediator=world.mediator)
        case.refresh_from_db()
        services.mediation_held_record(
            actor=world.mediator, case=case, held_on=date(2027, 4, 7),
            start_time=time(10, 0), place="Town hall",
        )  # fmt: skip
        services.mediation_conclude(
            actor=world.mediator, case=case, concluded_on=date(2027, 4, 7), outcome="no_agreement"
        )
        certificate = services.mediation_certificate_issue(
            actor=world.adviser, case=case, reason="after_mediation", issued_on=date(2027, 4, 8)
        )
    return case, certificate


def test_a_certificate_stands_on_its_own(world: World) -> None:
    case, certificate = _certificate_case(world)
    context = certificate_context(case, certificate)  # type: ignore[arg-type]
    assert context["family_names"] == "Jo Example"
    assert context["child_name"] == world.child.full_name
    assert context["date_of_birth"]
    assert context["reference"] == f"MED-{case.pk:05d}"  # type: ignore[attr-defined]
    assert context["mediation_date"] == "7 April 2027"
    assert context["signatory"] == world.adviser.display_name
    assert "last day to appeal" in context["appeal_sentence"]
    assert "Plan" in context["decision"] or context["decision"]


def test_a_certificate_is_sent_to_the_family_and_the_sending_recorded(world: World) -> None:
    case, certificate = _certificate_case(world)
    with _travel(date(2027, 4, 9)):
        with pytest.raises(PermissionDenied):
            schedule.certificate_send(actor=world.caseworker, certificate=certificate)
        sent = schedule.certificate_send(actor=world.adviser, certificate=certificate)
        with pytest.raises(ValidationError):
            schedule.certificate_send(actor=world.adviser, certificate=certificate)
    assert (sent.sent_on, sent.sent_channel, sent.sent_to) == (
        date(2027, 4, 9), "notification", "Jo Example",
    )  # fmt: skip
    message = Message.objects.get(template="mediation_certificate_sent")
    assert message.to_address == world.parent.email
    assert f"/mediation/{case.pk}/certificates/" in message.personalisation["certificate_url"]  # type: ignore[attr-defined]


def test_the_confirmation_letter_names_the_case_and_carries_an_address(world: World) -> None:
    with _travel(date(2027, 4, 1)):
        case = _wishing(world)
        services.mediation_meeting_schedule(
            actor=world.adviser, case=case, meeting_date=date(2027, 5, 5),
            start_time=time(10, 0), end_time=time(13, 0), place="Town hall",
        )  # fmt: skip
        attendee = services.mediation_attendee_add(
            actor=world.adviser, case=case, role=MediationAttendee.Role.PARENT_OR_YOUNG_PERSON,
            name="Jo Example", proposed_by=Party.FAMILY, address="1 High Street\nNorthwick",
        )  # fmt: skip
        context = confirmation_context(case, attendee)  # type: ignore[arg-type]
    assert "1 High Street" in str(context["recipient_address"])
    assert context["end_time"] == "13:00"
    assert "MED-" in context["case_name"] and world.child.last_name not in context["case_name"]


def test_shared_documents_open_for_those_they_were_shared_with(world: World, settings) -> None:  # type: ignore[no-untyped-def]
    import tempfile

    settings.MEDIA_ROOT = tempfile.mkdtemp()
    with _travel(date(2027, 4, 1)):
        case = _wishing(world)
        la = services.mediation_attendee_add(
            actor=world.adviser, case=case, role=MediationAttendee.Role.LA_OFFICER,
            name="Sam Officer", proposed_by=Party.LOCAL_AUTHORITY, user=world.caseworker,
        )  # fmt: skip
        pdf = SimpleUploadedFile(
            "report.pdf",
            b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer<<>>\n%%EOF\n",
            content_type="application/pdf",
        )
        doc = services.shared_document_add(
            actor=world.adviser, case=case, title="OT report", shared_on=date(2027, 4, 1),
            shared_with=[la], document=pdf,
        )  # fmt: skip
        url = reverse("mediation:shared-document", args=[case.pk, doc.pk])  # type: ignore[attr-defined]
        officer = Client()
        officer.force_login(world.caseworker)
        assert officer.get(url).status_code == 200
        family = Client()
        family.force_login(world.parent)
        assert family.get(url).status_code == 404
        assert [t for t, _ in schedule.documents_for(la)] == ["OT report"]


def test_the_mediator_sees_their_meetings_and_their_calendar_feed(world: World) -> None:
    with _travel(date(2027, 5, 3)):
        case = _wishing(world)
        services.mediation_assign(actor=world.adviser, case=case, mediator=world.mediator)
        case.refresh_from_db()
        services.mediation_meeting_schedule(
            actor=world.adviser, case=case, meeting_date=date(2027, 5, 5),
            start_time=time(10, 0), end_time=time(13, 0), place="Town hall",
        )  # fmt: skip
        client = Client()
        client.force_login(world.mediator)
        page = client.get(reverse("mediation:my-meetings")).content.decode()
        assert "Town hall" in page and "Pre-mediation calls held" in page
        assert (
            "Town hall"
            not in client.get(reverse("mediation:my-meetings") + "?period=day").content.decode()
        )
        feed = [
            e for e in events_for(world.mediator, base_url="http://x") if "Mediation" in e.summary
        ]
        assert len(feed) == 1 and feed[0].location == "Town hall"
        assert world.child.last_name not in feed[0].summary
        other = Client()
        other.force_login(world.caseworker)
        assert other.get(reverse("mediation:my-meetings")).status_code == 404


def test_the_case_page_links_to_writing_the_agreement_and_expenses(world: World) -> None:
    with _travel(date(2027, 4, 8)):
        case = _wishing(world)
        services.mediation_held_record(
            actor=world.mediator, case=case, held_on=date(2027, 4, 7),
            start_time=time(10, 0), place="Town hall",
        )  # fmt: skip
        services.mediation_conclude(
            actor=world.mediator, case=case, concluded_on=date(2027, 4, 7), outcome="partial"
        )
        client = Client()
        client.force_login(world.mediator)
        page = client.get(reverse("mediation:case-detail", args=[case.pk])).content.decode()  # type: ignore[attr-defined]
    assert reverse("agreements:case", args=[case.pk]) in page  # type: ignore[attr-defined]
    assert "Write the agreement" in page
    assert reverse("agreements:case-expenses", args=[case.pk]) in page  # type: ignore[attr-defined]


def _docx_text(content: bytes) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(content)).paragraphs)


def test_the_case_asks_to_send_again_when_an_attendee_joins_after_the_confirmation(
    world: World,
) -> None:
    with _travel(date(2027, 4, 1)):
        case = _wishing(world)
        services.mediation_meeting_schedule(
            actor=world.adviser, case=case, meeting_date=date(2027, 5, 5),
            start_time=time(10, 0), place="Town hall",
        )  # fmt: skip
        _people(world, case)
        services.mediation_confirmation_send(actor=world.adviser, case=case)
        services.mediation_attendee_add(
            actor=world.adviser, case=case, role=MediationAttendee.Role.LAWYER,
            name="Lee Lawyer", proposed_by=Party.FAMILY, email="lee@example.invalid",
        )  # fmt: skip
        client = Client()
        client.force_login(world.adviser)
        page = client.get(reverse("mediation:case-detail", args=[case.pk])).content.decode()  # type: ignore[attr-defined]
    assert "Not yet sent the confirmation: Lee Lawyer" in page
