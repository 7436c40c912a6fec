"""The mediation pages as people use them: opening a case, recording steps, refusals shown in an
error summary with the input kept, forged ids, stale forms, the certificate download and the
provider's policy page."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, time
from io import BytesIO
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from docx import Document

from redress.mediation import services
from redress.mediation.models import (
    FamilyChoice,
    MediationAttendee,
    MediationCase,
    MediationCertificate,
    MediationPolicy,
    Party,
)
from redress.mediation.tests.factories import World, make_world, open_case

pytestmark = pytest.mark.django_db

TODAY = date(2027, 1, 6)


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def world() -> World:
    return make_world()


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _date(prefix: str, day: date) -> dict[str, str]:
    return {f"{prefix}_day": str(day.day), f"{prefix}_month": str(day.month),
            f"{prefix}_year": str(day.year)}  # fmt: skip


def _step(case: MediationCase, slug: str, obj: int | None = None) -> str:
    if obj is None:
        return reverse("mediation:step", args=[case.pk, slug])
    return reverse("mediation:record-step", args=[case.pk, slug, obj])


def test_the_adviser_opens_a_case_for_a_child_of_a_served_authority(world: World) -> None:
    client = _client(world.adviser)
    listing = client.get(reverse("mediation:case-list"))
    assert "New case" in listing.content.decode()
    form = client.get(reverse("mediation:case-new")).content.decode()
    assert world.child.full_name in form
    response = client.post(
        reverse("mediation:case-new"),
        {
            "provider": world.provider.pk, "child": world.child.pk, "decision": "plan_contents",
            **_date("decision_notice_date", date(2026, 12, 1)),
            **_date("adviser_contacted_on", date(2026, 12, 2)),
            "kind": "education", "description": "Section F: hours of support",
        },
    )  # fmt: skip
    case = MediationCase.objects.get()
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Section F: hours of support" in page
    assert "Contact the mediation adviser before appealing" in page  # the engine's deadline row
    assert case.adviser == world.adviser


def test_a_child_of_another_authority_is_refused_on_the_form(world: World) -> None:
    other = make_world(name="Southby")
    client = _client(world.adviser)
    response = client.post(
        reverse("mediation:case-new"),
        {
            "provider": world.provider.pk, "child": other.child.pk, "decision": "plan_contents",
            **_date("decision_notice_date", date(2026, 12, 1)),
            **_date("adviser_contacted_on", date(2026, 12, 2)),
            "kind": "education", "description": "Section F",
        },
    )  # fmt: skip
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    assert not MediationCase.objects.exists()


def test_recording_the_familys_choice_shows_the_certificate_deadline(world: World) -> None:
    case = open_case(world)
    client = _client(world.adviser)
    response = client.post(
        _step(case, "choice"),
        {"version": case.version, "choice": "declined", **_date("on", date(2026, 12, 23))},
        follow=True,
    )
    page = response.content.decode()
    assert "Issue the certificate when the family does not wish to mediate" in page
    assert "30 December 2026" in page


def test_a_refused_step_keeps_the_input_in_an_error_summary(world: World) -> None:
    case = open_case(world)
    client = _client(world.adviser)
    response = client.post(
        _step(case, "certificate"),
        {"version": case.version, "reason": "after_mediation", **_date("issued_on", TODAY)},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page and "Record first that the mediation concluded." in page
    assert 'value="after_mediation" checked' in page
    assert not case.certificates.exists()


def test_a_stale_form_is_refused_and_the_input_kept(world: World) -> None:
    case = open_case(world)
    stale = case.version
    services.mediation_choice_record(
        actor=world.case_manager, case=case, choice=FamilyChoice.WISHES, on=date(2026, 10, 6)
    )
    response = _client(world.adviser).post(
        _step(case, "choice"),
        {"version": stale, "choice": "declined", **_date("on", date(2026, 10, 7))},
    )
    page = response.content.decode()
    assert "Someone else changed this case" in page
    assert 'value="declined" checked' in page
    case.refresh_from_db()
    assert case.family_choice == FamilyChoice.WISHES


def test_a_forged_attendee_of_another_case_is_not_found(world: World) -> None:
    case = open_case(world)
    other = make_world(name="Southby")
    other_case = open_case(other)
    services.mediation_choice_record(
        actor=other.adviser, case=other_case, choice="wishes", on=date(2026, 10, 6)
    )
    foreign = services.mediation_attendee_add(
        actor=other.adviser, case=other_case, role=MediationAttendee.Role.PROFESSIONAL_EXPERT,
        name="Dr Other", proposed_by=Party.LOCAL_AUTHORITY,
    )  # fmt: skip
    client = _client(world.adviser)
    response = client.post(
        _step(case, "consent", foreign.pk),
        {"version": case.version, "party": "family", "answer": "agrees", **_date("on", TODAY)},
    )
    assert response.status_code == 404
    assert not foreign.consents.exists()
    # Nor may the adviser open the other provider's case at all.
    assert client.get(reverse("mediation:case-detail", args=[other_case.pk])).status_code == 403


def test_the_family_sees_their_case_but_cannot_record_a_step(world: World) -> None:
    case = open_case(world)
    client = _client(world.parent)
    page = client.get(reverse("mediation:case-detail", args=[case.pk])).content.decode()
    assert "Mediation for" in page and "Record whether the family wishes" not in page
    response = client.post(
        _step(case, "choice"), {"version": case.version, "choice": "declined", **_date("on", TODAY)}
    )
    assert response.status_code == 403
    case.refresh_from_db()
    assert case.family_choice == FamilyChoice.UNDECIDED


def test_the_certificate_downloads_as_a_word_document_with_the_appeal_date(world: World) -> None:
    case = open_case(world)
    services.mediation_choice_record(
        actor=world.adviser, case=case, choice="declined", on=date(2026, 12, 23)
    )
    certificate = services.mediation_certificate_issue(
        actor=world.adviser, case=case, reason=MediationCertificate.Reason.DECLINED,
        issued_on=date(2026, 12, 30),
    )  # fmt: skip
    response = _client(world.parent).get(
        reverse("mediation:certificate-document", args=[case.pk, certificate.pk])
    )
    assert response.status_code == 200
    text = "\n".join(p.text for p in Document(BytesIO(response.content)).paragraphs)
    assert "Issued on 30 December 2026" in text
    assert "by 1 February 2027" in text  # the engine's appeal.lodge row
    assert "reg 34(1)" in text


def test_only_the_case_manager_may_change_the_policy(world: World) -> None:
    url = reverse("mediation:policy", args=[world.provider.pk])
    data = {"attendee_agreement": "case_manager_confirms", "case_manager_sees_notes": "on"}
    assert _client(world.adviser).post(url, data).status_code == 403
    assert _client(world.caseworker).get(url).status_code == 403
    assert "Save the policy" not in _client(world.mediator).get(url).content.decode()
    response = _client(world.case_manager).post(url, data)
    assert response.status_code == 302
    policy = MediationPolicy.objects.get(provider=world.provider)
    assert policy.case_manager_sees_notes and not policy.follows_up_agreements


def test_the_case_page_warns_when_authority_is_not_confirmed(world: World) -> None:
    case = open_case(world, notice=date(2026, 12, 1), contacted=date(2026, 12, 2))
    services.mediation_choice_record(actor=world.adviser, case=case, choice="wishes", on=TODAY)
    services.mediation_la_told_record(actor=world.adviser, case=case, on=TODAY)
    client = _client(world.adviser)
    client.post(
        _step(case, "schedule"),
        {"version": case.version + 0, **_date("meeting_date", date(2027, 1, 8)),
         "start_time": "10:00", "place": "Town hall"},
    )  # fmt: skip
    case.refresh_from_db()
    client.post(
        _step(case, "attendee"),
        {"version": case.version, "role": "la_officer", "name": "Sam Officer",
         "proposed_by": "local_authority"},
    )  # fmt: skip
    page = client.get(reverse("mediation:case-detail", args=[case.pk])).content.decode()
    # Fri 8 January 2027: two working days before is Wed 6 January, today.
    assert "Authority to settle is not confirmed for" in page and "6 January 2027" in page


def test_the_la_caseworker_reaches_the_childs_mediation_from_the_case_page(world: World) -> None:
    case = open_case(world)
    other_child_case = open_case(make_world(name="Southby"))
    client = _client(world.caseworker)
    page = client.get(reverse("casework:case-detail", args=[world.child.pk])).content.decode()
    link = f"{reverse('mediation:case-list')}?child={world.child.pk}"
    assert link in page
    listing = client.get(link).content.decode()
    assert reverse("mediation:case-detail", args=[case.pk]) in listing
    assert reverse("mediation:case-detail", args=[other_child_case.pk]) not in listing


def test_the_family_page_links_to_their_mediation(world: World) -> None:
    case = open_case(world)
    page = _client(world.parent).get(reverse("family:case", args=[world.child.pk]))
    assert reverse("mediation:case-detail", args=[case.pk]) in page.content.decode()


def test_the_confirmation_letter_states_an_allowed_recordings_terms(world: World) -> None:
    case = open_case(world, notice=date(2026, 12, 1), contacted=date(2026, 12, 2))
    services.mediation_choice_record(actor=world.adviser, case=case, choice="wishes", on=TODAY)
    services.mediation_assign(actor=world.adviser, case=case, mediator=world.mediator)
    services.mediation_meeting_schedule(
        actor=world.adviser, case=case, meeting_date=date(2027, 1, 20),
        start_time=time(10, 0), place="Town hall",
    )  # fmt: skip
    parent = services.mediation_attendee_add(
        actor=world.adviser, case=case, role="parent_or_young_person", name="Jo Example",
        proposed_by="family",
    )  # fmt: skip
    request = services.recording_request_record(
        actor=world.adviser, case=case, requested_by="family", requested_on=TODAY,
        reasonable_adjustment=True, adjustment_reason="Memory impairment",
    )  # fmt: skip
    url = reverse("mediation:confirmation-document", args=[case.pk, parent.pk])
    client = _client(world.adviser)

    def text() -> str:
        content = client.get(url).content
        return "\n".join(p.text for p in Document(BytesIO(content)).paragraphs)

    assert "is not recorded" in text() and "not witnesses" in text()
    services.recording_request_decide(
        actor=world.mediator, request=request, other_party_consents=True, mediator_approves=True,
        purpose="To listen again", who_may_access="The parent only", retention="3 months",
    )  # fmt: skip
    letter = text()
    assert "Who may access it: The parent only" in letter and "20 January 2027" in letter
    assert _client(world.parent).get(url).status_code == 403


def test_provider_staff_have_a_mediation_link_in_the_navigation(world: World) -> None:
    link = f'href="{reverse("mediation:case-list")}"'
    for user in (world.adviser, world.case_manager, world.mediator):
        page = _client(user).get(reverse("mediation:case-list")).content.decode()
        assert link in page and 'aria-current="page">Mediation</a>' in page
    page = _client(world.caseworker).get(reverse("casework:case-list")).content.decode()
    assert ">Mediation</a>" not in page


def test_the_confirm_page_says_who_gets_an_email_and_who_a_letter(world: World) -> None:
    case = open_case(world, notice=date(2026, 12, 1), contacted=date(2026, 12, 2))
    services.mediation_choice_record(actor=world.adviser, case=case, choice="wishes", on=TODAY)
    services.mediation_meeting_schedule(
        actor=world.adviser, case=case, meeting_date=date(2027, 1, 20),
        start_time=time(10, 0), place="Town hall",
    )  # fmt: skip
    for name, email in (("Jo Example", "jo@example.invalid"), ("Lee Example", "")):
        services.mediation_attendee_add(
            actor=world.adviser, case=case, role="parent_or_young_person", name=name,
            proposed_by="family", email=email,
        )  # fmt: skip
    page = _client(world.adviser).get(_step(case, "confirm")).content.decode()
    assert "Jo Example, Parent or young person: by email" in page
    assert "Lee Example, Parent or young person: as a printed letter" in page


def test_provider_staff_start_their_day_on_the_mediation_cases(world: World) -> None:
    for user in (world.adviser, world.case_manager, world.mediator):
        response = _client(user).get(reverse("casework:home"))
        assert response["Location"] == reverse("mediation:case-list")


@pytest.mark.parametrize("value", ["²", "99999999999999999999999"])
def test_a_child_filter_that_is_not_an_id_shows_every_case(world: World, value: str) -> None:
    case = open_case(world)
    client = _client(world.adviser)
    response = client.get(reverse("mediation:case-list"), {"child": value})
    assert response.status_code == 200
    assert case.child.full_name in response.content.decode()
    assert client.get(reverse("mediation:case-new"), {"child": value}).status_code == 200


def test_a_meeting_in_year_9999_is_refused_on_the_form(world: World) -> None:
    case = open_case(world)
    services.mediation_choice_record(
        actor=world.adviser, case=case, choice=FamilyChoice.WISHES, on=date(2026, 10, 6)
    )
    services.mediation_la_told_record(actor=world.adviser, case=case, on=date(2026, 10, 6))
    case.refresh_from_db()
    response = _client(world.adviser).post(
        _step(case, "schedule"),
        {"version": case.version, **_date("meeting_date", date(9999, 12, 31)),
         "start_time": "10:00", "place": "Northwick Library"},
    )  # fmt: skip
    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page and "Enter a date in the years 1990 to 2099." in page
    assert 'value="Northwick Library"' in page
    assert not case.meetings.exists()


def test_a_decision_notice_from_1900_is_refused_on_the_form(world: World) -> None:
    response = _client(world.adviser).post(
        reverse("mediation:case-new"),
        {
            "provider": world.provider.pk, "child": world.child.pk, "decision": "plan_contents",
            **_date("decision_notice_date", date(1900, 1, 2)),
            **_date("adviser_contacted_on", date(2026, 12, 2)),
            "kind": "education", "description": "Section F",
        },
    )  # fmt: skip
    assert response.status_code == 200
    assert "Enter a date in the years 1990 to 2099." in response.content.decode()
    assert not MediationCase.objects.exists()


def test_submitting_first_contact_twice_opens_one_case(world: World) -> None:
    client = _client(world.adviser)
    data = {
        "provider": world.provider.pk, "child": world.child.pk, "decision": "plan_contents",
        **_date("decision_notice_date", date(2026, 12, 1)),
        **_date("adviser_contacted_on", date(2026, 12, 2)),
        "kind": "education", "description": "Section F: hours of support",
    }  # fmt: skip
    assert client.post(reverse("mediation:case-new"), data).status_code == 302
    again = client.post(reverse("mediation:case-new"), data)
    assert again.status_code == 200
    assert "A mediation case for this decision is already recorded" in again.content.decode()
    assert MediationCase.objects.count() == 1


def test_a_stale_policy_form_keeps_the_answers_and_saves_when_sent_again(world: World) -> None:
    url = reverse("mediation:policy", args=[world.provider.pk])
    client = _client(world.case_manager)
    client.post(url, {"attendee_agreement": "case_manager_confirms"})
    stale = MediationPolicy.objects.get(provider=world.provider).version
    client.post(url, {"version": stale, "attendee_agreement": "case_manager_confirms"})
    data = {"version": stale, "attendee_agreement": "case_manager_confirms",
            "recording_wording": "Recordings only as a reasonable adjustment"}  # fmt: skip
    refused = client.post(url, data)
    page = refused.content.decode()
    assert "govuk-error-summary" in page and "Recordings only as a reasonable adjustment" in page
    resent = {**data, "version": refused.context["form"].data["version"]}
    assert client.post(url, resent).status_code == 302
    policy = MediationPolicy.objects.get(provider=world.provider)
    assert policy.recording_wording == "Recordings only as a reasonable adjustment"
