"""Who may open and change each plans page, forged ids in posts, cessation and the family's appeal
window, and versions after an amendment or a cessation."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from redress.accounts.models import Role
from redress.casework.models import Deadline
from redress.casework.tests.factories import (
    AdviceRequestFactory,
    CommissionerFactory,
    FamilyMemberFactory,
    user_with_role,
)
from redress.plans import services
from redress.plans.models import Appendix, Plan, ReviewCycle
from redress.plans.tests.helpers import (
    ChildFactory,
    LocalAuthorityFactory,
    caseworker_for,
    issued_plan,
    ready_plan,
)

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 29)


def _signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _case_with_everything() -> dict[str, Any]:
    """A child with an issued plan, a draft amendment, a review decided 'cease' and its
    cessation, and a health officer whose organisation was asked for advice."""
    child = ChildFactory()
    actor = caseworker_for(child)
    commissioner = CommissionerFactory()
    AdviceRequestFactory(child=child, recipient_organisation=commissioner)
    plan = issued_plan(child, actor, draft=date(2025, 9, 1), final=date(2025, 10, 1))
    cycle = services.review_start(actor=actor, plan=plan, expected_version=None)
    for kind in ("meeting_held", "report_sent"):
        services.review_step_record(
            actor=actor, cycle=cycle, kind=kind, when=date(2026, 9, 7), expected_version=None
        )
    services.review_step_record(
        actor=actor, cycle=cycle, kind="decision", when=date(2026, 9, 8), decision="cease",
        ground="higher_education",
        reasons="The young person has left education.", expected_version=None,
    )  # fmt: skip
    parent = user_with_role(Role.PARENT_CARER)
    FamilyMemberFactory(child=child, user=parent)
    return {
        "child": child,
        "plan": plan,
        "cycle": cycle,
        "cessation": cycle.cessation,
        "item": plan.provision_items.first(),
        "caseworker": actor,
        "stranger": caseworker_for(ChildFactory(local_authority=LocalAuthorityFactory())),
        "parent": parent,
        "health": user_with_role(Role.HEALTH_OFFICER, commissioner),
    }


def _view_urls(case: dict[str, Any]) -> list[str]:
    plan, cycle = case["plan"], case["cycle"]
    return [
        reverse("plans:child", args=[case["child"].pk]),
        reverse("plans:detail", args=[plan.pk]),
        reverse("plans:docx", args=[plan.pk]),
        reverse("plans:compare", args=[plan.pk]) + f"?with={plan.pk}",
        reverse("plans:review", args=[cycle.pk]),
        reverse("plans:decision-letter", args=[cycle.pk]),
        reverse("plans:cessation", args=[case["cessation"].pk]),
    ]


def _change_urls(case: dict[str, Any]) -> list[str]:
    plan, cycle = case["plan"], case["cycle"]
    return [
        reverse("plans:section", args=[plan.pk, "A"]),
        reverse("plans:details", args=[plan.pk]),
        reverse("plans:provision-new", args=[plan.pk]),
        reverse("plans:outcome-new", args=[plan.pk]),
        reverse("plans:placement", args=[plan.pk]),
        reverse("plans:appendix-new", args=[plan.pk]),
        reverse("plans:issue", args=[plan.pk, "draft"]),
        reverse("plans:review-new", args=[plan.pk]),
        reverse("plans:cessation-new", args=[plan.pk]),
        reverse("plans:not-amended", args=[plan.pk]),
        reverse("plans:review-step", args=[cycle.pk, "invitations_sent"]),
        reverse("plans:step-correct", args=["plan-draft", plan.pk]),
        reverse("plans:step-correct", args=["plan-final", plan.pk]),
        reverse("plans:step-correct", args=["review-step", cycle.decision.pk]),
        reverse("plans:step-correct", args=["cessation", case["cessation"].pk]),
    ]


def _post_only_urls(case: dict[str, Any]) -> list[str]:
    return [
        reverse("plans:new", args=[case["child"].pk]),
        reverse("plans:amend", args=[case["plan"].pk]),
        reverse("plans:provision-remove", args=[case["item"].pk]),
        reverse("plans:cessation", args=[case["cessation"].pk]),
        reverse("plans:step-withdraw", args=["plan-final", case["plan"].pk]),
        reverse("plans:step-withdraw", args=["review-step", case["cycle"].decision.pk]),
        reverse("plans:step-withdraw", args=["cessation", case["cessation"].pk]),
    ]


@time_machine.travel(TODAY)
def test_a_caseworker_of_another_authority_gets_403_on_every_plans_page() -> None:
    case = _case_with_everything()
    client = _signed_in(case["stranger"])
    for url in _view_urls(case) + _change_urls(case):
        assert client.get(url).status_code == 403, url
    for url in _change_urls(case) + _post_only_urls(case):
        assert client.post(url, {"action": "cease"}).status_code == 403, url


@time_machine.travel(TODAY)
@pytest.mark.parametrize("who", ["parent", "health"])
def test_the_family_and_health_officers_read_the_plan_but_cannot_change_it(who: str) -> None:
    case = _case_with_everything()
    client = _signed_in(case[who])
    versions_before = Plan.objects.filter(child=case["child"]).count()
    for url in _view_urls(case):
        assert client.get(url).status_code == 200, url
    for url in _change_urls(case):
        assert client.get(url).status_code == 403, url
    for url in _change_urls(case) + _post_only_urls(case):
        assert client.post(url, {"action": "cease"}).status_code == 403, url
    case["cessation"].refresh_from_db()
    assert case["cessation"].ceased_on is None
    assert Plan.objects.filter(child=case["child"]).count() == versions_before
    assert case["plan"].provision_items.filter(pk=case["item"].pk).exists()


@time_machine.travel(TODAY)
def test_a_review_of_another_childs_plan_cannot_be_posted_to_start_an_amendment() -> None:
    la = LocalAuthorityFactory()
    mine, theirs = ChildFactory(local_authority=la), ChildFactory(local_authority=la)
    actor = caseworker_for(mine)
    my_plan = issued_plan(mine, actor, draft=date(2025, 9, 1), final=date(2025, 10, 1))
    their_plan = issued_plan(theirs, actor, draft=date(2025, 9, 1), final=date(2025, 10, 1))
    cycle = services.review_start(actor=actor, plan=their_plan, expected_version=None)
    services.review_step_record(
        actor=actor, cycle=cycle, kind="meeting_held", when=date(2026, 9, 7), expected_version=None
    )
    services.review_step_record(
        actor=actor, cycle=cycle, kind="decision", when=date(2026, 9, 8), decision="amend",
        proposed_amendments="More speech and language therapy.", expected_version=None,
    )  # fmt: skip
    client = _signed_in(actor)
    url = reverse("plans:amend", args=[my_plan.pk])
    mine.refresh_from_db()
    page = client.post(url, {"review": str(cycle.pk), "version": mine.version}, follow=True)
    assert page.status_code == 200
    assert "That review is of another plan." in page.content.decode()
    assert not Plan.objects.filter(supersedes=my_plan).exists()
    assert client.post(url, {"review": "12abc"}).status_code == 404
    assert not Plan.objects.filter(supersedes=my_plan).exists()


@time_machine.travel(TODAY)
def test_advice_about_another_child_cannot_be_appended_to_a_plan() -> None:
    la = LocalAuthorityFactory()
    mine, theirs = ChildFactory(local_authority=la), ChildFactory(local_authority=la)
    actor = caseworker_for(mine)
    plan = ready_plan(mine, actor)
    their_advice = AdviceRequestFactory(child=theirs)
    page = _signed_in(actor).post(
        reverse("plans:appendix-new", args=[plan.pk]),
        {"advice_request": str(their_advice.pk), "title": "Their advice", "version": ""},
    )
    assert page.status_code == 200
    assert "govuk-error-summary" in page.content.decode()
    assert "Their advice" in page.content.decode()  # what was typed is kept
    assert not Appendix.objects.filter(plan=plan).exists()
    with pytest.raises(ValidationError) as refused:
        services.appendix_add(
            actor=actor, plan=plan, advice_request=their_advice, expected_version=None
        )
    assert "another child" in str(refused.value)


def test_the_plan_is_maintained_until_the_engines_appeal_window_closes() -> None:
    child = ChildFactory()
    actor = caseworker_for(child)
    with time_machine.travel(TODAY):
        plan = issued_plan(child, actor, draft=date(2025, 9, 1), final=date(2025, 10, 1))
        cessation = services.cessation_record(
            ground="higher_education",
            actor=actor, plan=plan, decided_on=date(2026, 9, 30),
            notice_sent_on=date(2026, 10, 1), reasons="Left education.", expected_version=None,
        )  # fmt: skip
        window = Deadline.objects.get(
            child=child, rule="appeal.lodge", ref=f"cessation-{cessation.pk}"
        )
        # Thu 1 Oct 2026 + 2 months = Tue 1 Dec 2026, a working day (HESC r.20(1)).
        assert window.due == date(2026, 12, 1)
        with pytest.raises(ValidationError) as refused:
            services.cessation_make_effective(
                actor=actor, cessation=cessation, when=TODAY, expected_version=None
            )
        assert "until Tue 1 Dec 2026" in str(refused.value)
        child.refresh_from_db(fields=["version"])
        page = _signed_in(actor).post(
            reverse("plans:cessation", args=[cessation.pk]),
            {"action": "cease", "date_day": "29", "date_month": "11", "date_year": "2026",
             "version": child.version},
        )  # fmt: skip
        assert page.status_code == 200
        assert "The family can still appeal" in page.content.decode()
    with time_machine.travel(date(2026, 12, 2)):
        services.cessation_make_effective(
            actor=actor, cessation=cessation, when=date(2026, 12, 2), expected_version=None
        )
    plan.refresh_from_db()
    assert plan.status == "ceased"


@time_machine.travel(TODAY)
def test_a_final_plan_issued_here_starts_the_familys_appeal_window() -> None:
    child = ChildFactory()
    actor = caseworker_for(child)
    issued_plan(child, actor, draft=date(2025, 9, 1), final=date(2025, 10, 1))
    rows = {d.rule: d for d in Deadline.objects.filter(child=child)}
    # Wed 1 Oct 2025 + 2 months = Mon 1 Dec 2025.
    assert rows["mediation.contact_adviser"].due == date(2025, 12, 1)
    assert rows["appeal.lodge"].due == date(2025, 12, 1)


@time_machine.travel(TODAY)
def test_the_cessation_page_shows_the_familys_dates_for_that_decision_only() -> None:
    case = _case_with_everything()
    page = _signed_in(case["parent"]).get(reverse("plans:cessation", args=[case["cessation"].pk]))
    html = page.content.decode()
    # The decision to cease was notified on Tue 8 Sep 2026: 2 months is Sun 8 Nov 2026.
    assert "by 8 November 2026" in html
    # The final plan's own mediation deadline (1 December 2025) is not this decision's.
    assert "by 1 December 2025" not in html


@time_machine.travel(TODAY)
def test_a_new_plan_can_start_after_an_amended_plan_ceased_and_old_versions_stay_closed() -> None:
    child = ChildFactory()
    actor = caseworker_for(child)
    first = issued_plan(child, actor, draft=date(2025, 9, 1), final=date(2025, 10, 1))
    amended = services.plan_amend(actor=actor, plan=first, expected_version=None)
    services.plan_issue_draft(
        actor=actor, plan=amended, when=date(2026, 1, 5), expected_version=None
    )
    services.plan_issue_final(
        actor=actor, plan=amended, when=date(2026, 2, 2), expected_version=None
    )
    with pytest.raises(ValidationError) as refused:
        services.cessation_record(
            ground="higher_education",
            actor=actor, plan=first, decided_on=date(2026, 6, 1), notice_sent_on=date(2026, 6, 1),
            reasons="Left education.", expected_version=None,
        )  # fmt: skip
    assert "use version 2" in str(refused.value)
    with pytest.raises(ValidationError):
        services.review_start(actor=actor, plan=first, expected_version=None)
    assert not ReviewCycle.objects.filter(plan=first).exists()

    cessation = services.cessation_record(
        ground="higher_education",
        actor=actor, plan=amended, decided_on=date(2026, 6, 1), notice_sent_on=date(2026, 6, 1),
        reasons="Left education.", expected_version=None,
    )  # fmt: skip
    services.cessation_make_effective(  # the day after the appeal window closed
        actor=actor, cessation=cessation, when=date(2026, 9, 2), expected_version=None
    )
    page = _signed_in(actor).get(reverse("plans:child", args=[child.pk]))
    assert "Start a draft plan" in page.content.decode()
    new = services.plan_create(actor=actor, child=child, expected_version=None)
    assert new.version_number == 3
