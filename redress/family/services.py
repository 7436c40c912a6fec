"""Writes from the family's pages, and one-time sign-in codes. Each write is audited."""

from __future__ import annotations

import hmac
import secrets
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from redress.accounts.models import Membership, Role
from redress.accounts.selectors import may_sign_in_with_emailed_code
from redress.audit.services import audit_record
from redress.casework.models import Child, Consent
from redress.casework.permissions import consent_in_force_q
from redress.casework.services import consent_record, validate_upload
from redress.core.dedupe import lock, recent_duplicate
from redress.family.models import (
    DraftPlanComment,
    FamilyDocument,
    FamilyRequest,
    SectionAViews,
    SignInCode,
)
from redress.notifications.recipients import Contact
from redress.notifications.services import message_enqueue, message_send_now
from redress.plans.sections import SECTION_CODES
from redress.plans.services import placement_family_preference_record
from redress.statutory.engine import today_in_london

# -- Section A, documents, requests ----------------------------------------------------------


@transaction.atomic
def section_a_views_save(
    *, actor: Any, child: Child, about_child: str, hopes: str, what_helps: str
) -> SectionAViews:
    if not (about_child.strip() or hopes.strip() or what_helps.strip()):
        raise ValidationError({"about_child": [_("Write something in at least one box.")]})
    views = SectionAViews(
        child=child,
        written_by=actor,
        about_child=about_child.strip(),
        hopes=hopes.strip(),
        what_helps=what_helps.strip(),
    )
    views.full_clean()
    views.save()
    audit_record(
        actor=actor, action="create", obj=views, child=child, summary="Gave views for section A"
    )
    return views


@transaction.atomic
def family_document_upload(
    *, actor: Any, child: Child, document: UploadedFile, description: str
) -> FamilyDocument:
    validate_upload(document)  # raises ValidationError keyed "document"
    original = (document.name or "document").rsplit("/", 1)[-1][:255]
    record = FamilyDocument(
        child=child,
        uploaded_by=actor,
        document=document,
        original_name=original,
        description=description.strip() or original,
    )
    record.full_clean()
    record.save()
    family_request_make(
        actor=actor,
        child=child,
        kind=FamilyRequest.Kind.DOCUMENT,
        text=f"Document sent: {record.description}",
    )
    audit_record(
        actor=actor,
        action="upload",
        obj=record,
        child=child,
        summary=f"Uploaded a document: {record.description}",
    )
    return record


@transaction.atomic
def family_request_make(
    *, actor: Any, child: Child, kind: str, text: str, issues: list[str] | None = None
) -> FamilyRequest:
    """Record what the family asks or tells us, as a task for the person who must act."""
    from redress.family.tasks import assign

    if not text.strip():
        raise ValidationError(
            {"text": [_("Tell us in your own words. Write at least a few words.")]}
        )
    lock(child)
    again = recent_duplicate(
        FamilyRequest.objects.all(), created_field="created_at",
        child=child, made_by=actor, kind=kind, text=text.strip(),
    )  # fmt: skip
    if again is not None:  # the same request sent twice (docs/decisions/0066-double-submit.md)
        return again
    request = FamilyRequest(
        child=child, made_by=actor, kind=kind, text=text.strip(), issues=",".join(issues or [])
    )
    request.full_clean()
    request.save()
    assign(request)
    audit_record(
        actor=actor,
        action="create",
        obj=request,
        child=child,
        summary=f"Family request: {request.get_kind_display()}",
    )
    return request


@transaction.atomic
def consent_withdraw(*, actor: Any, consent: Consent) -> Consent:
    """The family withdraws a supporter's consent from today: their access ends at once."""
    today = today_in_london()
    locked = Consent.objects.select_for_update().get(pk=consent.pk)
    if locked.withdrawn_on is None or locked.withdrawn_on > today:
        locked.withdrawn_on = today
        locked.full_clean()
        locked.save(update_fields=["withdrawn_on"])
        audit_record(
            actor=actor,
            action="withdraw",
            obj=locked,
            child=locked.child,
            summary=f"Withdrew consent for {locked.supporter} to see the case",
        )
    return locked


