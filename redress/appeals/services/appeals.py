"""Recording an appeal the family lodged, its progress to the local authority's response, sending
an extended appeal to health and social care, and correcting or withdrawing an appeal recorded in
error."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db import transaction

from redress.accounts.models import Organisation
from redress.appeals.models import Appeal, Recommendation, first_lower
from redress.appeals.selectors import (
    PLAN_CONTENT_DECISIONS,
    appeal_decision_ref,
    recommendations_refusals,
)
from redress.appeals.services._common import (
    UNOPPOSED_CITATION,
    Errors,
    _add,
    _check_la_staff,
    _not_before,
    _raise,
    _recompute,
    _save_corrected,
    _sync_cessation,
    _when,
)
from redress.audit.services import audit_record
from redress.casework.models import Child
from redress.core.corrections import mark_corrected, mark_withdrawn
from redress.core.service_checks import not_in_future as _not_in_future
from redress.core.versions import claim_version


@transaction.atomic
def appeal_record(
    *,
    actor: Any,
    child: Child,
    decision: str,
    decision_notice_date: date,
    lodged_on: date,
    sections_challenged: Iterable[str] = (),
    mediation_certificate: Any = None,
    no_certificate_reason: str = "",
    recommendation_sections: Iterable[str] = (),
    health_commissioner: Organisation | None = None,
    social_care: Organisation | None = None,
    tribunal_reference: str = "",
    cessation: Any = None,
) -> Appeal:
    """Record an appeal the family lodged with the Tribunal and recompute the child's deadlines."""
    _check_la_staff(actor, child)
    sections = sorted(set(sections_challenged))
    asked = sorted(set(recommendation_sections))
    errors: Errors = {}
    # One live appeal per decision letter: a second submission of the same form (a double
    # click, the back button) must not record the appeal twice. The child's row is locked so
    # two requests at once take turns.
    Child.objects.select_for_update().filter(pk=child.pk).first()
    same = Appeal.objects.filter(
        child=child,
        decision=decision,
        decision_notice_date=decision_notice_date,
        outcome="",
        withdrawn_at__isnull=True,
    ).first()
    if same is not None:
        _add(
            errors,
            "decision",
            f"An appeal against this decision ({_when(decision_notice_date)}) is already "
            f"recorded: lodged on {_when(same.lodged_on)} and still live.",
        )
    _not_in_future(decision_notice_date, "decision_notice_date", errors)
    _not_in_future(lodged_on, "lodged_on", errors)
    _not_before(lodged_on, decision_notice_date, "lodged_on", errors, "the decision letter")
    if bad := set(sections) - {"B", "F", "I"}:
        _add(errors, "sections_challenged", f"Unknown sections: {', '.join(sorted(bad))}.")
    if decision in PLAN_CONTENT_DECISIONS and not sections:
        _add(
            errors,
            "sections_challenged",
            "Choose the sections of the plan the appeal challenges (B, F or I).",
        )
    elif decision not in PLAN_CONTENT_DECISIONS and sections:
        _add(
            errors,
            "sections_challenged",
            "Sections B, F and I are challenged only in an appeal about the plan's contents. "
            "Clear them, or choose that decision.",
        )
    _check_certificate(
        child=child,
        decision=decision,
        sections=sections,
        certificate=mediation_certificate,
        reason=no_certificate_reason,
        lodged_on=lodged_on,
        errors=errors,
    )
    if asked:
        for reason in recommendations_refusals(
            decision=decision,
            decision_notice_date=decision_notice_date,
            sections_challenged=sections,
        ):
            _add(errors, "recommendation_sections", reason)
        if bad := set(asked) - set(Recommendation.Section.values):
            _add(errors, "recommendation_sections", f"Unknown sections: {', '.join(bad)}.")
    wants_health = bool({"C", "G"} & set(asked))
    wants_care = bool({"D", "H1", "H2"} & set(asked))
    _check_body(
        health_commissioner,
        Organisation.Kind.HEALTH_COMMISSIONER,
        wants_health,
        "health_commissioner",
        "Choose the health commissioner: the family asks for recommendations on health "
        "(sections C or G).",
        errors,
    )
    _check_body(
        social_care,
        Organisation.Kind.SOCIAL_CARE,
        wants_care,
        "social_care",
        "Choose the social care team: the family asks for recommendations on social care "
        "(sections D, H1 or H2).",
        errors,
    )
    if cessation is not None:
        if cessation.plan.child_id != child.pk:
            _add(errors, "cessation", "That decision to cease is not about this child.")
        if decision != Appeal.Decision.CEASE:
            _add(errors, "cessation", "Link a decision to cease only to an appeal against it.")
    _raise(errors)
    appeal = Appeal(
        child=child,
        decision=decision,
        decision_notice_date=decision_notice_date,
        decision_ref=appeal_decision_ref(
            child=child,
            decision=decision,
            decision_notice_date=decision_notice_date,
            cessation=cessation,
            certificate=mediation_certificate,
        ),
        lodged_on=lodged_on,
        challenges_section_b="B" in sections,
        challenges_section_f="F" in sections,
        challenges_section_i="I" in sections,
        mediation_certificate=mediation_certificate,
        no_certificate_reason=no_certificate_reason if mediation_certificate is None else "",
        recommendations_section_c="C" in asked,
        recommendations_section_d="D" in asked,
        recommendations_section_g="G" in asked,
        recommendations_section_h1="H1" in asked,
        recommendations_section_h2="H2" in asked,
        health_commissioner=health_commissioner if wants_health else None,
        social_care=social_care if wants_care else None,
        tribunal_reference=tribunal_reference.strip(),
        cessation=cessation,
        created_by=actor,
    )
    appeal.full_clean()
    appeal.save()
    _sync_cessation(actor, appeal)
    _recompute(child, field="lodged_on")
    audit_record(actor=actor, action="create", obj=appeal, child=child, summary=str(appeal))
    return appeal


