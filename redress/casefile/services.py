"""Writing case notes, the contact log and the case's documents. Every write checks the person
may, validates the record, is audited, and never deletes: corrections keep the earlier wording in
the history and a withdrawal keeps the entry, marked as recorded in error."""

from __future__ import annotations

from datetime import date
from pathlib import PurePath
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from redress.audit.services import audit_record
from redress.casefile.models import CaseDocument, CaseMessage, CaseNote
from redress.casework.models import AdviceRequest, Child
from redress.casework.services import validate_upload
from redress.core import dedupe
from redress.core.corrections import history_reason, mark_corrected, mark_withdrawn
from redress.core.service_checks import require_perm as _require
from redress.core.versions import claim_version
from redress.statutory.engine import today_in_london

WITHDRAWN_MESSAGE = "This entry was withdrawn as recorded in error and cannot be changed"


def _save(note: CaseNote, *, actor: Any, reason: str) -> None:
    note.full_clean()
    note._history_user = actor  # type: ignore[attr-defined]
    note._change_reason = reason[:100]  # type: ignore[attr-defined]
    note.save()


def _add(*, actor: Any, child: Child, fields: dict[str, Any], summary: str) -> CaseNote:
    _require(actor, "casefile.add_note", child)
    dedupe.lock(child)
    duplicate = dedupe.recent_duplicate(
        CaseNote.objects.filter(child=child),
        created_field="recorded_at",
        recorded_by=actor,
        **fields,
    )
    if duplicate is not None:
        return duplicate
    note = CaseNote(child=child, recorded_by=actor, **fields)
    _save(note, actor=actor, reason="Recorded")
    audit_record(actor=actor, action="create", obj=note, child=child, summary=summary)
    return note


@transaction.atomic
def case_note_add(
    *, actor: Any, child: Child, text: str, occurred_on: date, sensitive: bool = False
) -> CaseNote:
    """Add a case note to the child's record."""
    fields = {
        "kind": CaseNote.Kind.NOTE,
        "text": text.strip(),
        "occurred_on": occurred_on,
        "sensitive": sensitive,
    }
    summary = "Added a sensitive case note" if sensitive else "Added a case note"
    return _add(actor=actor, child=child, fields=fields, summary=summary)


@transaction.atomic
def contact_log_add(
    *,
    actor: Any,
    child: Child,
    kind: str,
    direction: str,
    with_whom: str,
    occurred_on: date,
    summary: str,
    sensitive: bool = False,
) -> CaseNote:
    """Log a phone call, email, meeting or letter: with whom, when, which way, and what about."""
    if kind == CaseNote.Kind.NOTE or kind not in CaseNote.Kind.values:
        raise ValidationError({"kind": "Select the kind of contact"})
    if direction not in CaseNote.Direction.values:
        raise ValidationError({"direction": "Select whether the contact came to us or from us"})
    if not with_whom.strip():
        raise ValidationError({"with_whom": "Enter who the contact was with"})
    fields = {
        "kind": kind,
        "direction": direction,
        "with_whom": with_whom.strip(),
        "text": summary.strip(),
        "occurred_on": occurred_on,
        "sensitive": sensitive,
    }
    label = CaseNote.Kind(kind).label.lower()
    return _add(actor=actor, child=child, fields=fields, summary=f"Logged a {label}")


@transaction.atomic
def case_note_correct(
    *,
    actor: Any,
    note: CaseNote,
    text: str,
    reason: str,
    expected_version: int | None,
    with_whom: str | None = None,
    occurred_on: date | None = None,
    sensitive: bool | None = None,
) -> CaseNote:
    """Correct an entry. The earlier wording stays in the history with who corrected it and why."""
    _require(actor, "casefile.correct_note", note)
    if not reason.strip():
        raise ValidationError({"reason": "Enter why the entry is being corrected"})
    if note.withdrawn:
        raise ValidationError(WITHDRAWN_MESSAGE)
    claim_version(note, expected_version)
    note.text = text.strip()
    if with_whom is not None and note.is_contact:
        note.with_whom = with_whom.strip()
    if occurred_on is not None:
        note.occurred_on = occurred_on
    if sensitive is not None:
        note.sensitive = sensitive
    note.corrected_at = timezone.now()
    note.corrected_by = actor
    note.correction_reason = reason.strip()
    _save(note, actor=actor, reason=f"Corrected: {reason.strip()}")
    audit_record(
        actor=actor,
        action="update",
        obj=note,
        child=note.child,
        summary=f"Corrected a {note.get_kind_display().lower()}: {reason.strip()}",
    )
    return note


