"""Who attends: proposals, the parties' consent and the mediator's decisions (reg 38)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.urls import reverse

from redress.accounts.models import LA_ROLES, Organisation, Role
from redress.accounts.selectors import has_role_at as _works_at
from redress.core.service_checks import require_perm as _require
from redress.core.versions import claim_version
from redress.mediation import selectors
from redress.mediation.messages import FAMILY_LAWYER_NOTICE
from redress.mediation.models import (
    AttendeeConsent,
    MediationAttendee,
    MediationCase,
    MediationCaseEntry,
    Party,
    PreMediationCall,
)
from redress.mediation.services._common import (
    Errors,
    _add,
    _clean_save,
    _finish,
    _not_future,
    _raise,
    _refresh_confirmation,
)
from redress.notifications.recipients import Contact
from redress.notifications.services import absolute_url, message_enqueue
from redress.statutory.engine import today_in_london

# The party a role attends for, where the role decides it.
_ROLE_PARTY = {
    MediationAttendee.Role.PARENT_OR_YOUNG_PERSON: Party.FAMILY,
    MediationAttendee.Role.LA_OFFICER: Party.LOCAL_AUTHORITY,
    MediationAttendee.Role.HEALTH_COMMISSIONER: Party.HEALTH_COMMISSIONER,
    MediationAttendee.Role.MEDIATOR: Party.NONE,
    MediationAttendee.Role.CHILD: Party.NONE,
}


def _tell_la_of_family_lawyer(actor: Any, case: MediationCase, lawyer: MediationAttendee) -> None:
    """The family is bringing a lawyer: the local authority is told so it may bring one too, the
    case shows it, and the mediator's call with the lawyer goes on the checklist."""
    child = case.child
    caseworker = child.caseworker
    if caseworker is not None and caseworker.is_active and caseworker.email:
        contact = Contact(email=caseworker.email, name=caseworker.display_name, user=caseworker)
    elif child.local_authority.email:
        contact = Contact(email=child.local_authority.email, name=child.local_authority.name)
    else:
        contact = None
    told = "no email address is recorded for the caseworker or the authority: tell them by phone"
    if contact is not None:
        message_enqueue(
            key=f"mediation-family-lawyer:{case.pk}:{lawyer.pk}",
            template=FAMILY_LAWYER_NOTICE,
            contact=contact,
            personalisation={
                "name": contact.name,
                "case_number": str(case.pk),
                "provider_name": case.provider.name,
                "case_url": absolute_url(reverse("mediation:case-detail", args=[case.pk])),
            },
            child=child,
            digestible=False,
        )
        told = f"a message was sent to {contact.name}"
    MediationCaseEntry.objects.create(
        case=case,
        happened_on=today_in_london(),
        recorded_by=actor,
        text=f"The family will bring a lawyer. The local authority was told it may bring one "
        f"too: {told}.",
    )
    PreMediationCall.objects.create(
        case=case,
        call_with=PreMediationCall.With.FAMILY_LAWYER,
        attendee=lawyer,
        added_on=today_in_london(),
    )