def _check_certificate(
    *,
    child: Child,
    decision: str,
    sections: list[str],
    certificate: Any,
    reason: str,
    lodged_on: date,
    errors: Errors,
) -> None:
    """A certificate, or the reason none is needed (CFA 2014 s.55(3); SEND Regulations reg 33)."""
    if certificate is None and not reason:
        _add(
            errors,
            "mediation_certificate",
            "Choose the mediation certificate the appeal relies on, or say why none is needed.",
        )
        return
    if certificate is not None and reason:
        _add(
            errors,
            "no_certificate_reason",
            "Choose either a certificate or a reason why none is needed, not both.",
        )
    if reason == Appeal.NoCertificateReason.SECTION_I_ONLY and not (
        decision in PLAN_CONTENT_DECISIONS and sections == ["I"]
    ):
        _add(
            errors,
            "no_certificate_reason",
            "A certificate is needed unless the appeal is only about the school or institution "
            "named in section I (CFA 2014 s.55(3)).",
        )
    if certificate is not None:
        if certificate.case.child_id != child.pk:
            _add(errors, "mediation_certificate", "That certificate is not about this child.")
        elif certificate.case.decision != decision:
            _add(
                errors,
                "mediation_certificate",
                "That certificate is about a different decision "
                f"({first_lower(certificate.case.get_decision_display())}).",
            )
        if certificate.issued_on > lodged_on:
            _add(
                errors,
                "mediation_certificate",
                f"The certificate was issued on {_when(certificate.issued_on)}, after the appeal "
                "was lodged.",
            )


def _check_body(
    organisation: Organisation | None,
    kind: str,
    wanted: bool,
    field: str,
    missing: str,
    errors: Errors,
) -> None:
    if wanted and organisation is None:
        _add(errors, field, missing)
    if organisation is not None and organisation.kind != kind:
        _add(errors, field, "Choose an organisation of the right kind.")


