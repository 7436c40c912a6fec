"""Reads for an annual review's record (who was invited and came, the documents circulated, the
child's views, progress towards each outcome) and for the review schedule by school and term.

Every read takes the acting user; every due date is the engine's, read from the Deadline table.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet, Subquery

from redress.accounts.models import LA_ROLES, Organisation
from redress.audit.reads import record_read
from redress.casework.models import PROFESSIONALS_OPEN_ROWS, Deadline
from redress.casework.permissions import organisation_ids
from redress.casework.selectors import children_visible_to
from redress.core.access import permitted_get
from redress.core.listing import sorted_by
from redress.core.service_checks import require_perm
from redress.plans.models import (
    DirectPaymentReview,
    Outcome,
    OutcomeProgress,
    PersonalBudget,
    Plan,
    ReviewCycle,
    ReviewDocument,
    ReviewParticipant,
    ReviewStep,
    ReviewView,
)
from redress.statutory.calendar import SchoolTerm, next_school_term, school_term

VIEW = "casework.view_child"
CHANGE = "casework.change_child"
# Documents are the case file's: who may open one is its own rule (decision 0147).
VIEW_DOCUMENT = "casefile.view_document"


def _get(model: Any, *, user: Any, pk: int, perm: str, related: tuple[str, ...]) -> Any:
    record = permitted_get(
        model.objects.select_related("cycle", "cycle__child", "cycle__plan", *related),
        pk=pk,
        user=user,
        perm=perm,
        of="cycle.child",
        not_found="No such record",
    )
    record_read(record.cycle.child_id, obj=record, summary="Viewed the annual review")
    return record


def participant_get(*, user: Any, pk: int, perm: str = CHANGE) -> ReviewParticipant:
    return _get(ReviewParticipant, user=user, pk=pk, perm=perm, related=())  # type: ignore[no-any-return]


def review_document_get(*, user: Any, pk: int, perm: str = CHANGE) -> ReviewDocument:
    return _get(ReviewDocument, user=user, pk=pk, perm=perm, related=("document",))  # type: ignore[no-any-return]


def review_view_get(*, user: Any, pk: int, perm: str = CHANGE) -> ReviewView:
    return _get(ReviewView, user=user, pk=pk, perm=perm, related=())  # type: ignore[no-any-return]


def outcome_progress_get(*, user: Any, pk: int, perm: str = CHANGE) -> OutcomeProgress:
    return _get(OutcomeProgress, user=user, pk=pk, perm=perm, related=("outcome",))  # type: ignore[no-any-return]


# -- One review's record ---------------------------------------------------------------------------


@dataclass(frozen=True)
class CirculatedDocument:
    link: ReviewDocument
    may_open: bool  # the reader may open the document itself (casefile.view_document)
    late: bool  # circulated after the engine's due date for the advice (reg 20(4))


@dataclass(frozen=True)
class OutcomeRow:
    outcome: Outcome
    progress: OutcomeProgress | None


@dataclass
class ReviewRecord:
    """Everything recorded at one review beyond its dated steps, for its pages."""

    participants: list[ReviewParticipant]
    missing: list[str]
    documents: list[CirculatedDocument]
    advice_due: Deadline | None
    views: list[ReviewView]
    outcomes: list[OutcomeRow]
    withdrawn_progress: list[OutcomeProgress]

    @property
    def attended(self) -> int:
        return sum(
            1 for p in self.participants
            if not p.withdrawn and p.attendance == ReviewParticipant.Attendance.ATTENDED
        )  # fmt: skip


def missing_invitees(participants: list[ReviewParticipant]) -> list[str]:
    """The roles reg 20(2) requires to be invited with nobody standing recorded as invited."""
    invited = {p.role for p in participants if not p.withdrawn and p.invited_on is not None}
    return [str(r.label) for r in ReviewParticipant.REQUIRED if r.value not in invited]


def advice_deadline(cycle: ReviewCycle) -> Deadline | None:
    """The engine's date by which the advice is circulated for the meeting planned (reg 20(4)):
    the latest such row, for the meeting date as it now stands."""
    if cycle.meeting_planned_for is None:
        return None
    return (
        Deadline.objects.filter(child_id=cycle.child_id, rule="review.advice_circulated")
        .order_by("-due", "-pk")
        .first()
    )


def review_record(*, user: Any, cycle: ReviewCycle) -> ReviewRecord:
    """The review's record as the user may see it (the caller has checked the user may see the
    child). A document is linked only where the user may open it; its title shows to all who
    may see the review, as the case page shows the document list to them."""
    require_perm(user, VIEW, cycle.child)
    participants = list(cycle.participants.all())
    advice_due = advice_deadline(cycle)
    documents = [
        CirculatedDocument(
            link,
            may_open=user.has_perm(VIEW_DOCUMENT, link.document),
            late=advice_due is not None
            and not link.withdrawn
            and link.circulated_on > advice_due.due,
        )
        for link in cycle.documents.select_related("document")
    ]
    progress = list(cycle.progress.select_related("outcome"))
    standing = {p.outcome_id: p for p in progress if not p.withdrawn}
    return ReviewRecord(
        participants=participants,
        missing=missing_invitees(participants),
        documents=documents,
        advice_due=advice_due,
        views=list(cycle.views.all()),
        outcomes=[OutcomeRow(o, standing.get(o.pk)) for o in cycle.plan.outcomes.all()],
        withdrawn_progress=[p for p in progress if p.withdrawn],
    )


def documents_to_link(cycle: ReviewCycle) -> QuerySet[Any]:
    """The child's standing documents, newest first, that may be circulated for the review."""
    return cycle.child.case_documents.filter(withdrawn_at__isnull=True)