@transaction.atomic
def mediation_attendee_add(
    *,
    actor: Any,
    case: MediationCase,
    role: str,
    name: str,
    proposed_by: str,
    party: str = "",
    organisation: Organisation | None = None,
    organisation_name: str = "",
    user: Any = None,
    email: str = "",
    address: str = "",
    expected_version: int | None = None,
) -> MediationAttendee:
    _require(actor, "mediation.change_case", case)
    errors: Errors = {}
    if role not in MediationAttendee.Role.values:
        _add(errors, "role", "Choose the attendee's role.")
    if not name.strip():
        _add(errors, "name", "Enter the attendee's name.")
    if proposed_by not in Party.values:
        _add(errors, "proposed_by", "Choose who proposes them.")
    # The parties' own people attend for them; anyone else for whoever proposed them.
    party = _ROLE_PARTY.get(role, party or proposed_by)  # type: ignore[call-overload]
    la_officer = role == MediationAttendee.Role.LA_OFFICER
    if la_officer and not _works_at(user, case.child.local_authority_id, LA_ROLES) and user:
        _add(errors, "user", "Choose someone who works at the child's local authority.")
    if role == MediationAttendee.Role.HEALTH_COMMISSIONER:
        if not case.has_health_issues:
            _add(errors, "role", "The mediation issues include no health care provision.")
        if user is not None and not _works_at(
            user, case.health_commissioner_id, (Role.HEALTH_OFFICER,)
        ):
            _add(errors, "user", "Choose someone who works at the health commissioner.")
    mediator = role == MediationAttendee.Role.MEDIATOR
    if mediator and user is not None and not _works_at(user, case.provider_id, (Role.MEDIATOR,)):
        _add(errors, "user", "Choose a mediator who works at this provider.")
    _raise(errors)
    claim_version(case, expected_version)
    attendee = MediationAttendee(
        case=case,
        role=role,
        name=name.strip(),
        organisation=organisation,
        organisation_name=organisation_name.strip(),
        user=user,
        email=email.strip() or getattr(user, "email", ""),
        address=address.strip(),
        party=party,
        proposed_by=proposed_by,
        proposed_on=today_in_london(),
    )
    _clean_save(attendee)
    if role == MediationAttendee.Role.LAWYER and party == Party.FAMILY:
        _tell_la_of_family_lawyer(actor, case, attendee)
    _refresh_confirmation(case)
    _finish(
        actor=actor,
        case=case,
        action="create",
        obj=attendee,
        summary=f"Proposed an attendee: {attendee.get_role_display()}",
    )
    return attendee


@transaction.atomic
def mediation_attendee_withdraw(
    *, actor: Any, attendee: MediationAttendee, expected_version: int | None = None
) -> MediationAttendee:
    case = attendee.case
    _require(actor, "mediation.change_case", case)
    claim_version(case, expected_version)
    attendee.withdrawn_on = today_in_london()
    attendee.version += 1
    _clean_save(attendee)
    _refresh_confirmation(case)
    _finish(
        actor=actor,
        case=case,
        action="update",
        obj=attendee,
        summary=f"Withdrew an attendee: {attendee.get_role_display()}",
    )
    return attendee


@transaction.atomic
def attendee_consent_record(
    *,
    actor: Any,
    attendee: MediationAttendee,
    party: str,
    answer: str,
    reason: str = "",
    on: date,
    expected_version: int | None = None,
) -> AttendeeConsent:
    """One party's consent to, or objection to, a proposed attendee (reg 38(1)(e))."""
    case = attendee.case
    _require(actor, "mediation.change_case", case)
    errors: Errors = {}
    if party not in selectors.parties_to(case):
        _add(errors, "party", "Choose a party to this mediation.")
    if answer not in AttendeeConsent.Answer.values:
        _add(errors, "answer", "Choose whether they agree.")
    _not_future(on, "on", errors)
    _raise(errors)
    claim_version(case, expected_version)
    consent, _ = AttendeeConsent.objects.update_or_create(
        attendee=attendee,
        party=party,
        defaults={
            "answer": answer,
            "reason": reason.strip(),
            "recorded_on": on,
            "recorded_by": actor,
        },
    )
    _refresh_confirmation(case)
    _finish(
        actor=actor,
        case=case,
        action="update",
        obj=consent,
        summary=f"Recorded {consent.get_party_display().lower()}'s answer on {attendee}",
    )
    return consent