@transaction.atomic
def appeal_progress_update(
    *,
    actor: Any,
    appeal: Appeal,
    sent_to_la_on: date | None,
    response_directed_on: date | None,
    response_directed_due: date | None,
    la_response: str,
    la_response_sent_on: date | None,
    tribunal_reference: str,
    expected_version: int | None,
) -> Appeal:
    """The Tribunal's registration, any direction for the response, and the LA's response."""
    child = appeal.child
    _check_la_staff(actor, child)
    errors: Errors = {}
    _not_in_future(sent_to_la_on, "sent_to_la_on", errors)
    _not_in_future(response_directed_on, "response_directed_on", errors)
    _not_in_future(la_response_sent_on, "la_response_sent_on", errors)
    _not_before(sent_to_la_on, appeal.lodged_on, "sent_to_la_on", errors, "the appeal was lodged")
    if (response_directed_on or response_directed_due or la_response_sent_on) and not sent_to_la_on:
        _add(
            errors,
            "sent_to_la_on",
            "Enter the date the Tribunal sent the appeal to the local authority first.",
        )
    if response_directed_due and not response_directed_on:
        _add(errors, "response_directed_on", "Enter the date of the Tribunal's direction.")
    if response_directed_on and not response_directed_due:
        _add(errors, "response_directed_due", "Enter the date the Tribunal directed.")
    _not_before(
        response_directed_on, sent_to_la_on, "response_directed_on", errors, "the appeal was sent"
    )
    _not_before(
        response_directed_due,
        response_directed_on,
        "response_directed_due",
        errors,
        "the direction",
    )
    _not_before(
        la_response_sent_on, sent_to_la_on, "la_response_sent_on", errors, "the appeal was sent"
    )
    if la_response_sent_on and not la_response:
        _add(errors, "la_response", "Say whether the local authority opposes the appeal.")
    if la_response == Appeal.LaResponse.NOT_OPPOSE and not la_response_sent_on:
        _add(
            errors,
            "la_response",
            "To concede before the response is sent, use ‘Not opposing the appeal’ "
            f"({UNOPPOSED_CITATION}).",
        )
    _raise(errors)
    claim_version(appeal, expected_version)
    appeal.sent_to_la_on = sent_to_la_on
    appeal.response_directed_on = response_directed_on
    appeal.response_directed_due = response_directed_due
    appeal.la_response = la_response
    appeal.la_response_sent_on = la_response_sent_on
    appeal.tribunal_reference = tribunal_reference.strip()
    appeal.full_clean()
    appeal.save()
    _recompute(child, field="response_directed_due")
    audit_record(
        actor=actor, action="update", obj=appeal, child=child, summary="Updated the appeal's dates"
    )
    return appeal


@transaction.atomic
def appeal_send_to_bodies(
    *,
    actor: Any,
    appeal: Appeal,
    sent_to_health_on: date | None,
    sent_to_social_care_on: date | None,
    expected_version: int | None,
) -> Appeal:
    """The local authority's duty to send an extended appeal to the health commissioner and to
    social care (national trial guidance), recorded with the day it did so."""
    child = appeal.child
    _check_la_staff(actor, child)
    errors: Errors = {}
    if not appeal.is_extended:
        _add(errors, "__all__", "The family did not ask for health or social care recommendations.")
    if sent_to_health_on and appeal.health_commissioner_id is None:
        _add(errors, "sent_to_health_on", "The family did not ask for health recommendations.")
    if sent_to_social_care_on and appeal.social_care_id is None:
        _add(
            errors,
            "sent_to_social_care_on",
            "The family did not ask for social care recommendations.",
        )
    for field, value in (
        ("sent_to_health_on", sent_to_health_on),
        ("sent_to_social_care_on", sent_to_social_care_on),
    ):
        _not_in_future(value, field, errors)
        _not_before(value, appeal.lodged_on, field, errors, "the appeal was lodged")
    _raise(errors)
    claim_version(appeal, expected_version)
    appeal.sent_to_health_on = sent_to_health_on
    appeal.sent_to_social_care_on = sent_to_social_care_on
    appeal.full_clean()
    appeal.save()
    audit_record(
        actor=actor,
        action="update",
        obj=appeal,
        child=child,
        summary="Recorded sending the appeal to health and social care",
    )
    return appeal