@transaction.atomic
def case_note_withdraw(
    *, actor: Any, note: CaseNote, reason: str, expected_version: int | None
) -> CaseNote:
    """Withdraw an entry as recorded in error. It stays on the record, marked withdrawn."""
    _require(actor, "casefile.correct_note", note)
    if not reason.strip():
        raise ValidationError({"reason": "Enter why the entry was recorded in error"})
    if note.withdrawn:
        raise ValidationError(WITHDRAWN_MESSAGE)
    claim_version(note, expected_version)
    note.withdrawn_at = timezone.now()
    note.withdrawn_by = actor
    note.withdrawn_reason = reason.strip()
    _save(note, actor=actor, reason=f"Withdrawn: {reason.strip()}")
    audit_record(
        actor=actor,
        action="update",
        obj=note,
        child=note.child,
        summary=f"Withdrew a {note.get_kind_display().lower()} recorded in error: {reason.strip()}",
    )
    return note


# -- Case documents ---------------------------------------------------------------------------


def _document_checks(
    *, kind: str, title: str, dated: date, audience: str, shared_with_family_on: date | None
) -> None:
    """The same checks for a new document and a correction, each said in the person's words."""
    errors: dict[str, list[str]] = {}
    today = today_in_london()
    if kind not in CaseDocument.Kind.values:
        errors["kind"] = ["Select the type of document"]
    if not title.strip():
        errors["title"] = ["Enter the document's title"]
    if dated > today:
        errors["dated"] = ["The date of the document must be today or in the past"]
    if audience not in CaseDocument.Audience.values:
        errors["audience"] = ["Select who may see the document"]
    elif audience == CaseDocument.Audience.FAMILY and shared_with_family_on is None:
        errors["shared_with_family_on"] = [
            "Enter the date the document was sent or shared with the family"
        ]
    elif audience != CaseDocument.Audience.FAMILY and shared_with_family_on is not None:
        errors["shared_with_family_on"] = [
            "Leave the date shared with the family blank, or choose that the family may see it"
        ]
    if shared_with_family_on is not None and shared_with_family_on > today:
        errors["shared_with_family_on"] = [
            "The date shared with the family must be today or in the past"
        ]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def case_document_add(
    *,
    actor: Any,
    child: Child,
    kind: str,
    title: str,
    dated: date,
    file: UploadedFile,
    audience: str = CaseDocument.Audience.STAFF,
    shared_with_family_on: date | None = None,
    advice_request: AdviceRequest | None = None,
    permission: tuple[str, Any] | None = None,
) -> CaseDocument:
    """Keep a document on the child's case. The file is checked (type by its content, size,
    zip bombs) before anything is stored; a second identical upload is the first again. Advice
    names the request it answers, so the plan's section K can link to it (decision 0147).

    `permission` is the (permission, object) another app's step needs instead of
    `casefile.add_document`, when that step keeps its own document on the case (a body's
    written response to a Tribunal recommendation, decision 0173)."""
    perm, obj = permission or ("casefile.add_document", child)
    _require(actor, perm, obj)
    if advice_request is not None and (
        advice_request.child_id != child.pk or advice_request.withdrawn
    ):
        raise ValidationError({"advice_request": "Choose one of this case's advice requests"})
    _document_checks(
        kind=kind, title=title, dated=dated, audience=audience,
        shared_with_family_on=shared_with_family_on,
    )  # fmt: skip
    validate_upload(file, field="file")
    original = PurePath(file.name or "document").name[:255]
    fields = {
        "kind": kind,
        "title": title.strip(),
        "dated": dated,
        "audience": audience,
        "shared_with_family_on": shared_with_family_on,
        "original_name": original,
        "advice_request": advice_request,
    }
    dedupe.lock(child)
    duplicate = dedupe.recent_duplicate(
        CaseDocument.objects.filter(child=child),
        created_field="uploaded_at",
        uploaded_by=actor,
        **fields,
    )
    if duplicate is not None:
        return duplicate
    document = CaseDocument(child=child, uploaded_by=actor, file=file, **fields)
    document.full_clean()
    history_reason(document, actor=actor, reason="Uploaded")
    document.save()
    shared = (
        f", shared with the family on {shared_with_family_on:%-d %B %Y}"
        if shared_with_family_on
        else ""
    )
    audit_record(
        actor=actor,
        action="upload",
        obj=document,
        child=child,
        summary=f"Uploaded a {document.get_kind_display().lower()}: {document.title}{shared}",
    )
    return document


