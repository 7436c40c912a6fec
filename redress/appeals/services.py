"""Writes to appeals. Each service checks plausibility (raising `ValidationError` keyed by form
field), claims the appeal's version where two people may edit it at once, saves with
`full_clean()`, recomputes the child's deadlines through the engine and writes the audit log, all
in one transaction. Nothing already saved changes when a step is refused.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.db import transaction
from django.db.models import F

from redress.accounts.models import HEALTH_AND_CARE_ROLES, LA_ROLES, Membership, Organisation
from redress.accounts.selectors import has_role_at
from redress.appeals.models import (
    RECOMMENDATIONS_CITATION,
    RECOMMENDATIONS_FROM,
    RESPONSE_CITATION,
    Appeal,
    AppealDocument,
    Body,
    ComplianceStep,
    EvidenceDirection,
    Order,
    Recommendation,
    Settlement,
    first_lower,
)
from redress.audit.services import audit_record
from redress.casefile.models import CaseDocument
from redress.casefile.services import case_document_add, case_document_withdraw
from redress.casework.deadlines import deadlines_recompute, decision_ref, events_for_child
from redress.casework.models import Child
from redress.casework.services import validate_upload
from redress.core.corrections import (
    WITHDRAWAL_REASON_REQUIRED,
    WITHDRAWN_MESSAGE,
    history_reason,
    mark_corrected,
    mark_withdrawn,
    withdrawal_reason,
)
from redress.core.service_checks import not_in_future as _not_in_future
from redress.core.versions import claim_version
from redress.documents.decision_letters import decision_for_notice
from redress.mediation.events import case_ref
from redress.notifications.services import family_notice_send
from redress.plans.services import cessation_appeal_update
from redress.statutory import InputError, parse_document
from redress.statutory.calendar import format_long_date

Errors = dict[str, list[str]]

PLAN_CONTENT_DECISIONS = {Appeal.Decision.PLAN_CONTENTS, Appeal.Decision.AMENDED_PLAN}

# What the local authority must do when it does not oppose an appeal before its response
# (SEND Regulations 2014 reg 45(3) to (7)), in the engine's order kinds.
UNOPPOSED_ORDERS = {
    Appeal.Decision.NOT_ASSESS: Order.Kind.ASSESS,
    Appeal.Decision.NOT_REASSESS: Order.Kind.ASSESS,
    Appeal.Decision.NOT_ISSUE: Order.Kind.MAKE_PLAN,
    Appeal.Decision.NOT_AMEND: Order.Kind.AMEND_CONTENTS,
    Appeal.Decision.CEASE: Order.Kind.CONTINUE,
}
UNOPPOSED_CITATION = "SEND Regulations 2014 reg 45"
CONSENT_ORDER_CITATION = "HESC Rules r.35 (consent orders); Tribunal form SEND46"


def _add(errors: Errors, field: str, message: str) -> None:
    errors.setdefault(field, []).append(message)


def _raise(errors: Errors) -> None:
    if errors:
        raise ValidationError(errors)


def _when(day: date) -> str:
    return format_long_date(day)


def _not_before(
    when: date | None, earlier: date | None, field: str, errors: Errors, what: str
) -> None:
    if when is not None and earlier is not None and when < earlier:
        _add(errors, field, f"The date cannot be before {what} ({_when(earlier)}).")


def _recompute(child: Child, field: str = "__all__") -> None:
    """Recompute the child's deadlines; an input the engine refuses is a form error."""
    try:
        parse_document({"events": events_for_child(child)})
    except InputError as exc:
        raise ValidationError({field: list(exc.problems)}) from exc
    deadlines_recompute(child=child)


def _check_la_staff(actor: Any, child: Child) -> None:
    if not has_role_at(actor, child.local_authority_id, LA_ROLES):
        raise ValidationError(
            {"__all__": ["Only staff of the child's local authority can record this."]}
        )


def _check_not_closed(appeal: Appeal, errors: Errors, field: str = "__all__") -> None:
    if appeal.outcome:
        _add(
            errors,
            field,
            f"The appeal has ended ({first_lower(appeal.get_outcome_display())}"
            f"{' on ' + _when(appeal.outcome_on) if appeal.outcome_on else ''}).",
        )


# The plans app's words for how an appeal against a cessation ended (it decides from them
# whether the plan is still maintained).
_CESSATION_OUTCOMES = {
    Appeal.Outcome.UPHELD: "upheld",
    Appeal.Outcome.PARTLY_UPHELD: "upheld",
    Appeal.Outcome.UNOPPOSED: "upheld",
    Appeal.Outcome.CONSENT_ORDER: "upheld",
    Appeal.Outcome.DISMISSED: "dismissed",
    Appeal.Outcome.STRUCK_OUT: "dismissed",
    Appeal.Outcome.WITHDRAWN: "withdrawn",
}


def _sync_cessation(actor: Any, appeal: Appeal, *, corrected: bool = False) -> None:
    """Keep the plans app's record of an appeal against a cessation in step with this one,
    through its own service: it feeds the lodging to the engine and keeps the plan maintained
    while the appeal runs (docs/decisions/0030-appeal-against-cessation.md). After a correction
    this appeal's dates win; a withdrawn appeal was never lodged."""
    cessation = appeal.cessation
    if cessation is None or cessation.ceased_on is not None:
        return

    outcome = _CESSATION_OUTCOMES.get(Appeal.Outcome(appeal.outcome), "") if appeal.outcome else ""
    lodged: date | None = appeal.lodged_on
    if not corrected:
        lodged = cessation.appeal_lodged_on or appeal.lodged_on
    concluded = appeal.outcome_on if outcome else None
    if appeal.withdrawn:
        lodged, concluded, outcome = None, None, ""
    if (cessation.appeal_lodged_on, cessation.appeal_concluded_on) == (lodged, concluded):
        return
    cessation_appeal_update(
        actor=actor,
        cessation=cessation,
        appeal_lodged_on=lodged,
        appeal_concluded_on=concluded,
        appeal_outcome=outcome,
        expected_version=None,
    )


# -- Eligibility for recommendations on health and social care ------------------------------


