from datetime import date
from io import BytesIO
from typing import Any

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from docx import Document
from docx.oxml.ns import qn

from redress.casework.models import Deadline
from redress.plans import services
from redress.plans.checks import section21_warnings
from redress.plans.compare import plan_compare
from redress.plans.generate import plan_docx_generate
from redress.plans.models import PhaseTransfer, Plan
from redress.plans.sections import SECTION_CODES, heading
from redress.plans.selectors import cohort_state
from redress.plans.tests.helpers import (
    ChildFactory,
    LocalAuthorityFactory,
    assessed,
    caseworker_for,
    engine_due,
    issued_plan,
    ready_plan,
    table_due,
)

pytestmark = pytest.mark.django_db


def _signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


# -- Section 21 --------------------------------------------------------------------------------


@time_machine.travel(date(2026, 11, 29))
def test_speech_and_language_therapy_in_g_is_flagged_with_the_reason_and_in_f_it_is_not() -> None:
    child = ChildFactory()
    actor = caseworker_for(child)
    plan = ready_plan(child, actor)
    in_g = services.provision_item_add(
        actor=actor, plan=plan, section="G", what="Speech and language therapy: direct sessions",
        who="NHS speech and language therapist", how_often="Weekly, 45 minutes",
        how_long="One year", expected_version=None,
    )  # fmt: skip
    services.provision_item_add(
        actor=actor, plan=plan, section="F", what="Speech and language therapy programme",
        who="Speech and language therapist", how_often="Fortnightly", how_long="One year",
        expected_version=None,
    )  # fmt: skip
    warnings = section21_warnings(plan)
    assert [(w.item, w.therapy.key, w.section) for w in warnings] == [
        (in_g, "speech_and_language_therapy", "G")
    ]
    warning = warnings[0]
    assert "s.21(5)" in warning.explanation
    assert "section F" in warning.explanation
    assert [a.key for a in warning.authorities][0] == "cfa_2014_s21_5"
    page = _signed_in(actor).get(reverse("plans:detail", args=[plan.pk]))
    assert page.status_code == 200
    assert b'data-therapy="speech_and_language_therapy"' in page.content
    assert b"Children and Families Act 2014 s.21(5)" in page.content


def test_physiotherapy_in_g_is_a_question_and_hydrotherapy_is_not_flagged() -> None:
    child = ChildFactory()
    actor = caseworker_for(child)
    with time_machine.travel(date(2026, 11, 29)):
        plan = ready_plan(child, actor)
        for what in ("Physiotherapy exercises taught to staff", "Hydrotherapy pool sessions"):
            services.provision_item_add(
                actor=actor, plan=plan, section="G", what=what, who="NHS",
                how_often="Weekly", how_long="One year", expected_version=None,
            )  # fmt: skip
    (warning,) = section21_warnings(plan)
    assert warning.therapy.key == "physiotherapy"
    assert warning.certainty == "if it educates or trains"


# -- Preparing for adulthood -------------------------------------------------------------------


@time_machine.travel(date(2026, 11, 29))
def test_a_year_9_young_person_without_preparing_for_adulthood_content_is_flagged() -> None:
    child = ChildFactory(date_of_birth=date(2012, 12, 1))  # year 9 in 2026/27
    actor = caseworker_for(child)
    plan = ready_plan(child, actor)
    page = _signed_in(actor).get(reverse("plans:detail", args=[plan.pk]))
    assert b'data-check="preparing-for-adulthood"' in page.content
    assert b"is in year 9" in page.content
    services.outcome_add(
        actor=actor, plan=plan, text="Travel to college independently",
        preparing_for_adulthood="independent_living", expected_version=None,
    )  # fmt: skip
    services.provision_item_add(
        actor=actor, plan=plan, section="F", what="Independent travel training",
        who="Travel trainer", how_often="Weekly", how_long="Two terms",
        preparing_for_adulthood=True, expected_version=None,
    )  # fmt: skip
    page = _signed_in(actor).get(reverse("plans:detail", args=[plan.pk]))
    assert b'data-check="preparing-for-adulthood"' not in page.content


