"""Writing to the outbox, planning reminders, and sending.

Exactly-once, as far as email allows:

* Planning is idempotent: each message has a `dedupe_key` (unique), made from what it is about
  (child, rule, ref, due date, stage, recipient), so planning twice, or on two machines at once,
  makes one row.
* Sending claims a row before sending it: on PostgreSQL `SELECT ... FOR UPDATE SKIP LOCKED`,
  and everywhere a conditional `UPDATE ... SET status='sending' WHERE status='pending'` that
  only one sender can win. A claimed row is never sent by anyone else.
* A sender that dies after claiming leaves the row in `sending`. It is not sent again by itself
  (it may already have gone out); the administrator's page lists it as interrupted, and an
  administrator can send it again.
* A failure is retried with exponential back-off until NOTIFICATIONS_MAX_ATTEMPTS; then the row
  is `failed` and shown on the administrator's page.
"""

from __future__ import annotations

import hashlib
import os
import socket
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, TypeVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import OperationalError, connection, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from redress.audit.services import audit_record
from redress.casework.models import Child, Deadline
from redress.core import registry
from redress.core.late import late_duty
from redress.core.voice import PARENT, SUPPORTER, VOICES, YOUNG_PERSON
from redress.core.words import staff_citation, staff_explanation
from redress.notifications.channels import (
    DeliveryError,
    channel_for,
    sms_available,
    uk_mobile_number,
)
from redress.notifications.message_templates import template_get
from redress.notifications.models import (
    CaseSnapshot,
    Message,
    NotificationPreference,
    ReminderRule,
)
from redress.notifications.recipients import (
    Contact,
    family_contacts,
    manager_contacts,
    responsible_contacts,
    supporter_contacts,
)
from redress.statutory.calendar import add_days, add_weeks, format_long_date
from redress.statutory.rules import is_family_deadline

DEFAULT_LEAD_DAYS = 7


def absolute_url(path: str) -> str:
    return settings.REDRESS_BASE_URL.rstrip("/") + path


def default_channel() -> str:
    return str(settings.REDRESS_NOTIFICATION_CHANNEL)


def prefers_digest(user: Any) -> bool:
    return NotificationPreference.objects.filter(
        user=user, delivery=NotificationPreference.Delivery.DIGEST
    ).exists()


SMS_UNAVAILABLE = (
    "Text messages are not available here yet: the council has not set up GOV.UK Notify for "
    "them. Choose email."
)
NOT_A_MOBILE = "Enter a UK mobile number, like 07700 900 982"

_UNCHANGED: Any = object()


@transaction.atomic
def preference_set(
    *,
    user: Any,
    delivery: str,
    channels: str | None = None,
    mobile_number: str | None = None,
    lead_weeks: int | None = _UNCHANGED,
) -> NotificationPreference:
    """Save how a person wants their reminders; only what is given changes.

    Text messages are refused when they cannot be sent (no GOV.UK Notify), so nobody chooses a
    channel that would never reach them (docs/decisions/0159-text-messages.md).
    """
    preference = NotificationPreference.objects.filter(user=user).first() or (
        NotificationPreference(user=user)
    )
    preference.delivery = delivery
    errors: dict[str, list[str]] = {}
    if mobile_number is not None:
        if mobile_number.strip():
            normalised = uk_mobile_number(mobile_number)
            if normalised is None:
                errors["mobile_number"] = [NOT_A_MOBILE]
            else:
                preference.mobile_number = normalised
        else:
            preference.mobile_number = ""
    if channels is not None:
        preference.channels = channels
    if preference.channels != NotificationPreference.Channels.EMAIL:
        if not sms_available():
            errors.setdefault("channels", []).append(SMS_UNAVAILABLE)
        elif not preference.mobile_number and "mobile_number" not in errors:
            errors["mobile_number"] = ["Enter your mobile number to get text messages"]
    if lead_weeks is not _UNCHANGED:
        preference.lead_weeks = lead_weeks
    if errors:
        raise ValidationError(errors)
    preference.full_clean()
    preference.save()
    how = preference.get_channels_display().lower()
    summary = f"Chose {preference.get_delivery_display().lower()} for reminders, {how}"
    if preference.lead_weeks:
        summary += f", {preference.get_lead_weeks_display()}"
    audit_record(actor=user, action="update", obj=preference, summary=summary)
    return preference


# -- The outbox -----------------------------------------------------------------------------


