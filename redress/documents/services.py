"""Generating documents. Each generator checks that the actor may act on every record it names,
fills an editable Word template (docxtpl) and writes the audit log."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from docxtpl import Listing  # type: ignore[import-untyped]

from redress.accounts.models import Organisation
from redress.audit.services import audit_record
from redress.casework.advice_rule import ADVICE_RULE, advice_exceptions
from redress.casework.models import AdviceRequest, Deadline
from redress.core.word import docx_render
from redress.documents.build_templates import ESCALATION_LETTER
from redress.documents.legal import ESCALATION_CITATIONS
from redress.documents.letter_parts import signer_name, signer_role
from redress.statutory.calendar import format_long_date
from redress.statutory.engine import today_in_london

ASAP = "as soon as possible"


@dataclass(frozen=True)
class OverdueAdvice:
    """One overdue request as a letter or a list shows it: the engine's due date, and the days
    since it, counted to `today` (no period is recomputed here)."""

    advice: AdviceRequest
    deadline: Deadline
    days_overdue: int


def overdue_rows(
    pairs: Sequence[tuple[AdviceRequest, Deadline]], *, today: date | None = None
) -> list[OverdueAdvice]:
    today = today or today_in_london()
    return [OverdueAdvice(a, d, max((today - d.due).days, 0)) for a, d in pairs]


def _number_words(n: int) -> str:
    words = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
    noun = "child or young person" if n == 1 else "children and young people"
    return f"{words[n] if n < len(words) else n} {noun}"


def _address(organisation: Organisation) -> Listing:
    return Listing(organisation.address.strip())


def escalation_letter_context(
    *,
    actor: Any,
    local_authority: Organisation,
    commissioner: Organisation,
    advice_requests: Sequence[tuple[AdviceRequest, Deadline]],
    respond_by: date | None,
    today: date | None = None,
) -> dict[str, Any]:
    today = today or today_in_london()
    rows = overdue_rows(advice_requests, today=today)
    return {
        "local_authority_name": local_authority.name,
        "local_authority_address": _address(local_authority),
        "commissioner_name": commissioner.name,
        "commissioner_address": _address(commissioner),
        "letter_date": format_long_date(today),
        "child_count_words": _number_words(len(rows)),
        "rows": [
            {
                "child_name": row.advice.child.full_name,
                "date_of_birth": format_long_date(row.advice.child.date_of_birth),
                "date_requested": format_long_date(row.advice.date_sent),
                "date_due": format_long_date(row.deadline.due),
                "days_overdue": str(row.days_overdue),
            }
            for row in rows
        ],
        "rule_citation": ADVICE_RULE.citation,
        "citations": [
            {"key": c.key, "title": c.title, "short": c.short, "text": c.text}
            for c in ESCALATION_CITATIONS
        ],
        "exceptions": advice_exceptions(),
        "respond_by": f"by {format_long_date(respond_by)}" if respond_by else ASAP,
        "signed_by_name": signer_name(actor),
        "signed_by_role": signer_role(actor, local_authority),
        "signed_by_email": getattr(actor, "email", ""),
    }


ESCALATE_PERMISSION = "casework.escalate_advicerequest"


def escalatable(
    *,
    actor: Any,
    local_authority: Organisation,
    commissioner: Organisation,
    advice_requests: Sequence[tuple[AdviceRequest, Deadline]],
    today: date | None = None,
) -> list[tuple[AdviceRequest, Deadline]]:
    """The requests a letter may name, each with the engine's Deadline row read afresh.

    Refuses (PermissionDenied) a request the actor may not escalate, sent to another
    commissioner or about a child of another local authority. Leaves out a request whose advice
    is no longer overdue: received, met, excused under regulation 8(2), or not yet due.
    """
    today = today or today_in_london()
    for advice, _ in advice_requests:
        if (
            not actor.has_perm(ESCALATE_PERMISSION, advice)
            or advice.recipient_organisation_id != commissioner.pk
            or advice.child.local_authority_id != local_authority.pk
        ):
            raise PermissionDenied("You cannot escalate one of these advice requests.")
    rows = Deadline.objects.filter(
        rule=ADVICE_RULE.id, child_id__in={advice.child_id for advice, _ in advice_requests}
    )
    by_key = {(row.child_id, row.ref): row for row in rows}
    kept = []
    for advice, _ in advice_requests:
        row = by_key.get((advice.child_id, advice.ref))
        if (
            row is not None
            and advice.date_received is None
            and row.met_on is None
            and row.status != "excepted"
            and row.due < today
        ):
            kept.append((advice, row))
    return kept


def escalation_letter_generate(
    *,
    actor: Any,
    local_authority: Organisation,
    commissioner: Organisation,
    advice_requests: Sequence[tuple[AdviceRequest, Deadline]],
    respond_by: date | None,
    large_print: bool = False,
) -> bytes:
    """The Word letter from the local authority to a health commissioner about overdue advice,
    citing its duties (CFA 2014 s.31; SEND Regulations 2014 reg 8), in large print if asked.
    Audited once per request.

    Only the requests `escalatable` keeps are named, with the engine's due dates."""
    advice_requests = escalatable(
        actor=actor,
        local_authority=local_authority,
        commissioner=commissioner,
        advice_requests=advice_requests,
    )
    if not advice_requests:
        raise ValidationError("None of these advice requests is overdue any more.")
    context = escalation_letter_context(
        actor=actor,
        local_authority=local_authority,
        commissioner=commissioner,
        advice_requests=advice_requests,
        respond_by=respond_by,
    )
    content = docx_render(
        ESCALATION_LETTER,
        context,
        title=f"Advice overdue: letter to {commissioner}",
        large_print=large_print,
    )
    for advice, _deadline in advice_requests:
        audit_record(
            actor=actor,
            action="generate",
            obj=advice,
            child=advice.child,
            summary=f"Generated the overdue advice letter to {commissioner} ({advice})",
        )
    return content


__all__ = [
    "ASAP",
    "OverdueAdvice",
    "escalatable",
    "escalation_letter_context",
    "escalation_letter_generate",
    "overdue_rows",
]