def recommendations_refusals(
    *, decision: str, decision_notice_date: date | None, sections_challenged: Iterable[str]
) -> list[str]:
    """Why the Tribunal could not be asked for health and social care recommendations in this
    appeal, in words for the family and the caseworker (empty when it can)."""
    reasons: list[str] = []
    if decision == Appeal.Decision.NOT_ASSESS:
        reasons.append(
            "The Tribunal cannot make health or social care recommendations in an appeal "
            "against a refusal to assess (CFA 2014 s.51(2)(a) is not covered; "
            f"{RECOMMENDATIONS_CITATION})."
        )
    if decision in PLAN_CONTENT_DECISIONS and not list(sections_challenged):
        reasons.append(
            "An education issue must be part of the appeal: challenge section B, F or I as well "
            f"({RECOMMENDATIONS_CITATION})."
        )
    if decision_notice_date is not None and decision_notice_date < RECOMMENDATIONS_FROM:
        reasons.append(
            "Recommendations can only be asked for about decisions made on or after "
            f"{_when(RECOMMENDATIONS_FROM)} ({RECOMMENDATIONS_CITATION})."
        )
    return reasons


# -- Recording an appeal ---------------------------------------------------------------------


def appeal_decision_ref(
    *, child: Child, decision: str, decision_notice_date: date, cessation: Any, certificate: Any
) -> str:
    """The recorded decision an appeal is against: the decision to cease it is linked to, else
    the decision its mediation certificate is about, else a recorded decision of the same kind
    whose notice was sent that day; '' when the decision is not recorded in Redress."""
    if cessation is not None:
        return decision_ref("cessation", cessation.pk)
    if certificate is not None:
        return case_ref(certificate.case)
    return decision_for_notice(child, decision, decision_notice_date)


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


def unopposed_order_kinds(appeal: Appeal) -> list[str]:
    """What not opposing commits the local authority to, by the decision appealed (reg 45)."""
    if appeal.decision in PLAN_CONTENT_DECISIONS:
        kinds = []
        if appeal.challenges_section_b or appeal.challenges_section_f:
            kinds.append(Order.Kind.AMEND_CONTENTS)
        if appeal.challenges_section_i:
            kinds.append(Order.Kind.AMEND_SCHOOL)
        return [str(k) for k in kinds]
    return [str(UNOPPOSED_ORDERS[Appeal.Decision(appeal.decision)])]


@transaction.atomic
def appeal_not_opposed(
    *, actor: Any, appeal: Appeal, notified_on: date, expected_version: int | None
) -> Appeal:
    """The local authority tells the Tribunal it will not oppose the appeal. Before its response
    is sent the appeal is treated as decided for the family (reg 45) and the reg 45 periods run
    from this day; after it, the parties must ask for a consent order instead."""
    child = appeal.child
    _check_la_staff(actor, child)
    errors: Errors = {}
    _check_not_closed(appeal, errors, "notified_on")
    _not_in_future(notified_on, "notified_on", errors)
    _not_before(notified_on, appeal.lodged_on, "notified_on", errors, "the appeal was lodged")
    if appeal.la_response_sent_on and notified_on >= appeal.la_response_sent_on:
        _add(
            errors,
            "notified_on",
            f"The response was sent on {_when(appeal.la_response_sent_on)}: after the response "
            f"an appeal is not treated as unopposed ({UNOPPOSED_CITATION}). Record a settlement "
            f"and ask the Tribunal for a consent order ({CONSENT_ORDER_CITATION}).",
        )
    _raise(errors)
    claim_version(appeal, expected_version)
    appeal.not_opposed_on = notified_on
    appeal.la_response = Appeal.LaResponse.NOT_OPPOSE
    appeal.outcome = Appeal.Outcome.UNOPPOSED
    appeal.outcome_on = notified_on
    appeal.full_clean()
    appeal.save()
    for kind in unopposed_order_kinds(appeal):
        order = Order(
            appeal=appeal,
            kind=kind,
            source=Order.Source.UNOPPOSED,
            made_on=notified_on,
            recorded_by=actor,
        )
        order.full_clean()
        order.save()
    _sync_cessation(actor, appeal)
    _recompute(child, field="notified_on")
    audit_record(
        actor=actor,
        action="update",
        obj=appeal,
        child=child,
        summary=f"Told the Tribunal the appeal is not opposed ({_when(notified_on)})",
    )
    return appeal


def _set_hearing(
    appeal: Appeal,
    *,
    hearing_on: date | None,
    hearing_format: str,
    hearing_venue: str,
    hearing_arrangements: str,
    expected_version: int | None,
) -> None:
    """Check a hearing (not before the appeal was lodged; an in-person hearing says where) and
    put it on the appeal, as recorded or as corrected."""
    errors: Errors = {}
    _not_before(hearing_on, appeal.lodged_on, "hearing_on", errors, "the appeal was lodged")
    if (
        hearing_format == Appeal.HearingFormat.IN_PERSON
        and hearing_on
        and not hearing_venue.strip()
    ):
        _add(errors, "hearing_venue", "Enter where the hearing takes place.")
    _raise(errors)
    claim_version(appeal, expected_version)
    appeal.hearing_on = hearing_on
    appeal.hearing_format = hearing_format
    appeal.hearing_venue = hearing_venue.strip()
    appeal.hearing_arrangements = hearing_arrangements.strip()


@transaction.atomic
def appeal_hearing_update(
    *,
    actor: Any,
    appeal: Appeal,
    hearing_on: date | None,
    hearing_format: str,
    hearing_venue: str,
    hearing_arrangements: str,
    expected_version: int | None,
) -> Appeal:
    child = appeal.child
    _check_la_staff(actor, child)
    _set_hearing(
        appeal,
        hearing_on=hearing_on,
        hearing_format=hearing_format,
        hearing_venue=hearing_venue,
        hearing_arrangements=hearing_arrangements,
        expected_version=expected_version,
    )
    appeal.full_clean()
    appeal.save()
    _recompute(child)
    audit_record(
        actor=actor, action="update", obj=appeal, child=child, summary="Updated the hearing"
    )
    return appeal


DECIDED_OUTCOMES = {
    Appeal.Outcome.UPHELD,
    Appeal.Outcome.PARTLY_UPHELD,
    Appeal.Outcome.DISMISSED,
    Appeal.Outcome.CONSENT_ORDER,
    Appeal.Outcome.STRUCK_OUT,
    Appeal.Outcome.WITHDRAWN,
}


