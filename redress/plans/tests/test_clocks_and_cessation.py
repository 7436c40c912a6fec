"""The review meeting's notice and advice, the family's 15 days after an amendment notice, the
appeal window after a decision to maintain, cessation (once; outside a review; on appeal) and
one-click buttons that carry the case's version."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from redress.casework.models import Child, Deadline
from redress.plans import selectors, services
from redress.plans.models import Plan, ProvisionItem
from redress.plans.tests.helpers import ChildFactory, caseworker_for, issued_plan

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 1)


def _signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _rows(child: Child, rule: str, ref: str | None = None) -> list[tuple[date, str, date | None]]:
    rows = Deadline.objects.filter(child=child, rule=rule)
    if ref is not None:
        rows = rows.filter(ref=ref)
    return [(d.due, d.status, d.met_on) for d in rows.order_by("due")]


def _version(child: Child) -> int:
    child.refresh_from_db(fields=["version"])
    return child.version


@time_machine.travel(TODAY)
def test_review_meeting_after_christmas_shows_its_notice_and_advice_deadlines() -> None:
    child = ChildFactory()
    actor = caseworker_for(child)
    plan = issued_plan(child, actor, draft=date(2026, 1, 5), final=date(2026, 1, 29))
    cycle = services.review_start(
        actor=actor, plan=plan, meeting_planned_for=date(2027, 1, 8), expected_version=None
    )
    assert cycle.meeting_arranged_on == TODAY
    # Fri 8 Jan 2027 less 2 weeks: Fri 25 Dec 2026, not moved off Christmas Day.
    assert _rows(child, "review.meeting_notice") == [(date(2026, 12, 25), "pending", None)]
    assert _rows(child, "review.advice_circulated") == [(date(2026, 12, 25), "pending", None)]
    page = _signed_in(actor).get(reverse("plans:review", args=[cycle.pk])).content.decode()
    assert 'data-rule="review.meeting_notice">25 December 2026' in page
    assert "does not yet have rules" not in page

    with time_machine.travel(date(2026, 12, 24)):
        services.review_step_record(
            actor=actor, cycle=cycle, kind="invitations_sent", when=date(2026, 12, 24),
            expected_version=None,
        )  # fmt: skip
    assert _rows(child, "review.meeting_notice") == [
        (date(2026, 12, 25), "met", date(2026, 12, 24))
    ]


@time_machine.travel(TODAY)
def test_moving_the_meeting_moves_its_deadlines_and_steps_cannot_predate_the_arrangement() -> None:
    child = ChildFactory()
    actor = caseworker_for(child)
    plan = issued_plan(child, actor, draft=date(2026, 1, 5), final=date(2026, 1, 29))
    cycle = services.review_start(
        actor=actor, plan=plan, meeting_planned_for=date(2027, 1, 8),
        meeting_arranged_on=date(2026, 11, 20), expected_version=None,
    )  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        services.review_step_record(
            actor=actor, cycle=cycle, kind="advice_circulated", when=date(2026, 11, 19),
            expected_version=None,
        )  # fmt: skip
    assert "before the meeting was arranged" in str(refused.value)

    client = _signed_in(actor)
    url = reverse("plans:review-meeting", args=[cycle.pk])
    # Moved to Fri 2 Apr 2027 (after Easter): 2 weeks before is Fri 19 Mar 2027.
    page = client.post(
        url,
        {
            "version": _version(child),
            "meeting_planned_for_day": "2", "meeting_planned_for_month": "4",
            "meeting_planned_for_year": "2027",
            "meeting_arranged_on_day": "1", "meeting_arranged_on_month": "12",
            "meeting_arranged_on_year": "2026",
        },
    )  # fmt: skip
    assert page.status_code == 302
    assert _rows(child, "review.meeting_notice") == [(date(2027, 3, 19), "pending", None)]
    # A meeting date before the arrangement is a form error, and nothing changes.
    page = client.post(
        url,
        {
            "version": _version(child),
            "meeting_planned_for_day": "30", "meeting_planned_for_month": "11",
            "meeting_planned_for_year": "2026",
            "meeting_arranged_on_day": "1", "meeting_arranged_on_month": "12",
            "meeting_arranged_on_year": "2026",
        },
    )  # fmt: skip
    assert page.status_code == 200 and "govuk-error-summary" in page.content.decode()
    cycle.refresh_from_db()
    assert cycle.meeting_planned_for == date(2027, 4, 2)


@time_machine.travel(TODAY)
def test_amendment_notice_gives_the_family_15_days_before_the_amended_plan() -> None:
    child = ChildFactory()
    actor = caseworker_for(child)
    plan = issued_plan(child, actor, draft=date(2025, 9, 1), final=date(2025, 10, 1))
    cycle = services.review_start(actor=actor, plan=plan, expected_version=None)
    services.review_step_record(
        actor=actor, cycle=cycle, kind="meeting_held", when=date(2026, 9, 7), expected_version=None
    )
    services.review_step_record(
        actor=actor, cycle=cycle, kind="decision", when=date(2026, 9, 30), decision="amend",
        proposed_amendments="Name the secondary school.", expected_version=None,
    )  # fmt: skip
    amended = services.plan_amend(actor=actor, plan=plan, review=cycle, expected_version=None)
    services.plan_issue_draft(
        actor=actor, plan=amended, when=date(2026, 11, 30), expected_version=None
    )
    # Served Mon 30 Nov 2026: the 15 days run to Mon 14 Dec; the plan may be issued from 15 Dec.
    assert _rows(child, "review.amendment_representations") == [
        (date(2026, 12, 15), "pending", None)
    ]
    page = _signed_in(actor).get(reverse("plans:detail", args=[amended.pk])).content.decode()
    assert 'data-rule="review.amendment_representations">15 December 2026' in page


@time_machine.travel(TODAY)
def test_a_decision_to_maintain_opens_the_familys_appeal_window() -> None:
    child = ChildFactory()
    actor = caseworker_for(child)
    plan = issued_plan(child, actor, draft=date(2025, 9, 1), final=date(2025, 10, 1))
    cycle = services.review_start(actor=actor, plan=plan, expected_version=None)
    services.review_step_record(
        actor=actor, cycle=cycle, kind="meeting_held", when=date(2026, 9, 7), expected_version=None
    )
    decision = services.review_step_record(
        actor=actor, cycle=cycle, kind="decision", when=date(2026, 9, 30), decision="maintain",
        expected_version=None,
    )  # fmt: skip
    # Wed 30 Sep 2026 + 2 months = Mon 30 Nov 2026 (CFA 2014 s.51(2)(e); HESC r.20). The final
    # plan's own window (its letter of 1 Oct 2025) stays beside it: each decision keeps its own.
    ref = f"review_step-{decision.pk}"
    assert _rows(child, "appeal.lodge", ref) == [(date(2026, 11, 30), "overdue", None)]
    assert _rows(child, "appeal.lodge", f"plan-{plan.pk}") == [(date(2025, 12, 1), "overdue", None)]
    letter = _signed_in(actor).get(reverse("plans:decision-letter", args=[cycle.pk]))
    text = letter.content.decode()
    assert "Your right to appeal" in text and "by 30 November 2026" in text


@time_machine.travel(TODAY)
def test_a_cessation_outside_a_review_stops_the_annual_review_until_an_appeal_is_upheld() -> None:
    child = ChildFactory()
    actor = caseworker_for(child)
    plan = issued_plan(child, actor, draft=date(2025, 9, 1), final=date(2025, 10, 1))
    assert _rows(child, "review.annual") == [(date(2026, 9, 30), "overdue", None)]
    cessation = services.cessation_record(
        ground="higher_education",
        actor=actor, plan=plan, decided_on=date(2026, 8, 28), notice_sent_on=date(2026, 8, 31),
        reasons="The young person has left education.", expected_version=None,
    )  # fmt: skip
    assert _rows(child, "review.annual") == []

    with pytest.raises(ValidationError) as twice:
        services.cessation_record(
            ground="higher_education",
            actor=actor, plan=plan, decided_on=date(2026, 9, 1), notice_sent_on=date(2026, 9, 1),
            reasons="Again.", expected_version=None,
        )  # fmt: skip
    assert "still stands" in str(twice.value)

    with pytest.raises(ValidationError) as no_outcome:
        services.cessation_appeal_update(
            actor=actor, cessation=cessation, appeal_lodged_on=date(2026, 10, 20),
            appeal_concluded_on=date(2026, 11, 27), expected_version=None,
        )  # fmt: skip
    assert "appeal_outcome" in no_outcome.value.message_dict
    services.cessation_appeal_update(
        actor=actor, cessation=cessation, appeal_lodged_on=date(2026, 10, 20),
        appeal_concluded_on=date(2026, 11, 27), appeal_outcome="upheld", expected_version=None,
    )  # fmt: skip
    # The plan is maintained: its review, due 30 Sep 2026, is overdue again.
    assert _rows(child, "review.annual") == [(date(2026, 9, 30), "overdue", None)]
    with pytest.raises(ValidationError) as refused:
        services.cessation_make_effective(
            actor=actor, cessation=cessation, when=TODAY, expected_version=None
        )
    assert "appeal was upheld" in str(refused.value)
    page = _signed_in(actor).get(reverse("plans:cessation", args=[cessation.pk])).content.decode()
    assert "overturned on appeal" in page
    # Overturned, the decision no longer stands: a new one may be made.
    services.cessation_record(
        ground="higher_education",
        actor=actor, plan=plan, decided_on=TODAY, notice_sent_on=TODAY,
        reasons="The young person has started an apprenticeship.", expected_version=None,
    )  # fmt: skip


@time_machine.travel(TODAY)
def test_a_review_cannot_decide_to_cease_a_plan_already_being_ceased() -> None:
    child = ChildFactory()
    actor = caseworker_for(child)
    plan = issued_plan(child, actor, draft=date(2025, 9, 1), final=date(2025, 10, 1))
    cycle = services.review_start(actor=actor, plan=plan, expected_version=None)
    services.review_step_record(
        actor=actor, cycle=cycle, kind="meeting_held", when=date(2026, 9, 7), expected_version=None
    )
    services.cessation_record(
        ground="higher_education",
        actor=actor, plan=plan, decided_on=date(2026, 9, 10), notice_sent_on=date(2026, 9, 10),
        reasons="Moved to higher education.", expected_version=None,
    )  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        services.review_step_record(
            actor=actor, cycle=cycle, kind="decision", when=date(2026, 9, 30), decision="cease",
            ground="higher_education",
            reasons="Moved to higher education.", expected_version=None,
        )  # fmt: skip
    assert "decision" in refused.value.message_dict


def test_a_draft_amendment_lapses_when_the_plan_ceases() -> None:
    child = ChildFactory()
    actor = caseworker_for(child)
    with time_machine.travel(date(2026, 8, 3)):
        plan = issued_plan(child, actor, draft=date(2025, 9, 1), final=date(2025, 10, 1))
        draft = services.plan_amend(actor=actor, plan=plan, expected_version=None)
        cessation = services.cessation_record(
            ground="higher_education",
            actor=actor, plan=plan, decided_on=date(2026, 8, 3), notice_sent_on=date(2026, 8, 3),
            reasons="Left education.", expected_version=None,
        )  # fmt: skip
    # Mon 3 Aug 2026 + 2 months = Sat 3 Oct 2026, moved to Mon 5 Oct (HESC r.12(2)).
    with time_machine.travel(date(2026, 10, 6)):
        services.cessation_make_effective(
            actor=actor, cessation=cessation, when=date(2026, 10, 6), expected_version=None
        )
        draft.refresh_from_db()
        assert draft.status == Plan.Status.LAPSED
        for issue in (services.plan_issue_draft, services.plan_issue_final):
            with pytest.raises(ValidationError) as refused:
                issue(actor=actor, plan=draft, when=date(2026, 10, 6), expected_version=None)
            assert "lapsed" in str(refused.value)
        with pytest.raises(ValidationError):
            services.cessation_record(
                ground="higher_education",
                actor=actor, plan=plan, decided_on=date(2026, 10, 6),
                notice_sent_on=date(2026, 10, 6), reasons="Again.", expected_version=None,
            )  # fmt: skip
        # The child may have a new plan later: the lapsed draft does not block it.
        assert not selectors.has_open_plan(child)
        services.plan_create(actor=actor, child=child, expected_version=None)


@time_machine.travel(TODAY)
def test_buttons_from_a_stale_page_are_refused_and_change_nothing() -> None:
    child = ChildFactory()
    actor = caseworker_for(child)
    client = _signed_in(actor)
    stale = _version(child)  # the page was opened at this version; then someone changes the case
    Child.objects.filter(pk=child.pk).update(version=stale + 1)

    page = client.post(reverse("plans:new", args=[child.pk]), {"version": stale}, follow=True)
    assert "Someone else changed this case" in page.content.decode()
    assert not Plan.objects.filter(child=child).exists()
    page = client.post(reverse("plans:new", args=[child.pk]), {}, follow=True)
    assert "Someone else changed this case" in page.content.decode()
    page = client.post(
        reverse("plans:new", args=[child.pk]), {"version": _version(child)}, follow=True
    )
    assert "Draft plan started." in page.content.decode()

    plan = Plan.objects.get(child=child)
    item = services.provision_item_add(
        actor=actor, plan=plan, section="G", what="Speech and language therapy", who="NHS",
        how_often="Weekly", how_long="A year", expected_version=None,
    )  # fmt: skip
    remove = reverse("plans:provision-remove", args=[item.pk])
    page = client.post(remove, {"version": _version(child) - 1}, follow=True)
    assert "Someone else changed this case" in page.content.decode()
    assert ProvisionItem.objects.filter(pk=item.pk).exists()
    page = client.post(remove, {"version": _version(child)}, follow=True)
    assert "Provision removed from section G." in page.content.decode()
    assert not ProvisionItem.objects.filter(pk=item.pk).exists()

    issued = issued_plan(ChildFactory(local_authority=child.local_authority), actor,
                         draft=date(2025, 9, 1), final=date(2025, 10, 1))  # fmt: skip
    amend = reverse("plans:amend", args=[issued.pk])
    page = client.post(amend, {"version": _version(issued.child) - 1}, follow=True)
    assert "Someone else changed this case" in page.content.decode()
    assert not Plan.objects.filter(supersedes=issued).exists()
    client.post(amend, {"version": _version(issued.child)})
    assert Plan.objects.filter(supersedes=issued).exists()

    transfer = services.phase_transfer_add(
        actor=actor, child=issued.child, kind="primary_secondary", year=2027,
        identified_on=date(2026, 9, 1), expected_version=None,
    )  # fmt: skip
    withdraw = reverse("plans:cohort-withdraw", args=[transfer.pk])
    client.post(withdraw, {"version": _version(issued.child) - 1})
    transfer.refresh_from_db()
    assert transfer.status == "active"


@time_machine.travel(TODAY)
def test_decision_pages_offer_the_word_letter_and_other_authorities_are_refused() -> None:
    child = ChildFactory()
    actor = caseworker_for(child)
    plan = issued_plan(child, actor, draft=date(2025, 9, 1), final=date(2025, 10, 1))
    cycle = services.review_start(actor=actor, plan=plan, expected_version=None)
    services.review_step_record(
        actor=actor, cycle=cycle, kind="meeting_held", when=date(2026, 9, 7), expected_version=None
    )
    step = services.review_step_record(
        actor=actor, cycle=cycle, kind="decision", when=date(2026, 9, 30), decision="maintain",
        expected_version=None,
    )  # fmt: skip
    letter = _signed_in(actor).get(reverse("plans:decision-letter", args=[cycle.pk]))
    word = reverse("documents:decision-letter", args=[child.pk, f"review_step-{step.pk}"])
    assert f'action="{word}"' in letter.content.decode()

    stranger = caseworker_for(ChildFactory())
    client = _signed_in(stranger)
    assert client.get(reverse("plans:review-meeting", args=[cycle.pk])).status_code == 403
    assert client.post(reverse("plans:review-meeting", args=[cycle.pk])).status_code == 403
    page = client.get(reverse("plans:cohort-suggest") + "?year=2027").content.decode()
    assert child.last_name not in page


def test_the_rules_page_lists_the_review_meeting_clocks_as_added_by_redress() -> None:
    page = Client().get(reverse("core:rules")).content.decode()
    for rule_id in (
        "review.meeting_notice",
        "review.advice_circulated",
        "review.amendment_representations",
    ):
        card = page.split(f'id="rule-{rule_id}"', 1)[1].split('class="govuk-summary-card"', 1)[0]
        assert "Added to the contract by Redress" in card
        assert "SEND Regulations 2014 reg 2" in card