@transaction.atomic
def consent_give(*, actor: Any, child: Child, supporter_email: str) -> Consent:
    """A family member lets a supporter (for example SENDIASS) see the case from today.

    The supporter is found by the email address they gave the family; only a person who works
    as a supporter can be chosen, so a parent cannot open the case to anyone else."""
    member = child.family.filter(user=actor).first()
    if member is None:
        raise ValidationError({"__all__": [_("Only the family can say who may see the case.")]})
    email = supporter_email.strip()
    membership = (
        Membership.objects.filter(
            user__email__iexact=email, user__is_active=True, role=Role.SUPPORTER, active=True
        )
        .select_related("user", "organisation")
        .order_by("pk")
        .first()
        if email
        else None
    )
    if membership is None:
        raise ValidationError(
            {
                "supporter_email": [
                    _(
                        "We cannot find a supporter with that email address. Check it with "
                        "them, or ask them to contact the council."
                    )
                ]
            }
        )
    lock(child)
    already = child.consents.filter(consent_in_force_q(), supporter=membership.user).first()
    if already is not None:
        return already  # they can see the case already; a second click changes nothing
    return consent_record(
        actor=actor,
        child=child,
        given_by=member,
        supporter=membership.user,
        supporter_organisation=membership.organisation,
        given_on=today_in_london(),
    )


# -- Comments on the draft plan ---------------------------------------------------------------

WINDOW_CLOSED = _(
    "Your time to comment on the draft plan is over, so we cannot take comments here now. "
    "You can still write to the council."
)
AMENDMENTS_WINDOW_CLOSED = _(
    "Your time to comment on the proposed changes to the plan is over, so we cannot take "
    "comments here now. You can still write to the council."
)


@transaction.atomic
def draft_plan_comment_make(
    *,
    actor: Any,
    child: Child,
    section: str,
    text: str,
    wants_meeting: bool = False,
    school_named: str = "",
) -> DraftPlanComment:
    """A parent's or young person's comment on the draft plan, or on the proposed amendments
    to a plan after a review (reg 22(2)), while their time runs.

    Whether the time is open is the engine's answer (its row for the draft's 15 days), never
    arithmetic here. A school or college they want named also becomes the family's
    preference on the draft's section I (decision 0106)."""
    from redress.family.selectors import comment_window

    if not child.family.filter(user=actor).exists():
        raise ValidationError({"__all__": [_("Only the family can comment on the draft plan.")]})
    lock(child)
    window = comment_window(child=child)
    if not window.is_open:
        closed = AMENDMENTS_WINDOW_CLOSED if window.is_amendment else WINDOW_CLOSED
        raise ValidationError({"__all__": [closed]})
    errors: dict[str, list[Any]] = {}
    if section and section not in SECTION_CODES:
        errors.setdefault("section", []).append(_("Choose a section of the plan."))
    if not (text.strip() or wants_meeting or school_named.strip()):
        errors.setdefault("text", []).append(
            _("Write your comment, ask for a meeting, or name a school or college.")
        )
    if errors:
        raise ValidationError(errors)
    again = recent_duplicate(
        DraftPlanComment.objects.all(), created_field="created_at",
        child=child, about=window.about, made_by=actor, section=section, text=text.strip(),
        wants_meeting=wants_meeting, school_named=school_named.strip(),
    )  # fmt: skip
    if again is not None:  # the same comment sent twice (docs/decisions/0066-double-submit.md)
        return again
    comment = DraftPlanComment(
        child=child,
        about=window.about,
        plan=window.plan,
        section=section,
        text=text.strip(),
        wants_meeting=wants_meeting,
        school_named=school_named.strip(),
        made_by=actor,
    )
    comment.full_clean()
    comment.save()
    if comment.school_named and window.plan is not None:
        placement_family_preference_record(
            actor=actor,
            plan=window.plan,
            family_preference=comment.school_named,
            requested_on=today_in_london(),
        )
    audit_record(actor=actor, action="create", obj=comment, child=child, summary=str(comment))
    return comment


@transaction.atomic
def draft_plan_comment_withdraw(*, actor: Any, comment: DraftPlanComment) -> DraftPlanComment:
    """The person who made a comment withdraws it. It is kept, marked withdrawn."""
    locked = DraftPlanComment.objects.select_for_update().get(pk=comment.pk)
    if locked.made_by_id != actor.pk:
        raise ValidationError(
            {"__all__": [_("Only the person who wrote a comment can withdraw it.")]}
        )
    if locked.withdrawn_at is None:
        locked.withdrawn_at = timezone.now()
        locked.full_clean()
        locked.save(update_fields=["withdrawn_at"])
        audit_record(
            actor=actor,
            action="update",  # "withdraw" reads as a consent withdrawn in the audit trail
            obj=locked,
            child=locked.child,
            summary=f"Withdrew: {locked}",
        )
    return locked


