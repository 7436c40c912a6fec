"""Generate a plan as a Word document from the editable template (docxtpl)."""

from __future__ import annotations

from typing import Any

from redress.audit.services import audit_record
from redress.core.word import docx_render
from redress.plans.build_templates import PLAN_TEMPLATE
from redress.plans.models import Placement, Plan
from redress.plans.sections import PROVISION_SECTIONS, SECTION_CODES
from redress.statutory.calendar import format_long_date


def plan_context(plan: Plan) -> dict[str, Any]:
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
    }


def plan_docx_generate(*, actor: Any, plan: Plan) -> bytes:
    """The plan as a .docx: sections A to K as headings in order, tables with header rows.
    The caller has checked that the actor may see the child."""
    content = docx_render(
        PLAN_TEMPLATE,
        plan_context(plan),
        title=f"Education, health and care plan: {plan.child.full_name}",
    )
    audit_record(
        actor=actor, action="generate", obj=plan, child=plan.child, summary=f"Generated {plan}"
    )
    return content