@transaction.atomic
def appeal_correct(
    *,
    actor: Any,
    appeal: Appeal,
    decision_notice_date: date,
    lodged_on: date,
    tribunal_reference: str,
    reason: str,
    expected_version: int | None,
) -> Appeal:
    """Correct the dates the appeal was recorded with: the decision letter and the lodging."""
    child = appeal.child
    _check_la_staff(actor, child)
    cleaned = mark_corrected(appeal, actor=actor, reason=reason)
    errors: Errors = {}
    _not_in_future(decision_notice_date, "decision_notice_date", errors)
    _not_in_future(lodged_on, "lodged_on", errors)
    _not_before(lodged_on, decision_notice_date, "lodged_on", errors, "the decision letter")
    certificate = appeal.mediation_certificate
    if certificate is not None and certificate.issued_on > lodged_on:
        _add(
            errors,
            "lodged_on",
            f"The mediation certificate was issued on {_when(certificate.issued_on)}: the appeal "
            "cannot have been lodged before it.",
        )
    for later, what in (
        (appeal.sent_to_la_on, "the Tribunal sent it to the local authority"),
        (appeal.outcome_on, "the appeal ended"),
    ):
        if later is not None and lodged_on > later:
            _add(errors, "lodged_on", f"The date cannot be after {what} ({_when(later)}).")
    if appeal.is_extended:
        for problem in recommendations_refusals(
            decision=appeal.decision,
            decision_notice_date=decision_notice_date,
            sections_challenged=appeal.sections_challenged,
        ):
            _add(errors, "decision_notice_date", problem)
    _raise(errors)
    claim_version(appeal, expected_version)
    appeal.decision_notice_date = decision_notice_date
    appeal.lodged_on = lodged_on
    appeal.tribunal_reference = tribunal_reference.strip()
    appeal.decision_ref = appeal_decision_ref(
        child=child,
        decision=appeal.decision,
        decision_notice_date=decision_notice_date,
        cessation=appeal.cessation,
        certificate=certificate,
    )
    _save_corrected(appeal, actor=actor, reason=f"Corrected: {cleaned}")
    _sync_cessation(actor, appeal, corrected=True)
    _recompute(child, field="lodged_on")
    audit_record(
        actor=actor,
        action="update",
        obj=appeal,
        child=child,
        summary=f"Corrected the appeal's dates (lodged {_when(lodged_on)}): {cleaned}",
    )
    return appeal


@transaction.atomic
def appeal_withdraw(
    *, actor: Any, appeal: Appeal, reason: str, expected_version: int | None
) -> Appeal:
    """Withdraw an appeal recorded in error (the wrong child, say). It stays on the record; the
    engine no longer counts it, its orders or its recommendations. This is not the family
    withdrawing a real appeal: that is how an appeal ends (`appeal_decide`)."""
    child = appeal.child
    _check_la_staff(actor, child)
    cleaned = mark_withdrawn(appeal, actor=actor, reason=reason)
    claim_version(appeal, expected_version)
    _save_corrected(appeal, actor=actor, reason=f"Withdrawn: {cleaned}")
    _sync_cessation(actor, appeal, corrected=True)
    _recompute(child)
    audit_record(
        actor=actor,
        action="update",
        obj=appeal,
        child=child,
        summary=f"Withdrew an appeal recorded in error: {cleaned}",
    )
    return appeal