@transaction.atomic
def appeal_decide(
    *,
    actor: Any,
    appeal: Appeal,
    outcome: str,
    outcome_on: date,
    order_kinds: Iterable[str] = (),
    sent_on: date | None = None,
    notes: str = "",
    expected_version: int | None,
) -> Appeal:
    """The Tribunal's decision (or a consent order), with the orders it made."""
    child = appeal.child
    _check_la_staff(actor, child)
    kinds = list(dict.fromkeys(order_kinds))
    errors: Errors = {}
    _check_not_closed(appeal, errors, "outcome")
    if outcome not in DECIDED_OUTCOMES:
        _add(errors, "outcome", "Choose how the appeal ended.")
    _not_in_future(outcome_on, "outcome_on", errors)
    _not_in_future(sent_on, "sent_on", errors)
    _not_before(outcome_on, appeal.lodged_on, "outcome_on", errors, "the appeal was lodged")
    _not_before(sent_on, outcome_on, "sent_on", errors, "the decision")
    no_orders = {Appeal.Outcome.DISMISSED, Appeal.Outcome.STRUCK_OUT, Appeal.Outcome.WITHDRAWN}
    if outcome in no_orders and kinds:
        _add(
            errors,
            "order_kinds",
            "A dismissed, struck-out or withdrawn appeal has no orders for the local authority.",
        )
    if (
        outcome
        in {Appeal.Outcome.UPHELD, Appeal.Outcome.PARTLY_UPHELD, Appeal.Outcome.CONSENT_ORDER}
        and not kinds
    ):
        _add(errors, "order_kinds", "Choose what the Tribunal ordered the local authority to do.")
    if bad := set(kinds) - set(Order.Kind.values):
        _add(errors, "order_kinds", f"Unknown orders: {', '.join(sorted(bad))}.")
    _raise(errors)
    claim_version(appeal, expected_version)
    appeal.outcome = outcome
    appeal.outcome_on = outcome_on
    appeal.outcome_notes = notes.strip()
    appeal.full_clean()
    appeal.save()
    source = (
        Order.Source.CONSENT if outcome == Appeal.Outcome.CONSENT_ORDER else Order.Source.TRIBUNAL
    )
    for kind in kinds:
        order = Order(
            appeal=appeal,
            kind=kind,
            source=source,
            made_on=outcome_on,
            sent_on=sent_on,
            recorded_by=actor,
        )
        order.full_clean()
        order.save()
    _sync_cessation(actor, appeal)
    _recompute(child, field="outcome_on")
    audit_record(
        actor=actor,
        action="update",
        obj=appeal,
        child=child,
        summary=f"Decision recorded: {appeal.get_outcome_display()} on {_when(outcome_on)}",
    )
    return appeal


# -- Compliance ------------------------------------------------------------------------------


@transaction.atomic
def compliance_step_record(
    *,
    actor: Any,
    order: Order,
    step: str,
    done_on: date,
    note: str,
    document: UploadedFile | None = None,
) -> ComplianceStep:
    """A step the local authority took to comply with an order, with its evidence."""
    appeal = order.appeal
    child = appeal.child
    _check_la_staff(actor, child)
    errors: Errors = {}
    allowed = Order.STEPS_FOR_KIND[order.kind]
    if step not in allowed:
        words = ", ".join(first_lower(ComplianceStep.Step(s).label) for s in allowed) or "none"
        _add(errors, "step", f"This order needs these steps: {words}.")
    elif order.steps.filter(step=step, withdrawn_at__isnull=True).exists():
        _add(errors, "step", "This step is already recorded for the order.")
    _not_in_future(done_on, "done_on", errors)
    _not_before(done_on, order.made_on, "done_on", errors, "the order")
    if not note.strip():
        _add(errors, "note", "Say what was done and how it can be checked.")
    _raise(errors)
    if document is not None:
        validate_upload(document)
    compliance = ComplianceStep(
        order=order,
        step=step,
        done_on=done_on,
        note=note.strip(),
        recorded_by=actor,
        original_name=(document.name or "")[:255] if document is not None else "",
    )
    if document is not None:
        compliance.document = document
    compliance.full_clean()
    compliance.save()
    _recompute(child, field="done_on")
    audit_record(actor=actor, action="create", obj=compliance, child=child, summary=str(compliance))
    return compliance


# -- Case documents --------------------------------------------------------------------------


@transaction.atomic
def appeal_document_upload(
    *, actor: Any, appeal: Appeal, kind: str, description: str, document: UploadedFile
) -> AppealDocument:
    _check_la_staff(actor, appeal.child)
    errors: Errors = {}
    if not description.strip():
        _add(errors, "description", "Say what the document is.")
    _raise(errors)
    validate_upload(document)
    item = AppealDocument(
        appeal=appeal,
        kind=kind,
        description=description.strip(),
        document=document,
        original_name=(document.name or "")[:255],
        uploaded_by=actor,
    )
    item.full_clean()
    item.save()
    audit_record(
        actor=actor, action="upload", obj=item, child=appeal.child, summary=f"Uploaded: {item}"
    )
    return item


# -- Extended appeals ------------------------------------------------------------------------


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
def evidence_direction_record(
    *,
    actor: Any,
    appeal: Appeal,
    body: str,
    kind: str,
    description: str,
    directed_by: date,
    witness_name: str = "",
) -> EvidenceDirection:
    """Evidence or a witness the Tribunal directed a body to provide, by the date it set."""
    _check_la_staff(actor, appeal.child)
    errors: Errors = {}
    _check_not_closed(appeal, errors)
    organisation_id = (
        appeal.health_commissioner_id if body == Body.HEALTH else appeal.social_care_id
    )
    if organisation_id is None:
        _add(errors, "body", "The family did not ask for recommendations from that body.")
    _not_before(directed_by, appeal.lodged_on, "directed_by", errors, "the appeal was lodged")
    if not description.strip():
        _add(errors, "description", "Say what the Tribunal directed.")
    elif appeal.directions.filter(
        body=body,
        kind=kind,
        description=description.strip(),
        directed_by=directed_by,
        withdrawn_at__isnull=True,
    ).exists():
        # The same form sent twice would list the evidence twice, one copy never provided.
        _add(errors, "description", "This direction is already recorded.")
    if kind == EvidenceDirection.Kind.WITNESS and not witness_name.strip():
        _add(errors, "witness_name", "Enter the witness's name, or ‘not yet known’.")
    _raise(errors)
    direction = EvidenceDirection(
        appeal=appeal,
        body=body,
        kind=kind,
        description=description.strip(),
        directed_by=directed_by,
        witness_name=witness_name.strip(),
    )
    direction.full_clean()
    direction.save()
    audit_record(
        actor=actor, action="create", obj=direction, child=appeal.child, summary=str(direction)
    )
    return direction


