"""Two appealable decisions live at once, a final plan and then a decision to cease it: each
keeps its own appeal window and its own time to contact the mediation adviser, in the deadline
table, on the case page, on the family's page, in each decision letter, on the cessation's page
and on the page of a mediation about one of them."""

from __future__ import annotations

from datetime import date
from io import BytesIO
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from docx import Document

from redress.accounts.models import Organisation
from redress.appeals import services as appeal_services
from redress.casework.deadlines import deadlines_recompute
from redress.casework.models import Deadline
from redress.documents.decision_letters import (
    appealable_decision_get,
    decision_letter_generate,
)
from redress.mediation import selectors as mediation_selectors
from redress.mediation.models import MediationCase, MediationCertificate
from redress.mediation.tests.factories import make_world, open_case
from redress.plans import services
from redress.plans.tests.helpers import issued_plan

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 30)


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _windows(child: Any, ref: str) -> dict[str, tuple[date, str]]:
    return {
        d.rule: (d.due, d.status)
        for d in Deadline.objects.filter(
            child=child, ref=ref, rule__in=("appeal.lodge", "mediation.contact_adviser")
        )
    }


def _letter(actor: Any, child: Any, key: str) -> str:
    decision = appealable_decision_get(user=actor, child=child, key=key)
    content = decision_letter_generate(actor=actor, decision=decision)
    return "\n".join(p.text for p in Document(BytesIO(content)).paragraphs)


@pytest.fixture
def world() -> Any:
    world = make_world(name="Eastmoor")
    Organisation.objects.filter(pk=world.la.pk).update(phone="01632 960000")
    Organisation.objects.filter(pk=world.provider.pk).update(phone="01632 960111")
    sendiass = Organisation.objects.create(
        name="Eastmoor SENDIASS", kind=Organisation.Kind.SENDIASS, phone="01632 960222"
    )
    sendiass.serves.add(world.la)
    world.child.family.update(address="2 Quay Street\nEastmoor")  # where the letters go
    world.la.refresh_from_db()
    return world