@transaction.atomic
def case_document_correct(
    *,
    actor: Any,
    document: CaseDocument,
    kind: str,
    title: str,
    dated: date,
    audience: str,
    shared_with_family_on: date | None,
    reason: str,
    expected_version: int | None,
) -> CaseDocument:
    """Correct a document's details, or who may see it. The earlier details stay in the history
    with who changed them and why; the file itself is never replaced (upload a new one)."""
    _require(actor, "casefile.correct_document", document)
    cleaned = mark_corrected(document, actor=actor, reason=reason)
    _document_checks(
        kind=kind, title=title, dated=dated, audience=audience,
        shared_with_family_on=shared_with_family_on,
    )  # fmt: skip
    claim_version(document, expected_version)
    document.kind = kind
    document.title = title.strip()
    document.dated = dated
    document.audience = audience
    document.shared_with_family_on = shared_with_family_on
    document.full_clean()
    history_reason(document, actor=actor, reason=f"Corrected: {cleaned}")
    document.save()
    audit_record(
        actor=actor,
        action="update",
        obj=document,
        child=document.child,
        summary=f"Corrected a document's details ({document.get_audience_display()}): {cleaned}",
    )
    return document


@transaction.atomic
def case_document_withdraw(
    *,
    actor: Any,
    document: CaseDocument,
    reason: str,
    expected_version: int | None,
    permission: tuple[str, Any] | None = None,
) -> CaseDocument:
    """Withdraw a document uploaded in error. It stays listed for the authority's staff, marked
    withdrawn; nobody else sees it any more. `permission` as for `case_document_add`."""
    perm, obj = permission or ("casefile.correct_document", document)
    _require(actor, perm, obj)
    cleaned = mark_withdrawn(document, actor=actor, reason=reason)
    claim_version(document, expected_version)
    document.full_clean()
    history_reason(document, actor=actor, reason=f"Withdrawn: {cleaned}")
    document.save()
    audit_record(
        actor=actor,
        action="update",
        obj=document,
        child=document.child,
        summary=f"Withdrew a document uploaded in error: {cleaned}",
    )
    return document


# -- Messages between the family and the professionals on the case ------------------------------


def _message_side(actor: Any, child: Child, organisation_id: int | None) -> tuple[str, int]:
    """Which side the writer is on, and the authority or provider the message is with."""
    from redress.casefile.selectors import message_contacts, message_organisations

    if actor.has_perm("casefile.family_messages", child):
        allowed = [c.organisation_id for c in message_contacts(child)]
        chosen = organisation_id or child.local_authority_id
        if chosen not in allowed:
            raise ValidationError({"to": "Select who to send your message to"})
        return CaseMessage.Side.FAMILY, chosen
    if not actor.has_perm("casefile.send_message", child):
        raise PermissionDenied
    from redress.casefile.permissions import mediation_providers_for

    # A provider's staff write only while its mediation is open; the authority's at any time.
    open_providers = mediation_providers_for(actor, child, open_only=True)
    mine = [
        o
        for o in message_organisations(user=actor, child=child)
        if o == child.local_authority_id or o in open_providers
    ]
    if not mine:
        raise PermissionDenied
    return CaseMessage.Side.PROFESSIONAL, mine[0]


