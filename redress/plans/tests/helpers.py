"""Test helpers: a child with a plan that is ready to issue, and the flow's steps."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from redress.casework.deadlines import events_for_child
from redress.casework.models import CaseEvent, Child, Deadline
from redress.casework.tests import factories
from redress.casework.tests.factories import Role, user_with_role
from redress.plans import services
from redress.plans.models import Plan
from redress.statutory import compute_events, parse_document

ChildFactory: Any = factories.ChildFactory
LocalAuthorityFactory: Any = factories.LocalAuthorityFactory
SettingFactory: Any = factories.SettingFactory


def caseworker_for(child: Child) -> Any:
    return user_with_role(Role.LA_CASEWORKER, child.local_authority)


def assessed(child: Child, requested: date = date(2024, 1, 8)) -> None:
    """The assessment a first plan follows: a request and a decision to assess on record."""
    if not child.events.filter(type="assessment_requested").exists():
        CaseEvent.objects.create(child=child, type="assessment_requested", date=requested)
        CaseEvent.objects.create(
            child=child, type="assessment_decision", date=requested + timedelta(days=14),
            details={"decision": "assess"},
        )  # fmt: skip


def ready_plan(child: Child, actor: Any) -> Plan:
    """A draft first plan with the content reg 12 requires before it is issued, for a child
    whose assessment is on record."""
    assessed(child)
    plan = services.plan_create(actor=actor, child=child, expected_version=None)
    services.plan_section_update(
        actor=actor, plan=plan, code="B", text="Severe speech and language difficulties.",
        expected_version=None,
    )  # fmt: skip
    services.outcome_add(
        actor=actor, plan=plan, text="Alex will speak in short sentences in class.",
        expected_version=None,
    )  # fmt: skip
    services.provision_item_add(
        actor=actor, plan=plan, section="F", what="Small-group literacy teaching",
        who="Class teacher", how_often="Daily, 30 minutes", how_long="Until the next review",
        expected_version=None,
    )  # fmt: skip
    # The draft names no school (CFA 2014 s.38(5)): the type, and the family's preference.
    services.placement_set(
        actor=actor, plan=plan, institution_type="Maintained mainstream primary school",
        family_preference="Hillside Primary", expected_version=None,
    )  # fmt: skip
    return plan


def name_the_school(plan: Plan, actor: Any) -> None:
    """After the draft is served: the final plan names the school the family asked for."""
    services.placement_set(
        actor=actor, plan=plan, institution_type="Maintained mainstream primary school",
        institution_name="Hillside Primary", family_preference="Hillside Primary",
        expected_version=None,
    )  # fmt: skip


def issued_plan(child: Child, actor: Any, draft: date, final: date) -> Plan:
    plan = ready_plan(child, actor)
    services.plan_issue_draft(actor=actor, plan=plan, when=draft, expected_version=None)
    name_the_school(plan, actor)
    return services.plan_issue_final(actor=actor, plan=plan, when=final, expected_version=None)


def engine_due(child: Child, today: date) -> dict[str, list[tuple[date, str]]]:
    """The engine's answer for the child's casework and plans events, by rule."""
    events = events_for_child(child)
    _, parsed = parse_document({"events": events})
    result: dict[str, list[tuple[date, str]]] = {}
    for d in compute_events(parsed, today=today):
        result.setdefault(d["rule"], []).append((date.fromisoformat(d["due"]), d["status"]))
    return result


def table_due(child: Child) -> dict[str, list[tuple[date, str]]]:
    result: dict[str, list[tuple[date, str]]] = {}
    for d in Deadline.objects.filter(child=child).order_by("due"):
        result.setdefault(d.rule, []).append((d.due, d.status))
    return result