def dedupe_key(key: str) -> str:
    """The key as stored: a long one (a long email address) is shortened with its hash, never
    cut, so two different messages cannot share a key and one of them go unsent."""
    if len(key) <= 255:
        return key
    return f"{key[:190]}:{hashlib.sha256(key.encode()).hexdigest()}"


def message_enqueue(
    *,
    key: str,
    template: str,
    contact: Contact,
    personalisation: dict[str, Any],
    child: Child | None = None,
    channel: str | None = None,
    digestible: bool = True,
    to_address: str = "",
) -> tuple[Message, bool]:
    """Put a message in the outbox once; return it and whether it was new."""
    template_get(template)  # an unknown template is a programming error: fail loudly
    held = digestible and contact.user is not None and prefers_digest(contact.user)
    return Message.objects.get_or_create(
        dedupe_key=dedupe_key(key),
        defaults={
            "template": template,
            "channel": channel or default_channel(),
            "recipient": contact.user,
            "to_address": to_address or contact.email,
            "personalisation": personalisation,
            "child": child,
            "status": Message.Status.HELD if held else Message.Status.PENDING,
        },
    )


def family_notice_send(
    *, child: Child, key: str, template: str, personalisation: dict[str, Any]
) -> list[Message]:
    """Tell each of the child's family contacts of something sent to them (once each, by `key`):
    their name, whose case it is and the link to their case page are filled in here."""
    messages = []
    for contact in family_contacts(child):
        message, _ = message_enqueue(
            key=f"{key}:{contact.key}",
            template=template,
            contact=contact,
            personalisation={
                "name": contact.name,
                "case_of": case_of(child, contact),
                "case_url": absolute_url(reverse("family:case", args=[child.pk])),
                **personalisation,
            },
            child=child,
        )
        messages.append(message)
    return messages


# -- Planning reminders ------------------------------------------------------------------------


@dataclass
class PlanResult:
    created: int = 0
    existing: int = 0
    digests: int = 0
    changes: int = 0
    keys: list[str] = field(default_factory=list)

    def add(self, created: bool, key: str) -> None:
        if created:
            self.created += 1
            self.keys.append(key)
        else:
            self.existing += 1


class _Rules:
    def __init__(self) -> None:
        self.rows = {r.rule: r for r in ReminderRule.objects.all()}
        self.default = self.rows.get("*") or ReminderRule(rule="*", lead_days=DEFAULT_LEAD_DAYS)

    def for_rule(self, rule: str) -> ReminderRule:
        return self.rows.get(rule, self.default)

    def max_lead(self) -> int:
        return max([r.lead_days for r in self.rows.values()] + [self.default.lead_days])


def _staff_personalisation(deadline: Deadline, child: Child) -> dict[str, Any]:
    return {
        "rule_title": deadline.title,
        "due": format_long_date(deadline.due),
        "child_name": child.full_name,
        "case_number": child.pk,
        "citation": staff_citation(deadline.citation),
        "explanation": staff_explanation(deadline.explanation),
        "case_url": absolute_url(reverse("casework:case-detail", args=[child.pk])),
    }


def case_of(child: Child, contact: Contact) -> str:
    """Whose case, as the family member reads it: "your" for the young person themselves."""
    return "your" if contact.young_person else f"{child.first_name}'s"


def _explain_for_family(deadline: Deadline) -> Any:
    """The row in the family's words (the family app's `plain.explain`, declared as a lookup: the
    family's app sits above this one)."""
    return registry.lookup("explain_for_family")(deadline)


def _family_personalisation(deadline: Deadline, child: Child, contact: Contact) -> dict[str, Any]:
    plain = _explain_for_family(deadline)
    voice = VOICES[YOUNG_PERSON if contact.young_person else PARENT]
    return {
        "name": contact.name,
        "child_first_name": child.first_name,
        "case_of": case_of(child, contact),
        "what": voice.say(plain.what),
        # The family's own last day (for their time to comment), not the authority's first.
        "due": format_long_date(deadline.family_day),
        "plain": voice.say(plain.meaning),
        "case_url": absolute_url(reverse("family:case", args=[child.pk])),
    }


def _deadline_key(deadline: Deadline) -> str:
    return f"{deadline.child_id}:{deadline.rule}:{deadline.ref}:{deadline.due.isoformat()}"


