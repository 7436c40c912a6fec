"""Reads for the agreements pages. Every selector takes the acting user, so who sees what is
decided here (mirroring `permissions.py`) and nowhere else.

Nothing here reads the mediator's notes: the agreement, its document, the dashboard and the
report are built only from the agreement's own records and the deadline table.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)

from redress.accounts.models import LA_ROLES, Role
from redress.agreements.events import agreement_in_force
from redress.agreements.models import (
    ActionReport,
    AgreedAction,
    ExpensesClaim,
    MediationAgreement,
)
from redress.agreements.permissions import PROVIDER_ROLES
from redress.audit.reads import record_read
from redress.casework.models import Deadline
from redress.casework.permissions import consent_in_force_q, organisation_ids
from redress.core import csv as safe_csv
from redress.core import registry
from redress.core.access import permitted_get
from redress.mediation import selectors as mediation_selectors
from redress.mediation.events import case_ref
from redress.mediation.models import (
    MediationAttendee,
    MediationCase,
    MediationCertificate,
    MediationMeeting,
    Outcome,
)
from redress.plans.models import Plan
from redress.statutory.calendar import end_of_week
from redress.statutory.engine import today_in_london

CERTIFICATE_RULES = (
    "mediation.certificate_declined",
    "mediation.certificate_not_arranged",
    "mediation.certificate_after",
)


def _signed_in(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False))


def provider_ids(user: Any) -> list[int]:
    return organisation_ids(user, PROVIDER_ROLES)


def is_provider_user(user: Any) -> bool:
    return bool(provider_ids(user))


def agreements_visible_to(user: Any) -> QuerySet[MediationAgreement]:
    """Every agreement the user may read (and so download): mirrors agreements.view_agreement."""
    if not _signed_in(user):
        return MediationAgreement.objects.none()
    providers = provider_ids(user)
    la = organisation_ids(user, LA_ROLES)
    health = organisation_ids(user, (Role.HEALTH_OFFICER,))
    query = (
        Q(case__provider_id__in=providers)
        | Q(la_party=True, case__child__local_authority_id__in=la)
        | Q(health_commissioner_id__in=health)
        | Q(case__child__family__user=user)
        | (Q(case__child__consents__supporter=user) & consent_in_force_q("case__child__consents__"))
    )
    return (
        MediationAgreement.objects.filter(query)
        .distinct()
        .select_related("case", "case__child", "case__provider", "health_commissioner")
    )


def agreement_get(
    *, user: Any, pk: int, perm: str = "agreements.view_agreement"
) -> MediationAgreement:
    agreement = permitted_get(
        MediationAgreement.objects.select_related(
            "case", "case__child", "case__child__local_authority", "case__provider",
            "health_commissioner",
        ),
        pk=pk,
        user=user,
        perm=perm,
        not_found="No such agreement",
    )  # fmt: skip
    record_read(agreement.case.child_id, obj=agreement, summary="Viewed a mediation agreement")
    return agreement


def action_get(*, user: Any, pk: int, agreement: MediationAgreement, perm: str) -> AgreedAction:
    """An action of this agreement (an action of another agreement is not found here)."""
    return permitted_get(
        agreement.actions.all(), pk=pk, user=user, perm=perm, not_found="No such action"
    )


def case_get(*, user: Any, pk: int, perm: str) -> MediationCase:
    case = permitted_get(
        MediationCase.objects.select_related("child", "provider"),
        pk=pk,
        user=user,
        perm=perm,
        not_found="No such mediation",
    )
    record_read(case.child_id, obj=case, summary="Viewed a mediation case")
    return case


def cases_for_provider_staff(user: Any) -> QuerySet[MediationCase]:
    # A case withdrawn as opened in error counts nowhere (decision 0134).
    return MediationCase.objects.filter(
        provider_id__in=provider_ids(user), withdrawn_at__isnull=True
    ).select_related("child", "provider")


# -- One agreement as its page shows it -------------------------------------------------------


@dataclass
class ActionRow:
    action: AgreedAction
    deadline: Deadline | None
    reports: list[Any]


@dataclass
class AgreementView:
    agreement: MediationAgreement
    in_force: bool
    actions: list[ActionRow]
    acceptances: dict[str, Any]  # party -> Acceptance of the current version
    stale_acceptances: dict[str, Any]  # party -> Acceptance of earlier wording
    notify_la: Deadline | None
    wording_decisions: list[Any]
    live_appeal: Any = None


def live_appeal_for(child: Any) -> Any:
    """The child's live appeal, or None (answered by appeals, which sits above agreements)."""
    return registry.lookup("live_appeal")(child)


