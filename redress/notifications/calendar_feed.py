"""Each person's iCalendar feed (RFC 5545) of their deadlines and meetings.

Deadlines are all-day events on the due date the engine computed. Other apps add meetings with
a `calendar_source` on their DomainAppConfig (redress.core.registry). The feed is written with
the `icalendar` package, which escapes text and folds lines as RFC 5545 requires.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

import icalendar
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from redress.accounts.models import HEALTH_AND_CARE_ROLES, Membership, Role
from redress.audit.reads import read_by, record_reads
from redress.audit.services import audit_record
from redress.casework.models import Child, Deadline, FamilyMember
from redress.casework.selectors import children_visible_to, family_cases_for
from redress.core import registry
from redress.core.voice import PARENT, VOICES, YOUNG_PERSON
from redress.core.words import plain_explanation, plain_law, staff_citation, staff_explanation
from redress.notifications.models import CalendarToken, hash_token
from redress.statutory.calendar import format_long_date
from redress.statutory.engine import today_in_london


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    summary: str
    description: str
    day: date | None = None  # an all-day event
    start: datetime | None = None  # or a timed one
    end: datetime | None = None
    location: str = ""
    url: str = ""


#: A person -> their meetings (for example mediation meetings) for their feed.
CalendarSource = Callable[[Any], Iterable[CalendarEvent]]


# -- Tokens ---------------------------------------------------------------------------------


@transaction.atomic
def calendar_token_create(*, user: Any) -> str:
    """Make a new secret feed address; the token is shown once and only its hash is kept."""
    token = secrets.token_urlsafe(32)
    CalendarToken.objects.create(user=user, token_hash=hash_token(token), hint=token[:6])
    audit_record(
        actor=user,
        action="create",
        object_type="calendar token",
        summary="Made a calendar feed address",
    )
    return token


def calendar_token_revoke(*, user: Any, token: CalendarToken) -> None:
    with transaction.atomic():
        changed = CalendarToken.objects.filter(
            pk=token.pk, user=user, revoked_at__isnull=True
        ).update(revoked_at=timezone.now())
        if changed:
            audit_record(
                actor=user,
                action="revoke",
                obj=token,
                summary=f"Stopped the calendar feed address {token.hint}…",
            )


def user_for_token(token: str) -> Any | None:
    row = (
        CalendarToken.objects.filter(token_hash=hash_token(token), revoked_at__isnull=True)
        .select_related("user")
        .first()
    )
    if row is None or not row.user.is_active:
        return None
    CalendarToken.objects.filter(pk=row.pk).update(last_used_at=timezone.now())
    return row.user


# -- Whose deadlines ------------------------------------------------------------------------


def _initials(first: str, last: str) -> str:
    return f"{first[:1]}. {last[:1]}.".upper()


#: The most deadlines a feed holds, soonest due first: a whole authority's open deadlines would
#: make a feed no calendar can open. A feed cut short says so in an event of its own; the
#: dashboard and its CSV list every one (decision 0202).
FEED_DEADLINES = 2000


@dataclass
class FeedDeadlines:
    deadlines: list[Deadline]
    cut_short: bool  # more deadlines in the window than FEED_DEADLINES


def deadlines_for_feed(user: Any) -> FeedDeadlines:
    """The open deadlines a person is responsible for or, for a family, their own case's: at
    most `FEED_DEADLINES` of them, due soonest first."""
    memberships = Membership.objects.filter(user=user, active=True)
    manager_scope = Q()
    for membership in memberships.filter(role=Role.LA_MANAGER):
        scope = Q(child__local_authority_id=membership.organisation_id)
        if membership.team:
            scope &= Q(child__team=membership.team)
        manager_scope |= scope
    health_orgs = list(
        memberships.filter(role__in=HEALTH_AND_CARE_ROLES).values_list("organisation_id", flat=True)
    )
    query = (
        Q(child__caseworker=user)
        | Q(child__in=family_cases_for(user))
        | Q(rule="advice.response", organisation_id__in=health_orgs)
    )
    if manager_scope:
        query |= manager_scope
    # Only cases the person may open today: a caseworker who has left the local authority is
    # still the child's recorded caseworker until someone reassigns the case.
    deadlines = list(
        Deadline.objects.filter(
            query,
            child__in=children_visible_to(user),
            met_on__isnull=True,
            informational=False,
        )
        .select_related("child")
        .distinct()
        .order_by("due", "rule", "id")[: FEED_DEADLINES + 1]
    )
    cut_short = len(deadlines) > FEED_DEADLINES
    deadlines = deadlines[:FEED_DEADLINES]
    # A feed is a read of each child it names (by initials), by the token's owner.
    read_by(user)
    record_reads({d.child_id for d in deadlines}, summary="Saw the child in a calendar feed")
    return FeedDeadlines(deadlines, cut_short)


def events_for(user: Any, *, base_url: str) -> list[CalendarEvent]:
    family_ids = set(family_cases_for(user).values_list("pk", flat=True))
    own_ids = set(Child.objects.filter(family__user=user).values_list("pk", flat=True))
    # The young person's own feed says "you", as their pages and emails do (decision 0160).
    young_ids = set(
        Child.objects.filter(
            family__user=user, family__relationship=FamilyMember.Relationship.YOUNG_PERSON
        ).values_list("pk", flat=True)
    )
    events = []
    feed = deadlines_for_feed(user)
    if feed.cut_short:
        last = feed.deadlines[-1].due
        events.append(
            CalendarEvent(
                uid=f"deadlines-cut-short-{last:%Y%m%d}@redress",
                summary=f"This calendar shows the {FEED_DEADLINES:,} deadlines due soonest",
                description=(
                    f"It holds open deadlines due up to {format_long_date(last)}; more are due "
                    "after that than a calendar can hold. Redress lists every one, and can "
                    "download them as CSV."
                ),
                day=today_in_london(),
                url=base_url + "/",
            )
        )
    for deadline in feed.deadlines:
        child = deadline.child
        key = f"{deadline.child_id}-{deadline.rule}-{deadline.ref or 'main'}-{deadline.due:%Y%m%d}"
        initials = _initials(child.first_name, child.last_name)
        day = deadline.due
        if child.pk in family_ids:
            # The family's own last day to comment, not the authority's first day to finalise.
            day = deadline.family_day
            # In the family's words: the family app's `plain.explain`, declared as a lookup.
            plain = registry.lookup("explain_for_family")(deadline)
            voice = VOICES[YOUNG_PERSON if child.pk in young_ids else PARENT]
            plain = replace(plain, what=voice.say(plain.what), meaning=voice.say(plain.meaning))
            if child.pk in own_ids:
                summary = f"{child.first_name}: {'Your date' if plain.is_yours else plain.who}: "
            else:  # a supporter: a professional's calendar, so no child's name
                prefix = "The family's date" if plain.is_yours else plain.who
                summary = f"Case {child.pk}, {initials}: {prefix}: "
            summary += plain.what
            description = (
                f"{plain.meaning}\n\n{plain_explanation(deadline.explanation)}\n"
                f"The law: {plain_law(deadline.citation)}."
            )
            url = base_url + reverse("family:case", args=[child.pk])
        else:
            summary = f"{deadline.title} (case {child.pk}, {initials})"
            description = (
                f"{staff_explanation(deadline.explanation)}\n"
                f"Legal basis: {staff_citation(deadline.citation)}"
            )
            url = base_url + reverse("casework:case-detail", args=[child.pk])
        events.append(
            CalendarEvent(
                uid=f"deadline-{key}@redress",
                summary=summary,
                description=description,
                day=day,
                url=url,
            )
        )
    for source in registry.calendar_sources:
        events.extend(source(user))
    return events


# -- Writing iCalendar ----------------------------------------------------------------------


def _text(value: str) -> str:
    """Text as a calendar shows it: a carriage return, alone or before a line feed, is a line
    break like any other (RFC 5545 3.3.11 writes breaks as \\n; a raw CR would end the line)."""
    return value.replace("\r\n", "\n").replace("\r", "\n")


def render_ics(events: Iterable[CalendarEvent], *, name: str) -> str:
    """The feed, written by the `icalendar` package: it escapes text and folds long lines as
    RFC 5545 requires, so nothing a person typed can end a line or add a property."""
    stamp = timezone.now().astimezone(UTC)
    calendar = icalendar.Calendar()
    calendar.add("version", "2.0")
    calendar.add("prodid", "-//Redress//Deadlines//EN")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", icalendar.vText(_text(name)))
    calendar.add("x-published-ttl", "PT6H")
    calendar.add("refresh-interval", timedelta(hours=6), parameters={"VALUE": "DURATION"})
    for event in events:
        entry = icalendar.Event()
        entry.add("uid", _text(event.uid))
        entry.add("dtstamp", stamp)
        if event.day is not None:
            entry.add("dtstart", event.day)
            # DTEND of an all-day event is exclusive: the next calendar day.
            entry.add("dtend", event.day + timedelta(days=1))
            entry.add("transp", "TRANSPARENT")
        elif event.start is not None:
            entry.add("dtstart", event.start.astimezone(UTC))
            entry.add("dtend", (event.end or event.start + timedelta(hours=1)).astimezone(UTC))
        entry.add("summary", _text(event.summary))
        entry.add("description", _text(event.description))
        if event.location:
            entry.add("location", _text(event.location))
        if event.url:
            entry.add("url", event.url, parameters={"VALUE": "URI"})
        calendar.add_component(entry)
    content: bytes = calendar.to_ical()
    return content.decode()