#: How long after a duty became late its email to the family may still go (decision 0185): a
#: duty late for longer, such as one long overdue when Redress goes live or a caseload is
#: imported, is explained on the family's case page but not emailed out of the blue.
LATE_NOTICE_DAYS = 14


def _family_late_notices(deadline: Deadline, child: Child, today: date, result: PlanResult) -> None:
    """Tell the family once when a duty owed to them has recently become late, as their case
    page explains."""
    duty = late_duty(deadline.rule)
    if duty is None or add_days(deadline.due, LATE_NOTICE_DAYS) < today:
        return
    base = _deadline_key(deadline)
    for contact in family_contacts(child):
        voice = VOICES[YOUNG_PERSON if contact.young_person else PARENT]
        key = f"family-late:{base}:{contact.key}"
        _, created = message_enqueue(
            key=key,
            template="family_council_late",
            contact=contact,
            personalisation={
                "name": contact.name,
                "case_of": case_of(child, contact),
                "what": voice.say(duty.what),
                "due": format_long_date(deadline.due),
                "case_url": absolute_url(reverse("family:case", args=[child.pk])),
            },
            child=child,
        )
        result.add(created, key)


#: The earliest a family member may choose to be reminded of their own dates.
MAX_FAMILY_LEAD_WEEKS = max(NotificationPreference.LeadWeeks.values)


class _Preferences:
    """Each person's own choices, read once per person in a run."""

    def __init__(self) -> None:
        self.by_user: dict[int, NotificationPreference | None] = {}

    def get(self, user: Any) -> NotificationPreference | None:
        if user is None:
            return None
        if user.pk not in self.by_user:
            self.by_user[user.pk] = NotificationPreference.objects.filter(user=user).first()
        return self.by_user[user.pk]


def family_reminder_due(
    *, family_day: date, today: date, lead_days: int, lead_weeks: int | None = None
) -> bool:
    """Whether a family member's reminder of their own date goes today: from their chosen
    number of weeks before the day (else the rule's lead days) until the day itself."""
    first = add_weeks(family_day, -lead_weeks) if lead_weeks else add_days(family_day, -lead_days)
    return first <= today <= family_day


def _family_reminders(
    deadline: Deadline,
    setting: ReminderRule,
    today: date,
    preferences: _Preferences,
    result: PlanResult,
) -> None:
    """Remind each family member of a date that is theirs, by email, text message or both.

    A text goes only where it can be sent (GOV.UK Notify is set up); otherwise the person gets
    the email, so a family who chose texts is never left with nothing."""
    child = deadline.child
    base = _deadline_key(deadline)
    for contact in family_contacts(child):
        preference = preferences.get(contact.user)
        lead_weeks = preference.lead_weeks if preference is not None else None
        if not family_reminder_due(
            family_day=deadline.family_day,
            today=today,
            lead_days=setting.lead_days,
            lead_weeks=lead_weeks,
        ):
            continue
        text = preference is not None and preference.wants_sms and sms_available()
        if not text or (preference is not None and preference.wants_email):
            key = f"family-soon:{base}:{contact.key}"
            _, created = message_enqueue(
                key=key,
                template="family_deadline_due_soon",
                contact=contact,
                personalisation=_family_personalisation(deadline, child, contact),
                child=child,
            )
            result.add(created, key)
        if text and preference is not None:
            key = f"family-soon-sms:{base}:{contact.key}"
            _, created = message_enqueue(
                key=key,
                template=(
                    "young_person_deadline_sms" if contact.young_person else "family_deadline_sms"
                ),
                contact=contact,
                to_address=preference.mobile_number,
                # Only the child's first name and the date: a text shows on a lock screen.
                personalisation={
                    "child_first_name": child.first_name,
                    "due": format_long_date(deadline.family_day),
                },
                child=child,
                channel="sms",
                digestible=False,
            )
            result.add(created, key)