@transaction.atomic
def evidence_direction_mark_provided(
    *, actor: Any, direction: EvidenceDirection, provided_on: date
) -> EvidenceDirection:
    if direction.withdrawn:
        raise ValidationError({"provided_on": [WITHDRAWN_MESSAGE]})
    errors: Errors = {}
    if direction.provided_on is not None:
        # Sending the form again must not overwrite the date already recorded.
        _add(
            errors,
            "provided_on",
            f"This is already recorded as provided on {_when(direction.provided_on)}.",
        )
    _not_in_future(provided_on, "provided_on", errors)
    _not_before(
        provided_on, direction.appeal.lodged_on, "provided_on", errors, "the appeal was lodged"
    )
    _raise(errors)
    direction.provided_on = provided_on
    direction.full_clean()
    direction.save()
    audit_record(
        actor=actor,
        action="update",
        obj=direction,
        child=direction.appeal.child,
        summary=f"Provided on {_when(provided_on)}: {direction}",
    )
    return direction


def _next_ref(appeal: Appeal) -> str:
    refs = set(appeal.recommendations.values_list("ref", flat=True))
    n = len(refs) + 1
    while f"r{n}" in refs:
        n += 1
    return f"r{n}"


@transaction.atomic
def recommendation_record(
    *, actor: Any, appeal: Appeal, section: str, made_on: date, text: str
) -> Recommendation:
    """A recommendation the Tribunal made; the body's 5 weeks to respond start (engine)."""
    child = appeal.child
    _check_la_staff(actor, child)
    errors: Errors = {}
    if section not in appeal.recommendation_sections:
        asked = ", ".join(appeal.recommendation_sections) or "none"
        _add(
            errors,
            "section",
            f"The family asked for recommendations on these sections only: {asked}.",
        )
    _not_in_future(made_on, "made_on", errors)
    _not_before(made_on, appeal.lodged_on, "made_on", errors, "the appeal was lodged")
    if not text.strip():
        _add(errors, "text", "Enter the recommendation as the Tribunal wrote it.")
    elif appeal.recommendations.filter(
        section=section, made_on=made_on, text=text.strip()
    ).exists():
        # The same form sent twice would give the body a second 5-week response to miss.
        _add(errors, "text", "This recommendation is already recorded.")
    _raise(errors)
    body = Recommendation.SECTION_BODY[Recommendation.Section(section)]
    organisation = appeal.health_commissioner if body == Body.HEALTH else appeal.social_care
    recommendation = Recommendation(
        appeal=appeal,
        ref=_next_ref(appeal),
        section=section,
        body=body,
        organisation=organisation,
        made_on=made_on,
        text=text.strip(),
    )
    recommendation.full_clean()
    recommendation.save()
    _recompute(child, field="made_on")
    audit_record(
        actor=actor, action="create", obj=recommendation, child=child, summary=str(recommendation)
    )
    return recommendation


def _may_respond_for(actor: Any, recommendation: Recommendation) -> bool:
    memberships = Membership.objects.filter(user=actor, active=True)
    return (
        memberships.filter(
            organisation_id=recommendation.organisation_id, role__in=HEALTH_AND_CARE_ROLES
        ).exists()
        or memberships.filter(
            organisation_id=recommendation.appeal.child.local_authority_id, role__in=LA_ROLES
        ).exists()
    )


def _check_response(
    recommendation: Recommendation,
    response_sent_on: date,
    decision: str,
    steps: str,
    reasons: str,
    errors: Errors,
) -> None:
    _not_in_future(response_sent_on, "response_sent_on", errors)
    _not_before(
        response_sent_on, recommendation.made_on, "response_sent_on", errors, "the recommendation"
    )
    if decision not in Recommendation.ResponseDecision.values:
        _add(errors, "decision", "Say whether the recommendation will be followed.")
    if decision != Recommendation.ResponseDecision.DECLINES and not steps.strip():
        _add(errors, "steps", "Set out the steps that will be taken.")
    if (
        decision
        in {
            Recommendation.ResponseDecision.DECLINES,
            Recommendation.ResponseDecision.FOLLOWS_IN_PART,
        }
        and not reasons.strip()
    ):
        _add(
            errors,
            "reasons",
            "Give the reasons for not following the recommendation: a response that declines "
            f"without reasons is not a response the law accepts ({RESPONSE_CITATION}).",
        )


def response_text(recommendation: Recommendation, sent: date) -> str:
    """The written response as the family reads it when the body sent no document of its own."""
    lines = [
        f"Response from {recommendation.organisation.name} to the First-tier Tribunal's "
        f"recommendation on {recommendation.get_section_display().lower()}",
        f"Sent {format_long_date(sent)}",
        "",
        "The recommendation:",
        recommendation.text,
        "",
        f"Decision: {recommendation.get_response_decision_display()}",
    ]
    if recommendation.response_steps:
        lines += ["", "The steps we will take:", recommendation.response_steps]
    if recommendation.response_reasons:
        lines += ["", "Our reasons for not following it:", recommendation.response_reasons]
    lines += ["", f"Law: {RESPONSE_CITATION}"]
    return "\n".join(lines) + "\n"


def _response_document(
    actor: Any, recommendation: Recommendation, sent: date, document: UploadedFile | None
) -> CaseDocument:
    """Keep the response on the case, shared with the family from the day it was sent."""
    if document is None:
        document = SimpleUploadedFile(
            f"response-{recommendation.get_section_display().split(':')[0].lower()}.txt".replace(
                " ", "-"
            ),
            response_text(recommendation, sent).encode(),
            content_type="text/plain",
        )
    return case_document_add(
        actor=actor,
        child=recommendation.appeal.child,
        kind=CaseDocument.Kind.LETTER_SENT,
        title=(
            f"{recommendation.organisation.name}: response to the Tribunal's recommendation "
            f"({recommendation.get_section_display()})"
        )[:200],
        dated=sent,
        file=document,
        audience=CaseDocument.Audience.FAMILY,
        shared_with_family_on=sent,
        permission=("appeals.respond_recommendation", recommendation),
    )


