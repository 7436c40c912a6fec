"""The day a plan ceases: never before the decision notice, nor while the family's appeal was
still being heard (CFA 2014 s.45; SEND Regulations 2014 reg 31)."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.core.exceptions import ValidationError

from redress.plans import services
from redress.plans.models import Plan
from redress.plans.tests.helpers import ChildFactory, caseworker_for, issued_plan

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 1)


@time_machine.travel(TODAY)
def test_a_plan_cannot_cease_on_a_day_its_appeal_was_still_live() -> None:
    child = ChildFactory()
    actor = caseworker_for(child)
    plan = issued_plan(child, actor, draft=date(2025, 9, 1), final=date(2025, 10, 1))
    cessation = services.cessation_record(
        ground="higher_education",
        actor=actor, plan=plan, decided_on=date(2026, 8, 28), notice_sent_on=date(2026, 8, 31),
        reasons="The young person has left education.", expected_version=None,
    )  # fmt: skip
    services.cessation_appeal_update(
        actor=actor, cessation=cessation, appeal_lodged_on=date(2026, 10, 20),
        appeal_concluded_on=date(2026, 11, 27), appeal_outcome="dismissed", expected_version=None,
    )  # fmt: skip
    # Mon 2 Nov 2026: the appeal was lodged and not yet heard, so the plan was maintained.
    with pytest.raises(ValidationError) as during_appeal:
        services.cessation_make_effective(
            actor=actor, cessation=cessation, when=date(2026, 11, 2), expected_version=None
        )
    assert "27 Nov 2026" in str(during_appeal.value)
    # Before the decision was even notified.
    with pytest.raises(ValidationError) as before_notice:
        services.cessation_make_effective(
            actor=actor, cessation=cessation, when=date(2026, 8, 14), expected_version=None
        )
    assert "date" in before_notice.value.message_dict
    plan.refresh_from_db()
    assert plan.status == Plan.Status.FINAL
    services.cessation_make_effective(
        actor=actor, cessation=cessation, when=date(2026, 11, 27), expected_version=None
    )
    plan.refresh_from_db()
    assert plan.status == Plan.Status.CEASED
