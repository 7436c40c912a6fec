"""Reads for mediation screens. Every selector takes the acting user, so who sees what is decided
here (mirroring `permissions.py`) and nowhere else.

The mediator's notes are confidential: `mediator_notes_visible_to` is the
only way to read them. A note belongs to its author: it reaches the mediator who wrote it (even
after the case is reassigned) and, only where the provider's policy allows it and the author was
told so before writing the note, the provider's case manager.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet

from redress.accounts.models import LA_ROLES, Organisation, Role
from redress.accounts.selectors import has_role_at
from redress.audit.reads import record_read
from redress.bankholidays.selectors import working_day_calendar
from redress.casework.case_page import decision_labels
from redress.casework.models import Child, Deadline
from redress.casework.permissions import organisation_ids
from redress.casework.selectors import family_and_supported_children
from redress.core.access import permitted_get
from redress.core.registry import lookup
from redress.mediation.models import (
    FamilyChoice,
    MediationAttendee,
    MediationCase,
    MediationCertificate,
    MediationMeeting,
    MediationPolicy,
    MediatorNote,
    MeetingConfirmation,
    NotesPolicyNotice,
    Party,
)
from redress.mediation.permissions import CERTIFICATE_ROLES, PROVIDER_ROLES
from redress.statutory.calendar import format_long_date
from redress.statutory.engine import today_in_london

# The engine rules a mediation case page shows, with the family's appeal window.
MEDIATION_RULES = (
    "mediation.contact_adviser",
    "mediation.certificate_declined",
    "mediation.notify_health",
    "mediation.held",
    "mediation.meeting_notice",
    "mediation.certificate_not_arranged",
    "mediation.certificate_after",
    "appeal.lodge",
)
# The family's windows the engine keeps one per decision, named by the decision's ref.
DECISION_WINDOW_RULES = ("mediation.contact_adviser", "appeal.lodge")
CERTIFICATE_RULES = (
    "mediation.certificate_declined",
    "mediation.certificate_not_arranged",
    "mediation.certificate_after",
)
# Authority to settle must be confirmed this many working days before the meeting; counted on
# the engine's working-day calendar.
AUTHORITY_WARNING_WORKING_DAYS = 2


def mediation_cases_visible_to(user: Any) -> QuerySet[MediationCase]:
    """The cases the user may see that stand: a case withdrawn as opened in error leaves every
    list (decision 0134); its own page still opens through `mediation_case_get`."""
    if not getattr(user, "is_authenticated", False):
        return MediationCase.objects.none()
    # The family's and a supporter's few children are read first as ids: joining every case to
    # its family and consents (and taking the distinct cases) read every case in the country.
    query = (
        Q(provider_id__in=organisation_ids(user, PROVIDER_ROLES))
        | Q(child__local_authority_id__in=organisation_ids(user, LA_ROLES))
        | Q(health_commissioner_id__in=organisation_ids(user, (Role.HEALTH_OFFICER,)))
    )
    children = family_and_supported_children(user)
    if children:
        query |= Q(child_id__in=children)
    return MediationCase.objects.filter(query, withdrawn_at__isnull=True).select_related(
        "child", "child__local_authority", "provider", "adviser", "mediator", "health_commissioner"
    )


def mediation_case_get(*, user: Any, pk: int, perm: str = "mediation.view_case") -> MediationCase:
    case = permitted_get(
        MediationCase.objects.select_related(
            "child",
            "child__local_authority",
            "provider",
            "adviser",
            "mediator",
            "case_manager",
            "health_commissioner",
        ),
        pk=pk,
        user=user,
        perm=perm,
        not_found="No such mediation case",
    )
    record_read(case.child_id, obj=case, summary="Viewed a mediation case")
    return case


def mediator_notes_visible_to(user: Any, case: MediationCase) -> QuerySet[MediatorNote]:
    """The case's confidential notes this person may read, or none at all."""
    if not user.has_perm("mediation.view_notes", case):
        return MediatorNote.objects.none()
    visible = Q(author_id=user.pk) if has_role_at(user, case.provider_id, (Role.MEDIATOR,)) else Q()
    policy = MediationPolicy.objects.filter(provider_id=case.provider_id).first()
    if (
        policy is not None
        and policy.case_manager_sees_notes
        and has_role_at(user, case.provider_id, (Role.MEDIATION_CASE_MANAGER,))
    ):
        told = NotesPolicyNotice.objects.filter(
            provider_id=case.provider_id,
            mediator_id=OuterRef("author_id"),
            case_manager_sees_notes=True,
            told_at__lte=OuterRef("written_at"),
        )
        if policy.notes_policy_since is not None:
            told = told.filter(told_at__gte=policy.notes_policy_since)
        visible = (visible | Q(Exists(told))) if visible else Q(Exists(told))
    if not visible:
        return MediatorNote.objects.none()
    return MediatorNote.objects.filter(case=case).filter(visible).select_related("author")


