"""Naming an existing mediation case's or appeal's decision from the records, for the data
migrations that gave records made before decision refs existed their ref.

It reads models through an app registry (a migration's historical `apps`, or Django's own), so it
works at any point in the migration history. New records are linked when they are made
(`redress.documents.decision_letters.decision_for_notice`), with the same rule: the recorded
decision whose notice was sent on the same day, one of the same kind first.
"""

from __future__ import annotations

from datetime import date
from typing import Any

# Casework steps that are appealable decisions, in the mediation and appeals apps' words.
_CASEWORK_KINDS = {
    ("assessment_decision", "not_assess"): "not_assess",
    ("plan_decision", "not_issue"): "not_issue",
    ("final_plan_issued", None): "plan_contents",
    ("reassessment_decision", "not_reassess"): "not_reassess",
    ("reassessment_no_change", None): "not_amend",
}


def recorded_decisions(apps: Any, child_id: int, notice_date: date) -> list[tuple[str, str]]:
    """(ref, decision kind) of every recorded decision whose notice was sent that day, in the
    order the decision letters list them."""
    case_event = apps.get_model("casework", "CaseEvent")
    found: list[tuple[str, str]] = []
    casework_final = False
    for event in case_event.objects.filter(child_id=child_id, date=notice_date).order_by("id"):
        kind = _CASEWORK_KINDS.get((event.type, (event.details or {}).get("decision")))
        if kind is not None:
            found.append((f"case_event-{event.pk}", kind))
            casework_final = casework_final or event.type == "final_plan_issued"
    plan = apps.get_model("plans", "Plan")
    for version in plan.objects.filter(child_id=child_id, issued_on=notice_date).order_by(
        "version_number"
    ):
        if version.supersedes_id is None:
            if not casework_final:
                found.append((f"plan-{version.pk}", "plan_contents"))
        else:
            found.append((f"plan-{version.pk}", "amended_plan"))
    if any(f.name == "not_amended_on" for f in plan._meta.get_fields()):
        for version in plan.objects.filter(child_id=child_id, not_amended_on=notice_date):
            found.append((f"plan-{version.pk}", "not_amend"))
    review_step = apps.get_model("plans", "ReviewStep")
    for step in review_step.objects.filter(
        cycle__child_id=child_id, kind="decision", decision="maintain", date=notice_date
    ).order_by("id"):
        found.append((f"review_step-{step.pk}", "not_amend"))
    cessation = apps.get_model("plans", "Cessation")
    for ceased in cessation.objects.filter(
        plan__child_id=child_id, notice_sent_on=notice_date
    ).order_by("id"):
        found.append((f"cessation-{ceased.pk}", "cease"))
    return found


def infer_decision_ref(apps: Any, child_id: int, decision: str, notice_date: date) -> str:
    """The ref of the recorded decision a record about `decision` (notified that day) concerns;
    '' when none was recorded."""
    same_day = recorded_decisions(apps, child_id, notice_date)
    same_kind = [ref for ref, kind in same_day if kind == decision]
    if same_kind:
        return same_kind[0]
    return same_day[0][0] if same_day else ""
