"""Section I: the draft names no school or other institution, only its type, with the family's
preference (CFA 2014 s.38(2)(b), (5)); the authority consults the school asked for (s.39(2)) and
the engine reminds when its reply is expected; the final plan names it."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from redress.casework.models import Child, Deadline
from redress.plans import services
from redress.plans.models import Placement
from redress.plans.tests.helpers import (
    ChildFactory,
    caseworker_for,
    name_the_school,
    ready_plan,
)

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 30)


def _signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _version(child: Child) -> int:
    child.refresh_from_db(fields=["version"])
    return child.version


@time_machine.travel(TODAY)
def test_naming_a_school_on_the_draft_is_refused_with_an_error_summary() -> None:
    child = ChildFactory()
    actor = caseworker_for(child)
    plan = ready_plan(child, actor)
    with pytest.raises(ValidationError) as refused:
        services.placement_set(
            actor=actor, plan=plan, institution_type="Maintained mainstream primary school",
            institution_name="Hillside Primary", expected_version=None,
        )  # fmt: skip
    assert "s.38(5)" in str(refused.value)

    response = _signed_in(actor).post(
        reverse("plans:placement", args=[plan.pk]),
        {
            "version": _version(child), "institution_name": "Hillside Primary",
            "institution_type": "Maintained mainstream primary school",
            "family_preference": "Hillside Primary",
        },
    )  # fmt: skip
    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page and "must not name a school" in page
    assert Placement.objects.get(plan=plan).institution_name == ""
    # The draft's section I shows the type and the family's preference.
    detail = _signed_in(actor).get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert "The family asked for: <strong>Hillside Primary</strong>" in detail


@time_machine.travel(TODAY)
def test_a_draft_already_naming_a_school_cannot_be_served() -> None:
    child = ChildFactory()
    actor = caseworker_for(child)
    plan = ready_plan(child, actor)
    Placement.objects.filter(plan=plan).update(institution_name="Hillside Primary")
    with pytest.raises(ValidationError) as refused:
        services.plan_issue_draft(actor=actor, plan=plan, when=TODAY, expected_version=None)
    assert "must not name a school" in str(refused.value)


@time_machine.travel(TODAY)
def test_the_consultation_and_its_reminder_appear_and_the_final_plan_names_the_school() -> None:
    child = ChildFactory()
    actor = caseworker_for(child)
    plan = ready_plan(child, actor)
    services.plan_issue_draft(
        actor=actor, plan=plan, when=date(2026, 12, 14), expected_version=None
    )
    client = _signed_in(actor)
    response = client.post(
        reverse("plans:consultation-new", args=[plan.pk]),
        {
            "version": _version(child), "institution_name": "Hillside Primary",
            "consulted_on_day": "17", "consulted_on_month": "12", "consulted_on_year": "2026",
        },
    )  # fmt: skip
    assert response.status_code == 302
    consultation = plan.consultations.get()
    # The engine's reminder: Thu 17 Dec 2026 + 15 days = Fri 1 Jan 2027, not moved.
    row = Deadline.objects.get(
        child=child, rule="plan.institution_consultation", ref=consultation.ref
    )
    assert (row.due, row.status) == (date(2027, 1, 1), "pending")
    page = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert "Hillside Primary, consulted 17 December 2026" in page
    assert 'data-rule="plan.institution_consultation">1 January 2027' in page

    services.consultation_reply_record(
        actor=actor, consultation=consultation, responded_on=date(2026, 12, 29),
        response="agrees", expected_version=None,
    )  # fmt: skip
    row = Deadline.objects.get(
        child=child, rule="plan.institution_consultation", ref=consultation.ref
    )
    assert (row.status, row.met_on) == ("met", date(2026, 12, 29))
    assert (
        "Agrees to be named on 29 December 2026"
        in client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    )

    name_the_school(plan, actor)
    services.plan_issue_final(actor=actor, plan=plan, when=TODAY, expected_version=None)
    assert Placement.objects.get(plan=plan).name == "Hillside Primary"


@time_machine.travel(TODAY)
def test_a_consultation_before_the_draft_is_served_is_refused() -> None:
    child = ChildFactory()
    actor = caseworker_for(child)
    plan = ready_plan(child, actor)
    with pytest.raises(ValidationError) as refused:
        services.consultation_record(
            actor=actor, plan=plan, consulted_on=TODAY, institution_name="Hillside Primary",
            expected_version=None,
        )  # fmt: skip
    assert "consulted_on" in refused.value.message_dict


@time_machine.travel(TODAY)
def test_a_consultation_withdrawn_as_recorded_in_error_loses_its_reminder() -> None:
    child = ChildFactory()
    actor = caseworker_for(child)
    plan = ready_plan(child, actor)
    services.plan_issue_draft(
        actor=actor, plan=plan, when=date(2026, 12, 14), expected_version=None
    )
    consultation = services.consultation_record(
        actor=actor, plan=plan, consulted_on=date(2026, 12, 17),
        institution_name="Hillside Primary", expected_version=None,
    )  # fmt: skip
    rule = "plan.institution_consultation"
    assert Deadline.objects.filter(child=child, rule=rule).exists()
    response = _signed_in(actor).post(
        reverse("plans:step-withdraw", args=["consultation", consultation.pk]),
        {"withdraw-version": _version(child), "withdraw-reason": "Consulted the wrong school."},
    )
    assert response.status_code == 302
    assert not Deadline.objects.filter(child=child, rule=rule).exists()
    page = _signed_in(actor).get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert "Consulted the wrong school." in page and "<s>Hillside Primary" in page