def _supporter_reminders(
    deadline: Deadline,
    setting: ReminderRule,
    today: date,
    preferences: _Preferences,
    result: PlanResult,
) -> None:
    """Remind each supporter the family gave consent to of the family's own date, from the
    weeks before it the supporter chose (else the rule's lead days), by email: a daily digest
    if that is what they chose (decision 0174). Nothing once the consent is withdrawn."""
    child = deadline.child
    base = _deadline_key(deadline)
    plain = None
    for contact in supporter_contacts(child):
        preference = preferences.get(contact.user)
        if not family_reminder_due(
            family_day=deadline.family_day,
            today=today,
            lead_days=setting.lead_days,
            lead_weeks=preference.lead_weeks if preference is not None else None,
        ):
            continue
        plain = plain or _explain_for_family(deadline)
        voice = VOICES[SUPPORTER]
        key = f"supporter-soon:{base}:{contact.key}"
        _, created = message_enqueue(
            key=key,
            template="supporter_deadline_due_soon",
            contact=contact,
            personalisation={
                "name": contact.name,
                "case_number": child.pk,
                "initials": f"{child.first_name[:1]}. {child.last_name[:1]}.".upper(),
                "what": voice.say(plain.what),
                "due": format_long_date(deadline.family_day),
                "plain": voice.say(plain.meaning),
                "case_url": absolute_url(reverse("family:case", args=[child.pk])),
                "caseload_url": absolute_url(reverse("family:supporter-caseload")),
            },
            child=child,
        )
        result.add(created, key)


def reminders_plan(*, today: date, result: PlanResult | None = None) -> PlanResult:
    """Put every reminder and escalation due today in the outbox (once each)."""
    result = result or PlanResult()
    rules = _Rules()
    preferences = _Preferences()
    # A family's own day may be the day before the row's due (their last day to comment).
    furthest = max(
        today + timedelta(days=rules.max_lead()),
        add_days(add_weeks(today, MAX_FAMILY_LEAD_WEEKS), 1),
    )
    candidates = (
        Deadline.objects.filter(
            met_on__isnull=True,
            informational=False,
            due__lte=furthest,
        )
        .select_related("child", "child__caseworker")
        .order_by("due", "pk")
    )
    for deadline in candidates.iterator(chunk_size=500):
        setting = rules.for_rule(deadline.rule)
        if not setting.active:
            continue
        child = deadline.child
        overdue = deadline.due < today
        if is_family_deadline(deadline.rule, deadline.actor):
            # Reminded before the family's own day (the last day to comment), never after it:
            # a family's missed window is the caseworker's business, not a nag.
            if not deadline.family_day_passed(today):
                _family_reminders(deadline, setting, today, preferences, result)
                _supporter_reminders(deadline, setting, today, preferences, result)
            continue
        if not overdue and deadline.due - timedelta(days=setting.lead_days) > today:
            continue
        base = _deadline_key(deadline)
        if deadline.kind != "by":
            continue
        if overdue:
            _family_late_notices(deadline, child, today, result)
        responsible = responsible_contacts(deadline, child)
        if not overdue or setting.remind_overdue:
            stage = "overdue" if overdue else "soon"
            for contact in responsible:
                key = f"{stage}:{base}:{contact.key}"
                _, created = message_enqueue(
                    key=key,
                    template="deadline_overdue" if overdue else "deadline_due_soon",
                    contact=contact,
                    personalisation=_staff_personalisation(deadline, child),
                    child=child,
                )
                result.add(created, key)
        if overdue and (today - deadline.due).days >= setting.escalate_after_days:
            names = ", ".join(c.name for c in responsible) or "not recorded"
            for contact in manager_contacts(child):
                key = f"escalate:{base}:{contact.key}"
                _, created = message_enqueue(
                    key=key,
                    template="deadline_escalation",
                    contact=contact,
                    personalisation={
                        **_staff_personalisation(deadline, child),
                        "responsible": names,
                    },
                    child=child,
                )
                result.add(created, key)
    return result


def _fingerprint(child: Child) -> str:
    rows = sorted(
        f"{d.rule}|{d.ref}|{d.due.isoformat()}|{d.met_on.isoformat() if d.met_on else ''}"
        for d in child.deadlines.all()
    )
    return hashlib.sha256("\n".join(rows).encode()).hexdigest()