def agreement_view(agreement: MediationAgreement) -> AgreementView:
    """The agreement with each action's deadline from the engine's table. The caller has
    checked that the user may see the agreement."""
    child = agreement.case.child
    deadlines = {
        d.ref: d
        for d in Deadline.objects.filter(child=child, rule="agreement.action", ref__startswith=(
            f"agreement-{agreement.pk}-"
        ))
    }  # fmt: skip
    actions = [
        ActionRow(a, deadlines.get(a.ref), list(a.reports.all()))
        for a in agreement.actions.prefetch_related("reports")
    ]
    current: dict[str, Any] = {}
    stale: dict[str, Any] = {}
    for acceptance in agreement.acceptances.all():
        target = current if acceptance.agreement_version == agreement.version else stale
        target[acceptance.party] = acceptance
    in_force = agreement_in_force(agreement)
    notify_la = None
    if in_force and not agreement.la_party:
        notify_la = Deadline.objects.filter(
            child=child, rule="agreement.notify_la", due__gte=agreement.made_on
        ).first()
    return AgreementView(
        agreement=agreement,
        in_force=in_force,
        actions=actions,
        acceptances=current,
        stale_acceptances=stale,
        notify_la=notify_la,
        wording_decisions=list(agreement.wording_decisions.select_related("decided_by")),
        live_appeal=live_appeal_for(child),
    )


def plan_url_for(user: Any, child: Any) -> str:
    """The child's latest plan page, for someone who may open the child's record (so each
    action can link to the section it changes); empty otherwise."""
    from django.urls import reverse

    if not user.has_perm("casework.view_child", child):
        return ""
    plan = Plan.objects.filter(child=child).order_by("-version_number", "-id").first()
    return reverse("plans:detail", args=[plan.pk]) if plan else ""


@dataclass
class NoAgreement:
    """A mediation that ended without agreement: its certificate and the appeal deadline."""

    case: MediationCase
    certificate: MediationCertificate | None
    certificate_deadline: Deadline | None
    appeal_deadline: Deadline | None


def no_agreement_view(case: MediationCase) -> NoAgreement:
    return NoAgreement(
        case=case,
        certificate=case.certificates.order_by("-issued_on", "-id").first(),
        certificate_deadline=Deadline.objects.filter(
            child=case.child, rule="mediation.certificate_after"
        )
        .order_by("-due")
        .first(),
        appeal_deadline=Deadline.objects.filter(
            child=case.child, rule="appeal.lodge", ref=case_ref(case)
        )
        .order_by("-due")
        .first(),
    )


# -- Lists ------------------------------------------------------------------------------------


OverdueRow = tuple[MediationAgreement, AgreedAction, Deadline]


def overdue_actions_visible_to(user: Any, *, limit: int | None = None) -> list[OverdueRow]:
    """Agreed actions whose engine deadline is overdue, on agreements the user may see, most
    overdue first (at most `limit`; the overdue page pages the whole list)."""
    from redress.agreements.selectors_lists import overdue_actions, overdue_rows

    today = today_in_london()
    actions = overdue_actions(user, {}, today)
    return overdue_rows(actions[:limit] if limit else actions, today)


def claims_visible_to(user: Any) -> QuerySet[ExpensesClaim]:
    """Mirrors agreements.view_claim: a supporter sees only the claims they put in."""
    if not _signed_in(user):
        return ExpensesClaim.objects.none()
    providers = provider_ids(user)
    la = organisation_ids(user, LA_ROLES)
    health = organisation_ids(user, (Role.HEALTH_OFFICER,))
    supporter_consent = Q(case__child__consents__supporter=user) & consent_in_force_q(
        "case__child__consents__"
    )
    query = (
        Q(case__provider_id__in=providers)
        | Q(payer=ExpensesClaim.Payer.LOCAL_AUTHORITY, case__child__local_authority_id__in=la)
        | Q(
            payer=ExpensesClaim.Payer.HEALTH_COMMISSIONER,
            case__health_commissioner_id__in=health,
        )
        | Q(case__child__family__user=user)
        | (supporter_consent & Q(submitted_by=user))
    )
    return (
        ExpensesClaim.objects.filter(query)
        .distinct()
        .select_related("case", "case__child", "case__provider")
    )


def claim_get(*, user: Any, pk: int, perm: str = "agreements.view_claim") -> ExpensesClaim:
    claim = permitted_get(
        ExpensesClaim.objects.select_related("case", "case__child"),
        pk=pk,
        user=user,
        perm=perm,
        not_found="No such claim",
    )
    record_read(claim.case.child_id, obj=claim, summary="Viewed an expenses claim")
    return claim


# -- The provider's dashboard and report ------------------------------------------------------