@transaction.atomic
def attendee_mediator_decide(
    *,
    actor: Any,
    attendee: MediationAttendee,
    decision: str,
    reasons: str,
    on: date,
    expected_version: int | None = None,
) -> MediationAttendee:
    """Where the parties do not all consent, the mediator decides, with reasons (reg 38(1)(e))."""
    case = attendee.case
    _require(actor, "mediation.decide_attendance", case)
    errors: Errors = {}
    if decision not in (
        MediationAttendee.MediatorDecision.MAY_ATTEND,
        MediationAttendee.MediatorDecision.MAY_NOT_ATTEND,
    ):
        _add(errors, "decision", "Choose whether they may attend.")
    if not reasons.strip():
        _add(errors, "reasons", "Give the reasons for the decision.")
    if not attendee.consents.filter(answer=AttendeeConsent.Answer.OBJECTS).exists():
        _add(errors, "decision", "The mediator decides only where a party objects.")
    _not_future(on, "on", errors)
    _raise(errors)
    claim_version(case, expected_version)
    attendee.mediator_decision, attendee.mediator_decision_reasons = decision, reasons.strip()
    attendee.mediator_decided_on = on
    attendee.version += 1
    _clean_save(attendee)
    _refresh_confirmation(case)
    _finish(
        actor=actor,
        case=case,
        action="update",
        obj=attendee,
        summary=f"Mediator's decision on {attendee}: {attendee.get_mediator_decision_display()}",
    )
    return attendee


@transaction.atomic
def attendee_authority_confirm(
    *,
    actor: Any,
    attendee: MediationAttendee,
    how: str,
    on: date,
    detail: str = "",
    expected_version: int | None = None,
) -> MediationAttendee:
    case = attendee.case
    _require(actor, "mediation.change_case", case)
    errors: Errors = {}
    if attendee.role not in (
        MediationAttendee.Role.LA_OFFICER,
        MediationAttendee.Role.HEALTH_COMMISSIONER,
    ):
        _add(errors, "how", "Authority to settle is confirmed for LA and health attendees.")
    if how not in MediationAttendee.AuthorityConfirmation.values or not how:
        _add(errors, "how", "Choose how their authority was confirmed.")
    if how == MediationAttendee.AuthorityConfirmation.DECISION_MAKER_BY_PHONE and not detail:
        _add(errors, "detail", "Enter the decision maker's name and phone number.")
    _not_future(on, "on", errors)
    _raise(errors)
    claim_version(case, expected_version)
    attendee.authority_confirmation, attendee.authority_confirmed_on = how, on
    attendee.authority_detail = detail.strip()
    attendee.version += 1
    _clean_save(attendee)
    _finish(
        actor=actor,
        case=case,
        action="update",
        obj=attendee,
        summary=f"Confirmed {attendee}'s authority to settle",
    )
    return attendee


@transaction.atomic
def mediation_child_views_record(
    *,
    actor: Any,
    case: MediationCase,
    views: str,
    gathered_on: date | None,
    parent_agrees: bool,
    mediator_agrees: bool,
    expected_version: int | None = None,
) -> MediationCase:
    """The child's views (reg 38(2)); the child attends only with the parent's and the
    mediator's agreement, and only the mediator gives theirs."""
    _require(actor, "mediation.change_case", case)
    errors: Errors = {}
    if mediator_agrees != case.child_attends_mediator_agrees and not actor.has_perm(
        "mediation.decide_attendance", case
    ):
        _add(errors, "mediator_agrees", "Only the assigned mediator can give this agreement.")
    if views.strip() and gathered_on is None:
        _add(errors, "gathered_on", "Enter the date the child's views were gathered.")
    _not_future(gathered_on, "gathered_on", errors)
    _raise(errors)
    claim_version(case, expected_version)
    case.child_views, case.child_views_gathered_on = views.strip(), gathered_on
    case.child_attends_parent_agrees = parent_agrees
    case.child_attends_mediator_agrees = mediator_agrees
    _clean_save(case)
    _refresh_confirmation(case)
    _finish(
        actor=actor,
        case=case,
        action="update",
        obj=case,
        summary="Recorded the child's views and agreement to the child attending",
    )
    return case
