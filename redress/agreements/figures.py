"""The figures mediation providers are asked for, by local authority and period, as counts and
rates: certificates issued within 3 working days (after the family declined, and after
mediation), mediations arranged and held within the 30 days, outcomes, each with and without
health issues, and how many went on to appeal.

Whether a step was in time is the engine's answer (the `Deadline` row's status and due date);
nothing here counts days. The CSV holds counts only: no name, no note, nothing said.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q

from redress.agreements.selectors import is_provider_user, provider_ids
from redress.casework.models import Deadline
from redress.core import registry
from redress.mediation.models import (
    MediationCase,
    MediationCertificate,
    MediationMeeting,
    Outcome,
)

CERTIFICATE_RULE = {
    MediationCertificate.Reason.DECLINED: "mediation.certificate_declined",
    MediationCertificate.Reason.AFTER_MEDIATION: "mediation.certificate_after",
}

MEASURES = (
    (
        "certificates_declined",
        "Certificates after the family declined, issued within 3 working days",
    ),
    ("certificates_after", "Certificates after mediation, issued within 3 working days"),
    ("arranged_30", "Mediations arranged to take place within the 30 days"),
    ("held_30", "Mediations held within the 30 days"),
    ("outcome_agreement", "Outcome: agreement on every issue"),
    ("outcome_partial", "Outcome: agreement on some issues"),
    ("outcome_no_agreement", "Outcome: no agreement"),
    ("outcome_withdrawn", "Outcome: withdrawn"),
    ("appealed", "Went on to appeal"),
)


@dataclass
class Rate:
    count: int = 0
    of: int = 0

    @property
    def percent(self) -> str:
        return f"{round(100 * self.count / self.of)}%" if self.of else "–"


@dataclass
class Group:
    """One authority's figures, for all its cases or for those with or without health issues."""

    rates: dict[str, Rate] = field(default_factory=lambda: {k: Rate() for k, _ in MEASURES})

    def add(self, measure: str, hit: bool) -> None:
        rate = self.rates[measure]
        rate.of += 1
        rate.count += int(hit)


GROUPS = (("all", "All cases"), ("health", "With health issues"), ("no_health", "Without"))


@dataclass
class Figures:
    start: date
    end: date
    # authority name -> group key -> Group
    by_authority: dict[str, dict[str, Group]]

    def rows(self) -> list[tuple[str, str, str, Rate]]:
        out = []
        for authority in sorted(self.by_authority):
            groups = self.by_authority[authority]
            for key, label in GROUPS:
                for measure, title in MEASURES:
                    out.append((authority, label, title, groups[key].rates[measure]))
        return out


def _met(child_id: int, rule: str, on: date | None) -> bool:
    """The engine's row for this rule, stopped on this day, was met (not late)."""
    if on is None:
        return False
    return Deadline.objects.filter(child_id=child_id, rule=rule, met_on=on, status="met").exists()


def _held_due(case: MediationCase) -> date | None:
    """The engine's due date for holding this case's mediation."""
    row = (
        Deadline.objects.filter(child_id=case.child_id, rule="mediation.held")
        .filter(Q(due__gte=case.la_told_on) if case.la_told_on else Q())
        .order_by("due")
        .first()
    )
    return row.due if row else None


def _appealed(case: MediationCase) -> bool:
    since = case.concluded_on or case.family_choice_on or case.decision_notice_date
    return bool(registry.lookup("appeal_lodged_since")(case.child_id, since))


def provider_figures(user: Any, *, start: date, end: date) -> Figures:
    """Cases of the user's providers with a step in the period: certificates by the day
    issued, arranging and holding by the day the local authority was told, outcomes by the day
    concluded."""
    if not is_provider_user(user):
        raise PermissionDenied
    providers = provider_ids(user)
    by_authority: dict[str, dict[str, Group]] = defaultdict(
        lambda: {key: Group() for key, _ in GROUPS}
    )

    def groups_for(case: MediationCase) -> list[Group]:
        groups = by_authority[case.child.local_authority.name]
        return [groups["all"], groups["health" if case.has_health_issues else "no_health"]]

    # Steps and cases withdrawn as recorded in error count nowhere (decisions 0111, 0134).
    certificates = MediationCertificate.objects.filter(
        case__provider_id__in=providers,
        case__withdrawn_at__isnull=True,
        withdrawn_at__isnull=True,
        issued_on__gte=start,
        issued_on__lte=end,
    ).select_related("case", "case__child", "case__child__local_authority")
    for certificate in certificates.iterator():
        rule = CERTIFICATE_RULE.get(certificate.reason)  # type: ignore[call-overload]
        if rule is None:
            continue
        measure = (
            "certificates_declined"
            if certificate.reason == MediationCertificate.Reason.DECLINED
            else "certificates_after"
        )
        hit = _met(certificate.case.child_id, rule, certificate.issued_on)
        for group in groups_for(certificate.case):
            group.add(measure, hit)

    requested = MediationCase.objects.filter(
        provider_id__in=providers,
        withdrawn_at__isnull=True,
        la_told_on__gte=start,
        la_told_on__lte=end,
    ).select_related("child", "child__local_authority")
    for case in requested.iterator():
        due = _held_due(case)
        meetings = [
            m
            for m in case.meetings.all()
            if m.status in (MediationMeeting.Status.SCHEDULED, MediationMeeting.Status.HELD)
        ]
        arranged = due is not None and any(m.meeting_date <= due for m in meetings)
        held = due is not None and any(m.held_on and m.held_on <= due for m in meetings)
        for group in groups_for(case):
            group.add("arranged_30", arranged)
            group.add("held_30", held)

    concluded = MediationCase.objects.filter(
        provider_id__in=providers,
        withdrawn_at__isnull=True,
        concluded_on__gte=start,
        concluded_on__lte=end,
    ).select_related("child", "child__local_authority")
    for case in concluded.iterator():
        appealed = _appealed(case)
        for group in groups_for(case):
            for outcome in Outcome.values:
                group.add(f"outcome_{outcome}", case.outcome == outcome)
            group.add("appealed", appealed)
    return Figures(start=start, end=end, by_authority=dict(by_authority))


def figures_csv(figures: Figures) -> str:
    """Counts and rates only: the authority, the group, the measure, how many of how many."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(("local authority", "cases", "measure", "count", "of", "rate"))
    for authority, group, title, rate in figures.rows():
        writer.writerow((authority, group, title, rate.count, rate.of, rate.percent))
    return out.getvalue()
