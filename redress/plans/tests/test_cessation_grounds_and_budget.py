"""Ceasing a plan lawfully (CFA 2014 s.45; SEND Regulations 2014 reg 31) and the plan's personal
budget (Section J): the ground and its citation, the consultation required before a decision on
"no longer necessary", the budget's decision rules and history, who may see the budget page,
and Section J in the plan's Word document (decisions 0149-0151)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from io import BytesIO
from typing import Any

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from docx import Document

from redress.accounts.models import Role
from redress.audit.models import AuditEntry
from redress.casework.models import Child
from redress.casework.tests.factories import (
    AdviceRequestFactory,
    ConsentFactory,
    FamilyMemberFactory,
    user_with_role,
)
from redress.plans import services
from redress.plans.generate import plan_docx_generate
from redress.plans.models import Cessation, PersonalBudget, Plan
from redress.plans.tests.helpers import ChildFactory, caseworker_for, issued_plan, ready_plan

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 1)


def _plan(child: Child, actor: Any) -> Plan:
    return issued_plan(child, actor, draft=date(2025, 9, 1), final=date(2025, 10, 1))


def _consult(plan: Plan, actor: Any, consultee: str, on: date) -> Any:
    return services.cessation_consultation_record(
        actor=actor, plan=plan, consultee=consultee, name=f"The {consultee}", consulted_on=on,
        expected_version=None,
    )  # fmt: skip


def _cease(plan: Plan, actor: Any, ground: str, on: date = date(2026, 11, 2)) -> Cessation:
    return services.cessation_record(
        actor=actor, plan=plan, decided_on=on, notice_sent_on=on, ground=ground,
        reasons="Needs now met at the school without a plan.", expected_version=None,
    )  # fmt: skip


def _signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _version(child: Child) -> int:
    child.refresh_from_db(fields=["version"])
    return child.version


# -- Ceasing a plan ------------------------------------------------------------------------------


@time_machine.travel(TODAY)
def test_no_longer_necessary_is_refused_until_the_family_and_the_institution_were_consulted() -> (
    None
):
    child = ChildFactory()
    actor = caseworker_for(child)
    plan = _plan(child, actor)
    with pytest.raises(ValidationError) as refused:
        _cease(plan, actor, "not_needed")
    message = " ".join(refused.value.message_dict["ground"])
    assert "reg 31(1)" in message and "parent or the young person" in message
    assert "head teacher or principal" in message

    _consult(plan, actor, "family", date(2026, 10, 1))
    # A consultation after the decision's date does not count.
    _consult(plan, actor, "institution", date(2026, 11, 20))
    with pytest.raises(ValidationError) as refused:
        _cease(plan, actor, "not_needed")
    message = " ".join(refused.value.message_dict["ground"])
    assert "head teacher or principal" in message and "parent" not in message

    _consult(plan, actor, "institution", date(2026, 10, 5))
    cessation = _cease(plan, actor, "not_needed")
    assert cessation.ground == "not_needed"


@time_machine.travel(TODAY)
def test_a_ground_of_no_longer_responsible_needs_no_consultation_and_a_ground_is_required() -> None:
    child = ChildFactory()
    actor = caseworker_for(child)
    plan = _plan(child, actor)
    for missing in ("", "not_recorded", "bored"):
        with pytest.raises(ValidationError) as refused:
            _cease(plan, actor, missing)
        assert "ground" in refused.value.message_dict
    assert _cease(plan, actor, "moved_area").ground == "moved_area"


@time_machine.travel(TODAY)
def test_a_withdrawn_consultation_does_not_count() -> None:
    child = ChildFactory()
    actor = caseworker_for(child)
    plan = _plan(child, actor)
    _consult(plan, actor, "family", date(2026, 10, 1))
    consultation = _consult(plan, actor, "institution", date(2026, 10, 1))
    services.cessation_consultation_withdraw(
        actor=actor, consultation=consultation, reason="Recorded on the wrong child.",
        expected_version=None,
    )  # fmt: skip
    with pytest.raises(ValidationError):
        _cease(plan, actor, "outcomes_achieved")


@time_machine.travel(TODAY)
def test_a_consultation_a_standing_decision_rests_on_cannot_be_withdrawn_or_moved_after_it() -> (
    None
):
    child = ChildFactory()
    actor = caseworker_for(child)
    plan = _plan(child, actor)
    _consult(plan, actor, "family", date(2026, 10, 1))
    consultation = _consult(plan, actor, "institution", date(2026, 10, 1))
    _cease(plan, actor, "left_education_18")
    with pytest.raises(ValidationError) as refused:
        services.cessation_consultation_withdraw(
            actor=actor, consultation=consultation, reason="Wrong.", expected_version=None
        )
    assert "rests on this consultation" in " ".join(refused.value.message_dict["reason"])
    with pytest.raises(ValidationError):
        services.cessation_consultation_correct(
            actor=actor, consultation=consultation, name="The head teacher",
            consulted_on=date(2026, 11, 10), reason="Wrong date.", expected_version=None,
        )  # fmt: skip
    services.cessation_consultation_correct(
        actor=actor, consultation=consultation, name="Ms Head, head teacher",
        consulted_on=date(2026, 10, 2), reason="Name and date typed wrongly.",
        expected_version=None,
    )  # fmt: skip
    consultation.refresh_from_db()
    assert consultation.name == "Ms Head, head teacher"
    assert consultation.history.count() == 2


@time_machine.travel(TODAY)
def test_a_consultation_reply_cannot_come_before_the_consultation() -> None:
    child = ChildFactory()
    actor = caseworker_for(child)
    plan = _plan(child, actor)
    consultation = _consult(plan, actor, "family", date(2026, 10, 1))
    with pytest.raises(ValidationError) as refused:
        services.cessation_consultation_reply(
            actor=actor, consultation=consultation, responded_on=date(2026, 9, 1),
            response="We disagree.", expected_version=None,
        )  # fmt: skip
    assert "responded_on" in refused.value.message_dict
    services.cessation_consultation_reply(
        actor=actor, consultation=consultation, responded_on=date(2026, 10, 8),
        response="We disagree: the support is still needed.", expected_version=None,
    )  # fmt: skip
    consultation.refresh_from_db()
    assert consultation.response.startswith("We disagree")


@time_machine.travel(TODAY)
def test_a_decision_recorded_before_grounds_were_kept_stays_valid_and_says_so() -> None:
    child = ChildFactory()
    actor = caseworker_for(child)
    plan = _plan(child, actor)
    # As the migration leaves a decision recorded earlier: no ground given.
    old = Cessation.objects.create(
        plan=plan, decided_on=date(2026, 11, 2), notice_sent_on=date(2026, 11, 2),
        reasons="Left education.", recorded_by=actor,
    )  # fmt: skip
    assert old.ground == "not_recorded"
    old.full_clean()
    page = _signed_in(actor).get(reverse("plans:cessation", args=[old.pk]))
    assert page.status_code == 200
    assert "Not recorded (decided before grounds were kept)" in page.content.decode()
    # Correcting its dates keeps it valid without a ground.
    services.cessation_correct(
        actor=actor, cessation=old, decided_on=date(2026, 11, 3),
        notice_sent_on=date(2026, 11, 3), reasons="Left education.", reason="Typed wrongly.",
        expected_version=None,
    )  # fmt: skip
    old.refresh_from_db()
    assert old.decided_on == date(2026, 11, 3) and old.ground == "not_recorded"


@time_machine.travel(TODAY)
def test_the_cessation_pages_show_the_ground_its_citation_the_consultations_and_the_letter() -> (
    None
):
    child = ChildFactory()
    actor = user_with_role(Role.LA_MANAGER, child.local_authority)
    plan = _plan(child, actor)
    client = _signed_in(actor)

    refused = client.post(reverse("plans:cessation-new", args=[plan.pk]), {
        "version": _version(child), "decided_on_day": "2", "decided_on_month": "11",
        "decided_on_year": "2026", "notice_sent_on_day": "2", "notice_sent_on_month": "11",
        "notice_sent_on_year": "2026", "ground": "not_needed", "reasons": "Needs met.",
    })  # fmt: skip
    text = refused.content.decode()
    assert refused.status_code == 200 and "govuk-error-summary" in text
    assert "reg 31(1)" in text
    assert not Cessation.objects.filter(plan=plan).exists()

    added = client.post(reverse("plans:cessation-consultation-new", args=[plan.pk]), {
        "version": _version(child), "consultee": "family", "name": "Jo Example",
        "consulted_on_day": "1", "consulted_on_month": "10", "consulted_on_year": "2026",
    })  # fmt: skip
    assert added.status_code == 302
    _consult(plan, actor, "institution", date(2026, 10, 2))
    form = client.get(reverse("plans:cessation-new", args=[plan.pk])).content.decode()
    assert "Jo Example" in form and "CFA 2014 s.45(1)(b), (2)" in form

    done = client.post(reverse("plans:cessation-new", args=[plan.pk]), {
        "version": _version(child), "decided_on_day": "2", "decided_on_month": "11",
        "decided_on_year": "2026", "notice_sent_on_day": "2", "notice_sent_on_month": "11",
        "notice_sent_on_year": "2026", "ground": "not_needed", "reasons": "Needs met.",
    })  # fmt: skip
    assert done.status_code == 302
    cessation = Cessation.objects.get(plan=plan)
    page = client.get(reverse("plans:cessation", args=[cessation.pk]))
    text = page.content.decode()
    assert "special educational provision not needed" in text
    assert "SEND Regulations 2014 reg 29" in text
    assert "Jo Example" in text
    assert reverse("documents:decision-letter", args=[child.pk, f"cessation-{cessation.pk}"]) in (
        text
    )


# -- Personal budgets ----------------------------------------------------------------------------


def _request(plan: Plan, actor: Any) -> PersonalBudget:
    return services.personal_budget_request(
        actor=actor, plan=plan, requested_on=date(2026, 10, 1), requested_by="parent",
        requested_by_name="Jo Example", expected_version=None,
    )  # fmt: skip


def _decide(budget: PersonalBudget, actor: Any, **changes: Any) -> PersonalBudget:
    values: dict[str, Any] = {
        "decision": "agreed", "decided_on": date(2026, 10, 20), "decision_reasons": "",
        "education_amount": Decimal("1250.00"), "health_amount": None,
        "social_care_amount": Decimal("400.00"), "direct_payments": True,
        "direct_payments_provision": "Speech and language therapy sessions chosen by the family.",
        "direct_payments_review_on": date(2027, 4, 20),
    }  # fmt: skip
    values.update(changes)
    return services.personal_budget_decide(
        actor=actor, budget=budget, expected_version=None, **values
    )


@time_machine.travel(TODAY)
def test_a_refusal_needs_its_reasons_and_an_agreed_budget_its_amount() -> None:
    child = ChildFactory()
    actor = caseworker_for(child)
    budget = _request(_plan(child, actor), actor)
    with pytest.raises(ValidationError) as refused:
        _decide(budget, actor, decision="refused", education_amount=None,
                social_care_amount=None, direct_payments=False)  # fmt: skip
    assert "decision_reasons" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        _decide(budget, actor, education_amount=None, social_care_amount=None)
    assert "education_amount" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        _decide(budget, actor, direct_payments_review_on=None)
    assert "direct_payments_review_on" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        _decide(budget, actor, decided_on=date(2026, 9, 1))
    assert "decided_on" in refused.value.message_dict

    _decide(budget, actor)
    budget.refresh_from_db()
    assert budget.total == Decimal("1650.00")
    with pytest.raises(ValidationError):
        _decide(budget, actor)  # a recorded decision is changed by a correction


@time_machine.travel(TODAY)
def test_a_refused_budget_with_reasons_is_recorded() -> None:
    child = ChildFactory()
    actor = caseworker_for(child)
    budget = _request(_plan(child, actor), actor)
    _decide(budget, actor, decision="refused", education_amount=None, social_care_amount=None,
            direct_payments=False,
            decision_reasons="The therapy is bought for the whole school and cannot be divided.")  # fmt: skip
    budget.refresh_from_db()
    assert budget.decision == "refused" and budget.total is None


@time_machine.travel(TODAY)
def test_a_correction_keeps_the_earlier_amount_in_the_history() -> None:
    child = ChildFactory()
    actor = caseworker_for(child)
    budget = _decide(_request(_plan(child, actor), actor), actor)
    with pytest.raises(ValidationError) as refused:
        services.personal_budget_correct(
            actor=actor, budget=budget, requested_on=budget.requested_on, requested_by="parent",
            decision="agreed", decided_on=budget.decided_on, education_amount=Decimal("1500"),
            reason="", expected_version=None,
        )  # fmt: skip
    assert "reason" in refused.value.message_dict
    budget.refresh_from_db()
    services.personal_budget_correct(
        actor=actor, budget=budget, requested_on=budget.requested_on, requested_by="parent",
        decision="agreed", decided_on=budget.decided_on, education_amount=Decimal("1500.00"),
        social_care_amount=Decimal("400.00"), reason="The panel's figure was misread.",
        expected_version=None,
    )  # fmt: skip
    budget.refresh_from_db()
    assert budget.education_amount == Decimal("1500.00") and budget.corrected
    amounts = [h.education_amount for h in budget.history.order_by("history_date")]
    assert Decimal("1250.00") in amounts and amounts[-1] == Decimal("1500.00")
    assert budget.history.first().history_change_reason == "The panel's figure was misread."

    page = _signed_in(actor).get(reverse("plans:step-correct", args=["personal-budget", budget.pk]))
    text = page.content.decode()
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    assert "The panel&#x27;s figure was misread." in text and "education £1250.00" in text


@time_machine.travel(TODAY)
def test_the_budget_page_records_a_request_and_a_decision_and_is_audited_and_not_stored() -> None:
    child = ChildFactory()
    actor = caseworker_for(child)
    plan = _plan(child, actor)
    client = _signed_in(actor)
    url = reverse("plans:budget", args=[plan.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]
    assert AuditEntry.objects.filter(child=child, action="view", page="plans:budget").exists()

    assert client.post(url, {
        "action": "request", "version": _version(child), "requested_on_day": "1",
        "requested_on_month": "10", "requested_on_year": "2026", "requested_by": "parent",
    }).status_code == 302  # fmt: skip
    refused = client.post(url, {
        "action": "decide", "version": _version(child), "decision": "refused",
        "decided_on_day": "20", "decided_on_month": "10", "decided_on_year": "2026",
    })  # fmt: skip
    text = refused.content.decode()
    assert refused.status_code == 200 and "govuk-error-summary" in text
    assert "Give the reasons for refusing" in text
    assert client.post(url, {
        "action": "decide", "version": _version(child), "decision": "agreed",
        "decided_on_day": "20", "decided_on_month": "10", "decided_on_year": "2026",
        "education_amount": "900.00",
    }).status_code == 302  # fmt: skip
    detail = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert "Agreed 20 October 2026: £900.00" in detail


@time_machine.travel(TODAY)
def test_section_j_of_the_word_plan_shows_the_personal_budget() -> None:
    child = ChildFactory()
    actor = caseworker_for(child)
    plan = _plan(child, actor)
    _decide(_request(plan, actor), actor)
    document = Document(BytesIO(plan_docx_generate(actor=actor, plan=plan)))
    paragraphs = [p.text for p in document.paragraphs]
    j = next(i for i, text in enumerate(paragraphs) if text.startswith("Section J"))
    i = next(i for i, text in enumerate(paragraphs) if text.startswith("Section K"))
    section_j = " ".join(paragraphs[j:i])
    assert "£1,650.00 in all" in section_j
    assert "education £1,250.00; health none; social care £400.00" in section_j
    assert "Speech and language therapy sessions chosen by the family" in section_j
    assert "20 April 2027" in section_j


# Who may see and record the budget: every role against a shared plan and an unshared draft.
_MATRIX = {
    # who: (may see the shared plan's budget, may see the unshared draft's, may record)
    "caseworker": (True, True, True),
    "manager": (True, True, True),
    "other_caseworker": (False, False, False),
    "parent": (True, False, False),
    "supporter": (True, False, False),
    "supporter_consent_withdrawn": (False, False, False),
    "health_officer": (False, False, False),
    "administrator": (False, False, False),
}


@time_machine.travel(TODAY)
@pytest.mark.parametrize("who", sorted(_MATRIX))
def test_the_budget_page_permission_matrix(who: str) -> None:
    child = ChildFactory()
    actor = caseworker_for(child)
    shared = _plan(child, actor)
    other = ChildFactory(local_authority=child.local_authority)
    draft = ready_plan(other, actor)
    parent = user_with_role(Role.PARENT_CARER)
    FamilyMemberFactory(child=child, user=parent)
    FamilyMemberFactory(child=other, user=parent)
    supporter = user_with_role(Role.SUPPORTER)
    ConsentFactory(child=child, supporter=supporter, given_on=date(2026, 1, 1))
    ConsentFactory(child=other, supporter=supporter, given_on=date(2026, 1, 1))
    lapsed = user_with_role(Role.SUPPORTER)
    ConsentFactory(
        child=child, supporter=lapsed, given_on=date(2026, 1, 1), withdrawn_on=date(2026, 6, 1)
    )
    health = AdviceRequestFactory(child=child).recipient_organisation
    AdviceRequestFactory(child=other, recipient_organisation=health)
    users = {
        "caseworker": actor,
        "manager": user_with_role(Role.LA_MANAGER, child.local_authority),
        "other_caseworker": caseworker_for(ChildFactory()),
        "parent": parent,
        "supporter": supporter,
        "supporter_consent_withdrawn": lapsed,
        # Asked for advice on both children: sees their plans, not the family's budget.
        "health_officer": user_with_role(Role.HEALTH_OFFICER, health),
        "administrator": user_with_role(Role.ADMINISTRATOR, child.local_authority),
    }
    sees_shared, sees_draft, records = _MATRIX[who]
    client = _signed_in(users[who])
    if who == "health_officer":
        assert client.get(reverse("plans:detail", args=[shared.pk])).status_code == 200
        assert (
            "data-section-j"
            not in client.get(reverse("plans:detail", args=[shared.pk])).content.decode()
        )
    for plan, allowed in ((shared, sees_shared), (draft, sees_draft)):
        response = client.get(reverse("plans:budget", args=[plan.pk]))
        assert response.status_code == (200 if allowed else 403), (who, plan)
        if allowed:
            has_form = 'value="request"' in response.content.decode()
            assert has_form == records, who
    posted = client.post(reverse("plans:budget", args=[shared.pk]), {
        "action": "request", "version": _version(child), "requested_on_day": "1",
        "requested_on_month": "10", "requested_on_year": "2026", "requested_by": "parent",
    })  # fmt: skip
    assert (posted.status_code == 302) == records, who
    assert PersonalBudget.objects.filter(plan=shared).exists() == records
    assert Client().get(reverse("plans:budget", args=[shared.pk])).status_code == 302
