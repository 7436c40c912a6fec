"""Sending a step letter: by email at once, or by post from the print batch (decision 0164).

Sending is one act, whichever way the letter goes: the step it belongs to is recorded through the
owning app's own service, dated the day it is sent (so the engine counts from that day); the
letter is written with the engine's dates; the exact .docx is kept on the case as a
`CaseDocument`; an email goes through the outbox with a link to that copy (decision 0165). A
double click sends once; a letter sent in error is withdrawn with a reason, never deleted.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from redress.accounts.models import Organisation
from redress.audit.services import audit_record
from redress.casefile.models import CaseDocument
from redress.casefile.services import case_document_add, case_document_withdraw
from redress.casework.deadlines import attach_related
from redress.casework.models import Child, FamilyMember
from redress.casework.services import advice_request_create
from redress.core import dedupe
from redress.core.corrections import history_reason, mark_withdrawn
from redress.core.uploads import ALLOWED_UPLOADS
from redress.documents.models import SentLetter
from redress.documents.step_letters import (
    ADVISER,
    FAMILY,
    Prepared,
    StepLetterKind,
    check_may_send,
    late_problem,
    reviews_read,
    step_letter_kind,
    step_letter_prepare,
    step_letter_render,
    template_problems,
)
from redress.notifications.models import Message
from redress.notifications.recipients import Contact
from redress.notifications.services import absolute_url, message_enqueue
from redress.plans.models import ReviewStep
from redress.plans.services import consultation_record, review_step_record
from redress.statutory.calendar import format_long_date
from redress.statutory.engine import today_in_london

DOCX = ALLOWED_UPLOADS[".docx"]


def letter_check(
    *,
    actor: Any,
    child: Child,
    kind: StepLetterKind,
    organisation: Organisation | None = None,
    method: str = SentLetter.Method.POST,
    today: date | None = None,
    sending: SentLetter | None = None,
) -> Prepared:
    """The letter as it would go, with every reason it cannot (`problems`; none: it may go)."""
    check_may_send(actor, child)
    if organisation is not None and organisation.kind not in kind.organisation_kinds:
        organisation = None  # a letter to the family, or to an organisation of the wrong kind
    prepared = step_letter_prepare(child=child, kind=kind, organisation=organisation)
    waiting = (
        _waiting(kind, organisation=prepared.organisation)
        .filter(child=child)
        .exclude(pk=sending.pk if sending is not None else None)
        .first()
    )
    return _checked(
        prepared,
        template=template_problems(kind),
        waiting=waiting,
        method=method,
        today=today or today_in_london(),
    )


def review_invitations_check(
    *, actor: Any, children: Sequence[Child], method: str, today: date | None = None
) -> list[Prepared]:
    """`letter_check` of the annual review invitation for each of these children (a page of a
    school's reviews, or a chunk of the download), reading what the checks need for all of them
    at once: the same answers in a fixed number of queries, not several for each child."""
    kind = step_letter_kind("review_invitation")
    for child in children:
        check_may_send(actor, child)
    attach_related(children, "family", FamilyMember.objects.all(), by="child_id")
    reviews = reviews_read(children, kind.rule)
    waiting: dict[int, SentLetter] = {}
    for letter in _waiting(kind, organisation=None).filter(child__in=children):
        waiting.setdefault(letter.child_id, letter)  # the newest, as `letter_check` reads it
    template = template_problems(kind)  # the template is read once, not once a child
    today = today or today_in_london()
    return [
        _checked(
            step_letter_prepare(child=child, kind=kind, review=reviews[child.pk]),
            template=template,
            waiting=waiting.get(child.pk),
            method=method,
            today=today,
        )
        for child in children
    ]


def _waiting(kind: StepLetterKind, *, organisation: Organisation | None) -> Any:
    """The same letter already in the print batch, newest first."""
    return SentLetter.objects.filter(
        kind=kind.key,
        organisation=organisation,
        status=SentLetter.Status.TO_POST,
        withdrawn_at__isnull=True,
    )


def _checked(
    prepared: Prepared,
    *,
    template: dict[str, str],
    waiting: SentLetter | None,
    method: str,
    today: date,
) -> Prepared:
    """`prepared` with what else stops it going: its template, the same letter waiting in the
    print batch, a meeting too close for the notice, no email address to email it to."""
    prepared.problems.update(template)
    if waiting is not None:
        prepared.problems["waiting"] = (
            f"The same letter is already waiting in the print batch (added on "
            f"{format_long_date(timezone.localdate(waiting.created_at))}): post it or withdraw it."
        )
    late = late_problem(prepared, today)
    if late:
        prepared.problems["step"] = late
    if (
        method == SentLetter.Method.EMAIL
        and "addressee" not in prepared.problems
        and not prepared.addressee.email
    ):
        prepared.problems["method"] = (
            f"Redress has no email address for {prepared.addressee.name}: send the letter by "
            "post, or record their email address."
        )
    return prepared


@transaction.atomic
def letter_send(
    *,
    actor: Any,
    child: Child,
    kind: str,
    method: str,
    organisation: Organisation | None = None,
    large_print: bool = False,
) -> SentLetter:
    """Send a step letter by email now, or put it in the print batch to post. Refuses
    (ValidationError keyed by what is wrong) a letter with no addressee, no address, no step to
    be about or a template that lost a field the law requires. The same letter sent twice by the
    same person (a double click) is the first one again."""
    letter_kind = step_letter_kind(kind)
    check_may_send(actor, child)
    if method not in SentLetter.Method.values:
        raise ValidationError({"method": ["Choose how to send the letter."]})
    dedupe.lock(child)
    again: SentLetter | None = dedupe.recent_duplicate(
        SentLetter.objects.filter(child=child, withdrawn_at__isnull=True),
        created_field="created_at",
        kind=kind,
        organisation=organisation,
        method=method,
        created_by=actor,
    )
    if again is not None:
        return again
    prepared = letter_check(
        actor=actor, child=child, kind=letter_kind, organisation=organisation, method=method
    )
    if prepared.problems:
        raise ValidationError({k: [v] for k, v in prepared.problems.items()})
    letter = SentLetter(
        child=child,
        kind=kind,
        title=prepared.title,
        organisation=prepared.organisation,
        addressee_name=prepared.addressee.name,
        addressee_address=prepared.addressee.postal,
        addressee_email=prepared.addressee.email,
        method=method,
        large_print=large_print,
        status=SentLetter.Status.TO_POST,
        created_by=actor,
    )
    if method == SentLetter.Method.POST:
        letter.full_clean()
        history_reason(letter, actor=actor, reason="Added to the print batch")
        letter.save()
        audit_record(
            actor=actor,
            action="create",
            obj=letter,
            child=child,
            summary=f"Added a letter to the print batch: {letter}",
        )
        return letter
    return _dispatch(letter, actor=actor, today=today_in_london())


def _record_step(letter: SentLetter, prepared: Prepared, *, actor: Any, today: date) -> str:
    """Record the step the letter belongs to, dated the day it is sent, through its own app's
    service; the engine's row for the step then has the right date. Returns the step's ref."""
    kind = prepared.kind
    child = letter.child
    if kind.to == ADVISER:
        assert letter.organisation is not None
        advice = advice_request_create(
            actor=actor,
            child=child,
            advice_type=kind.advice_type,
            recipient_organisation=letter.organisation,
            commissioned_by=child.local_authority,
            date_sent=today,
            expected_version=None,
        )
        return advice.ref
    if kind.key == "consultation":
        assert prepared.plan is not None
        consultation = consultation_record(
            actor=actor,
            plan=prepared.plan,
            consulted_on=today,
            institution=letter.organisation,
            expected_version=None,
        )
        return consultation.ref
    if kind.key == "review_invitation":
        assert prepared.cycle is not None
        step = review_step_record(
            actor=actor,
            cycle=prepared.cycle,
            kind=ReviewStep.Kind.INVITATIONS_SENT,
            when=today,
            expected_version=None,
        )
        return f"review_step-{step.pk}"
    return ""


def _letter_url(letter: SentLetter, document: CaseDocument) -> str:
    if letter.organisation is None:
        return absolute_url(reverse("family:shared-documents", args=[letter.child_id]))
    return absolute_url(reverse("casework:document-download", args=[letter.child_id, document.pk]))


def _dispatch(letter: SentLetter, *, actor: Any, today: date) -> SentLetter:
    """Send a letter now (email) or record it posted today (post): the step, the letter with the
    engine's dates, the copy on the case, and the email in the outbox."""
    kind = step_letter_kind(letter.kind)
    prepared = letter_check(
        actor=actor,
        child=letter.child,
        kind=kind,
        organisation=letter.organisation,
        method=letter.method,
        today=today,
        sending=letter,
    )
    if prepared.problems:
        raise ValidationError({k: [v] for k, v in prepared.problems.items()})
    letter.step_ref = _record_step(letter, prepared, actor=actor, today=today)
    if letter.step_ref:
        # Read the engine's row for the step just recorded (its date counts from today).
        prepared = step_letter_prepare(
            child=letter.child, kind=kind, organisation=letter.organisation, ref=_row_ref(letter)
        )
    content = step_letter_render(
        actor=actor, prepared=prepared, letter_date=today, large_print=letter.large_print
    )
    family = kind.to == FAMILY
    suffix = "-large-print" if letter.large_print else ""
    document = case_document_add(
        actor=actor,
        child=letter.child,
        kind=CaseDocument.Kind.LETTER_SENT,
        title=f"{letter.title} ({letter.get_method_display().lower()})",
        dated=today,
        file=SimpleUploadedFile(
            f"{kind.key.replace('_', '-')}-{today}{suffix}.docx", content, content_type=DOCX
        ),
        audience=CaseDocument.Audience.FAMILY if family else CaseDocument.Audience.PROFESSIONALS,
        shared_with_family_on=today if family else None,
    )
    letter.document = document
    letter.status = SentLetter.Status.SENT
    letter.sent_on = today
    letter.sent_at = timezone.now()
    letter.sent_by = actor
    if letter.method == SentLetter.Method.EMAIL:
        letter.full_clean()
        letter.save()  # the message's key names the letter
        message, _ = message_enqueue(
            key=f"letter-{letter.pk}",
            template="letter_sent",
            contact=Contact(email=letter.addressee_email, name=letter.addressee_name),
            personalisation={
                "name": letter.addressee_name,
                "local_authority": letter.child.local_authority.name,
                "letter_title": kind.title,
                "letter_url": _letter_url(letter, document),
            },
            child=letter.child,
            digestible=False,
        )
        letter.message = message
    letter.full_clean()
    history_reason(letter, actor=actor, reason=f"Sent {letter.get_method_display().lower()}")
    letter.save()
    audit_record(
        actor=actor,
        action="create",
        obj=letter,
        child=letter.child,
        summary=f"Sent a letter {letter.get_method_display().lower()}: {letter}",
    )
    return letter


def _row_ref(letter: SentLetter) -> str:
    """The engine's row ref for the step (an advice request's or a consultation's)."""
    if letter.step_ref.startswith("review_step-"):
        return ""
    return letter.step_ref


# -- The print batch --------------------------------------------------------------------------


@dataclass
class PostedResult:
    posted: list[SentLetter] = field(default_factory=list)
    refused: list[tuple[SentLetter, list[str]]] = field(default_factory=list)


def print_batch_mark_posted(*, actor: Any, letters: Iterable[SentLetter]) -> PostedResult:
    """Mark letters from the print batch posted today: each is written, kept and its step
    recorded as sent today. A letter that can no longer go (its addressee's address removed,
    the meeting too close) stays in the batch with the reasons; the others are posted."""
    result = PostedResult()
    today = today_in_london()
    for letter in letters:
        check_may_send(actor, letter.child)
        try:
            with transaction.atomic():
                current = SentLetter.objects.select_for_update().get(pk=letter.pk)
                if current.status != SentLetter.Status.TO_POST or current.withdrawn:
                    continue  # posted or withdrawn meanwhile: nothing to do
                result.posted.append(_dispatch(current, actor=actor, today=today))
        except ValidationError as error:
            result.refused.append((letter, error.messages))
    return result


@transaction.atomic
def sent_letter_withdraw(*, actor: Any, letter: SentLetter, reason: str) -> SentLetter:
    """Withdraw a letter sent (or put in the print batch) in error. It stays listed, marked
    withdrawn with the reason; its copy on the case is withdrawn too, and an email not yet sent
    is cancelled. The step it recorded stays: withdraw it on its own page if it was wrong."""
    check_may_send(actor, letter.child)
    cleaned = mark_withdrawn(letter, actor=actor, reason=reason)
    if letter.document is not None and not letter.document.withdrawn:
        case_document_withdraw(
            actor=actor,
            document=letter.document,
            reason=f"The letter was withdrawn: {cleaned}",
            expected_version=None,
        )
    if letter.message_id is not None:
        Message.objects.filter(
            pk=letter.message_id, status__in=(Message.Status.PENDING, Message.Status.HELD)
        ).update(status=Message.Status.CANCELLED)
    letter.full_clean()
    history_reason(letter, actor=actor, reason=f"Withdrawn: {cleaned}")
    letter.save()
    audit_record(
        actor=actor,
        action="update",
        obj=letter,
        child=letter.child,
        summary=f"Withdrew a letter sent in error: {letter} ({cleaned})",
    )
    return letter


# -- Letters for many children ------------------------------------------------------------------


@dataclass
class BulkResult:
    sent: list[SentLetter] = field(default_factory=list)
    refused: list[tuple[Child, list[str]]] = field(default_factory=list)


def letters_send_bulk(
    *, actor: Any, children: Iterable[Child], kind: str, method: str
) -> BulkResult:
    """The same letter for each child (annual review invitations for a school's cohort): each
    one sent or put in the print batch on its own, so one refusal stops no other."""
    result = BulkResult()
    for child in children:
        try:
            with transaction.atomic():
                result.sent.append(letter_send(actor=actor, child=child, kind=kind, method=method))
        except (ValidationError, PermissionDenied) as error:
            messages = (
                error.messages
                if isinstance(error, ValidationError)
                else ["You cannot send letters on this case."]
            )
            result.refused.append((child, messages))
    return result


__all__ = [
    "BulkResult",
    "PostedResult",
    "letter_check",
    "letter_send",
    "review_invitations_check",
    "letters_send_bulk",
    "print_batch_mark_posted",
    "sent_letter_withdraw",
]