@time_machine.travel(date(2026, 11, 29))
def test_a_year_8_child_is_not_asked_for_preparing_for_adulthood() -> None:
    child = ChildFactory(date_of_birth=date(2013, 9, 1))  # year 8 in 2026/27
    actor = caseworker_for(child)
    plan = ready_plan(child, actor)
    page = _signed_in(actor).get(reverse("plans:detail", args=[plan.pk]))
    assert b'data-check="preparing-for-adulthood"' not in page.content


# -- Draft, final, review, amendment: every date from the engine --------------------------------


@time_machine.travel(date(2026, 11, 29))
def test_a_plan_from_draft_to_final_to_a_review_and_an_amended_plan() -> None:
    child = ChildFactory()
    actor = caseworker_for(child)
    plan = issued_plan(child, actor, draft=date(2025, 9, 1), final=date(2025, 10, 1))
    cycle = services.review_start(actor=actor, plan=plan, expected_version=None)
    record = services.review_step_record
    record(
        actor=actor, cycle=cycle, kind="meeting_held", when=date(2026, 9, 7), expected_version=None
    )
    record(
        actor=actor, cycle=cycle, kind="report_sent", when=date(2026, 9, 14), expected_version=None
    )
    with pytest.raises(ValidationError) as refused:
        record(actor=actor, cycle=cycle, kind="decision", when=date(2026, 9, 28),
               decision="amend", expected_version=None)  # fmt: skip
    assert "proposed_amendments" in refused.value.message_dict
    record(
        actor=actor, cycle=cycle, kind="decision", when=date(2026, 9, 28), decision="amend",
        proposed_amendments="Add speech and language therapy to section F.", expected_version=None,
    )  # fmt: skip
    amended = services.plan_amend(actor=actor, plan=plan, review=cycle, expected_version=None)
    services.plan_section_update(
        actor=actor, plan=amended, code="B", text="Speech, language and communication needs.",
        expected_version=None,
    )  # fmt: skip
    services.plan_issue_draft(
        actor=actor, plan=amended, when=date(2026, 10, 2), expected_version=None
    )

    # Before the amended plan: the engine's open clocks, checked by hand.
    due = engine_due(child, date(2026, 11, 29))
    assert due["plan.draft_comments"] == [(date(2025, 9, 16), "ok")]  # draft + 15 days
    # The 12 months starting with the final plan's day end on 30 Sep 2026 (CFA 2014 s.44(1)),
    # met by the decision; the next 12 months start with the decision and end on 27 Sep 2027.
    assert due["review.annual"] == [(date(2026, 9, 30), "met"), (date(2027, 9, 27), "pending")]
    assert due["review.report"] == [(date(2026, 9, 21), "met")]  # meeting + 2 weeks
    assert due["review.decision"] == [(date(2026, 10, 5), "met")]  # meeting + 4 weeks
    assert due["review.amended_plan"] == [(date(2026, 11, 27), "overdue")]  # notice + 8 weeks
    assert due["review.amended_plan_overall"] == [(date(2026, 11, 30), "pending")]  # + 12 weeks

    amended = services.plan_issue_final(
        actor=actor, plan=amended, when=date(2026, 11, 26), expected_version=None
    )
    assert amended.status == "amended"
    due = engine_due(child, date(2026, 11, 29))
    assert due["review.amended_plan"] == [(date(2026, 11, 27), "met")]
    assert due["review.amended_plan_overall"] == [(date(2026, 11, 30), "met")]
    # An amended plan is not a review: the next review is still counted from the last review
    # decision (CFA 2014 s.44(1)(b); docs/decisions/0005).
    assert due["review.annual"][-1] == (date(2027, 9, 27), "pending")

    diffs = {d.code: d for d in plan_compare(plan, amended)}
    assert diffs["B"].changed
    assert not diffs["F"].changed
    page = _signed_in(actor).get(reverse("plans:compare", args=[amended.pk]))
    assert page.status_code == 200
    assert b"Speech, language and communication needs." in page.content
    assert b'id="section-B" data-changed="true"' in page.content

    assert table_due(child) == engine_due(child, date(2026, 11, 29))


