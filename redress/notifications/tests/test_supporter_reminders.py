"""A supporter the family gave consent to is reminded of the family's own dates, as the family
is, by their own choices; nothing once the consent is withdrawn (decision 0174)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from redress.accounts.models import Membership, Organisation, Role
from redress.casework.models import Consent
from redress.notifications import services
from redress.notifications.message_templates import template_get
from redress.notifications.models import Message, NotificationPreference, ReminderRule
from redress.notifications.tests.conftest import TODAY, Cases, make_user
from redress.statutory.rules import is_family_deadline

pytestmark = pytest.mark.django_db


def _supporter(cases: Cases, *, withdrawn_on: date | None = None) -> Any:
    supporter = make_user("sam", "Sam", "Adviser")
    sendiass = Organisation.objects.create(name="Northshire SENDIASS", kind="sendiass")
    Membership.objects.create(user=supporter, organisation=sendiass, role=Role.SUPPORTER)
    Consent.objects.create(
        child=cases.family,
        given_by=cases.family.family.get(),
        supporter=supporter,
        supporter_organisation=sendiass,
        given_on=date(2026, 1, 20),
        withdrawn_on=withdrawn_on,
    )
    return supporter


def _to(user: Any) -> list[Message]:
    return list(
        Message.objects.filter(recipient=user, template="supporter_deadline_due_soon").order_by(
            "pk"
        )
    )


def test_the_supporter_is_reminded_of_the_familys_dates_without_the_childs_name(
    cases: Cases,
) -> None:
    supporter = _supporter(cases)
    services.reminders_plan(today=TODAY)
    family = Message.objects.filter(recipient=cases.parent, template="family_deadline_due_soon")
    mine = _to(supporter)
    # The same dates as the family's own reminders, one message each.
    assert mine and len(mine) == family.count()
    body = mine[0].personalisation
    assert body["case_number"] == cases.family.pk
    assert body["initials"] == "C. F."
    assert body["caseload_url"].endswith("/family/supporting/")
    rendered = template_get("supporter_deadline_due_soon").render_body(body)
    assert "Cara" not in rendered and "Fam" not in rendered
    # Planned twice, sent once.
    services.reminders_plan(today=TODAY)
    assert len(_to(supporter)) == len(mine)


def test_nothing_once_the_family_withdraws_consent(cases: Cases) -> None:
    supporter = _supporter(cases, withdrawn_on=TODAY)
    services.reminders_plan(today=TODAY)
    assert _to(supporter) == []
    # The family's own reminders still go.
    assert Message.objects.filter(recipient=cases.parent).exists()


def test_a_supporter_who_chose_a_digest_gets_their_reminders_held_for_it(cases: Cases) -> None:
    supporter = _supporter(cases)
    NotificationPreference.objects.create(
        user=supporter, delivery=NotificationPreference.Delivery.DIGEST
    )
    services.reminders_plan(today=TODAY)
    assert _to(supporter)
    assert {m.status for m in _to(supporter)} == {Message.Status.HELD}


@pytest.mark.parametrize("weeks", [None, 4])
def test_a_supporters_own_lead_time_is_kept(cases: Cases, weeks: int | None) -> None:
    """Reminded from the weeks before the date they chose, as a family member is."""
    supporter = _supporter(cases)
    if weeks:
        NotificationPreference.objects.create(user=supporter, lead_weeks=weeks)
    services.reminders_plan(today=TODAY)
    rules = {r.rule: r.lead_days for r in ReminderRule.objects.all()}
    expected = {
        d.rule
        for d in cases.family.deadlines.filter(met_on__isnull=True, informational=False)
        if is_family_deadline(d.rule, d.actor)
        and not d.family_day_passed(TODAY)
        and services.family_reminder_due(
            family_day=d.family_day,
            today=TODAY,
            lead_days=rules.get(d.rule, rules["*"]),
            lead_weeks=weeks,
        )
    }
    assert expected
    assert {m.dedupe_key.split(":")[2] for m in _to(supporter)} == expected


def test_a_supporter_who_can_no_longer_sign_in_hears_nothing(cases: Cases) -> None:
    supporter = _supporter(cases)
    supporter.is_active = False
    supporter.save()
    services.reminders_plan(today=TODAY)
    assert _to(supporter) == []