def change_notices_plan(*, result: PlanResult | None = None) -> PlanResult:
    """Tell each family once when the dates in their case have changed since they last heard."""
    result = result or PlanResult()
    children = Child.objects.filter(family__isnull=False).distinct().order_by("pk")
    for child in children.iterator(chunk_size=500):
        fingerprint = _fingerprint(child)
        snapshot = CaseSnapshot.objects.filter(child=child).first()
        if snapshot is None:
            CaseSnapshot.objects.get_or_create(child=child, defaults={"fingerprint": fingerprint})
            continue
        if snapshot.fingerprint == fingerprint:
            continue
        with transaction.atomic():
            won = CaseSnapshot.objects.filter(
                pk=snapshot.pk, fingerprint=snapshot.fingerprint, version=snapshot.version
            ).update(fingerprint=fingerprint, version=F("version") + 1)
            if not won:
                continue  # another run announced this change
            version = snapshot.version + 1
            for contact in family_contacts(child):
                key = f"changed:{child.pk}:{version}:{contact.key}"
                _, created = message_enqueue(
                    key=key,
                    template="family_case_changed",
                    contact=contact,
                    personalisation={
                        "name": contact.name,
                        "child_first_name": child.first_name,
                        "case_of": case_of(child, contact),
                        "case_url": absolute_url(reverse("family:case", args=[child.pk])),
                    },
                    child=child,
                )
                result.add(created, key)
                result.changes += int(created)
    return result


def digests_build(*, today: date, result: PlanResult | None = None) -> PlanResult:
    """Gather each person's held reminders into one message for the day."""
    result = result or PlanResult()
    recipients = (
        Message.objects.filter(status=Message.Status.HELD, recipient__isnull=False)
        .values_list("recipient_id", flat=True)
        .distinct()
    )
    for user_id in sorted(set(recipients)):
        with transaction.atomic():
            first = (
                Message.objects.filter(status=Message.Status.HELD, recipient_id=user_id)
                .select_related("recipient")
                .first()
            )
            if first is None or first.recipient is None:
                continue
            user = first.recipient
            key = f"digest:u{user_id}:{today.isoformat()}"
            digest, created = Message.objects.get_or_create(
                dedupe_key=key,
                defaults={
                    "template": "daily_digest",
                    "channel": default_channel(),
                    "recipient": user,
                    "to_address": user.email,
                    "status": Message.Status.CANCELLED,  # until it has items, below
                },
            )
            if not created:
                continue  # today's digest exists; what arrived since waits for tomorrow's
            Message.objects.filter(status=Message.Status.HELD, recipient_id=user_id).update(
                status=Message.Status.DIGESTED, digest=digest
            )
            items = list(digest.items.order_by("pk"))
            if not items:
                continue
            parts = []
            for item in items:
                template = template_get(item.template)
                parts.append(
                    template.render_subject(item.personalisation)
                    + "\n"
                    + template.render_body(item.personalisation)
                )
            digest.personalisation = {
                "name": user.get_full_name() or user.username,
                "count": len(items),
                "items": "\n\n---\n\n".join(parts),
            }
            digest.status = Message.Status.PENDING
            digest.save(update_fields=["personalisation", "status"])
            result.digests += 1
            result.add(True, key)
    return result


def messages_plan(*, today: date) -> PlanResult:
    result = reminders_plan(today=today)
    change_notices_plan(result=result)
    digests_build(today=today, result=result)
    return result


# -- Sending --------------------------------------------------------------------------------


def worker_name() -> str:
    return (f"{socket.gethostname()}:{os.getpid()}:{threading.get_ident()}:{uuid.uuid4().hex[:6]}")[
        :100
    ]


def backoff(attempts: int) -> timedelta:
    """How long to wait before attempt number `attempts + 1`: doubling, capped at a day."""
    base = int(settings.NOTIFICATIONS_RETRY_BASE_SECONDS)
    return timedelta(seconds=min(base * 2 ** max(attempts - 1, 0), 24 * 3600))


_T = TypeVar("_T")


def _when_sqlite_is_free(write: Callable[[], _T]) -> _T:
    """Run a write, waiting while another SQLite writer holds the lock.

    SQLite allows one writer at a time. A database file waits for the lock (its busy timeout),
    but a shared in-memory database reports "locked" at once, so the wait happens here.
    PostgreSQL never needs it.
    """
    for attempt in range(200):
        try:
            return write()
        except OperationalError as exc:
            if connection.vendor != "sqlite" or "locked" not in str(exc) or attempt == 199:
                raise
            time.sleep(0.01)
    raise AssertionError("unreachable")


def _claim(pk: int, worker: str) -> bool:
    return bool(
        _when_sqlite_is_free(
            lambda: Message.objects.filter(pk=pk, status=Message.Status.PENDING).update(
                status=Message.Status.SENDING, claimed_by=worker, claimed_at=timezone.now()
            )
        )
    )