@transaction.atomic
def case_message_send(
    *, actor: Any, child: Child, text: str, organisation_id: int | None = None
) -> CaseMessage:
    """Send a message in the child's conversation and tell the other side by email (without
    the message's words). The same words sent twice in quick succession are kept once."""
    side, organisation = _message_side(actor, child, organisation_id)
    text = text.strip()
    if not text:
        raise ValidationError({"text": "Enter your message"})
    if len(text) > CaseMessage.MAX_LENGTH:
        raise ValidationError(
            {"text": f"Your message must be {CaseMessage.MAX_LENGTH} characters or fewer"}
        )
    dedupe.lock(child)
    duplicate = dedupe.recent_duplicate(
        CaseMessage.objects.filter(child=child),
        created_field="sent_at",
        sent_by=actor,
        organisation_id=organisation,
        text=text,
    )
    if duplicate is not None:
        return duplicate
    message = CaseMessage(
        child=child, organisation_id=organisation, side=side, text=text, sent_by=actor
    )
    message.full_clean()
    message._history_user = actor  # type: ignore[attr-defined]
    message.save()
    audit_record(
        actor=actor,
        action="create",
        obj=message,
        child=child,
        summary=f"Sent a message {'to' if side == CaseMessage.Side.FAMILY else 'from'} "
        f"{message.organisation}",
    )
    _notify_other_side(message)
    return message


@transaction.atomic
def case_message_withdraw(*, actor: Any, message: CaseMessage) -> CaseMessage:
    """The writer withdraws their message: it stays in the conversation, marked withdrawn."""
    if message.sent_by_id != actor.pk:
        raise PermissionDenied
    message = CaseMessage.objects.select_for_update().get(pk=message.pk)
    if message.is_withdrawn:
        raise ValidationError("This message is already withdrawn")
    message.withdrawn_at = timezone.now()
    message._history_user = actor  # type: ignore[attr-defined]
    message._change_reason = "Withdrawn by the writer"  # type: ignore[attr-defined]
    message.save(update_fields=["withdrawn_at"])
    audit_record(
        actor=actor,
        action="update",
        obj=message,
        child=message.child,
        summary="Withdrew a message",
    )
    return message


def case_messages_seen(*, actor: Any, messages: Any) -> int:
    """Mark the other side's messages as seen by this person (the first opening counts)."""
    return int(messages.filter(seen_at__isnull=True).update(seen_at=timezone.now(), seen_by=actor))


def _message_staff(message: CaseMessage) -> list[Any]:
    """Who at the authority or provider hears of a family's message: the child's caseworker, or
    the mediation case manager; else the body's managers."""
    from redress.accounts.models import LA_ROLES, Membership, Role
    from redress.accounts.selectors import has_role_at

    child = message.child
    if message.organisation_id == child.local_authority_id:
        named = child.caseworker
        roles: tuple[str, ...] = LA_ROLES
        managers: tuple[str, ...] = (Role.LA_MANAGER,)
    else:
        case = (
            child.mediation_cases.filter(
                provider_id=message.organisation_id, withdrawn_at__isnull=True
            )
            .order_by("-pk")
            .first()
        )
        named = case.case_manager if case else None
        roles = managers = (Role.MEDIATION_CASE_MANAGER,)
    if named is not None and named.is_active and has_role_at(named, message.organisation_id, roles):
        return [named]
    return [
        m.user
        for m in Membership.objects.filter(
            organisation_id=message.organisation_id, role__in=managers, active=True
        ).select_related("user")
        if m.user.is_active
    ]


def _notify_other_side(message: CaseMessage) -> None:
    from django.urls import reverse

    from redress.notifications.recipients import Contact
    from redress.notifications.services import absolute_url, case_of, message_enqueue

    child = message.child
    if message.side == CaseMessage.Side.FAMILY:
        url = absolute_url(reverse("casework:messages", args=[child.pk]))
        for person in _message_staff(message):
            if not person.email:
                continue
            message_enqueue(
                key=f"case-message:{message.pk}:u{person.pk}",
                template="case_message_to_staff",
                contact=Contact(email=person.email, name=person.get_full_name(), user=person),
                personalisation={
                    "name": person.get_full_name() or person.username,
                    "case_number": child.pk,
                    "messages_url": url,
                },
                child=child,
                digestible=False,
            )
        return
    url = absolute_url(reverse("family:messages", args=[child.pk]))
    for member in child.family.filter(user__isnull=False).select_related("user"):
        user = member.user
        if user is None or not user.is_active or not user.email:
            continue
        contact = Contact(
            email=user.email,
            name=member.name,
            user=user,
            young_person=member.relationship == "young_person",
        )
        message_enqueue(
            key=f"case-message:{message.pk}:u{user.pk}",
            template="case_message_to_family",
            contact=contact,
            personalisation={
                "name": member.name,
                "case_of": case_of(child, contact),
                "messages_url": url,
            },
            child=child,
            digestible=False,
        )