@transaction.atomic
def draft_plan_comment_answer(
    *, actor: Any, comment: DraftPlanComment, answer: str
) -> DraftPlanComment:
    """The council's answer to a comment on the draft plan, which the family reads."""
    if not actor.has_perm("family.answer_draft_comments", comment.child):
        raise ValidationError({"__all__": ["Only the council's SEND team can answer comments."]})
    locked = DraftPlanComment.objects.select_for_update().get(pk=comment.pk)
    if locked.withdrawn_at is not None:
        raise ValidationError({"answer": ["The family withdrew this comment."]})
    if not answer.strip():
        raise ValidationError({"answer": ["Write your answer to the family."]})
    locked.answer = answer.strip()
    locked.answered_at = timezone.now()
    locked.answered_by = actor
    locked.full_clean()
    locked.save(update_fields=["answer", "answered_at", "answered_by"])
    audit_record(
        actor=actor,
        action="update",
        obj=locked,
        child=locked.child,
        summary=f"Answered: {locked}",
    )
    return locked


# -- One-time sign-in codes -----------------------------------------------------------------

CODE_DIGITS = 6


def _hash_code(user_pk: int, code: str) -> str:
    return salted_hmac("redress.family.sign-in-code", f"{user_pk}:{code}").hexdigest()


def users_for_email(email: str) -> list[Any]:
    email = email.strip()
    if not email:
        return []
    people = get_user_model().objects.filter(email__iexact=email, is_active=True).order_by("pk")
    # Staff sign in with a password (and a second factor), never with an emailed code.
    return [person for person in people if may_sign_in_with_emailed_code(person)]


def sign_in_code_issue(*, user: Any) -> str | None:
    """Make a code for the user and return it, or None when they asked for too many lately."""
    now = timezone.now()
    window = now - timedelta(minutes=15)
    if SignInCode.objects.filter(user=user, created_at__gte=window).count() >= int(
        settings.SIGN_IN_CODES_PER_15_MINUTES
    ):
        return None
    code = f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"
    SignInCode.objects.create(
        user=user,
        code_hash=_hash_code(user.pk, code),
        expires_at=now + timedelta(minutes=int(settings.SIGN_IN_CODE_MINUTES)),
    )
    return code


def sign_in_code_send(*, email: str) -> None:
    """Email a code to each active person with this address. Says nothing about who exists."""
    for user in users_for_email(email):
        code = sign_in_code_issue(user=user)
        if code is None:
            continue
        message, _ = message_enqueue(
            key=f"sign-in-code:{user.pk}:{secrets.token_hex(8)}",
            template="sign_in_code",
            contact=Contact(email=user.email, name=user.get_full_name(), user=user),
            personalisation={"code": code, "minutes": settings.SIGN_IN_CODE_MINUTES},
            digestible=False,
        )
        message_send_now(message)


def sign_in_code_check(*, email: str, code: str) -> Any | None:
    """The user this code signs in (using the code up), or None. Wrong guesses are counted."""
    code = "".join(ch for ch in code if ch.isdigit())
    now = timezone.now()
    for user in users_for_email(email):
        with transaction.atomic():
            candidates = SignInCode.objects.select_for_update().filter(
                user=user,
                used_at__isnull=True,
                expires_at__gt=now,
                failed_attempts__lt=int(settings.SIGN_IN_CODE_MAX_ATTEMPTS),
            )
            expected = _hash_code(user.pk, code)
            match = next(
                (c for c in candidates if hmac.compare_digest(c.code_hash, expected)), None
            )
            if match is not None:
                # Single use: the conditional update only one request can win.
                if SignInCode.objects.filter(pk=match.pk, used_at__isnull=True).update(used_at=now):
                    # The person is in: any other code still in their inbox stops working.
                    SignInCode.objects.filter(user=user, used_at__isnull=True).update(used_at=now)
                    audit_record(
                        actor=user, action="sign-in", obj=match, summary="Signed in with a code"
                    )
                    return user
                return None
            for candidate in candidates:
                candidate.failed_attempts += 1
                candidate.save(update_fields=["failed_attempts"])
    return None