def message_claim_next(*, worker: str, now: datetime | None = None) -> Message | None:
    """Claim one message that is due to be sent, or None when there is none left."""
    now = now or timezone.now()
    due = Message.objects.filter(status=Message.Status.PENDING, next_attempt_at__lte=now).order_by(
        "next_attempt_at", "pk"
    )
    if connection.vendor == "postgresql":
        with transaction.atomic():
            row = due.select_for_update(skip_locked=True).first()
            if row is None:
                return None
            if _claim(row.pk, worker):
                return Message.objects.get(pk=row.pk)
            return None
    for pk in due.values_list("pk", flat=True)[:50]:
        if _claim(pk, worker):  # the conditional update only one sender can win
            return Message.objects.get(pk=pk)
    return None


def message_record_sent(message: Message, reference: str) -> None:
    _when_sqlite_is_free(
        lambda: Message.objects.filter(pk=message.pk, status=Message.Status.SENDING).update(
            status=Message.Status.SENT,
            sent_at=timezone.now(),
            provider_reference=reference[:100],
            attempts=F("attempts") + 1,
            last_error="",
        )
    )


def message_record_failure(message: Message, error: DeliveryError) -> None:
    attempts = message.attempts + 1
    gave_up = error.permanent or attempts >= int(settings.NOTIFICATIONS_MAX_ATTEMPTS)
    _when_sqlite_is_free(
        lambda: Message.objects.filter(pk=message.pk, status=Message.Status.SENDING).update(
            status=Message.Status.FAILED if gave_up else Message.Status.PENDING,
            attempts=attempts,
            last_error=str(error)[:2000],
            next_attempt_at=timezone.now() + backoff(attempts),
            claimed_by="",
        )
    )


def message_send_claimed(message: Message) -> bool:
    """Send a message this worker has claimed; True when it went."""
    template = template_get(message.template)
    try:
        channel = channel_for(message.channel)
        reference = channel.send(
            to=message.to_address,
            template=template,
            personalisation=message.personalisation,
            ref=f"redress-{message.pk}",
        )
    except DeliveryError as error:
        message_record_failure(message, error)
        return False
    except ValueError as error:  # unknown channel name
        message_record_failure(message, DeliveryError(str(error), permanent=True))
        return False
    message_record_sent(message, reference)
    return True


@dataclass
class DeliveryResult:
    sent: int = 0
    failed: int = 0


def messages_deliver_now(messages: list[Message], *, worker: str | None = None) -> DeliveryResult:
    """Send these messages straight away (each still claimed, so never twice)."""
    worker = worker or worker_name()
    result = DeliveryResult()
    for message in messages:
        if _claim(message.pk, worker):
            message.refresh_from_db()
            if message_send_claimed(message):
                result.sent += 1
            else:
                result.failed += 1
    return result


def messages_deliver_due(*, worker: str | None = None, limit: int | None = None) -> DeliveryResult:
    """Send every message that is due, one claim at a time."""
    worker = worker or worker_name()
    result = DeliveryResult()
    while limit is None or result.sent + result.failed < limit:
        message = message_claim_next(worker=worker)
        if message is None:
            break
        if message_send_claimed(message):
            result.sent += 1
        else:
            result.failed += 1
    return result


def message_send_now(message: Message) -> bool:
    """Send one message straight away (a sign-in code), if nobody else has claimed it."""
    if not _claim(message.pk, worker_name()):
        return False
    message.refresh_from_db()
    return message_send_claimed(message)


# -- The administrator's page -----------------------------------------------------------------


def stale_before() -> datetime:
    return timezone.now() - timedelta(seconds=int(settings.NOTIFICATIONS_STALE_SECONDS))


@transaction.atomic
def message_retry(*, actor: Any, message: Message) -> bool:
    """An administrator sends a failed or interrupted message again.

    The condition is checked in the database, not on the row the page loaded: a message that a
    sender has claimed since (status `sending`, claimed recently) is never put back to `pending`,
    or it could go out twice.
    """
    changed = (
        Message.objects.filter(pk=message.pk)
        .filter(
            Q(status=Message.Status.FAILED)
            | Q(status=Message.Status.SENDING, claimed_at__lt=stale_before())
        )
        .update(status=Message.Status.PENDING, next_attempt_at=timezone.now(), claimed_by="")
    )
    if changed:
        audit_record(
            actor=actor,
            action="retry",
            obj=message,
            summary=f"Asked to send message {message.pk} ({message.template}) again",
        )
    return bool(changed)
