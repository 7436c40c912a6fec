"""Reading letters: a child's letters, the print batch and a school's review cohort, each for
the acting user (staff of the child's local authority only) and paged by the caller."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404

from redress.accounts.models import LA_ROLES
from redress.casework.models import Child
from redress.casework.permissions import organisation_ids
from redress.documents.models import SentLetter
from redress.documents.step_letters import check_may_send
from redress.plans.models import ReviewCycle, ReviewStep


def letters_for_child(*, user: Any, child: Child) -> QuerySet[SentLetter]:
    check_may_send(user, child)
    return SentLetter.objects.filter(child=child).select_related(
        "organisation", "document", "sent_by", "created_by", "withdrawn_by"
    )


def sent_letter_get(*, user: Any, child: Child, pk: int) -> SentLetter:
    check_may_send(user, child)
    try:
        letter: SentLetter = SentLetter.objects.select_related("document", "child").get(
            child=child, pk=pk
        )
        return letter
    except SentLetter.DoesNotExist:
        raise Http404("No such letter on this case") from None


def print_batch(*, user: Any) -> QuerySet[SentLetter]:
    """The letters waiting to be posted, for the user's local authorities, oldest first."""
    return (
        SentLetter.objects.filter(
            status=SentLetter.Status.TO_POST,
            withdrawn_at__isnull=True,
            child__local_authority_id__in=organisation_ids(user, LA_ROLES),
        )
        .select_related("child", "created_by")
        .order_by("created_at", "pk")
    )


def review_cohort(*, user: Any, setting_id: int, start: date, end: date) -> QuerySet[ReviewCycle]:
    """The reviews in progress of the user's authorities' children at one school or setting
    whose meetings are planned between two dates (a term), by meeting date."""
    decided = ReviewStep.objects.filter(
        withdrawn_at__isnull=True, cycle=OuterRef("pk"), kind=ReviewStep.Kind.DECISION
    )
    return (
        ReviewCycle.objects.filter(
            child__local_authority_id__in=organisation_ids(user, LA_ROLES),
            child__setting_id=setting_id,
            meeting_planned_for__gte=start,
            meeting_planned_for__lte=end,
        )
        .exclude(Exists(decided))
        .select_related("child", "child__local_authority")
        .order_by("meeting_planned_for", "child__last_name", "pk")
    )