def case_stage(case: MediationCase) -> str:
    """Where a mediation case stands, in the provider's words."""
    if case.outcome:
        return "Concluded"
    if any(m.status == MediationMeeting.Status.HELD for m in case.meetings.all()):
        return "Held, not yet concluded"
    if any(m.status == MediationMeeting.Status.SCHEDULED for m in case.meetings.all()):
        return "Meeting arranged"
    if case.certificates.exists() and not case.la_told_on:
        return "Certificate issued without mediation"
    if case.la_told_on:
        return "Family wishes to mediate: to arrange"
    return "Information and advice"


STAGES = (
    "Information and advice",
    "Certificate issued without mediation",
    "Family wishes to mediate: to arrange",
    "Meeting arranged",
    "Held, not yet concluded",
    "Concluded",
)


@dataclass
class ProviderDashboard:
    today: date
    week_ends: date
    stages: list[tuple[str, int]]
    certificates_due: list[Deadline]
    meetings_this_week: list[MediationMeeting]
    attendees_without_authority: list[Any]
    overdue_actions: list[OverdueRow]
    reports_to_follow_up: list[Any] = field(default_factory=list)
    certificates_due_count: int = 0
    meetings_this_week_count: int = 0
    overdue_count: int = 0
    reports_count: int = 0


@dataclass(frozen=True)
class AuthorityGap:
    case: MediationCase
    attendee: MediationAttendee
    meeting_date: date
    confirm_by: date | None


#: How many rows of each of the dashboard's lists it shows; each links to the whole list.
DASHBOARD_ROWS = 10
#: The week's meetings it shows, soonest first (all of them counted).
MEETINGS_SHOWN = 50


def stage_counts(cases: QuerySet[MediationCase]) -> dict[str, int]:
    """How many cases are at each stage (`case_stage`'s order of tests, in one query)."""
    meetings = MediationMeeting.objects.filter(case=OuterRef("pk"))
    stage = Case(
        When(~Q(outcome=""), then=Value("Concluded")),
        When(
            Exists(meetings.filter(status=MediationMeeting.Status.HELD)),
            then=Value("Held, not yet concluded"),
        ),
        When(
            Exists(meetings.filter(status=MediationMeeting.Status.SCHEDULED)),
            then=Value("Meeting arranged"),
        ),
        When(
            Q(Exists(MediationCertificate.objects.filter(case=OuterRef("pk"))))
            & Q(la_told_on__isnull=True),
            then=Value("Certificate issued without mediation"),
        ),
        When(la_told_on__isnull=False, then=Value("Family wishes to mediate: to arrange")),
        default=Value("Information and advice"),
        output_field=CharField(),
    )
    counts = dict.fromkeys(STAGES, 0)
    for row in cases.order_by().annotate(stage=stage).values("stage").annotate(n=Count("pk")):
        counts[row["stage"]] = row["n"]
    return counts


def provider_certificates_due(user: Any) -> QuerySet[Deadline]:
    """Certificates not yet issued on the provider's cases, soonest due first."""
    children = cases_for_provider_staff(user).values("child_id")
    due = mediation_selectors.certificate_deadlines_visible_to(user)
    return due.filter(child_id__in=children).order_by("due", "id")


def provider_meetings_this_week(user: Any, today: date) -> QuerySet[MediationMeeting]:
    """The provider's meetings arranged from today to Sunday, soonest first (for the dashboard
    and its download)."""
    return (
        MediationMeeting.objects.filter(
            case__in=cases_for_provider_staff(user),
            status=MediationMeeting.Status.SCHEDULED,
            meeting_date__gte=today,
            meeting_date__lte=end_of_week(today),
        )
        .select_related("case", "case__child")
        .order_by("meeting_date", "start_time", "id")
    )


def provider_dashboard(user: Any) -> ProviderDashboard:
    """What the provider's staff must do, each list cut to its first `DASHBOARD_ROWS` rows
    (with its length) and counted in the database, never loaded whole."""
    from redress.agreements.selectors_lists import overdue_actions, overdue_rows

    if not is_provider_user(user):
        raise PermissionDenied
    today = today_in_london()
    week_ends = end_of_week(today)
    cases = cases_for_provider_staff(user)
    counts = stage_counts(cases)
    due = provider_certificates_due(user)
    meetings = provider_meetings_this_week(user, today)
    overdue = overdue_actions(user, {}, today).filter(
        agreement__case__provider_id__in=provider_ids(user)
    )
    # The family's reports of actions not done, when the provider follows up its agreements.
    reports = ActionReport.objects.filter(
        action__agreement__case__provider_id__in=provider_ids(user),
        case_manager_alerted=True,
        action__done_on__isnull=True,
    )
    return ProviderDashboard(
        today=today,
        reports_to_follow_up=list(
            reports.select_related("action__agreement__case__child").order_by(
                "-reported_on", "-id"
            )[:DASHBOARD_ROWS]
        ),
        reports_count=reports.count(),
        week_ends=week_ends,
        stages=[(s, counts[s]) for s in STAGES],
        certificates_due=list(due[:DASHBOARD_ROWS]),
        certificates_due_count=due.count(),
        # A large provider's week: the soonest shown, all of them counted.
        meetings_this_week=list(meetings[:MEETINGS_SHOWN]),
        meetings_this_week_count=meetings.count(),
        # The mediation app decides when a gap warrants a warning (two working days
        # before the meeting, reg 37(1)).
        attendees_without_authority=list(
            mediation_selectors.attendees_without_confirmed_authority(user)
        ),
        overdue_actions=overdue_rows(overdue[:DASHBOARD_ROWS], today),
        overdue_count=overdue.count(),
    )


