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
from django.db.models import (
    BooleanField,
    Case,
    Exists,
    OuterRef,
    Prefetch,
    Subquery,
    Value,
    When,
)

from redress.agreements.selectors import is_provider_user, provider_ids
from redress.casework.models import Deadline
from redress.core import registry
from redress.core.listing import in_chunks
from redress.mediation.models import (
    MediationCase,
    MediationCertificate,
    MediationIssue,
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


# Cases read at a time: each chunk's related rows come in one query, not one per case.
CHUNK = 500

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


def _met_on_issue() -> Case:
    """Whether the engine's row for the certificate's rule was met on the day it was issued
    (not late): one subquery in the certificates' own query, not a query per certificate."""
    return Case(
        *(
            When(
                reason=reason,
                then=Exists(
                    Deadline.objects.filter(
                        child_id=OuterRef("case__child_id"),
                        rule=rule,
                        met_on=OuterRef("issued_on"),
                        status="met",
                    )
                ),
            )
            for reason, rule in CERTIFICATE_RULE.items()
        ),
        default=Value(False),
        output_field=BooleanField(),
    )


def _held_due() -> Subquery:
    """The engine's due date for holding the case's mediation, counted from the day the local
    authority was told."""
    return Subquery(
        Deadline.objects.filter(
            child_id=OuterRef("child_id"), rule="mediation.held", due__gte=OuterRef("la_told_on")
        )
        .order_by("due")
        .values("due")[:1]
    )


def _with_health(case: str) -> Exists:
    """Whether health care provision is among the case's issues (the figures' health group)."""
    return Exists(
        MediationIssue.objects.filter(case_id=OuterRef(case), kind=MediationIssue.Kind.HEALTH)
    )


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

    def groups_for(case: MediationCase, with_health: bool) -> list[Group]:
        groups = by_authority[case.child.local_authority.name]
        return [groups["all"], groups["health" if with_health else "no_health"]]

    # Steps and cases withdrawn as recorded in error count nowhere (decisions 0111, 0134).
    certificates = MediationCertificate.objects.filter(
        case__provider_id__in=providers,
        case__withdrawn_at__isnull=True,
        withdrawn_at__isnull=True,
        issued_on__gte=start,
        issued_on__lte=end,
    ).select_related("case", "case__child", "case__child__local_authority")
    for certificate in certificates.annotate(
        in_time=_met_on_issue(), with_health=_with_health("case_id")
    ).iterator(chunk_size=CHUNK):
        if certificate.reason not in CERTIFICATE_RULE:
            continue
        measure = (
            "certificates_declined"
            if certificate.reason == MediationCertificate.Reason.DECLINED
            else "certificates_after"
        )
        for group in groups_for(certificate.case, certificate.with_health):
            group.add(measure, certificate.in_time)

    requested = MediationCase.objects.filter(
        provider_id__in=providers,
        withdrawn_at__isnull=True,
        la_told_on__gte=start,
        la_told_on__lte=end,
    ).select_related("child", "child__local_authority")
    arranging = Prefetch(
        "meetings",
        queryset=MediationMeeting.objects.filter(
            status__in=(MediationMeeting.Status.SCHEDULED, MediationMeeting.Status.HELD)
        ),
        to_attr="arranging",
    )
    requested = requested.annotate(
        held_due=_held_due(), with_health=_with_health("pk")
    ).prefetch_related(arranging)
    for case in requested.iterator(chunk_size=CHUNK):
        due = case.held_due
        meetings = case.arranging
        arranged = due is not None and any(m.meeting_date <= due for m in meetings)
        held = due is not None and any(m.held_on and m.held_on <= due for m in meetings)
        for group in groups_for(case, case.with_health):
            group.add("arranged_30", arranged)
            group.add("held_30", held)

    concluded = MediationCase.objects.filter(
        provider_id__in=providers,
        withdrawn_at__isnull=True,
        concluded_on__gte=start,
        concluded_on__lte=end,
    ).select_related("child", "child__local_authority")
    concluded = concluded.annotate(with_health=_with_health("pk"))
    latest_appeal_lodged = registry.lookup("latest_appeal_lodged")
    for chunk in in_chunks(concluded, CHUNK):
        latest_appeal = latest_appeal_lodged({case.child_id for case in chunk})
        for case in chunk:
            # Followed by an appeal: one lodged on or after the mediation ended (or, without
            # an end, after the family's choice or the decision it was about).
            since = case.concluded_on or case.family_choice_on or case.decision_notice_date
            lodged = latest_appeal.get(case.child_id)
            appealed = lodged is not None and since is not None and lodged >= since
            for group in groups_for(case, case.with_health):
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