@transaction.atomic
def recommendation_respond(
    *,
    actor: Any,
    recommendation: Recommendation,
    response_sent_on: date,
    decision: str,
    steps: str,
    reasons: str,
    expected_version: int | None,
    document: UploadedFile | None = None,
) -> Recommendation:
    """The body's written response: the steps it will take, and reasons wherever it does not
    follow the recommendation (2017 Regulations reg 6). A response that declines, wholly or in
    part, without reasons is refused.

    The response is sent through Redress (decision 0173): it is kept on the case as a document
    the family sees (the body's own `document`, or the response as written here), the family is
    emailed, and its date is the day the engine counts the response sent."""
    child = recommendation.appeal.child
    if not _may_respond_for(actor, recommendation):
        raise ValidationError(
            {
                "__all__": [
                    f"Only {recommendation.organisation} or the local authority can record this."
                ]
            }
        )
    errors: Errors = {}
    if recommendation.response_sent_on is not None:
        _add(errors, "__all__", "A response is already recorded for this recommendation.")
    if recommendation.withdrawn:
        _add(errors, "__all__", "This recommendation was withdrawn as recorded in error.")
    _check_response(recommendation, response_sent_on, decision, steps, reasons, errors)
    _raise(errors)
    if document is not None:
        validate_upload(document)
    claim_version(recommendation, expected_version)
    recommendation.response_sent_on = response_sent_on
    recommendation.response_decision = decision
    recommendation.response_steps = steps.strip()
    recommendation.response_reasons = reasons.strip()
    recommendation.responded_by = actor
    recommendation.response_document = _response_document(
        actor, recommendation, response_sent_on, document
    )
    recommendation.full_clean()
    recommendation.save()
    _recompute(child, field="response_sent_on")
    family_notice_send(
        child=child,
        key=f"recommendation-response:{recommendation.pk}:{recommendation.response_document_id}",
        template="family_recommendation_response",
        personalisation={"body_name": recommendation.organisation.name},
    )
    audit_record(
        actor=actor,
        action="update",
        obj=recommendation,
        child=child,
        summary=(
            f"Response sent {_when(response_sent_on)}: "
            f"{recommendation.get_response_decision_display()}"
        ),
    )
    return recommendation


# -- Settlement before the hearing -----------------------------------------------------------


@transaction.atomic
def settlement_record(
    *,
    actor: Any,
    appeal: Appeal,
    agreed_on: date,
    route: str,
    ending: str,
    terms: str,
    agreement_id: int | None = None,
) -> Settlement:
    """The parties agree before the hearing; the page then shows the steps to tell the
    Tribunal (a withdrawal, or a consent order request on form SEND46)."""
    child = appeal.child
    _check_la_staff(actor, child)
    errors: Errors = {}
    _check_not_closed(appeal, errors, "agreed_on")
    if Settlement.objects.filter(appeal=appeal).exists():
        _add(errors, "agreed_on", "A settlement is already recorded for this appeal.")
    _not_in_future(agreed_on, "agreed_on", errors)
    _not_before(agreed_on, appeal.lodged_on, "agreed_on", errors, "the appeal was lodged")
    if not terms.strip():
        _add(errors, "terms", "Say what the parties agreed.")
    if ending == Settlement.Ending.CONSENT_ORDER and not appeal.la_response_sent_on:
        _add(
            errors,
            "ending",
            "The local authority has not sent its response yet: it can tell the Tribunal it "
            f"does not oppose the appeal instead ({UNOPPOSED_CITATION}).",
        )
    _raise(errors)
    settlement = Settlement(
        appeal=appeal,
        agreed_on=agreed_on,
        route=route,
        ending=ending,
        terms=terms.strip(),
        agreement_id=agreement_id,
        recorded_by=actor,
    )
    settlement.full_clean()
    settlement.save()
    audit_record(actor=actor, action="create", obj=settlement, child=child, summary=str(settlement))
    return settlement


@transaction.atomic
def settlement_mark_sent(
    *, actor: Any, settlement: Settlement, sent_on: date, expected_version: int | None
) -> Settlement:
    """The withdrawal or the consent order request reached the Tribunal. A withdrawal ends the
    appeal; a consent order ends it when the Tribunal makes the order (record the decision)."""
    appeal = settlement.appeal
    child = appeal.child
    _check_la_staff(actor, child)
    errors: Errors = {}
    _not_in_future(sent_on, "sent_on", errors)
    _not_before(sent_on, settlement.agreed_on, "sent_on", errors, "the agreement")
    if settlement.ending == Settlement.Ending.WITHDRAW:
        _check_not_closed(appeal, errors, "sent_on")
    _raise(errors)
    claim_version(settlement, expected_version)
    settlement.sent_to_tribunal_on = sent_on
    settlement.full_clean()
    settlement.save()
    if settlement.ending == Settlement.Ending.WITHDRAW:
        appeal.outcome = Appeal.Outcome.WITHDRAWN
        appeal.outcome_on = sent_on
        appeal.full_clean()
        appeal.save()
        Appeal.objects.filter(pk=appeal.pk).update(version=F("version") + 1)
        _sync_cessation(actor, appeal)
    _recompute(child, field="sent_on")
    audit_record(
        actor=actor,
        action="update",
        obj=settlement,
        child=child,
        summary=f"Sent to the Tribunal on {_when(sent_on)}: {settlement.get_ending_display()}",
    )
    return settlement


# -- Correcting or withdrawing a recorded step (decision 0100) ----------------------------------
#
# Each check is the one the step was recorded with; the earlier values stay in the history with
# who changed them and why, and the deadlines are recomputed from what now stands.


def _save_corrected(record: Any, *, actor: Any, reason: str) -> None:
    record.full_clean()
    history_reason(record, actor=actor, reason=reason)
    record.save()


def _withdrawal_reason(reason: str) -> str:
    if not (reason or "").strip():
        raise ValidationError({"reason": WITHDRAWAL_REASON_REQUIRED})
    return reason.strip()


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


def _check_decision_recorded(appeal: Appeal) -> None:
    if appeal.withdrawn:
        raise ValidationError("This appeal was withdrawn as recorded in error.")
    if not appeal.outcome:
        raise ValidationError("No decision is recorded for this appeal.")


def _no_step_before(order: Order, when: date, field: str, errors: Errors) -> None:
    """A step taken to comply with `order` cannot come before the day it is now said to be made."""
    for step in order.steps.filter(withdrawn_at__isnull=True):
        if step.done_on < when:
            _add(
                errors,
                field,
                f"{step.get_step_display()} is recorded on {_when(step.done_on)}, before this "
                "date.",
            )


