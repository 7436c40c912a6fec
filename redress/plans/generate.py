"""Generate a plan as a Word document from the editable template (docxtpl)."""

from __future__ import annotations

from typing import Any

from docxtpl import DocxTemplate, RichText  # type: ignore[import-untyped]

from redress.audit.services import audit_record
from redress.core.word import docx_render
from redress.plans.build_templates import PLAN_TEMPLATE
from redress.plans.models import PersonalBudget, Placement, Plan
from redress.plans.sections import PROVISION_SECTIONS, SECTION_CODES
from redress.plans.selectors import section_j_budget, section_k_advice
from redress.statutory.calendar import format_long_date


def _pounds(amount: Any) -> str:
    return "none" if amount is None else f"£{amount:,.2f}"


def budget_lines(budget: PersonalBudget | None) -> list[str]:
    """Section J in words: the personal budget, its parts and any direct payments."""
    if budget is None:
        return ["No personal budget has been asked for."]
    asked = f"A personal budget was asked for on {format_long_date(budget.requested_on)}."
    if budget.decision == PersonalBudget.Decision.REFUSED and budget.decided_on:
        return [
            asked,
            f"The local authority refused it on {format_long_date(budget.decided_on)}: "
            f"{budget.decision_reasons}",
        ]
    if budget.decision != PersonalBudget.Decision.AGREED or budget.decided_on is None:
        return [asked, "The local authority has not decided yet."]
    lines = [
        asked,
        f"Agreed on {format_long_date(budget.decided_on)}: {_pounds(budget.total)} in all "
        f"(education {_pounds(budget.education_amount)}; health {_pounds(budget.health_amount)}; "
        f"social care {_pounds(budget.social_care_amount)}).",
    ]
    if budget.direct_payments:
        lines.append(f"Direct payments are to meet: {budget.direct_payments_provision}")
        if budget.direct_payments_review_on:
            lines.append(
                "The direct payments are next reviewed on "
                f"{format_long_date(budget.direct_payments_review_on)}."
            )
    return lines


def _advice_received(
    template: DocxTemplate | None, reader: Any, plan: Plan, link_base: str
) -> list[dict[str, Any]]:
    """Section K's advice received, for this reader: each document they may open is its title,
    linked when the page's address is known (decision 0147)."""
    if reader is None:
        return []
    rows = []
    for advice in section_k_advice(user=reader, plan=plan):
        document = RichText()
        for n, link in enumerate(advice.documents):
            if n:
                document.add("; ")
            url_id = (
                template.build_url_id(link_base.rstrip("/") + link.url)
                if template is not None and link_base
                else None
            )
            document.add(link.title, url_id=url_id, underline=url_id is not None)
        if not advice.documents:
            document.add("Not attached")
        rows.append(
            {
                "advice_type": advice.advice_type,
                "source": advice.source,
                "received": format_long_date(advice.received),
                "document": document,
            }
        )
    return rows


def plan_context(
    plan: Plan, *, reader: Any = None, template: DocxTemplate | None = None, link_base: str = ""
) -> dict[str, Any]:
    child = plan.child
    texts = {s.code: s.text for s in plan.sections.all()}
    placement = Placement.objects.filter(plan=plan).first()
    if plan.issued_on:
        issued = f"Issued on {format_long_date(plan.issued_on)}."
    elif plan.draft_issued_on:
        issued = f"Draft issued on {format_long_date(plan.draft_issued_on)}."
    else:
        issued = "Not yet issued."
    return {
        "child_name": child.full_name,
        "date_of_birth": format_long_date(child.date_of_birth),
        "local_authority": child.local_authority.name,
        "version": plan.version_number,
        "status": "draft" if plan.is_editable else plan.get_status_display().lower(),
        "issued": issued,
        "text": {
            code: [line for line in texts.get(code, "").splitlines() if line.strip()]
            for code in SECTION_CODES
        },
        "outcomes": [
            {
                "text": o.text,
                "by_when": o.by_when,
                "preparing_for_adulthood": o.get_preparing_for_adulthood_display(),
            }
            for o in plan.outcomes.all()
        ],
        "provision": {
            code: [
                {"what": i.what, "who": i.who, "how_often": i.how_often, "how_long": i.how_long}
                for i in plan.provision_items.filter(section=code)
            ]
            for code in PROVISION_SECTIONS
        },
        "budget_lines": budget_lines(section_j_budget(plan)),
        "placement_name": (placement.name if placement else "") or "Not named",
        "placement_type": placement.institution_type if placement else "Not yet decided",
        "appendices": [
            {
                "title": str(a),
                "source": a.advice_request.recipient_organisation.name if a.advice_request else "",
                "received": (
                    format_long_date(a.advice_request.date_received)
                    if a.advice_request and a.advice_request.date_received
                    else ""
                ),
            }
            for a in plan.appendices.select_related("advice_request__recipient_organisation")
        ],
        "advice_received": _advice_received(template, reader, plan, link_base),
    }


def plan_docx_generate(*, actor: Any, plan: Plan, link_base: str = "") -> bytes:
    """The plan as a .docx: sections A to K as headings in order, tables with header rows;
    section K lists the advice received and links (from `link_base`, the site's address) the
    documents the actor may open. The caller has checked that the actor may see the child."""
    content = docx_render(
        PLAN_TEMPLATE,
        lambda template: plan_context(plan, reader=actor, template=template, link_base=link_base),
        title=f"Education, health and care plan: {plan.child.full_name}",
    )
    audit_record(
        actor=actor, action="generate", obj=plan, child=plan.child, summary=f"Generated {plan}"
    )
    return content
