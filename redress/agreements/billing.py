"""Invoicing each local authority for its mediation cases at the provider's rates: per case, per
session held, per hour held, and a fee per meeting cancelled or moved. The invoice is a Word
document (docxtpl, like the other documents) and a CSV, each listing the cases it covers by the
provider's reference (no child's name, no notes)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q

from redress.accounts.models import Organisation, Role
from redress.accounts.selectors import has_role_at
from redress.agreements.build_templates import INVOICE_TEMPLATE
from redress.agreements.models import ProviderRates
from redress.audit.services import audit_record
from redress.core.word import docx_render
from redress.mediation.models import MediationCase, MediationMeeting
from redress.mediation.schedule import reference
from redress.statutory.calendar import format_long_date
from redress.statutory.engine import today_in_london

BILLING_ROLES = (Role.MEDIATION_CASE_MANAGER,)
PENNY = Decimal("0.01")


@dataclass
class InvoiceLine:
    reference: str
    sessions: int
    hours: Decimal
    cancellations: int
    amount: Decimal


@dataclass
class Invoice:
    provider: Organisation
    authority: Organisation
    start: date
    end: date
    rates: ProviderRates
    lines: list[InvoiceLine] = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return sum((line.amount for line in self.lines), Decimal("0"))


def rates_for(provider: Organisation, authority: Organisation) -> ProviderRates:
    """The authority's own rates, else the provider's default, else nothing charged."""
    return (
        ProviderRates.objects.filter(provider=provider, local_authority=authority).first()
        or ProviderRates.objects.filter(provider=provider, local_authority__isnull=True).first()
        or ProviderRates(provider=provider)
    )


def _hours(meeting: MediationMeeting) -> Decimal:
    if meeting.end_time is None:
        return Decimal("0")
    start = datetime.combine(meeting.meeting_date, meeting.start_time)
    end = datetime.combine(meeting.meeting_date, meeting.end_time)
    return (Decimal((end - start).seconds) / Decimal(3600)).quantize(PENNY, ROUND_HALF_UP)


def invoice_build(
    *, actor: Any, provider: Organisation, authority: Organisation, start: date, end: date
) -> Invoice:
    """The cases of `authority` with something billable in the period: a session held, a
    meeting cancelled or moved, or a certificate issued."""
    if not has_role_at(actor, provider.pk, BILLING_ROLES):
        raise PermissionDenied
    rates = rates_for(provider, authority)
    invoice = Invoice(provider=provider, authority=authority, start=start, end=end, rates=rates)
    cases = (
        MediationCase.objects.filter(
            provider=provider, child__local_authority=authority, withdrawn_at__isnull=True
        )
        .filter(
            Q(meetings__held_on__range=(start, end))
            | Q(meetings__cancelled_on__range=(start, end))
            | Q(
                meetings__status=MediationMeeting.Status.RESCHEDULED,
                meetings__updated_at__date__range=(start, end),
            )
            | Q(certificates__issued_on__range=(start, end))
        )  # fmt: skip
        .distinct()
        .order_by("pk")
        .prefetch_related("meetings")
    )
    # Each case's meetings come a chunk of cases at a time, not a query per case.
    for case in cases.iterator(chunk_size=500):
        meetings = list(case.meetings.all())
        held = [m for m in meetings if m.held_on and start <= m.held_on <= end]
        cancelled = [
            m
            for m in meetings
            if (m.cancelled_on and start <= m.cancelled_on <= end)
            or (
                m.status == MediationMeeting.Status.RESCHEDULED
                and start <= m.updated_at.date() <= end
            )
        ]
        hours = sum((_hours(m) for m in held), Decimal("0"))
        amount = (
            rates.per_case
            + rates.per_session * len(held)
            + rates.per_hour * hours
            + rates.cancellation_fee * len(cancelled)
        ).quantize(PENNY, ROUND_HALF_UP)
        invoice.lines.append(
            InvoiceLine(
                reference=reference(case),
                sessions=len(held),
                hours=hours,
                cancellations=len(cancelled),
                amount=amount,
            )
        )
    audit_record(
        actor=actor,
        action="generate",
        object_type="invoice",
        summary=f"Built the mediation invoice for {authority} "
        f"({format_long_date(start)} to {format_long_date(end)})",
    )
    return invoice


def invoice_csv(invoice: Invoice) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(("case reference", "sessions held", "hours held", "cancelled or moved",
                     "amount (GBP)"))  # fmt: skip
    for line in invoice.lines:
        writer.writerow((line.reference, line.sessions, line.hours, line.cancellations,
                         line.amount))  # fmt: skip
    writer.writerow(())
    writer.writerow(("total", "", "", "", invoice.total))
    return out.getvalue()


def invoice_docx(invoice: Invoice) -> bytes:
    rates = invoice.rates
    return docx_render(
        INVOICE_TEMPLATE,
        {
            "provider_name": invoice.provider.name,
            "provider_address": invoice.provider.address.strip(),
            "issued_on": format_long_date(today_in_london()),
            "authority_name": invoice.authority.name,
            "start": format_long_date(invoice.start),
            "end": format_long_date(invoice.end),
            "per_case": f"£{rates.per_case}",
            "per_session": f"£{rates.per_session}",
            "per_hour": f"£{rates.per_hour}",
            "cancellation_fee": f"£{rates.cancellation_fee}",
            "lines": invoice.lines,
            "total": invoice.total,
        },
        title=f"Invoice from {invoice.provider.name} to {invoice.authority.name}",
    )