@time_machine.travel(date(2026, 11, 29))
def test_a_final_plan_recorded_by_casework_on_the_same_day_is_not_fed_twice() -> None:
    from redress.plans.events import plan_events

    child = ChildFactory()
    actor = caseworker_for(child)
    plan = issued_plan(child, actor, draft=date(2025, 9, 1), final=date(2025, 10, 1))
    assert [e["type"] for e in plan_events(child)] == [
        "draft_plan_issued", "final_plan_issued", "decision_notice_sent"
    ]  # fmt: skip
    child.events.create(type="final_plan_issued", date=plan.issued_on)
    # Casework feeds the final plan and its notice; the plans app feeds neither again.
    assert [e["type"] for e in plan_events(child)] == ["draft_plan_issued"]


@time_machine.travel(date(2026, 11, 29))
def test_a_final_plan_needs_sections_b_e_f_and_i() -> None:
    child = ChildFactory()
    actor = caseworker_for(child)
    assessed(child)
    plan = services.plan_create(actor=actor, child=child, expected_version=None)
    # An empty draft is no longer served (test_plan_basis): this one was recorded before that.
    Plan.objects.filter(pk=plan.pk).update(draft_issued_on=date(2026, 10, 1))
    plan.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        services.plan_issue_final(
            actor=actor, plan=plan, when=date(2026, 11, 1), expected_version=None
        )
    assert len(refused.value.message_dict["date"]) == 4


# -- The .docx ----------------------------------------------------------------------------------