@transaction.atomic
def appeal_decision_correct(
    *,
    actor: Any,
    appeal: Appeal,
    outcome: str,
    outcome_on: date,
    notes: str,
    reason: str,
    expected_version: int | None,
) -> Appeal:
    """Correct how the appeal ended or the day it did. The orders made that day move with it,
    since the Regulations count from the order."""
    child = appeal.child
    _check_la_staff(actor, child)
    _check_decision_recorded(appeal)
    cleaned = mark_corrected(appeal, actor=actor, reason=reason)
    orders = list(appeal.orders.filter(withdrawn_at__isnull=True))
    errors: Errors = {}
    unopposed = appeal.outcome == Appeal.Outcome.UNOPPOSED
    if unopposed and outcome != Appeal.Outcome.UNOPPOSED:
        _add(
            errors,
            "outcome",
            "Not opposing the appeal cannot become another outcome: withdraw it as recorded in "
            "error and record how the appeal ended.",
        )
    elif not unopposed and outcome not in DECIDED_OUTCOMES:
        _add(errors, "outcome", "Choose how the appeal ended.")
    no_orders = {Appeal.Outcome.DISMISSED, Appeal.Outcome.STRUCK_OUT, Appeal.Outcome.WITHDRAWN}
    if outcome in no_orders and orders:
        _add(
            errors,
            "outcome",
            "A dismissed, struck-out or withdrawn appeal has no orders for the local authority: "
            "withdraw its orders as recorded in error first.",
        )
    if outcome in DECIDED_OUTCOMES - no_orders and not orders:
        _add(
            errors,
            "outcome",
            "No order is recorded: withdraw this decision as recorded in error and record it "
            "again with what the Tribunal ordered.",
        )
    _not_in_future(outcome_on, "outcome_on", errors)
    _not_before(outcome_on, appeal.lodged_on, "outcome_on", errors, "the appeal was lodged")
    if unopposed and appeal.la_response_sent_on and outcome_on >= appeal.la_response_sent_on:
        _add(
            errors,
            "outcome_on",
            f"The response was sent on {_when(appeal.la_response_sent_on)}: after the response "
            f"an appeal is not treated as unopposed ({UNOPPOSED_CITATION}).",
        )
    for order in orders:
        _no_step_before(order, outcome_on, "outcome_on", errors)
    _raise(errors)
    claim_version(appeal, expected_version)
    appeal.outcome = outcome
    appeal.outcome_on = outcome_on
    appeal.outcome_notes = notes.strip()
    if unopposed:
        appeal.not_opposed_on = outcome_on
    _save_corrected(appeal, actor=actor, reason=f"Decision corrected: {cleaned}")
    for order in orders:
        if order.made_on != outcome_on:
            order.made_on = outcome_on
            if order.sent_on is not None and order.sent_on < outcome_on:
                order.sent_on = outcome_on
            order.version += 1
            _save_corrected(order, actor=actor, reason=f"Decision corrected: {cleaned}")
    _sync_cessation(actor, appeal, corrected=True)
    _recompute(child, field="outcome_on")
    audit_record(
        actor=actor,
        action="update",
        obj=appeal,
        child=child,
        summary=(
            f"Corrected the decision: {appeal.get_outcome_display()} on {_when(outcome_on)}: "
            f"{cleaned}"
        ),
    )
    return appeal


@transaction.atomic
def appeal_decision_withdraw(
    *, actor: Any, appeal: Appeal, reason: str, expected_version: int | None
) -> Appeal:
    """Withdraw a decision recorded in error: the appeal is live again and the orders made with
    the decision are withdrawn too, so the engine stops counting their time limits."""
    child = appeal.child
    _check_la_staff(actor, child)
    _check_decision_recorded(appeal)
    cleaned = _withdrawal_reason(reason)
    claim_version(appeal, expected_version)
    if appeal.outcome == Appeal.Outcome.UNOPPOSED:
        appeal.not_opposed_on = None
        if appeal.la_response_sent_on is None:
            appeal.la_response = ""
    appeal.outcome = ""
    appeal.outcome_on = None
    appeal.outcome_notes = ""
    _save_corrected(appeal, actor=actor, reason=f"Decision withdrawn: {cleaned}")
    for order in appeal.orders.filter(withdrawn_at__isnull=True):
        mark_withdrawn(order, actor=actor, reason=f"The decision was withdrawn: {cleaned}")
        order.version += 1
        _save_corrected(order, actor=actor, reason=f"Decision withdrawn: {cleaned}")
    _sync_cessation(actor, appeal, corrected=True)
    _recompute(child)
    audit_record(
        actor=actor,
        action="update",
        obj=appeal,
        child=child,
        summary=f"Withdrew a decision recorded in error: {cleaned}",
    )
    return appeal


@transaction.atomic
def order_correct(
    *,
    actor: Any,
    order: Order,
    made_on: date,
    sent_on: date | None,
    details: str,
    reason: str,
    expected_version: int | None,
) -> Order:
    """Correct an order's dates or details; its time limits run from the corrected date."""
    appeal = order.appeal
    child = appeal.child
    _check_la_staff(actor, child)
    cleaned = mark_corrected(order, actor=actor, reason=reason)
    errors: Errors = {}
    _not_in_future(made_on, "made_on", errors)
    _not_in_future(sent_on, "sent_on", errors)
    _not_before(made_on, appeal.lodged_on, "made_on", errors, "the appeal was lodged")
    _not_before(sent_on, made_on, "sent_on", errors, "the order")
    _no_step_before(order, made_on, "made_on", errors)
    _raise(errors)
    claim_version(order, expected_version)
    order.made_on = made_on
    order.sent_on = sent_on
    order.details = details.strip()
    _save_corrected(order, actor=actor, reason=f"Corrected: {cleaned}")
    _recompute(child, field="made_on")
    audit_record(
        actor=actor,
        action="update",
        obj=order,
        child=child,
        summary=f"Corrected {first_lower(str(order))} (made {_when(made_on)}): {cleaned}",
    )
    return order


