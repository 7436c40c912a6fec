"""The written agreement as a Word document, from the editable template (docxtpl).

Only the parties, a supporter with the family's consent and the provider that ran the mediation
may download it (`agreements.view_agreement`); the view checks that, and this module checks it
again. The context is built from the agreement's own records: the mediator's notes are never read.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied

from redress.agreements.build_templates import AGREEMENT_TEMPLATE
from redress.agreements.legal import AGREEMENT_CITATIONS, TRIBUNAL_STEPS
from redress.agreements.models import NO_SECTION, MediationAgreement, Party
from redress.agreements.selectors import agreement_view
from redress.audit.services import audit_record
from redress.core.word import docx_render
from redress.plans.sections import heading
from redress.statutory.calendar import format_long_date
from redress.statutory.engine import today_in_london


def _party_name(agreement: MediationAgreement, party: str) -> str:
    if party == Party.FAMILY:
        return "The parent or young person"
    if party == Party.LOCAL_AUTHORITY:
        return agreement.case.child.local_authority.name
    commissioner = agreement.health_commissioner
    return commissioner.name if commissioner else "The health commissioner"


def agreement_context(agreement: MediationAgreement) -> dict[str, Any]:
    view = agreement_view(agreement)
    child = agreement.case.child
    parties = []
    for party in agreement.parties():
        acceptance = view.acceptances.get(party)
        accepted = "not yet accepted"
        if acceptance:
            when = format_long_date(acceptance.accepted_on)
            accepted = f"accepted by {acceptance.accepted_by_name} on {when}"
        parties.append({"name": _party_name(agreement, party), "accepted": accepted})
    actions = []
    for row in view.actions:
        action = row.action
        if row.deadline is not None:
            by_when = format_long_date(row.deadline.due)
        elif action.agreed_due is not None:
            by_when = format_long_date(action.agreed_due)
        else:
            by_when = "Within the time the law allows (reg 42), from the date of the agreement"
        if action.timing == action.Timing.AGREED:
            by_when += " (the date agreed)"
        actions.append(
            {
                "what": action.what,
                "who": action.who,
                "measure": action.measure,
                "by_when": by_when,
                "section": (
                    "No change to the plan"
                    if action.plan_section == NO_SECTION
                    else heading(action.plan_section)
                ),
            }
        )
    if view.live_appeal is not None:
        tribunal_steps = " ".join(f"{s.text} ({s.citation})" for s in TRIBUNAL_STEPS)
    else:
        tribunal_steps = "No appeal is recorded as under way."
    return {
        "child_name": child.full_name,
        "date_of_birth": format_long_date(child.date_of_birth),
        "agreement_date": format_long_date(agreement.made_on),
        "provider_name": agreement.case.provider.name,
        "parties": parties,
        "actions": actions,
        "future_disagreements": agreement.future_disagreements or "None recorded.",
        "tribunal_steps": tribunal_steps,
        "citations": list(AGREEMENT_CITATIONS),
        "generated_on": format_long_date(today_in_london()),
    }


def agreement_docx_generate(*, actor: Any, agreement: MediationAgreement) -> bytes:
    if not actor.has_perm("agreements.view_agreement", agreement):
        raise PermissionDenied
    content = docx_render(
        AGREEMENT_TEMPLATE,
        agreement_context(agreement),
        title=f"Mediation agreement: {agreement.case.child.full_name}",
    )
    audit_record(
        actor=actor,
        action="download",
        obj=agreement,
        child=agreement.case.child,
        summary="Downloaded the mediation agreement",
    )
    return content
