"""Decisions the plans app records (plans issued and amended, a review decision to keep the
plan as it is, a cessation) are listed with the case's own, each with its letter."""

from datetime import date
from io import BytesIO
from typing import Any

import pytest
from docx import Document

from redress.casework.deadlines import deadlines_recompute
from redress.casework.models import Deadline
from redress.casework.tests.factories import (
    ChildFactory,
    FamilyMemberFactory,
    Role,
    user_with_role,
)
from redress.documents.decision_letters import appealable_decisions, decision_letter_generate
from redress.documents.tests.test_decision_letters import authority
from redress.plans.models import Cessation, Plan, ReviewCycle, ReviewStep
from redress.statutory.calendar import format_long_date

pytestmark = pytest.mark.django_db


def _text(content: bytes) -> str:
    return "\n".join(p.text for p in Document(BytesIO(content)).paragraphs)


def test_plans_decisions_are_listed_in_date_order_and_each_letter_can_be_issued() -> None:
    la = authority()
    actor = user_with_role(Role.LA_CASEWORKER, la)
    child: Any = ChildFactory(local_authority=la)
    FamilyMemberFactory(child=child, name="Carys Roberts", email="carys@example.org")
    first = Plan.objects.create(
        child=child, version_number=1, status=Plan.Status.FINAL, issued_on=date(2025, 11, 3)
    )
    amended = Plan.objects.create(
        child=child, version_number=2, status=Plan.Status.AMENDED, supersedes=first,
        draft_issued_on=date(2025, 12, 1), issued_on=date(2026, 1, 12),
    )  # fmt: skip
    cycle = ReviewCycle.objects.create(child=child, plan=amended)
    ReviewStep.objects.create(
        cycle=cycle, kind=ReviewStep.Kind.DECISION, date=date(2026, 10, 19),
        decision=ReviewStep.Decision.MAINTAIN, reasons="Good progress at school.",
    )  # fmt: skip
    cessation = Cessation.objects.create(
        plan=amended, decided_on=date(2026, 11, 2), notice_sent_on=date(2026, 11, 3),
        reasons="Now in paid work and no longer needs the plan.",
    )  # fmt: skip
    deadlines_recompute(child=child, today=date(2026, 11, 4))

    decisions = appealable_decisions(user=actor, child=child)
    assert [d.kind.key for d in decisions] == [
        "final_plan",
        "amended_plan",
        "review_no_amendment",
        "cessation",
    ]
    texts = {
        d.kind.key: _text(decision_letter_generate(actor=actor, decision=d)) for d in decisions
    }
    assert "s.51(2)(e)" in texts["review_no_amendment"]
    assert "Good progress at school." in texts["review_no_amendment"]
    assert "s.51(2)(f)" in texts["cessation"] and "Now in paid work" in texts["cessation"]
    assert "amended education, health and care (EHC) plan" in texts["amended_plan"]
    # Each letter's appeal date is its own decision's row: the later cessation does not replace
    # the final plan's (Mon 3 Nov 2025 + 2 months = Sat 3 Jan 2026, moved to Mon 5 Jan 2026).
    appeal = Deadline.objects.get(child=child, rule="appeal.lodge", ref=f"cessation-{cessation.pk}")
    assert f"appeal by {format_long_date(appeal.due)}" in texts["cessation"]
    for key in ("final_plan", "amended_plan", "cessation"):
        assert "Contact the mediation adviser by " in texts[key], key
    final = Deadline.objects.get(child=child, rule="appeal.lodge", ref=f"plan-{first.pk}")
    assert final.due == date(2026, 1, 5)
    assert f"appeal by {format_long_date(final.due)}" in texts["final_plan"]
    assert format_long_date(appeal.due) not in texts["final_plan"]