@transaction.atomic
def order_withdraw(*, actor: Any, order: Order, reason: str, expected_version: int | None) -> Order:
    """Withdraw an order recorded in error; the engine stops counting its time limits. Steps
    already taken to comply stay on the record."""
    child = order.appeal.child
    _check_la_staff(actor, child)
    cleaned = mark_withdrawn(order, actor=actor, reason=reason)
    claim_version(order, expected_version)
    _save_corrected(order, actor=actor, reason=f"Withdrawn: {cleaned}")
    _recompute(child)
    audit_record(
        actor=actor,
        action="update",
        obj=order,
        child=child,
        summary=f"Withdrew {first_lower(str(order))} recorded in error: {cleaned}",
    )
    return order


def _check_may_respond(actor: Any, recommendation: Recommendation) -> None:
    if not _may_respond_for(actor, recommendation):
        raise ValidationError(
            {
                "__all__": [
                    f"Only {recommendation.organisation} or the local authority can record this."
                ]
            }
        )
    if recommendation.response_sent_on is None:
        raise ValidationError("No response is recorded for this recommendation.")


@transaction.atomic
def recommendation_response_correct(
    *,
    actor: Any,
    recommendation: Recommendation,
    response_sent_on: date,
    decision: str,
    steps: str,
    reasons: str,
    reason: str,
    expected_version: int | None,
) -> Recommendation:
    """Correct the body's recorded response: its date, its decision, its steps or reasons."""
    child = recommendation.appeal.child
    _check_may_respond(actor, recommendation)
    cleaned = mark_corrected(recommendation, actor=actor, reason=reason)
    errors: Errors = {}
    _check_response(recommendation, response_sent_on, decision, steps, reasons, errors)
    _raise(errors)
    claim_version(recommendation, expected_version)
    recommendation.response_sent_on = response_sent_on
    recommendation.response_decision = decision
    recommendation.response_steps = steps.strip()
    recommendation.response_reasons = reasons.strip()
    _save_corrected(recommendation, actor=actor, reason=f"Response corrected: {cleaned}")
    _recompute(child, field="response_sent_on")
    audit_record(
        actor=actor,
        action="update",
        obj=recommendation,
        child=child,
        summary=f"Corrected the response (sent {_when(response_sent_on)}): {cleaned}",
    )
    return recommendation


@transaction.atomic
def recommendation_response_withdraw(
    *, actor: Any, recommendation: Recommendation, reason: str, expected_version: int | None
) -> Recommendation:
    """Withdraw a response recorded in error: the recommendation is unanswered again and the
    engine counts the body's 5 weeks once more. The response stays in the history."""
    child = recommendation.appeal.child
    _check_may_respond(actor, recommendation)
    cleaned = _withdrawal_reason(reason)
    claim_version(recommendation, expected_version)
    recommendation.response_sent_on = None
    recommendation.response_decision = ""
    recommendation.response_steps = ""
    recommendation.response_reasons = ""
    recommendation.responded_by = None
    sent = recommendation.response_document
    if sent is not None and not sent.withdrawn:
        # The family no longer sees a response withdrawn as recorded in error.
        case_document_withdraw(
            actor=actor,
            document=sent,
            reason=cleaned,
            expected_version=sent.version,
            permission=("appeals.respond_recommendation", recommendation),
        )
    recommendation.response_document = None
    _save_corrected(recommendation, actor=actor, reason=f"Response withdrawn: {cleaned}")
    _recompute(child)
    audit_record(
        actor=actor,
        action="update",
        obj=recommendation,
        child=child,
        summary=f"Withdrew a response recorded in error: {cleaned}",
    )
    return recommendation


@transaction.atomic
def recommendation_correct(
    *,
    actor: Any,
    recommendation: Recommendation,
    made_on: date,
    text: str,
    reason: str,
    expected_version: int | None,
) -> Recommendation:
    """Correct the day the Tribunal made a recommendation, or its wording as recorded; the
    body's 5 weeks run from the corrected day."""
    appeal = recommendation.appeal
    child = appeal.child
    _check_la_staff(actor, child)
    cleaned = mark_corrected(recommendation, actor=actor, reason=reason)
    errors: Errors = {}
    _not_in_future(made_on, "made_on", errors)
    _not_before(made_on, appeal.lodged_on, "made_on", errors, "the appeal was lodged")
    if recommendation.response_sent_on and made_on > recommendation.response_sent_on:
        _add(
            errors,
            "made_on",
            f"The response was sent on {_when(recommendation.response_sent_on)}, before this date.",
        )
    if not text.strip():
        _add(errors, "text", "Enter the recommendation as the Tribunal wrote it.")
    _raise(errors)
    claim_version(recommendation, expected_version)
    recommendation.made_on = made_on
    recommendation.text = text.strip()
    _save_corrected(recommendation, actor=actor, reason=f"Corrected: {cleaned}")
    _recompute(child, field="made_on")
    audit_record(
        actor=actor,
        action="update",
        obj=recommendation,
        child=child,
        summary=f"Corrected {first_lower(str(recommendation))}: {cleaned}",
    )
    return recommendation


@transaction.atomic
def recommendation_withdraw(
    *, actor: Any, recommendation: Recommendation, reason: str, expected_version: int | None
) -> Recommendation:
    """Withdraw a recommendation recorded in error: the body no longer has 5 weeks to answer it.
    A response already sent stays on the record."""
    child = recommendation.appeal.child
    _check_la_staff(actor, child)
    cleaned = mark_withdrawn(recommendation, actor=actor, reason=reason)
    claim_version(recommendation, expected_version)
    _save_corrected(recommendation, actor=actor, reason=f"Withdrawn: {cleaned}")
    _recompute(child)
    audit_record(
        actor=actor,
        action="update",
        obj=recommendation,
        child=child,
        summary=f"Withdrew {first_lower(str(recommendation))}, recorded in error: {cleaned}",
    )
    return recommendation


@transaction.atomic
def compliance_step_correct(
    *,
    actor: Any,
    compliance_step: ComplianceStep,
    done_on: date,
    note: str,
    reason: str,
    expected_version: int | None,
) -> ComplianceStep:
    """Correct the day a compliance step was taken, or its evidence, checked as when it was
    recorded; the order's time limit is met on the corrected day."""
    order = compliance_step.order
    child = order.appeal.child
    _check_la_staff(actor, child)
    cleaned = mark_corrected(compliance_step, actor=actor, reason=reason)
    errors: Errors = {}
    _not_in_future(done_on, "done_on", errors)
    _not_before(done_on, order.made_on, "done_on", errors, "the order")
    if not note.strip():
        _add(errors, "note", "Say what was done and how it can be checked.")
    _raise(errors)
    claim_version(compliance_step, expected_version)
    before = str(compliance_step)
    compliance_step.done_on = done_on
    compliance_step.note = note.strip()
    _save_corrected(compliance_step, actor=actor, reason=f"Corrected: {cleaned}")
    _recompute(child, field="done_on")
    audit_record(
        actor=actor,
        action="update",
        obj=compliance_step,
        child=child,
        summary=f"Corrected the compliance step {before} (now {compliance_step}): {cleaned}",
    )
    return compliance_step