def notes_policy_told(*, mediator: Any, provider_id: int | None) -> bool:
    """Whether the mediator was told the provider's current notes policy."""
    policy = MediationPolicy.objects.filter(provider_id=provider_id).first()
    allowed = policy is not None and policy.case_manager_sees_notes
    notices = NotesPolicyNotice.objects.filter(
        provider_id=provider_id, mediator_id=mediator.pk, case_manager_sees_notes=allowed
    )
    if policy is not None and policy.notes_policy_since is not None:
        notices = notices.filter(told_at__gte=policy.notes_policy_since)
    return notices.exists()


def providers_for(user: Any, roles: tuple[str, ...] = PROVIDER_ROLES) -> QuerySet[Organisation]:
    return Organisation.objects.filter(
        pk__in=organisation_ids(user, roles), kind=Organisation.Kind.MEDIATION_PROVIDER
    )


def children_for_new_case(user: Any, provider: Organisation) -> QuerySet[Child]:
    """Children of the local authorities the provider serves, when the user may open cases."""
    if provider not in providers_for(user, CERTIFICATE_ROLES):
        return Child.objects.none()
    return Child.objects.filter(local_authority__in=provider.serves.all()).select_related(
        "local_authority"
    )


def policy_for(provider: Organisation) -> MediationPolicy:
    """The provider's policy; an unsaved default when the provider has not set one yet."""
    return MediationPolicy.objects.filter(provider=provider).first() or MediationPolicy(
        provider=provider
    )


def case_deadlines(*, user: Any, case: MediationCase) -> list[Deadline]:
    """The engine's deadlines for the case's mediation steps and the family's appeal window."""
    if not user.has_perm("mediation.view_case", case):
        raise PermissionDenied
    from redress.mediation.events import case_ref

    # The family's two windows are kept per decision: only this case's decision's are shown,
    # never another decision letter's.
    return list(
        Deadline.objects.filter(child=case.child, rule__in=MEDIATION_RULES)
        .filter(~Q(rule__in=DECISION_WINDOW_RULES) | Q(ref=case_ref(case)))
        .select_related("organisation")
    )


def case_decision_label(case: MediationCase) -> str:
    """The authority's recorded decision the case is about, named as its letter is ('' when
    Redress has no record of it). The caller has checked mediation.view_case."""
    from redress.mediation.events import case_ref

    ref = case_ref(case)
    if ref.startswith("mediation_case-"):
        return ""
    return decision_labels(case.child).get(ref, "")


def mediation_decision_labels(child: Child) -> dict[str, str]:
    """A mediation case about a decision Redress has no record of, named by the case (registered
    with casework's `decision_labels`)."""
    return {
        f"mediation_case-{case.pk}": f"The decision {case.get_decision_display()[:1].lower()}"
        f"{case.get_decision_display()[1:]} "
        f"(letter of {format_long_date(case.decision_notice_date)})"
        for case in MediationCase.objects.filter(
            child=child, decision_ref="", withdrawn_at__isnull=True
        )
    }


# -- Attendees ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Attendance:
    """Whether an attendee may attend under reg 38, and why."""

    may_attend: bool
    reason: str


AS_OF_RIGHT_ROLES = {
    MediationAttendee.Role.PARENT_OR_YOUNG_PERSON: "a party (reg 38(1)(a))",
    MediationAttendee.Role.LA_OFFICER: "attends for a party (reg 38(1)(a))",
    MediationAttendee.Role.HEALTH_COMMISSIONER: "attends for a party (reg 38(1)(a))",
    MediationAttendee.Role.MEDIATOR: "the mediator",
}