@time_machine.travel(date(2026, 11, 29))
def test_the_generated_plan_has_sections_a_to_k_in_order_and_tables_with_header_rows() -> None:
    child = ChildFactory(first_name="Amara", last_name="Okafor")
    actor = caseworker_for(child)
    plan = ready_plan(child, actor)
    services.plan_section_update(
        actor=actor, plan=plan, code="A", text="Amara loves drawing.\nShe wants to be a vet.",
        expected_version=None,
    )  # fmt: skip
    content = plan_docx_generate(actor=actor, plan=plan)
    document = Document(BytesIO(content))
    headings = [
        p.text for p in document.paragraphs if p.style is not None and p.style.name == "Heading 1"
    ]
    assert headings == [heading(code) for code in SECTION_CODES]
    assert [h.split(":")[0] for h in headings] == [f"Section {c}" for c in SECTION_CODES]
    text = [p.text for p in document.paragraphs]
    assert "Amara loves drawing." in text and "She wants to be a vet." in text
    assert not any("{{" in t or "{%" in t for t in text)
    assert len(document.tables) == 7  # E, F, G, H1, H2, K (appendices, advice received)
    for table in document.tables:
        first = table.rows[0]._tr
        assert first.trPr is not None and first.trPr.find(qn("w:tblHeader")) is not None
        assert all(cell.text for cell in table.rows[0].cells)
    provision_f = document.tables[1]
    assert [c.text for c in provision_f.rows[0].cells] == [
        "What the provision is", "Who provides it", "How often", "For how long"
    ]  # fmt: skip
    assert [c.text for c in provision_f.rows[1].cells][0] == "Small-group literacy teaching"
    assert document.core_properties.title.endswith("Amara Okafor")
    response = _signed_in(actor).get(reverse("plans:docx", args=[plan.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].endswith("wordprocessingml.document")


# -- Phase transfers ----------------------------------------------------------------------------


def test_cohort_state_reads_done_late_and_at_risk_from_the_deadline_row() -> None:
    today = date(2027, 1, 20)
    due = date(2027, 2, 14)
    assert cohort_state(Deadline(due=due, met_on=date(2027, 2, 1)), today) == "done"
    assert cohort_state(Deadline(due=due, met_on=date(2027, 2, 15)), today) == "done_late"
    assert cohort_state(Deadline(due=due), date(2027, 2, 15)) == "late"
    assert cohort_state(Deadline(due=due), today) == "at_risk"
    assert cohort_state(Deadline(due=due), date(2026, 12, 1)) == "on_track"
    assert cohort_state(None, today) == "not_computed"


@time_machine.travel(date(2027, 3, 1))
def test_the_2027_cohort_is_due_14_february_and_shows_done_late_and_at_risk() -> None:
    la = LocalAuthorityFactory()
    done, late, at_risk = (
        ChildFactory(local_authority=la, last_name=name, date_of_birth=dob)
        for name, dob in (("Done", date(2015, 10, 10)), ("Late", date(2015, 11, 11)),
                          ("Risk", date(2010, 10, 10)))
    )  # fmt: skip
    actor = caseworker_for(done)
    plans = {
        c.pk: issued_plan(c, actor, date(2025, 9, 1), date(2025, 10, 1))
        for c in (done, late, at_risk)
    }
    for child, kind in (
        (done, "primary_secondary"),
        (late, "primary_secondary"),
        (at_risk, "post16"),
    ):
        services.phase_transfer_add(
            actor=actor, child=child, kind=kind, year=2027, identified_on=date(2026, 9, 1),
            expected_version=None,
        )  # fmt: skip
    amended = services.plan_amend(
        actor=actor, plan=plans[done.pk], transfer=PhaseTransfer.objects.get(child=done),
        expected_version=None,
    )  # fmt: skip
    services.plan_issue_draft(
        actor=actor, plan=amended, when=date(2026, 12, 1), expected_version=None
    )
    services.plan_issue_final(
        actor=actor, plan=amended, when=date(2027, 2, 1), expected_version=None
    )

    assert engine_due(late, date(2027, 3, 1))["phase_transfer.amend"] == [
        (date(2027, 2, 14), "overdue")
    ]
    assert engine_due(done, date(2027, 3, 1))["phase_transfer.amend"] == [
        (date(2027, 2, 14), "met")
    ]
    assert engine_due(at_risk, date(2027, 3, 1))["phase_transfer.amend"] == [
        (date(2027, 3, 30), "pending")
    ]
    assert PhaseTransfer.objects.get(child=late).engine_transfer == "school"

    page = _signed_in(actor).get(reverse("plans:cohort") + "?year=2027")
    assert page.status_code == 200
    html = page.content.decode()
    table = html[html.index("<table") :]  # the rows, below the filters
    assert table.index("Late") < table.index("Risk") < table.index("Done")
    assert 'data-state="late"' in html and 'data-state="at_risk"' in html
    assert 'data-state="done"' in html
    assert "14 February 2027" in html and "30 March 2027" in html


# -- Permissions --------------------------------------------------------------------------------


@time_machine.travel(date(2026, 11, 29))
def test_a_caseworker_of_another_local_authority_is_refused() -> None:
    child = ChildFactory()
    actor = caseworker_for(child)
    plan = issued_plan(child, actor, draft=date(2025, 9, 1), final=date(2025, 10, 1))
    stranger = caseworker_for(ChildFactory(local_authority=LocalAuthorityFactory()))
    client = _signed_in(stranger)
    for url in (
        reverse("plans:child", args=[child.pk]),
        reverse("plans:detail", args=[plan.pk]),
        reverse("plans:docx", args=[plan.pk]),
        reverse("plans:compare", args=[plan.pk]) + f"?with={plan.pk}",
        reverse("plans:review-new", args=[plan.pk]),
        reverse("plans:section", args=[plan.pk, "A"]),
    ):
        assert client.get(url).status_code == 403, url
    assert client.post(reverse("plans:amend", args=[plan.pk])).status_code == 403
    assert client.post(reverse("plans:new", args=[child.pk])).status_code == 403
    page = client.get(reverse("plans:cohort") + "?year=2027")
    assert page.status_code == 200 and child.full_name not in page.content.decode()


# -- Cessation ----------------------------------------------------------------------------------


@time_machine.travel(date(2026, 11, 29))
def test_a_plan_is_maintained_while_the_appeal_is_live() -> None:
    child = ChildFactory()
    actor = caseworker_for(child)
    plan = issued_plan(child, actor, draft=date(2025, 9, 1), final=date(2025, 10, 1))
    with pytest.raises(ValidationError):
        services.cessation_record(
            ground="higher_education",
            actor=actor, plan=plan, decided_on=date(2026, 6, 1), notice_sent_on=date(2026, 6, 2),
            reasons="", expected_version=None,
        )  # fmt: skip
    cessation = services.cessation_record(
        ground="higher_education",
        actor=actor, plan=plan, decided_on=date(2026, 6, 1), notice_sent_on=date(2026, 6, 2),
        reasons="The young person has started a university course.", expected_version=None,
    )  # fmt: skip
    services.cessation_appeal_update(
        actor=actor, cessation=cessation, appeal_lodged_on=date(2026, 7, 20),
        appeal_concluded_on=None, expected_version=None,
    )  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        services.cessation_make_effective(
            actor=actor, cessation=cessation, when=date(2026, 11, 1), expected_version=None
        )
    assert "appeal is live" in str(refused.value)
    services.cessation_appeal_update(
        actor=actor, cessation=cessation, appeal_lodged_on=date(2026, 7, 20),
        appeal_concluded_on=date(2026, 11, 2), appeal_outcome="dismissed",
        expected_version=None,
    )  # fmt: skip
    services.cessation_make_effective(
        actor=actor, cessation=cessation, when=date(2026, 11, 20), expected_version=None
    )
    plan.refresh_from_db()
    assert plan.status == "ceased"
    # The appeal stopped the cessation's own window (the final plan's, of 1 Oct 2025, is apart).
    window = Deadline.objects.get(child=child, rule="appeal.lodge", ref=f"cessation-{cessation.pk}")
    assert (window.status, window.met_on) == ("met", date(2026, 7, 20))
    page = _signed_in(actor).get(reverse("plans:cessation", args=[cessation.pk]))
    assert b"Your right to appeal" in page.content


@time_machine.travel(date(2026, 11, 29))
def test_a_stale_form_is_refused() -> None:
    child = ChildFactory()
    actor = caseworker_for(child)
    plan = ready_plan(child, actor)
    opened_at = child.version
    child.refresh_from_db()
    services.plan_section_update(
        actor=actor, plan=plan, code="A", text="First", expected_version=child.version
    )
    with pytest.raises(services.ConcurrentEditError):
        services.plan_section_update(
            actor=actor, plan=plan, code="A", text="Second", expected_version=opened_at
        )


def test_a_child_is_taken_out_of_the_cohort_by_their_own_authority_only() -> None:
    la = LocalAuthorityFactory()
    child = ChildFactory(local_authority=la, last_name="Mover")
    actor = caseworker_for(child)
    issued_plan(child, actor, date(2025, 9, 1), date(2025, 10, 1))
    transfer = services.phase_transfer_add(
        actor=actor, child=child, kind="primary_secondary", year=2027,
        identified_on=date(2026, 9, 1), expected_version=None,
    )  # fmt: skip
    withdraw = reverse("plans:cohort-withdraw", args=[transfer.pk])
    stranger = caseworker_for(ChildFactory(local_authority=LocalAuthorityFactory()))
    assert _signed_in(stranger).post(withdraw).status_code == 403
    assert "phase_transfer.amend" in {d.rule for d in child.deadlines.all()}

    client = _signed_in(actor)
    child.refresh_from_db()
    page = client.post(withdraw, {"version": child.version}, follow=True).content.decode()
    assert "is no longer in the 2027 cohort" in page
    assert "Mover" not in page.split("<table", 1)[1]
    assert "phase_transfer.amend" not in {d.rule for d in child.deadlines.all()}