@transaction.atomic
def compliance_step_withdraw(
    *, actor: Any, compliance_step: ComplianceStep, reason: str, expected_version: int | None
) -> ComplianceStep:
    """Withdraw a compliance step recorded in error: the order's time limit for it is open again
    (or overdue). It stays on the record, and the real step can be recorded."""
    child = compliance_step.order.appeal.child
    _check_la_staff(actor, child)
    cleaned = mark_withdrawn(compliance_step, actor=actor, reason=reason)
    claim_version(compliance_step, expected_version)
    _save_corrected(compliance_step, actor=actor, reason=f"Withdrawn: {cleaned}")
    _recompute(child)
    audit_record(
        actor=actor,
        action="update",
        obj=compliance_step,
        child=child,
        summary=f"Withdrew the compliance step {compliance_step}, recorded in error: {cleaned}",
    )
    return compliance_step


def _check_hearing_recorded(appeal: Appeal) -> None:
    if appeal.withdrawn:
        raise ValidationError(WITHDRAWN_MESSAGE)
    if not (appeal.hearing_on or appeal.hearing_format):
        raise ValidationError("No hearing is recorded for this appeal.")


@transaction.atomic
def appeal_hearing_correct(
    *,
    actor: Any,
    appeal: Appeal,
    hearing_on: date | None,
    hearing_format: str,
    hearing_venue: str,
    hearing_arrangements: str,
    reason: str,
    expected_version: int | None,
) -> Appeal:
    """Correct the hearing as recorded (a mistyped date, the wrong venue), checked as when it
    was recorded. A hearing the Tribunal moved is a new listing (`appeal_hearing_update`); this
    is for what was recorded wrongly, and says why."""
    child = appeal.child
    _check_la_staff(actor, child)
    _check_hearing_recorded(appeal)
    cleaned = mark_corrected(appeal, actor=actor, reason=reason)
    _set_hearing(
        appeal,
        hearing_on=hearing_on,
        hearing_format=hearing_format,
        hearing_venue=hearing_venue,
        hearing_arrangements=hearing_arrangements,
        expected_version=expected_version,
    )
    _save_corrected(appeal, actor=actor, reason=f"Hearing corrected: {cleaned}")
    _recompute(child, field="hearing_on")
    when = _when(hearing_on) if hearing_on else "no date"
    audit_record(
        actor=actor,
        action="update",
        obj=appeal,
        child=child,
        summary=f"Corrected the hearing ({when}): {cleaned}",
    )
    return appeal


@transaction.atomic
def appeal_hearing_withdraw(
    *, actor: Any, appeal: Appeal, reason: str, expected_version: int | None
) -> Appeal:
    """Withdraw a hearing recorded in error (on the wrong appeal, or never listed): the appeal
    has no hearing recorded again. The listing stays in the appeal's history."""
    child = appeal.child
    _check_la_staff(actor, child)
    _check_hearing_recorded(appeal)
    cleaned = withdrawal_reason(reason)
    claim_version(appeal, expected_version)
    appeal.hearing_on = None
    appeal.hearing_format = ""
    appeal.hearing_venue = ""
    appeal.hearing_arrangements = ""
    _save_corrected(appeal, actor=actor, reason=f"Hearing withdrawn: {cleaned}")
    _recompute(child)
    audit_record(
        actor=actor,
        action="update",
        obj=appeal,
        child=child,
        summary=f"Withdrew a hearing recorded in error: {cleaned}",
    )
    return appeal


@transaction.atomic
def evidence_direction_correct(
    *,
    actor: Any,
    direction: EvidenceDirection,
    description: str,
    directed_by: date,
    witness_name: str,
    provided_on: date | None,
    reason: str,
    expected_version: int | None,
) -> EvidenceDirection:
    """Correct a Tribunal direction as recorded: what it directed, the date it set, the witness,
    or the day the evidence was provided. Checked as when each was recorded."""
    appeal = direction.appeal
    child = appeal.child
    _check_la_staff(actor, child)
    cleaned = mark_corrected(direction, actor=actor, reason=reason)
    errors: Errors = {}
    _not_before(directed_by, appeal.lodged_on, "directed_by", errors, "the appeal was lodged")
    if not description.strip():
        _add(errors, "description", "Say what the Tribunal directed.")
    if direction.kind == EvidenceDirection.Kind.WITNESS and not witness_name.strip():
        _add(errors, "witness_name", "Enter the witness's name, or ‘not yet known’.")
    _not_in_future(provided_on, "provided_on", errors)
    _not_before(provided_on, appeal.lodged_on, "provided_on", errors, "the appeal was lodged")
    _raise(errors)
    claim_version(direction, expected_version)
    direction.description = description.strip()
    direction.directed_by = directed_by
    direction.witness_name = witness_name.strip()
    direction.provided_on = provided_on
    _save_corrected(direction, actor=actor, reason=f"Corrected: {cleaned}")
    _recompute(child, field="directed_by")
    audit_record(
        actor=actor,
        action="update",
        obj=direction,
        child=child,
        summary=f"Corrected the direction {direction} (by {_when(directed_by)}): {cleaned}",
    )
    return direction


@transaction.atomic
def evidence_direction_withdraw(
    *, actor: Any, direction: EvidenceDirection, reason: str, expected_version: int | None
) -> EvidenceDirection:
    """Withdraw a direction recorded in error: the body no longer has it to provide. It stays on
    the record, struck through."""
    child = direction.appeal.child
    _check_la_staff(actor, child)
    cleaned = mark_withdrawn(direction, actor=actor, reason=reason)
    claim_version(direction, expected_version)
    _save_corrected(direction, actor=actor, reason=f"Withdrawn: {cleaned}")
    _recompute(child)
    audit_record(
        actor=actor,
        action="update",
        obj=direction,
        child=child,
        summary=f"Withdrew the direction {direction}, recorded in error: {cleaned}",
    )
    return direction