def attendance(case: MediationCase, attendee: MediationAttendee) -> Attendance:
    """reg 38(1): the parties; the family's advocate or supporter; the child with the parent's
    and the mediator's agreement; anyone else with every party's consent or, failing that, the
    mediator's decision."""
    if attendee.withdrawn_on:
        return Attendance(False, "withdrawn")
    role = attendee.role
    if role in AS_OF_RIGHT_ROLES:
        return Attendance(True, AS_OF_RIGHT_ROLES[MediationAttendee.Role(role)])
    if role == MediationAttendee.Role.CHILD:
        agreed = case.child_attends_parent_agrees and case.child_attends_mediator_agrees
        return Attendance(
            agreed,
            "the parent and the mediator agree (reg 38(1)(c)-(d))"
            if agreed
            else "needs the parent's and the mediator's agreement (reg 38(1)(c)-(d))",
        )
    if attendee.proposed_by == Party.FAMILY and role in (
        MediationAttendee.Role.SUPPORTER,
        MediationAttendee.Role.LAWYER,
    ):
        return Attendance(True, "the family's advocate or supporter (reg 38(1)(b))")
    decision = attendee.mediator_decision
    if decision == MediationAttendee.MediatorDecision.MAY_ATTEND:
        return Attendance(True, "the mediator decided they may attend (reg 38(1)(e))")
    if decision == MediationAttendee.MediatorDecision.MAY_NOT_ATTEND:
        return Attendance(False, "the mediator decided they may not attend (reg 38(1)(e))")
    answers = {c.party: c.answer for c in attendee.consents.all()}
    parties = parties_to(case)
    if any(answers.get(p) == "objects" for p in parties):
        return Attendance(False, "a party objects: the mediator decides (reg 38(1)(e))")
    if all(answers.get(p) == "agrees" for p in parties):
        return Attendance(True, "every party consents (reg 38(1)(e))")
    return Attendance(False, "waiting for every party's consent (reg 38(1)(e))")


def parties_to(case: MediationCase) -> list[str]:
    """The parties whose consent counts: the family, the LA unless the mediation is about health
    only, and the health commissioner when health care provision is in dispute."""
    parties = [Party.FAMILY.value]
    if not case.health_only:
        parties.append(Party.LOCAL_AUTHORITY.value)
    if case.has_health_issues:
        parties.append(Party.HEALTH_COMMISSIONER.value)
    return parties


def authority_deadline(meeting_date: date) -> date:
    """The last day to confirm authority to settle: 2 working days before the meeting."""
    return working_day_calendar().working_days_before(meeting_date, AUTHORITY_WARNING_WORKING_DAYS)


def _needs_authority(attendee: MediationAttendee) -> bool:
    return (
        attendee.role
        in (MediationAttendee.Role.LA_OFFICER, MediationAttendee.Role.HEALTH_COMMISSIONER)
        and attendee.withdrawn_on is None
        and not attendee.authority_confirmation
    )


@dataclass(frozen=True)
class AuthorityWarning:
    case: MediationCase
    attendee: MediationAttendee
    meeting_date: date
    confirm_by: date


def attendees_without_confirmed_authority(
    user: Any, today: date | None = None, *, case: MediationCase | None = None
) -> list[AuthorityWarning]:
    """LA and health attendees whose authority to settle is still not confirmed when the meeting
    is two working days away or closer (and not yet held), on the cases the user may see."""
    today = today or today_in_london()
    # Only meetings from today to 2 working days ahead can be in their warning window.
    last_meeting_day = working_day_calendar().add_working_days(
        today, AUTHORITY_WARNING_WORKING_DAYS
    )
    cases = mediation_cases_visible_to(user).filter(
        meetings__status="scheduled",
        meetings__meeting_date__gte=today,
        meetings__meeting_date__lte=last_meeting_day,
    )
    if case is not None:
        cases = cases.filter(pk=case.pk)
    warnings = []
    # One row a case, however many of its meetings fall in the window; its meetings and
    # attendees read with the list, not a query a case.
    for current in cases.distinct().prefetch_related("attendees", "meetings"):
        meeting = current.current_meeting
        if meeting is None or meeting.status != meeting.Status.SCHEDULED:
            continue
        if meeting.meeting_date < today:
            continue
        confirm_by = authority_deadline(meeting.meeting_date)
        if today < confirm_by:
            continue
        for attendee in current.attendees.all():
            if _needs_authority(attendee):
                warnings.append(
                    AuthorityWarning(current, attendee, meeting.meeting_date, confirm_by)
                )
    return warnings


