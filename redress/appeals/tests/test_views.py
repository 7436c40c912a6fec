"""The appeals pages as people use them: forms, refusals on the form, what each person sees."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from redress.appeals import services
from redress.appeals.models import Appeal, AppealDocument
from redress.appeals.tests.helpers import (
    World,
    certificate,
    extended_appeal,
    make_world,
    plan_appeal,
)
from redress.casework.models import Deadline

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 25)


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def world() -> World:
    return make_world()


def _client(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def _date(prefix: str, day: date) -> dict[str, str]:
    return {
        f"{prefix}_day": str(day.day),
        f"{prefix}_month": str(day.month),
        f"{prefix}_year": str(day.year),
    }


def test_caseworker_records_an_appeal_and_sees_its_deadlines(world: World) -> None:
    cert = certificate(world)
    client = _client(world.caseworker)
    page = client.get(f"/appeals/child/{world.child.pk}/new/")
    assert page.status_code == 200
    response = client.post(
        f"/appeals/child/{world.child.pk}/new/",
        {
            "decision": "plan_contents",
            **_date("decision_notice_date", date(2026, 6, 1)),
            **_date("lodged_on", date(2026, 7, 10)),
            "sections_challenged": ["B", "F"],
            "mediation_certificate": str(cert.pk),
        },
        follow=True,
    )
    assert response.status_code == 200
    appeal = Appeal.objects.get()
    assert response.redirect_chain[-1][0] == f"/appeals/{appeal.pk}/"
    progress = client.post(
        f"/appeals/{appeal.pk}/progress/",
        {"version": appeal.version, **_date("sent_to_la_on", date(2026, 7, 15))},
        follow=True,
    )
    text = progress.content.decode()
    assert "Send the local authority&#x27;s response to the appeal" in text
    assert "24 September 2026" in text


def test_submitting_the_new_appeal_form_twice_records_one_appeal(world: World) -> None:
    cert = certificate(world)
    client = _client(world.caseworker)
    form = {
        "decision": "plan_contents",
        **_date("decision_notice_date", date(2026, 6, 1)),
        **_date("lodged_on", date(2026, 7, 10)),
        "sections_challenged": ["B", "F"],
        "mediation_certificate": str(cert.pk),
    }
    first = client.post(f"/appeals/child/{world.child.pk}/new/", form)
    second = client.post(f"/appeals/child/{world.child.pk}/new/", form)
    assert first.status_code == 302
    assert second.status_code == 200
    text = second.content.decode()
    assert "govuk-error-summary" in text
    assert "already recorded: lodged on 10 July 2026" in text
    assert Appeal.objects.filter(child=world.child).count() == 1


def test_a_forged_certificate_is_a_form_error_not_a_save(world: World) -> None:
    other_world = make_world("Southby")
    foreign = certificate(other_world, child=other_world.child)
    response = _client(world.caseworker).post(
        f"/appeals/child/{world.child.pk}/new/",
        {
            "decision": "plan_contents",
            **_date("decision_notice_date", date(2026, 6, 1)),
            **_date("lodged_on", date(2026, 7, 10)),
            "sections_challenged": ["B"],
            "mediation_certificate": str(foreign.pk),
        },
    )
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    assert not Appeal.objects.exists()


def test_refused_recommendations_say_why_on_the_form(world: World) -> None:
    cert = certificate(world, decision="not_assess")
    response = _client(world.caseworker).post(
        f"/appeals/child/{world.child.pk}/new/",
        {
            "decision": "not_assess",
            **_date("decision_notice_date", date(2026, 6, 1)),
            **_date("lodged_on", date(2026, 7, 10)),
            "mediation_certificate": str(cert.pk),
            "recommendation_sections": ["C"],
            "health_commissioner": str(world.icb.pk),
        },
    )
    text = response.content.decode()
    assert "There is a problem" in text
    assert "refusal to assess" in text
    assert not Appeal.objects.exists()


def test_another_authority_cannot_open_or_record(world: World) -> None:
    appeal = plan_appeal(world)
    stranger = _client(make_world("Southby").caseworker)
    assert stranger.get(f"/appeals/{appeal.pk}/").status_code == 403
    assert stranger.get(f"/appeals/child/{world.child.pk}/new/").status_code == 403
    assert stranger.post(f"/appeals/{appeal.pk}/hearing/", {}).status_code == 403


def test_the_family_sees_the_appeal_but_cannot_change_it(world: World) -> None:
    appeal = plan_appeal(world)
    family = _client(world.parent)
    page = family.get(f"/appeals/{appeal.pk}/")
    assert page.status_code == 200
    assert "Registration and response" not in page.content.decode()
    assert family.get(f"/appeals/{appeal.pk}/progress/").status_code == 403


def test_the_commissioner_sees_only_the_recommendation_parts(world: World) -> None:
    appeal = extended_appeal(world)
    health = _client(world.health)
    assert health.get(f"/appeals/{appeal.pk}/").status_code == 403  # not sent yet
    services.appeal_send_to_bodies(
        actor=world.caseworker,
        appeal=appeal,
        sent_to_health_on=date(2026, 7, 20),
        sent_to_social_care_on=None,
        expected_version=appeal.version,
    )
    services.recommendation_record(
        actor=world.caseworker,
        appeal=appeal,
        section="G",
        made_on=date(2026, 10, 1),
        text="Occupational therapy review.",
    )
    page = health.get(f"/appeals/{appeal.pk}/").content.decode()
    assert "Occupational therapy review." in page
    assert "Mediation certificate" not in page
    assert "Case documents" not in page


def test_a_declining_response_without_reasons_is_refused_on_the_form(world: World) -> None:
    appeal = extended_appeal(world)
    recommendation = services.recommendation_record(
        actor=world.caseworker,
        appeal=appeal,
        section="C",
        made_on=date(2026, 10, 1),
        text="Specify the health needs from the paediatric report.",
    )
    response = _client(world.health).post(
        f"/appeals/recommendations/{recommendation.pk}/respond/",
        {
            "version": recommendation.version,
            **_date("response_sent_on", date(2026, 11, 2)),
            "decision": "declines",
            "steps": "",
            "reasons": "",
        },
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert "Give the reasons for not following the recommendation" in text
    recommendation.refresh_from_db()
    assert recommendation.response_sent_on is None


def test_overdue_responses_list_for_the_commissioner(world: World) -> None:
    appeal = extended_appeal(world)
    services.recommendation_record(
        actor=world.caseworker,
        appeal=appeal,
        section="G",
        made_on=date(2026, 10, 1),
        text="Therapy.",
    )
    page = _client(world.health).get("/appeals/recommendations/").content.decode()
    assert "Overdue: 1" in page
    assert world.child.full_name in page
    assert _client(world.parent).get("/appeals/recommendations/").status_code == 403


def test_overdue_compliance_shows_on_the_compliance_page(world: World) -> None:
    appeal = plan_appeal(world)
    services.appeal_decide(
        actor=world.caseworker,
        appeal=appeal,
        outcome="upheld",
        outcome_on=date(2026, 10, 1),
        order_kinds=["amend_contents"],
        expected_version=appeal.version,
    )
    page = _client(world.caseworker).get("/appeals/compliance/").content.decode()
    assert "Overdue compliance: 1" in page
    assert "5 November 2026" in page


def test_a_renamed_file_is_refused_and_nothing_is_saved(world: World) -> None:
    appeal = plan_appeal(world)
    fake = SimpleUploadedFile("response.pdf", b"not a pdf at all", content_type="application/pdf")
    response = _client(world.caseworker).post(
        f"/appeals/{appeal.pk}/documents/new/",
        {"kind": "la_response", "description": "Our response", "document": fake},
    )
    assert "not a real PDF" in response.content.decode()
    assert not AppealDocument.objects.exists()


def test_a_stale_form_keeps_the_input_and_is_refused(world: World) -> None:
    appeal = plan_appeal(world)
    client = _client(world.caseworker)
    stale = appeal.version
    client.post(
        f"/appeals/{appeal.pk}/hearing/",
        {"version": stale, **_date("hearing_on", date(2027, 1, 20)), "hearing_format": "video"},
    )
    response = client.post(
        f"/appeals/{appeal.pk}/hearing/",
        {
            "version": stale,
            **_date("hearing_on", date(2027, 2, 3)),
            "hearing_format": "in_person",
            "hearing_venue": "Northwick Magistrates",
        },
    )
    text = response.content.decode()
    assert "Someone else changed this case" in text
    assert "Northwick Magistrates" in text
    assert Appeal.objects.get(pk=appeal.pk).hearing_on == date(2027, 1, 20)


# -- The public appeal window -------------------------------------------------------------------


def _window(**params: str) -> str:
    response = Client().get("/appeals/appeal-window/", params)
    assert response.status_code == 200
    return response.content.decode()


def test_the_window_page_needs_no_sign_in() -> None:
    text = _window()
    assert "Work out the last day to appeal" in text


def test_an_august_deadline_moves_to_september() -> None:
    text = _window(decision_date_day="15", decision_date_month="6", decision_date_year="2026")
    assert "Tuesday 1 September 2026" in text
    assert "does not count August" in text


def test_a_later_certificate_wins_and_christmas_moves_it_to_january() -> None:
    with time_machine.travel(date(2026, 12, 1), tick=False):  # the certificate is dated by now
        text = _window(
            decision_date_day="1",
            decision_date_month="10",
            decision_date_year="2026",
            certificate_date_day="29",
            certificate_date_month="11",
            certificate_date_year="2026",
        )
    assert "Monday 4 January 2027" in text
    assert "Tuesday 29 December 2026" in text
    assert "whichever is later: 1 month from the certificate" in text
    assert "between 25 December and 1 January" in text


def test_a_weekend_end_moves_to_monday_and_a_month_end_is_kept() -> None:
    text = _window(decision_date_day="31", decision_date_month="12", decision_date_year="2025")
    assert "Saturday 28 February 2026" in text
    assert "Monday 2 March 2026" in text
    assert "This date has passed" in text


def test_good_friday_and_easter_monday_are_skipped() -> None:
    text = _window(decision_date_day="3", decision_date_month="2", decision_date_year="2026")
    assert "Tuesday 7 April 2026" in text
    assert "Good Friday" in text


def test_bad_dates_get_an_error_summary() -> None:
    text = _window(decision_date_day="31", decision_date_month="2", decision_date_year="2026")
    assert "There is a problem" in text
    assert "must be a real date" in text
    text = _window(
        decision_date_day="1",
        decision_date_month="10",
        decision_date_year="2026",
        certificate_date_day="1",
        certificate_date_month="9",
        certificate_date_year="2026",
    )
    assert "certificate date must be the same as or after" in text


def test_the_family_case_page_links_to_their_appeal_and_the_window(world: World) -> None:
    appeal = plan_appeal(world)
    text = _client(world.parent).get(f"/family/cases/{world.child.pk}/").content.decode()
    assert f"/appeals/{appeal.pk}/" in text
    assert "/appeals/appeal-window/" in text


def test_evidence_past_the_tribunals_date_shows_to_the_body_directed(world: World) -> None:
    appeal = extended_appeal(world)
    services.evidence_direction_record(
        actor=world.caseworker,
        appeal=appeal,
        body="health",
        kind="evidence",
        description="Paediatric report",
        directed_by=date(2026, 11, 20),
    )
    page = _client(world.health).get("/appeals/recommendations/").content.decode()
    assert "not yet provided: 1" in page
    assert "Past the date" in page
    care = _client(world.socialcare).get("/appeals/recommendations/").content.decode()
    assert "not yet provided: 0" in care


def test_the_body_directed_opens_the_appeal_from_its_board_and_records_the_evidence(
    world: World,
) -> None:
    appeal = extended_appeal(world)  # not yet recorded as sent to social care
    direction = services.evidence_direction_record(
        actor=world.caseworker, appeal=appeal, body="social_care", kind="witness",
        description="Social worker to attend", directed_by=date(2026, 12, 10),
        witness_name="A Cole",
    )  # fmt: skip
    care = _client(world.socialcare)
    board = care.get("/appeals/recommendations/").content.decode()
    assert f'href="/appeals/{appeal.pk}/"' in board
    page = care.get(f"/appeals/{appeal.pk}/")
    assert page.status_code == 200
    assert "Social worker to attend" in page.content.decode()
    saved = care.post(
        f"/appeals/directions/{direction.pk}/provided/", _date("provided_on", date(2026, 11, 24))
    )
    assert saved.status_code == 302
    assert care.get(saved["Location"]).status_code == 200
    assert _client(world.health).get(f"/appeals/{appeal.pk}/").status_code == 403


def test_health_and_care_officers_find_their_recommendations_in_the_menu(world: World) -> None:
    menu = _client(world.health).get("/appeals/appeal-window/").content.decode()
    assert 'href="/appeals/recommendations/">Tribunal recommendations' in menu
    menu = _client(world.parent).get("/appeals/appeal-window/").content.decode()
    assert "Tribunal recommendations" not in menu


def test_the_childs_appeals_list_is_for_the_la_and_the_family_only(world: World) -> None:
    url = f"/appeals/child/{world.child.pk}/"
    assert "No appeal is recorded" in _client(world.parent).get(url).content.decode()
    assert "Record an appeal" in _client(world.caseworker).get(url).content.decode()
    assert "Record an appeal" not in _client(world.supporter).get(url).content.decode()
    assert _client(make_world("Southby").caseworker).get(url).status_code == 403


@pytest.mark.parametrize(
    ("field", "year"), [("decision_date", "9999"), ("certificate_date", "2027")]
)
def test_a_date_after_today_on_the_window_page_is_a_form_error_not_a_server_error(
    field: str, year: str
) -> None:
    params = {"decision_date_day": "1", "decision_date_month": "10", "decision_date_year": "2026"}
    params.update({f"{field}_day": "1", f"{field}_month": "11", f"{field}_year": year})
    text = _window(**params)
    assert "There is a problem" in text
    assert "must be today or in the past" in text
    assert "govuk-panel--confirmation" not in text


def test_submitting_a_recommendation_twice_records_it_once(world: World) -> None:
    appeal = extended_appeal(world)
    client = _client(world.caseworker)
    form = {"section": "G", **_date("made_on", date(2026, 10, 1)), "text": "Therapy review."}
    first = client.post(f"/appeals/{appeal.pk}/recommendations/new/", form)
    second = client.post(f"/appeals/{appeal.pk}/recommendations/new/", form)
    assert first.status_code == 302
    assert second.status_code == 200
    assert "This recommendation is already recorded" in second.content.decode()
    assert appeal.recommendations.count() == 1
    rows = Deadline.objects.filter(child=world.child, rule="recommendation.response")
    assert rows.count() == 1


def test_submitting_a_direction_twice_records_it_once(world: World) -> None:
    appeal = extended_appeal(world)
    client = _client(world.caseworker)
    form = {
        "body": "health",
        "kind": "evidence",
        "description": "Paediatric report",
        **_date("directed_by", date(2026, 12, 10)),
    }
    first = client.post(f"/appeals/{appeal.pk}/directions/new/", form)
    second = client.post(f"/appeals/{appeal.pk}/directions/new/", form)
    assert first.status_code == 302
    assert second.status_code == 200
    assert "This direction is already recorded" in second.content.decode()
    assert appeal.directions.count() == 1
    board = _client(world.health).get("/appeals/recommendations/").content.decode()
    assert "not yet provided: 1" in board