@dataclass
class ReportRow:
    case: MediationCase
    held_on: date
    agreement_reached: bool
    followed_by_appeal: bool
    without_authority: bool


@dataclass
class ProviderReport:
    start: date
    end: date
    rows: list[ReportRow]

    @property
    def held(self) -> int:
        return len(self.rows)

    @property
    def agreements(self) -> int:
        return sum(r.agreement_reached for r in self.rows)

    @property
    def followed_by_appeal(self) -> int:
        return sum(r.followed_by_appeal for r in self.rows)

    @property
    def without_authority(self) -> int:
        return sum(r.without_authority for r in self.rows)


def provider_report(user: Any, *, start: date, end: date) -> ProviderReport:
    """Mediations held in the period (by the day held), for the user's providers."""
    if not is_provider_user(user):
        raise PermissionDenied
    # Held by the day it was held, with an LA or health attendee then still without confirmed
    # authority to settle, read in one query with the meetings (not a query a mediation).
    unconfirmed = MediationAttendee.objects.filter(
        case=OuterRef("case_id"),
        party__in=["local_authority", "health_commissioner"],
        withdrawn_on__isnull=True,
    ).filter(
        Q(authority_confirmation=MediationAttendee.AuthorityConfirmation.NOT_CONFIRMED)
        | Q(authority_confirmed_on__gt=OuterRef("held_on"))
    )
    meetings = (
        MediationMeeting.objects.filter(
            case__provider_id__in=provider_ids(user),
            case__withdrawn_at__isnull=True,
            withdrawn_at__isnull=True,
            status=MediationMeeting.Status.HELD,
            held_on__gte=start,
            held_on__lte=end,
        )
        .select_related("case", "case__child", "case__child__local_authority")
        .annotate(without_authority=Exists(unconfirmed))
        .order_by("held_on", "id")
    )
    held = []
    seen: set[int] = set()
    for meeting in meetings:
        if meeting.case_id in seen or meeting.held_on is None:
            continue
        seen.add(meeting.case_id)
        held.append(meeting)
    agreements = {
        agreement.case_id: agreement
        for agreement in MediationAgreement.objects.filter(
            case_id__in=[m.case_id for m in held]
        ).prefetch_related("acceptances", "actions")
    }
    latest_appeal = registry.lookup("latest_appeal_lodged")([m.case.child_id for m in held])
    rows = []
    for meeting in held:
        case = meeting.case
        agreement = agreements.get(case.pk)
        reached = case.outcome in (Outcome.AGREEMENT, Outcome.PARTIAL) or (
            agreement is not None and agreement_in_force(agreement)
        )
        appealed_on = latest_appeal.get(case.child_id)
        rows.append(
            ReportRow(
                case=case,
                held_on=meeting.held_on,  # type: ignore[arg-type]  # checked above
                agreement_reached=reached,
                followed_by_appeal=appealed_on is not None and appealed_on >= meeting.held_on,
                without_authority=meeting.without_authority,
            )
        )
    return ProviderReport(start=start, end=end, rows=rows)


CSV_HEADER = (
    "mediation case",
    "local authority",
    "held on",
    "agreement reached",
    "followed by an appeal",
    "held without confirmed authority to settle",
)


def provider_report_csv(report: ProviderReport) -> str:
    """The report as CSV: counts and yes/no per mediation, never notes or what was discussed,
    and no child's name (a case number identifies the row to its provider)."""
    out = io.StringIO()
    writer = safe_csv.writer(out)
    writer.writerow(CSV_HEADER)
    for row in report.rows:
        writer.writerow(
            (
                row.case.pk,
                row.case.child.local_authority.name,
                row.held_on.isoformat(),
                "yes" if row.agreement_reached else "no",
                "yes" if row.followed_by_appeal else "no",
                "yes" if row.without_authority else "no",
            )  # fmt: skip
        )
    writer.writerow(())
    writer.writerow(("mediations held", report.held))
    writer.writerow(("agreements reached", report.agreements))
    writer.writerow(("followed by an appeal", report.followed_by_appeal))
    writer.writerow(("held without confirmed authority to settle", report.without_authority))
    return out.getvalue()