def certificate_deadlines_visible_to(user: Any) -> QuerySet[Deadline]:
    """Certificates not yet issued, with the engine's due dates, on the children of the mediation
    cases the user may see (for the provider's dashboard)."""
    children = mediation_cases_visible_to(user).values("child_id")
    return Deadline.objects.filter(
        child_id__in=children, rule__in=CERTIFICATE_RULES, met_on__isnull=True
    ).select_related("child")


def family_requests_for(*, user: Any, case: MediationCase) -> list[Any]:
    """The family's own "Ask for mediation" requests for the child, for provider staff."""
    if not user.has_perm("mediation.change_case", case):
        return []
    return list(lookup("family_mediation_requests")(case.child))


# -- Certificates and withdrawing a case ------------------------------------------------------


def certificate_start(case: MediationCase, reason: str) -> tuple[date | None, str]:
    """The day the certificate's 3 working days start for this reason, and what it is."""
    if reason == MediationCertificate.Reason.DECLINED:
        declined = case.family_choice == FamilyChoice.DECLINED
        return (case.family_choice_on if declined else None), "the family declined mediation"
    if reason == MediationCertificate.Reason.NOT_ARRANGED:
        return case.not_arranged_on, "the local authority said it cannot arrange mediation"
    return case.concluded_on, "the mediation concluded"


def standing_certificates(case: MediationCase) -> list[MediationCertificate]:
    """The case's certificates not withdrawn: the family may rely on each to appeal."""
    return list(case.certificates.filter(withdrawn_at__isnull=True))


def case_withdrawal_blockers(case: MediationCase) -> list[str]:
    """What must be withdrawn, cancelled or decided before the case can be withdrawn: each is
    something the family or another party may rely on, so it is undone on its own page first."""
    blockers = [
        f"{certificate} ({certificate.get_reason_display().lower()}): the family may rely on "
        "it to appeal. Withdraw the certificate first."
        for certificate in standing_certificates(case)
    ]
    agreement = getattr(case, "agreement", None)
    if agreement is not None and not agreement.withdrawn:
        blockers.append(
            "A written agreement is recorded for this mediation. Withdraw the agreement first."
        )
    for meeting in case.meetings.filter(
        status=MediationMeeting.Status.SCHEDULED, withdrawn_at__isnull=True
    ):
        blockers.append(
            f"A meeting is arranged for {format_long_date(meeting.meeting_date)}. Cancel it first, "
            "so everyone who had the confirmation is told, or withdraw it if it was recorded in "
            "error."
        )
    if case.expenses_claims.filter(status="submitted").exists():
        blockers.append("A claim for expenses is waiting for a decision. Decide it first.")
    return blockers


def case_withdrawal_followed(case: MediationCase) -> list[str]:
    """What already followed from the case and stays as it is when the case is withdrawn."""
    followed = []
    for certificate in case.certificates.all():
        if certificate.sent_on:
            followed.append(
                f"{certificate} was sent to {certificate.sent_to or 'the family'} on "
                f"{format_long_date(certificate.sent_on)}. It stays sent: tell the family it is "
                "withdrawn."
            )
    for meeting in case.meetings.filter(status=MediationMeeting.Status.HELD):
        followed.append(
            f"The meeting held on {format_long_date(meeting.held_on or meeting.meeting_date)} "
            "stays on the case's record but no longer counts."
        )
    sent = MeetingConfirmation.objects.filter(meeting__case=case).count()
    if sent:
        followed.append(
            f"{sent} confirmation{'s' if sent != 1 else ''}, reminder{'s' if sent != 1 else ''} "
            "or notice of the meeting already went to attendees. They stay sent."
        )
    if case.family_request_id is not None:
        followed.append(
            "The family asked for this mediation from their own page. Tell them it was recorded "
            "in error."
        )
    return followed


__all__ = [
    "CERTIFICATE_ROLES",
    "MEDIATION_RULES",
    "AuthorityWarning",
    "authority_deadline",
    "family_requests_for",
    "attendance",
    "attendees_without_confirmed_authority",
    "case_deadlines",
    "case_withdrawal_blockers",
    "case_withdrawal_followed",
    "certificate_start",
    "certificate_deadlines_visible_to",
    "children_for_new_case",
    "mediation_case_get",
    "mediation_cases_visible_to",
    "mediator_notes_visible_to",
    "notes_policy_told",
    "parties_to",
    "policy_for",
    "providers_for",
    "standing_certificates",
]