# -- The review schedule by school and term --------------------------------------------------------

OPEN = ("pending", "overdue")  # a deadline not yet met (its status as last computed)
TERMS_AHEAD = 3  # the current school term and the next three


def schedule_terms(today: date) -> list[SchoolTerm]:
    """The school terms the schedule offers: this one and the next ones (as the school census
    counts terms, decision 0117)."""
    terms = [school_term(today)]
    for _ in range(TERMS_AHEAD):
        terms.append(next_school_term(terms[-1].first))
    return terms


SCHEDULE_SORTS = {
    "school": ("child__setting__name", "due", "child__last_name", "child_id", "pk"),
    "due": ("due", "child__last_name", "child_id", "pk"),
    "name": ("child__last_name", "child__first_name", "child_id", "pk"),
}


def _la_children(user: Any) -> Any:
    """The children at an authority the user works at: the schedule is the authority's."""
    return children_visible_to(user).filter(
        local_authority__memberships__user_id=int(user.pk or 0),
        local_authority__memberships__role__in=LA_ROLES,
    )


def schedule_schools(user: Any) -> QuerySet[Organisation]:
    """The schools and settings the authority's children attend, by name."""
    return Organisation.objects.filter(
        pk__in=_la_children(user).values("setting_id"), kind=Organisation.Kind.SETTING
    ).order_by("name", "pk")


def review_schedule(
    *,
    user: Any,
    today: date,
    term: SchoolTerm | None = None,
    school: Organisation | None = None,
    sort: str = "school",
) -> QuerySet[Deadline]:
    """The annual reviews due (the engine's `review.annual` rows still open) for the
    authority's children up to the end of the last term offered, or in one term; each with
    the meeting planned for a review begun and the engine's date for its invitations."""
    last = schedule_terms(today)[-1].last
    rows = Deadline.objects.filter(
        # Every pending or overdue review is an open row professionals act on: saying so, with
        # the row's own copy of the child's authority, lets the database read the authority's
        # open-deadline index in due order (decision 0207).
        PROFESSIONALS_OPEN_ROWS,
        rule="review.annual",
        status__in=OPEN,
        local_authority_id__in=organisation_ids(user, LA_ROLES),
    )
    if term is not None:
        rows = rows.filter(due__gte=term.first, due__lte=term.last)
    else:
        rows = rows.filter(due__lte=last)
    if school is not None:
        rows = rows.filter(child__setting=school)
    decided = ReviewStep.objects.filter(
        cycle=OuterRef("pk"), kind=ReviewStep.Kind.DECISION, withdrawn_at__isnull=True
    )
    open_cycle = (
        ReviewCycle.objects.filter(child_id=OuterRef("child_id"))
        .exclude(Exists(decided))
        .order_by("-created_at", "-pk")
    )
    notice = Deadline.objects.filter(
        child_id=OuterRef("child_id"), rule="review.meeting_notice", status__in=OPEN
    ).order_by("-due", "-pk")
    rows = rows.annotate(
        review_pk=Subquery(open_cycle.values("pk")[:1]),
        meeting_on=Subquery(open_cycle.values("meeting_planned_for")[:1]),
        invitations_due=Subquery(notice.values("due")[:1]),
    ).with_current_status(today)
    ordered, _ = sorted_by(rows, sort, SCHEDULE_SORTS, default="school")
    return ordered.select_related("child", "child__setting")  # type: ignore[no-any-return]


def term_of(day: date) -> str:
    return school_term(day).name


# -- Direct payments due for review (the authority's own dates; decision 0171) --------------------

DIRECT_PAYMENT_SORTS = {
    "date": ("direct_payments_review_on", "plan__child__last_name", "pk"),
    "name": (
        "plan__child__last_name",
        "plan__child__first_name",
        "direct_payments_review_on",
        "pk",
    ),
}


def direct_payments_to_review(
    *, user: Any, today: date, due_only: bool = True, sort: str = "date"
) -> QuerySet[PersonalBudget]:
    """The standing personal budgets agreed with direct payments on the authority's children,
    each with the day the authority set for their next review: those whose day has come, or all."""
    budgets = PersonalBudget.objects.filter(
        withdrawn_at__isnull=True,
        decision=PersonalBudget.Decision.AGREED,
        direct_payments=True,
        direct_payments_review_on__isnull=False,
        plan__withdrawn_at__isnull=True,
        plan__child__in=_la_children(user).values("pk"),
    ).exclude(plan__status__in=(Plan.Status.CEASED, Plan.Status.LAPSED))
    if due_only:
        budgets = budgets.filter(direct_payments_review_on__lte=today)
    ordered, _ = sorted_by(budgets, sort, DIRECT_PAYMENT_SORTS, default="date")
    return ordered.select_related("plan", "plan__child")  # type: ignore[no-any-return]


def direct_payment_review_get(*, user: Any, pk: int, perm: str = CHANGE) -> DirectPaymentReview:
    review = permitted_get(
        DirectPaymentReview.objects.select_related("budget", "budget__plan__child"),
        pk=pk,
        user=user,
        perm=perm,
        of="budget.plan.child",
        not_found="No such review",
    )
    record_read(review.budget.plan.child_id, obj=review, summary="Viewed the personal budget")
    return review