@time_machine.travel(TODAY)
def test_a_final_plan_and_a_later_cessation_each_keep_their_own_windows(world: Any) -> None:
    child, actor = world.child, world.caseworker
    plan = issued_plan(child, actor, draft=date(2026, 9, 1), final=date(2026, 10, 1))
    cessation = services.cessation_record(
        ground="higher_education",
        actor=actor, plan=plan, decided_on=date(2026, 11, 19), notice_sent_on=date(2026, 11, 20),
        reasons="The young person has started higher education.", expected_version=None,
    )  # fmt: skip
    plan_ref, cessation_ref = f"plan-{plan.pk}", f"cessation-{cessation.pk}"

    # The engine rows: one pair per decision; the later notice replaces nothing.
    assert _windows(child, plan_ref) == {
        "appeal.lodge": (date(2026, 12, 1), "pending"),
        "mediation.contact_adviser": (date(2026, 12, 1), "pending"),
    }
    assert _windows(child, cessation_ref) == {
        "appeal.lodge": (date(2027, 1, 20), "pending"),
        "mediation.contact_adviser": (date(2027, 1, 20), "pending"),
    }

    # A mediation about the cessation closes the cessation's contact window only.
    case = open_case(world, notice=date(2026, 11, 20), contacted=date(2026, 11, 25))
    MediationCase.objects.filter(pk=case.pk).update(decision=MediationCase.Decision.CEASE)
    case.refresh_from_db()
    assert case.decision_ref == cessation_ref
    assert Deadline.objects.get(
        child=child, rule="mediation.contact_adviser", ref=cessation_ref
    ).met_on == date(2026, 11, 25)
    assert _windows(child, plan_ref)["mediation.contact_adviser"] == (date(2026, 12, 1), "pending")

    # The case page: both windows, each named by its decision.
    page = _client(actor).get(reverse("casework:case-detail", args=[child.pk])).content.decode()
    assert "Final EHC plan issued (letter of 1 October 2026)" in page
    assert "Decision to cease to maintain the EHC plan (letter of 20 November 2026)" in page
    assert "1 December 2026" in page and "20 January 2027" in page

    # The family's page: both appeal dates, each about its decision.
    family = _client(world.parent).get(reverse("family:case", args=[child.pk])).content.decode()
    assert "Tuesday 1 December 2026" in family and "Wednesday 20 January 2027" in family
    assert "Final EHC plan issued (letter of 1 October 2026)" in family
    assert "Decision to cease to maintain the EHC plan (letter of 20 November 2026)" in family

    # Each letter states its own decision's dates.
    final_letter = _letter(actor, child, plan_ref)
    assert "appeal by 1 December 2026" in final_letter and "20 January 2027" not in final_letter
    cessation_letter = _letter(actor, child, cessation_ref)
    assert "appeal by 20 January 2027" in cessation_letter
    assert "1 December 2026" not in cessation_letter

    # The cessation's own page shows its window, not the final plan's.
    ceased = _client(actor).get(reverse("plans:cessation", args=[cessation.pk])).content.decode()
    assert "20 January 2027" in ceased and "1 December 2026" not in ceased

    # The family appeals the cessation: that window closes; the final plan's stays open.
    certificate = MediationCertificate.objects.create(
        case=case, reason="declined", issued_on=date(2026, 11, 26)
    )
    appeal = appeal_services.appeal_record(
        actor=actor, child=child, decision="cease", decision_notice_date=date(2026, 11, 20),
        lodged_on=date(2026, 11, 27), mediation_certificate=certificate, cessation=cessation,
    )  # fmt: skip
    assert appeal.decision_ref == cessation_ref
    assert _windows(child, cessation_ref)["appeal.lodge"][1] == "met"
    assert _windows(child, plan_ref)["appeal.lodge"] == (date(2026, 12, 1), "pending")
    appeal_page = _client(actor).get(reverse("appeals:detail", args=[appeal.pk])).content
    assert "20 January 2027" in appeal_page.decode()
    assert "1 December 2026" not in appeal_page.decode()


@time_machine.travel(TODAY)
def test_a_mediation_never_shows_another_decisions_overdue_contact_date(world: Any) -> None:
    child, actor = world.child, world.caseworker
    plan = issued_plan(child, actor, draft=date(2026, 8, 3), final=date(2026, 9, 1))
    cessation = services.cessation_record(
        ground="higher_education",
        actor=actor, plan=plan, decided_on=date(2026, 11, 19), notice_sent_on=date(2026, 11, 20),
        reasons="The young person has started higher education.", expected_version=None,
    )  # fmt: skip
    case = open_case(world, notice=date(2026, 11, 20), contacted=date(2026, 11, 25))
    MediationCase.objects.filter(pk=case.pk).update(decision=MediationCase.Decision.CEASE)
    deadlines_recompute(child=child)
    # The final plan's own time to contact the adviser ran out on Sun 1 Nov 2026.
    overdue = Deadline.objects.get(
        child=child, rule="mediation.contact_adviser", ref=f"plan-{plan.pk}"
    )
    assert (overdue.due, overdue.status) == (date(2026, 11, 1), "overdue")
    case.refresh_from_db()
    rows = mediation_selectors.case_deadlines(user=world.adviser, case=case)
    contact = [d for d in rows if d.rule == "mediation.contact_adviser"]
    assert [(d.ref, d.met_on) for d in contact] == [
        (f"cessation-{cessation.pk}", date(2026, 11, 25))
    ]
    assert all(d.ref != f"plan-{plan.pk}" for d in rows)
    page = _client(world.adviser).get(reverse("mediation:case-detail", args=[case.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "1 November 2026" not in html and "Overdue" not in html
    assert "Decision to cease to maintain the EHC plan (letter of 20 November 2026)" in html
