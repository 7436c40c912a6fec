"""The Tribunal's recommendations on health and social care, and the bodies' responses to them
(2017 Regulations reg 6)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.db import transaction

from redress.accounts.models import HEALTH_AND_CARE_ROLES, LA_ROLES
from redress.accounts.selectors import has_role_at
from redress.appeals.models import RESPONSE_CITATION, Appeal, Body, Recommendation, first_lower
from redress.appeals.services._common import (
    Errors,
    _add,
    _check_la_staff,
    _not_before,
    _raise,
    _recompute,
    _save_corrected,
    _when,
    _withdrawal_reason,
)
from redress.audit.services import audit_record
from redress.casefile.models import CaseDocument
from redress.casefile.services import case_document_add, case_document_withdraw
from redress.casework.services import validate_upload
from redress.core.corrections import mark_corrected, mark_withdrawn
from redress.core.service_checks import not_in_future as _not_in_future
from redress.core.versions import claim_version
from redress.notifications.services import family_notice_send
from redress.statutory.calendar import format_long_date


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


def _may_respond_for(actor: Any, recommendation: Recommendation) -> bool:
    return has_role_at(actor, recommendation.organisation_id, HEALTH_AND_CARE_ROLES) or has_role_at(
        actor, recommendation.appeal.child.local_authority_id, LA_ROLES
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


def _response_text(recommendation: Recommendation, sent: date) -> str:
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
            _response_text(recommendation, sent).encode(),
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
