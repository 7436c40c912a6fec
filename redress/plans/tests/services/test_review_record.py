"""The annual review in full: who was invited and who came (SEND Regulations 2014 reg 20(2)), the
school's report and advice circulated (reg 20(4)) as links to the case's documents, the child's
views (CFA 2014 s.19), progress on each section E outcome (reg 20(5)), a decision to cease on a
s.45 ground after the reg 31 consultation, and the schedule of reviews by school and term."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from redress.accounts.models import Role
from redress.casefile import services as casefile_services
from redress.casefile.models import CaseDocument
from redress.casework.models import Child
from redress.casework.tests.factories import (
    AdviceRequestFactory,
    FamilyMemberFactory,
    user_with_role,
)
from redress.plans import services
from redress.plans.models import (
    Cessation,
    OutcomeProgress,
    ReviewCycle,
    ReviewDocument,
    ReviewParticipant,
)
from redress.plans.tests.helpers import (
    ChildFactory,
    SettingFactory,
    caseworker_for,
    issued_plan,
)

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 1)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _today() -> Any:
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def _review(child: Child, actor: Any, meeting: date = date(2026, 11, 20)) -> ReviewCycle:
    plan = issued_plan(child, actor, draft=date(2025, 9, 1), final=date(2025, 10, 1))
    return services.review_start(
        actor=actor, plan=plan, meeting_planned_for=meeting,
        meeting_arranged_on=date(2026, 10, 1), expected_version=None,
    )  # fmt: skip


def _step(cycle: ReviewCycle, actor: Any, kind: str, when: date, **extra: Any) -> Any:
    return services.review_step_record(
        actor=actor, cycle=cycle, kind=kind, when=when, expected_version=None, **extra
    )


def _document(child: Child, actor: Any, title: str, dated: date) -> CaseDocument:
    return casefile_services.case_document_add(
        actor=actor, child=child, kind=CaseDocument.Kind.REVIEW_REPORT, title=title,
        dated=dated, file=SimpleUploadedFile("report.pdf", PDF, "application/pdf"),
    )  # fmt: skip


def _signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _version(child: Child) -> int:
    child.refresh_from_db(fields=["version"])
    return child.version


def _consult_both(cycle: ReviewCycle, actor: Any, on: date) -> None:
    for consultee in ("family", "institution"):
        services.cessation_consultation_record(
            actor=actor, plan=cycle.plan, consultee=consultee, name=f"The {consultee}",
            consulted_on=on, expected_version=None,
        )  # fmt: skip


# -- A decision to cease at a review names its s.45 ground (decision 0149) -----------------------


def test_a_review_decision_to_cease_needs_a_ground_and_the_consultation_it_requires() -> None:
    child = ChildFactory()
    actor = caseworker_for(child)
    cycle = _review(child, actor)
    _step(cycle, actor, "meeting_held", date(2026, 11, 20))
    cease = {"decision": "cease", "reasons": "Needs met at school without a plan."}
    with pytest.raises(ValidationError) as no_ground:
        _step(cycle, actor, "decision", date(2026, 11, 25), **cease)
    assert "section 45" in no_ground.value.message_dict["ground"][0]
    with pytest.raises(ValidationError) as not_consulted:
        _step(cycle, actor, "decision", date(2026, 11, 25), ground="not_needed", **cease)
    assert "reg 31(1)" in not_consulted.value.message_dict["ground"][0]
    assert not Cessation.objects.exists()

    _consult_both(cycle, actor, date(2026, 11, 21))
    _step(cycle, actor, "decision", date(2026, 11, 25), ground="not_needed", **cease)
    cessation = Cessation.objects.get(review=cycle)
    assert cessation.ground == "not_needed"


def test_the_review_decision_form_asks_the_ground_and_the_review_page_shows_it() -> None:
    child = ChildFactory()
    actor = caseworker_for(child)
    cycle = _review(child, actor)
    _step(cycle, actor, "meeting_held", date(2026, 11, 20))
    client = _signed_in(actor)
    url = reverse("plans:review-step", args=[cycle.pk, "decision"])
    assert 'name="ground"' in client.get(url).content.decode()
    form = {
        "date_day": "25", "date_month": "11", "date_year": "2026", "decision": "cease",
        "reasons": "Needs met at school without a plan.", "version": _version(child),
    }  # fmt: skip
    refused = client.post(url, form).content.decode()
    assert "govuk-error-summary" in refused
    assert "Choose the ground in section 45" in refused
    _consult_both(cycle, actor, date(2026, 11, 21))
    done = client.post(url, {**form, "ground": "not_needed", "version": _version(child)})
    assert done.status_code == 302
    page = client.get(reverse("plans:review", args=[cycle.pk])).content.decode()
    assert 'data-ground="not_needed"' in page


def test_correcting_a_review_decision_to_cease_checks_a_new_ground() -> None:
    child = ChildFactory()
    actor = caseworker_for(child)
    cycle = _review(child, actor)
    _step(cycle, actor, "meeting_held", date(2026, 11, 20))
    decision = _step(
        cycle, actor, "decision", date(2026, 11, 25), decision="cease",
        ground="higher_education", reasons="Started university.",
    )  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        services.review_step_correct(
            actor=actor, step=decision, when=date(2026, 11, 25), decision="cease",
            reasons="Needs met.", ground="not_needed", reason="Wrong ground",
            expected_version=None,
        )  # fmt: skip
    assert "reg 31(1)" in refused.value.message_dict["ground"][0]
    services.review_step_correct(
        actor=actor, step=decision, when=date(2026, 11, 26), decision="cease",
        reasons="Started university.", reason="Wrong date", expected_version=None,
    )  # fmt: skip
    cessation = Cessation.objects.get(review=cycle)
    assert (cessation.ground, cessation.decided_on) == ("higher_education", date(2026, 11, 26))


# -- Who was invited and who came (reg 20(2)) ---------------------------------------------------


def _invite(cycle: ReviewCycle, actor: Any, role: str, **extra: Any) -> ReviewParticipant:
    return services.review_participant_add(
        actor=actor, cycle=cycle, role=role, name=f"Invitee {role}",
        invited_on=date(2026, 10, 2), expected_version=None, **extra,
    )  # fmt: skip


def test_the_review_names_who_must_still_be_invited_and_attendance_follows_the_meeting() -> None:
    child = ChildFactory()
    actor = caseworker_for(child)
    cycle = _review(child, actor)
    client = _signed_in(actor)
    url = reverse("plans:review-attendance", args=[cycle.pk])
    assert "A health care professional (reg 20(2)(d))" in client.get(url).content.decode()
    people = {role: _invite(cycle, actor, role) for role in ReviewParticipant.REQUIRED}
    assert "data-missing-invitees" not in client.get(url).content.decode()

    with pytest.raises(ValidationError) as too_soon:
        services.review_attendance_record(
            actor=actor, participant=people["family"], attendance="attended",
            expected_version=None,
        )  # fmt: skip
    assert "Record the review meeting first" in too_soon.value.message_dict["attendance"][0]
    _step(cycle, actor, "meeting_held", date(2026, 11, 20))
    services.review_attendance_record(
        actor=actor, participant=people["family"], attendance="attended", expected_version=None
    )
    with pytest.raises(ValidationError) as again:
        services.review_attendance_record(
            actor=actor, participant=people["family"], attendance="absent",
            expected_version=None,
        )  # fmt: skip
    assert "correct it" in again.value.message_dict["attendance"][0]

    # Withdrawn as recorded in error: it stays, struck through, and the role is missing again.
    response = client.post(
        reverse("plans:step-withdraw", args=["review-participant", people["health"].pk]),
        {"withdraw-reason": "Invited the wrong clinic", "withdraw-version": _version(child)},
    )
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "<s>Invitee health</s>" in page
    assert "Nobody is recorded as invited for: A health care professional" in page
    review_page = client.get(reverse("plans:review", args=[cycle.pk])).content.decode()
    assert "1 attended" in review_page


def test_correcting_an_attendance_keeps_the_earlier_answer_in_the_history() -> None:
    child = ChildFactory()
    actor = caseworker_for(child)
    cycle = _review(child, actor)
    _step(cycle, actor, "meeting_held", date(2026, 11, 20))
    school = _invite(cycle, actor, "institution", attendance="attended")
    client = _signed_in(actor)
    response = client.post(
        reverse("plans:step-correct", args=["review-participant", school.pk]),
        {
            "role": "institution", "name": "Ms Head", "organisation": "Hillside Primary",
            "invited_on_day": "2", "invited_on_month": "10", "invited_on_year": "2026",
            "attendance": "advice_only", "reason": "She sent her report instead",
            "version": _version(child),
        },
    )  # fmt: skip
    assert response.status_code == 302
    school.refresh_from_db()
    assert (school.name, school.attendance, school.corrected) == ("Ms Head", "advice_only", True)
    assert [h.attendance for h in school.history.order_by("history_date")] == [
        "attended",
        "advice_only",
    ]


# -- Documents circulated (reg 20(4)) -------------------------------------------------------------


def test_the_schools_report_is_linked_from_the_case_documents_and_late_circulation_shows() -> None:
    child = ChildFactory()
    actor = caseworker_for(child)
    cycle = _review(child, actor)
    report = _document(child, actor, "Hillside review report", date(2026, 10, 30))
    other = _document(ChildFactory(local_authority=child.local_authority), actor, "Other", TODAY)
    stored = CaseDocument.objects.count()

    with pytest.raises(ValidationError) as not_theirs:
        services.review_document_add(
            actor=actor, cycle=cycle, document=other, circulated_on=TODAY, expected_version=None
        )
    assert "document" in not_theirs.value.message_dict
    with pytest.raises(ValidationError) as before_dated:
        services.review_document_add(
            actor=actor, cycle=cycle, document=report, circulated_on=date(2026, 10, 29),
            expected_version=None,
        )  # fmt: skip
    assert "circulated_on" in before_dated.value.message_dict

    # The meeting is on 20 November: the engine has the advice due two weeks before it.
    client = _signed_in(actor)
    url = reverse("plans:review-documents", args=[cycle.pk])
    response = client.post(
        url,
        {"document": report.pk, "circulated_on_day": "10", "circulated_on_month": "11",
         "circulated_on_year": "2026", "version": _version(child)},
    )  # fmt: skip
    assert response.status_code == 302
    assert CaseDocument.objects.count() == stored  # linked, never copied
    page = client.get(url).content.decode()
    assert "that is by 6 November 2026" in page
    assert "Late" in page
    assert reverse("casework:document-download", args=[child.pk, report.pk]) in page

    link = ReviewDocument.objects.get()
    services.review_document_withdraw(
        actor=actor, link=link, reason="Wrong review", expected_version=None
    )
    report.refresh_from_db()
    assert not report.withdrawn
    assert (
        "<s>School&#x27;s review report: Hillside review report</s>"
        in client.get(url).content.decode()
    )


# -- Views and progress ---------------------------------------------------------------------------


def test_the_childs_views_and_progress_on_each_outcome_are_recorded_once() -> None:
    child = ChildFactory()
    actor = caseworker_for(child)
    cycle = _review(child, actor)
    client = _signed_in(actor)
    response = client.post(
        reverse("plans:review-views", args=[cycle.pk]),
        {"whose": "child", "how": "written", "gathered_on_day": "12", "gathered_on_month": "11",
         "gathered_on_year": "2026", "text": "I like the quiet room at lunch.",
         "version": _version(child)},
    )  # fmt: skip
    assert response.status_code == 302
    review_page = client.get(reverse("plans:review", args=[cycle.pk])).content.decode()
    assert "The child, 12 November 2026" in review_page

    outcome = cycle.plan.outcomes.get()
    other_plan = issued_plan(ChildFactory(), actor, draft=date(2025, 9, 1), final=date(2025, 10, 1))
    with pytest.raises(ValidationError) as not_this_plan:
        services.outcome_progress_record(
            actor=actor, cycle=cycle, outcome=other_plan.outcomes.get(), progress="some",
            expected_version=None,
        )  # fmt: skip
    assert "outcome" in not_this_plan.value.message_dict
    url = reverse("plans:review-outcomes", args=[cycle.pk])
    form = {"outcome": outcome.pk, "progress": "on_track", "evidence": "Speaks in class.",
            "version": _version(child)}  # fmt: skip
    assert client.post(url, form).status_code == 302
    twice = client.post(url, {**form, "version": _version(child)}).content.decode()
    assert "already recorded for this review" in twice
    assert 'data-progress="on_track"' in client.get(url).content.decode()
    assert OutcomeProgress.objects.count() == 1


# -- Who may see and record the review's parts ----------------------------------------------------

_MATRIX = {
    # who: (may see the review's pages, may record on them)
    "caseworker": (True, True),
    "manager": (True, True),
    "other_caseworker": (False, False),
    "parent": (True, False),
    "health_officer": (True, False),
}


@pytest.mark.parametrize("who", sorted(_MATRIX))
def test_the_review_pages_permission_matrix(who: str) -> None:
    child = ChildFactory()
    actor = caseworker_for(child)
    cycle = _review(child, actor)
    parent = user_with_role(Role.PARENT_CARER)
    FamilyMemberFactory(child=child, user=parent)
    health = AdviceRequestFactory(child=child).recipient_organisation
    users = {
        "caseworker": actor,
        "manager": user_with_role(Role.LA_MANAGER, child.local_authority),
        "other_caseworker": caseworker_for(ChildFactory()),
        "parent": parent,
        "health_officer": user_with_role(Role.HEALTH_OFFICER, health),
    }
    sees, records = _MATRIX[who]
    client = _signed_in(users[who])
    for name in ("review-attendance", "review-documents", "review-views", "review-outcomes"):
        response = client.get(reverse(f"plans:{name}", args=[cycle.pk]))
        assert response.status_code == (200 if sees else 403), name
        if sees:
            assert (">Save</button>" in response.content.decode()) == records, name
    response = client.post(
        reverse("plans:review-attendance", args=[cycle.pk]),
        {"role": "family", "name": "A parent", "version": _version(child)},
    )
    assert response.status_code == (302 if records else 403)
    assert ReviewParticipant.objects.exists() == records


# -- The review schedule by school and term ---------------------------------------------------------


def test_the_schedule_lists_reviews_due_by_school_and_term_with_csv() -> None:
    hillside, oakwood = SettingFactory(name="Hillside Primary"), SettingFactory(name="Oakwood")
    due_in_spring = ChildFactory(setting=hillside, first_name="Ada", last_name="Spring")
    actor = caseworker_for(due_in_spring)
    la = due_in_spring.local_authority
    overdue = ChildFactory(local_authority=la, setting=oakwood, first_name="Ben", last_name="Late")
    far_off = ChildFactory(local_authority=la, setting=hillside, first_name="Cy", last_name="Far")
    elsewhere = ChildFactory(setting=hillside, first_name="Di", last_name="Elsewhere")
    issued_plan(due_in_spring, actor, draft=date(2026, 2, 2), final=date(2026, 3, 2))
    issued_plan(overdue, actor, draft=date(2025, 9, 1), final=date(2025, 10, 1))
    with time_machine.travel(date(2028, 6, 1), tick=False):
        issued_plan(far_off, actor, draft=date(2028, 4, 3), final=date(2028, 5, 2))
    issued_plan(
        elsewhere, caseworker_for(elsewhere), draft=date(2026, 2, 2), final=date(2026, 3, 2)
    )

    client = _signed_in(actor)
    url = reverse("plans:review-schedule")
    page = client.get(url).content.decode()
    assert f'data-schedule-row="{due_in_spring.pk}"' in page
    assert f'data-schedule-row="{overdue.pk}" data-state="overdue"' in page
    assert f'data-schedule-row="{far_off.pk}"' not in page  # beyond the terms shown
    assert f'data-schedule-row="{elsewhere.pk}"' not in page  # another authority's
    assert "Spring term 2027" in page
    # Sorted by school: Hillside's review before Oakwood's.
    assert page.index(f'data-schedule-row="{due_in_spring.pk}"') < page.index(
        f'data-schedule-row="{overdue.pk}"'
    )

    spring = client.get(url, {"term": "2027-01-01"}).content.decode()
    assert f'data-schedule-row="{due_in_spring.pk}"' in spring
    assert f'data-schedule-row="{overdue.pk}"' not in spring
    by_school = client.get(url, {"school": oakwood.pk}).content.decode()
    assert f'data-schedule-row="{overdue.pk}"' in by_school
    assert f'data-schedule-row="{due_in_spring.pk}"' not in by_school

    export = client.get(reverse("plans:review-schedule-export"), {"term": "2027-01-01"})
    body = b"".join(export.streaming_content).decode().lstrip("\ufeff")  # type: ignore[attr-defined]
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0][:5] == ["Child or young person", "Case number", "School or setting",
                           "Review due", "Term"]  # fmt: skip
    assert rows[1][:5] == ["Ada Spring", str(due_in_spring.pk), "Hillside Primary",
                           "2027-03-01", "Spring term 2027"]  # fmt: skip
    assert len(rows) == 2

    parent = user_with_role(Role.PARENT_CARER)
    FamilyMemberFactory(child=due_in_spring, user=parent)
    assert _signed_in(parent).get(url).status_code == 403
    assert _signed_in(parent).get(reverse("plans:review-schedule-export")).status_code == 403
