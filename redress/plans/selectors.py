"""Reads for the plans screens. Every selector takes the acting user; who may see a plan is who
may see the child (casework's `casework.view_child` / `casework.change_child`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Concat, Lower
from django.urls import reverse

from redress.accounts.models import LA_ROLES
from redress.audit.models import AuditEntry
from redress.audit.reads import record_read
from redress.casework.events import decision_ref
from redress.casework.models import AdviceRequest, Child, Deadline
from redress.casework.permissions import organisation_ids
from redress.casework.selectors import children_visible_to, sees_whole_case
from redress.core.access import permitted_get
from redress.core.listing import page_of, sorted_by
from redress.core.registry import lookup
from redress.plans.models import (
    Cessation,
    CessationConsultation,
    Consultation,
    PersonalBudget,
    PhaseTransfer,
    Placement,
    Plan,
    ProvisionItem,
    ReviewCycle,
    ReviewStep,
)
from redress.statutory.calendar import add_days
from redress.statutory.engine import today_in_london
from redress.statutory.school_year import born_in_year_group

# Deadline rules shown with a plan: the plan's issue, its reviews, amendments and phase transfer.
PLAN_RULE_PREFIXES = ("plan.", "review.", "phase_transfer.")
CESSATION_RULES = ("appeal.lodge", "mediation.contact_adviser")

# A phase transfer whose amended plan is not issued is "at risk" from this many days before the
# engine's due date. A dashboard threshold, not a statutory period.
AT_RISK_DAYS = 42


def plan_get(*, user: Any, pk: int, perm: str = "casework.view_child") -> Plan:
    plan = permitted_get(
        Plan.objects.select_related("child", "child__local_authority", "supersedes"),
        pk=pk,
        user=user,
        perm=perm,
        of="child",
        not_found="No such plan",
    )
    record_read(plan.child_id, obj=plan, summary="Viewed the EHC plan")
    return plan


def review_get(*, user: Any, pk: int, perm: str = "casework.view_child") -> ReviewCycle:
    cycle = permitted_get(
        ReviewCycle.objects.select_related("child", "plan"),
        pk=pk,
        user=user,
        perm=perm,
        of="child",
        not_found="No such review",
    )
    record_read(cycle.child_id, obj=cycle, summary="Viewed an annual review")
    return cycle


def cessation_get(*, user: Any, pk: int, perm: str = "casework.view_child") -> Cessation:
    cessation = permitted_get(
        Cessation.objects.select_related("plan", "plan__child"),
        pk=pk,
        user=user,
        perm=perm,
        of="plan.child",
        not_found="No such decision",
    )
    record_read(
        cessation.plan.child_id, obj=cessation, summary="Viewed a decision to cease the plan"
    )
    return cessation


def review_step_get(*, user: Any, pk: int, perm: str = "casework.view_child") -> ReviewStep:
    step = permitted_get(
        ReviewStep.objects.select_related("cycle", "cycle__child", "cycle__plan"),
        pk=pk,
        user=user,
        perm=perm,
        of="cycle.child",
        not_found="No such review step",
    )
    record_read(step.cycle.child_id, obj=step, summary="Viewed a step of an annual review")
    return step


def phase_transfer_get(*, user: Any, pk: int, perm: str = "casework.view_child") -> PhaseTransfer:
    transfer = permitted_get(
        PhaseTransfer.objects.select_related("child"),
        pk=pk,
        user=user,
        perm=perm,
        of="child",
        not_found="No such phase transfer",
    )
    record_read(transfer.child_id, obj=transfer, summary="Viewed a phase transfer")
    return transfer


def documents_produced(*records: Any) -> bool:
    """Whether a letter or document was generated for any of these records (the audit log
    keeps every generation): it has gone to the family, and a correction does not recall it."""
    return any(
        AuditEntry.objects.filter(
            action=AuditEntry.Action.GENERATE,
            object_type=r._meta.label,
            object_id=str(r.pk),
        ).exists()
        for r in records
        if r is not None
    )


def consultation_get(*, user: Any, pk: int, perm: str = "casework.view_child") -> Consultation:
    consultation = permitted_get(
        Consultation.objects.select_related("plan", "plan__child", "institution"),
        pk=pk,
        user=user,
        perm=perm,
        of="plan.child",
        not_found="No such consultation",
    )
    record_read(consultation.plan.child_id, obj=consultation, summary="Viewed a consultation")
    return consultation


def consultation_reminders(plan: Plan) -> dict[str, Deadline]:
    """The engine's reminder for each consultation's reply, by the consultation's ref."""
    rows = plan.child.deadlines.filter(rule="plan.institution_consultation")
    return {row.ref: row for row in rows}


def provision_item_get(*, user: Any, pk: int, perm: str = "casework.change_child") -> ProvisionItem:
    item = permitted_get(
        ProvisionItem.objects.select_related("plan", "plan__child"),
        pk=pk,
        user=user,
        perm=perm,
        of="plan.child",
        not_found="No such provision",
    )
    record_read(item.plan.child_id, obj=item, summary="Viewed the plan's provision")
    return item


def plan_deadlines(plan: Plan) -> list[Deadline]:
    """The child's deadlines about plans, reviews and phase transfers, as the engine computed."""
    rows = plan.child.deadlines.all().order_by("due", "rule")
    return [d for d in rows if d.rule.startswith(PLAN_RULE_PREFIXES)]


def cessation_deadlines(cessation: Cessation) -> list[Deadline]:
    """The family's windows after this decision (the engine keeps them per decision, named by
    the decision's ref): never those of an earlier decision still running, nor of a later one."""
    return _windows_of(cessation.plan.child, decision_ref("cessation", cessation.pk))


def decision_deadlines(decision: ReviewStep) -> list[Deadline]:
    """The family's windows after a review decision they may appeal (to maintain the plan
    unchanged, or to cease it)."""
    if decision.decision == ReviewStep.Decision.AMEND:
        return []
    if decision.decision == ReviewStep.Decision.CEASE:
        cessation = Cessation.objects.filter(review=decision.cycle).first()
        if cessation is None:
            return []
        return cessation_deadlines(cessation)
    return _windows_of(decision.cycle.child, decision_ref("review_step", decision.pk))


def _windows_of(child: Any, ref: str) -> list[Deadline]:
    """The appeal and mediation-adviser rows of one decision, as the engine computed them."""
    return list(child.deadlines.filter(rule__in=CESSATION_RULES, ref=ref).order_by("due", "rule"))


# -- Where a plan stands: the version in force, a review or a decision to cease under way ---------
# These take a record the caller has already fetched for the acting user.


def current_plan(child: Child) -> Plan | None:
    """The issued version in force: the latest issued version (it may have ceased)."""
    return (
        Plan.objects.filter(withdrawn_at__isnull=True)
        .filter(child=child, issued_on__isnull=False)
        .order_by("-version_number")
        .first()
    )


def has_open_plan(child: Child) -> bool:
    """Whether the child's latest version is a draft or a plan still maintained (so a new plan
    cannot be started). Older versions keep the status they were issued with."""
    latest = (
        Plan.objects.filter(withdrawn_at__isnull=True)
        .filter(child=child)
        .exclude(status=Plan.Status.NOT_AMENDED)
        .order_by("-version_number")
        .first()
    )
    return latest is not None and latest.status not in (Plan.Status.CEASED, Plan.Status.LAPSED)


def standing_cessation(plan: Plan) -> Cessation | None:
    """A decision to cease this plan that still stands (not overturned on appeal)."""
    return (
        Cessation.objects.filter(withdrawn_at__isnull=True)
        .filter(plan=plan)
        .exclude(appeal_outcome=Cessation.AppealOutcome.UPHELD)
        .order_by("-decided_on", "-id")
        .first()
    )


def names_institution_too_early(plan: Plan) -> bool:
    """A first plan's draft not yet served: its section I holds only the type (s.38(5))."""
    return not plan.is_amendment and plan.draft_issued_on is None


def review_in_progress(plan: Plan) -> ReviewCycle | None:
    """A review of this plan begun and not yet decided (a withdrawn decision does not count)."""
    decided = ReviewStep.objects.filter(
        withdrawn_at__isnull=True, cycle=OuterRef("pk"), kind=ReviewStep.Kind.DECISION
    )
    return ReviewCycle.objects.filter(plan=plan).exclude(Exists(decided)).first()


def appeal_window_open(cessation: Cessation, on: date) -> Deadline | None:
    """The engine's open appeal window for the family against this decision (appeal.lodge not
    met, due on or after `on`), read from the Deadline table: another decision's window does
    not hold this plan open."""
    return (
        Deadline.objects.filter(
            child=cessation.plan.child,
            rule="appeal.lodge",
            ref=decision_ref("cessation", cessation.pk),
            met_on__isnull=True,
            due__gte=on,
        )
        .order_by("-due")
        .first()
    )


def plan_stage_label(plan: Plan, stage: str) -> str:
    if stage == "draft":
        return "Amendment notice issued" if plan.is_amendment else "Draft plan served"
    if stage == "final":
        return "Amended plan issued" if plan.is_amendment else "Final plan issued"
    return "Decided not to amend the plan"


def final_withdrawal_blockers(plan: Plan) -> list[str]:
    """What rests on a version's final issue and must be withdrawn first (decision 0135): a
    later version, a review or decision to cease, or a mediation or appeal about the issued
    plan, each of which would otherwise point at a plan that was never issued."""
    from django.apps import apps

    # Looked up by name, as decision refs are: the plans app does not depend on those apps.
    mediation_case = apps.get_model("mediation", "MediationCase")
    appeal = apps.get_model("appeals", "Appeal")
    errors: list[str] = []
    if Plan.objects.filter(withdrawn_at__isnull=True, supersedes=plan).exists():
        errors.append("A later version amends this one: withdraw that version first.")
    if ReviewStep.objects.filter(withdrawn_at__isnull=True, cycle__plan=plan).exists():
        errors.append("Steps of a review of this version are recorded: withdraw them first.")
    if Cessation.objects.filter(withdrawn_at__isnull=True, plan=plan).exists():
        errors.append("A decision to cease this version is recorded: withdraw it first.")
    ref = decision_ref("plan", plan.pk)
    if mediation_case.objects.filter(withdrawn_at__isnull=True, decision_ref=ref).exists():
        errors.append(
            "A mediation case about the issued plan is recorded: withdraw the case first."
        )
    if appeal.objects.filter(withdrawn_at__isnull=True, decision_ref=ref).exists():
        errors.append("An appeal against the issued plan is recorded: withdraw it first.")
    return errors


# -- Phase transfer cohort ----------------------------------------------------------------------


@dataclass
class CohortRow:
    transfer: PhaseTransfer
    deadline: Deadline | None
    state: str  # done, done_late, late, at_risk, on_track, not_computed
    plan: Plan | None = None  # the plan in force, to amend for the transfer

    @property
    def label(self) -> str:
        return STATE_LABELS[self.state]


STATE_LABELS = {
    "done": "Done",
    "done_late": "Done late",
    "late": "Late",
    "at_risk": "At risk",
    "on_track": "On track",
    "not_computed": "No deadline yet",
}


#: The states of a cohort's transfer, the first that holds wins (else "on_track"): one table
#: read both by the database (`cohort_state_expression`, for lists and counts) and by Python
#: (`cohort_state`, for one row). Each condition is (value, lookup, operand): the values are the
#: engine row's `clock` (whether there is one), `due` and `met`; an operand that names a value
#: (`due`, `today`, `at_risk_until`) is read from it.
COHORT_STATE_RULES: tuple[tuple[str, tuple[tuple[str, str, Any], ...]], ...] = (
    ("not_computed", (("clock", "isnull", True),)),
    ("done", (("met", "isnull", False), ("met", "lte", "due"))),
    ("done_late", (("met", "isnull", False),)),
    ("late", (("due", "lt", "today"),)),
    ("at_risk", (("due", "lte", "at_risk_until"),)),
)
COHORT_DEFAULT_STATE = "on_track"
_COHORT_FIELDS = {"clock": "cohort_clock", "due": "cohort_due", "met": "cohort_met"}


def _at_risk_until(today: date) -> date:
    return add_days(today, AT_RISK_DAYS)


def cohort_state_expression(today: date) -> Case:
    """`COHORT_STATE_RULES` as a database expression over a transfer annotated with
    `cohort_clock`, `cohort_due` and `cohort_met`."""
    known = {"today": today, "at_risk_until": _at_risk_until(today)}

    def operand(value: Any) -> Any:
        if isinstance(value, str) and value in _COHORT_FIELDS:
            return F(_COHORT_FIELDS[value])
        return known.get(value, value) if isinstance(value, str) else value

    whens = [
        When(
            Q(**{f"{_COHORT_FIELDS[name]}__{lookup}": operand(value)
                 for name, lookup, value in conditions}),
            then=Value(state),
        )
        for state, conditions in COHORT_STATE_RULES
    ]  # fmt: skip
    return Case(*whens, default=Value(COHORT_DEFAULT_STATE), output_field=CharField())


def cohort_state(deadline: Deadline | None, today: date) -> str:
    """Done, late, at risk or on track, from the engine's deadline row alone: the same table
    (`COHORT_STATE_RULES`) the database reads for the cohort's lists and counts."""
    values: dict[str, Any] = {
        "clock": deadline,
        "due": deadline.due if deadline else None,
        "met": deadline.met_on if deadline else None,
        "today": today,
        "at_risk_until": _at_risk_until(today),
    }

    def holds(name: str, lookup: str, value: Any) -> bool:
        left = values[name]
        if lookup == "isnull":
            return (left is None) is value
        right = values.get(value, value) if isinstance(value, str) else value
        if left is None or right is None:
            return False  # SQL: a comparison with NULL is not true
        return bool(left < right) if lookup == "lt" else bool(left <= right)

    for state, conditions in COHORT_STATE_RULES:
        if all(holds(*condition) for condition in conditions):
            return state
    return COHORT_DEFAULT_STATE


@dataclass
class Cohort:
    """A year's cohort: how many transfers are in each state (counted in the database) and one
    page of its rows, filtered and sorted as asked."""

    year: int
    today: date
    rows: list[CohortRow]
    counts: dict[str, int]
    page: Any = None

    def count(self, *states: str) -> int:
        return sum(self.counts.get(state, 0) for state in states)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def done(self) -> int:
        return self.count("done", "done_late")

    @property
    def late(self) -> int:
        return self.count("late", "done_late")

    @property
    def at_risk(self) -> int:
        return self.count("at_risk")


_STATE_ORDER = {
    "late": 0,
    "at_risk": 1,
    "not_computed": 2,
    "on_track": 3,
    "done_late": 4,
    "done": 5,
}

COHORT_SORTS = {
    "state": ("state_order", "child__last_name", "child_id", "pk"),
    "name": ("child__last_name", "child__first_name", "child_id", "pk"),
    "due": (F("cohort_due").asc(nulls_last=True), "child__last_name", "child_id", "pk"),
}


def cohort_transfers(
    *,
    user: Any,
    year: int,
    today: date,
    state: str | None = None,
    kind: str | None = None,
    sort: str = "state",
) -> QuerySet[PhaseTransfer]:
    """The year's active phase transfers on the cases the user may see, each annotated with its
    engine deadline (`cohort_clock`, `cohort_due`, `cohort_met`) and its state, worked out in the
    database from `COHORT_STATE_RULES` (as `cohort_state` reads them for one row); filtered by
    state and kind."""
    clock = Deadline.objects.filter(rule="phase_transfer.amend", child_id=OuterRef("child_id"))
    # A move between post-16 institutions is due 5 months before the move, which can fall in
    # the year before the cohort's year (the year of the move). The latest due date wins.
    this_year = clock.filter(due__year=year).order_by("-due", "-pk").values("pk")[:1]
    year_before = clock.filter(due__year=year - 1).order_by("-due", "-pk").values("pk")[:1]
    chosen = Deadline.objects.filter(pk=OuterRef("cohort_clock"))
    transfers = (
        PhaseTransfer.objects.filter(
            child__in=children_visible_to(user), year=year, status=PhaseTransfer.Status.ACTIVE
        )
        .annotate(
            cohort_clock=Coalesce(
                Subquery(this_year),
                Case(
                    When(kind=PhaseTransfer.Kind.POST16_MOVE, then=Subquery(year_before)),
                    default=None,
                ),
            )
        )
        .annotate(
            cohort_due=Subquery(chosen.values("due")[:1]),
            cohort_met=Subquery(chosen.values("met_on")[:1]),
        )
        .annotate(cohort_state=cohort_state_expression(today))
        .annotate(
            state_order=Case(
                *[When(cohort_state=key, then=Value(n)) for key, n in _STATE_ORDER.items()],
                output_field=IntegerField(),
            )
        )
    )
    if state == "done":
        transfers = transfers.filter(cohort_state__in=("done", "done_late"))
    elif state:
        transfers = transfers.filter(cohort_state=state)
    if kind:
        transfers = transfers.filter(kind=kind)
    ordered, _ = sorted_by(transfers, sort, COHORT_SORTS, default="state")
    return ordered.select_related(  # type: ignore[no-any-return]
        "child", "child__caseworker", "child__setting"
    )


def cohort_rows(transfers: Any) -> list[CohortRow]:
    """A page of the cohort's transfers as rows, with their deadlines and the plan in force
    (one query for each, for the page)."""
    transfers = list(transfers)
    deadlines = Deadline.objects.in_bulk([t.cohort_clock for t in transfers if t.cohort_clock])
    in_force = {
        p.child_id: p
        for p in Plan.objects.filter(
            child_id__in=[t.child_id for t in transfers],
            issued_on__isnull=False,
            withdrawn_at__isnull=True,
        ).order_by("child_id", "version_number")
    }  # the latest issued version of each child wins
    return [
        CohortRow(t, deadlines.get(t.cohort_clock), t.cohort_state, in_force.get(t.child_id))
        for t in transfers
    ]


def phase_transfer_cohort(
    *,
    user: Any,
    year: int,
    today: date | None = None,
    state: str | None = None,
    kind: str | None = None,
    sort: str = "state",
    page_number: Any = None,
) -> Cohort:
    """The year's phase transfers on the cases the user may see: the count in each state and
    one page (50) of rows, each with its engine deadline."""
    today = today or today_in_london()
    everyone = cohort_transfers(user=user, year=year, today=today)
    counts = {
        row["cohort_state"]: row["n"]
        for row in everyone.order_by().values("cohort_state").annotate(n=Count("pk"))  # type: ignore[misc]
    }
    page = page_of(
        cohort_transfers(user=user, year=year, today=today, state=state, kind=kind, sort=sort),
        page_number,
    )
    return Cohort(
        year=year, today=today, rows=cohort_rows(page.object_list), counts=counts, page=page
    )


# -- Phase transfer suggestions -------------------------------------------------------------------

#: Words that mark a school teaching every age (an all-through or all-age school, often a
#: special school): a child moves within it, which is no transfer between phases.
THROUGH_SCHOOL = ("all-through", "all through", "all-age", "all age", "through school")


@dataclass(frozen=True)
class TransferRule:
    """A phase transfer a year group makes, in the school year before it, at the schools whose
    description holds one of `only_at` (any school when empty) and none of `not_at` (reg 2(1)
    "transfer between phases of education"; reg 18)."""

    nc_year: int
    kind: str
    only_at: tuple[str, ...] = ()
    not_at: tuple[str, ...] = THROUGH_SCHOOL


#: Early years into reception; infant to junior (at an infant school only: a primary school has
#: no transfer then); first to middle school (a first school teaches reception to year 4);
#: primary to secondary, or middle (to year 8) to upper or secondary; secondary to post-16.
#: An all-through or all-age school has no transfer within it; a move to a post-16
#: institution from one is still a transfer. One table, read by the database for the list
#: (`phase_transfer_suggestions`) and by Python for one child (`transfer_kind`).
TRANSFER_RULES: tuple[TransferRule, ...] = (
    TransferRule(-1, PhaseTransfer.Kind.INTO_SCHOOL),
    TransferRule(2, PhaseTransfer.Kind.INFANT_JUNIOR, only_at=("infant",)),
    TransferRule(4, PhaseTransfer.Kind.FIRST_MIDDLE, only_at=("first school",)),
    TransferRule(
        6, PhaseTransfer.Kind.PRIMARY_SECONDARY, not_at=(*THROUGH_SCHOOL, "middle", "first school")
    ),
    TransferRule(8, PhaseTransfer.Kind.PRIMARY_SECONDARY, only_at=("middle",)),
    TransferRule(11, PhaseTransfer.Kind.POST16, not_at=()),
)

SUGGESTION_SORTS: dict[str, tuple[str, ...]] = {
    "name": ("last_name", "first_name", "pk"),
    "born": ("date_of_birth", "last_name", "pk"),
}


@dataclass
class Suggestion:
    child: Any
    kind: str
    nc_year: int

    @property
    def kind_label(self) -> str:
        return str(PhaseTransfer.Kind(self.kind).label)

    @property
    def value(self) -> str:
        """The checkbox's value: the child and the case version the page shows."""
        return f"{self.child.pk}:{self.child.version}"


def _words_q(words: tuple[str, ...]) -> Q:
    """Any of the words in `school`, as one pattern: the school's words are a subquery, so each
    mention of them costs a lookup for every child considered."""
    return Q(school__regex="|".join(re.escape(word) for word in words))


def _rule_q(rule: TransferRule) -> Q:
    """`rule` as a condition on a child annotated with `nc_year` and `school` (lower case)."""
    found = Q(nc_year=rule.nc_year)
    if rule.only_at:
        found &= _words_q(rule.only_at)
    if rule.not_at:
        found &= ~_words_q(rule.not_at)
    return found


def phase_transfer_suggestions(
    *, user: Any, year: int, children: Any, filters: dict[str, Any] | None = None
) -> QuerySet[Any]:
    """Children with a maintained plan whose year group says they move phase in September of
    `year`, not yet in (or taken out of) that year's cohort, each with `suggested_kind` and
    `nc_year`, worked out in the database from `TRANSFER_RULES`; filtered (`kind`, `q`) and
    sorted (`SUGGESTION_SORTS`). `children` is the queryset of children the user may add
    (their own authority's)."""
    from redress.casework.selectors_caseload import search_q

    filters = filters or {}
    school_year = date(year, 1, 1)  # a day in the school year before the transfer
    in_cohort = PhaseTransfer.objects.filter(year=year).values("child_id")
    # The latest issued version of the plan, not withdrawn as recorded in error.
    plan = Plan.objects.filter(
        child=OuterRef("pk"), issued_on__isnull=False, withdrawn_at__isnull=True
    ).order_by("-version_number", "-pk")
    # Section I of that plan in one string: its type, then the school named (a school on the
    # register, or a name typed).
    placement_words = (
        Placement.objects.filter(plan_id=OuterRef("suggested_plan"))
        .annotate(
            words=Concat(
                Coalesce("institution_type", Value("")),
                Value(" "),
                Coalesce("institution__name", "institution_name", Value("")),
                output_field=CharField(),
            )
        )
        .values("words")[:1]
    )
    years = sorted({rule.nc_year for rule in TRANSFER_RULES})
    # Only children at the person's own authorities, as a condition on the child's authority: no
    # visibility join, no DISTINCT.
    candidates = (
        children.filter(local_authority_id__in=organisation_ids(user, LA_ROLES))
        .exclude(pk__in=in_cohort)
        .annotate(
            suggested_plan=Subquery(plan.values("pk")[:1]),
            plan_status=Subquery(plan.values("status")[:1]),
            plan_year=Subquery(plan.values("nc_year_override")[:1]),
        )
        .filter(suggested_plan__isnull=False)
        .exclude(plan_status=Plan.Status.CEASED)
        .annotate(
            # The plan's recorded year group (taught out of their age group), else by age.
            nc_year=Case(
                When(plan_year__isnull=False, then=F("plan_year")),
                *[
                    When(date_of_birth__range=born_in_year_group(n, school_year), then=Value(n))
                    for n in years
                ],
                default=None,
                output_field=IntegerField(),
            ),
        )
        # Only the year groups that move: the school's words are read for these alone.
        .filter(nc_year__in=years)
        .annotate(
            # What the records say the school is (as `setting_words`), in lower case.
            school=Lower(
                Concat(
                    Coalesce("setting__name", Value("")),
                    Value(" "),
                    Coalesce(Subquery(placement_words), Value(" ")),
                    output_field=CharField(),
                )
            ),
        )
        .annotate(
            suggested_kind=Case(
                *[When(_rule_q(rule), then=Value(str(rule.kind))) for rule in TRANSFER_RULES],
                default=None,
                output_field=CharField(),
            )
        )
        .filter(suggested_kind__isnull=False)
    )
    if filters.get("kind"):
        candidates = candidates.filter(suggested_kind=filters["kind"])
    query = str(filters.get("q") or "").strip()
    if query:
        candidates = candidates.annotate(full=Concat("first_name", Value(" "), "last_name")).filter(
            search_q(query)
        )
    ordered, _ = sorted_by(candidates, filters.get("sort"), SUGGESTION_SORTS, default="name")
    return ordered  # type: ignore[no-any-return]


def suggestion_rows(children: Any) -> list[Suggestion]:
    """A page of suggested children as rows for the form."""
    return [Suggestion(child, child.suggested_kind, child.nc_year) for child in children]


def setting_words(child: Any, placement: Placement | None) -> str:
    """What the records say the child's school is: the setting's name and the plan's section I
    (its type and the school named), in lower case."""
    parts = [child.setting.name if child.setting_id else ""]
    if placement is not None:
        parts += [placement.institution_type, placement.name]
    return " ".join(parts).lower()


def transfer_kind(nc_year: int, setting: str) -> str | None:
    """The phase transfer the year group and the school make (`TRANSFER_RULES`), if any."""
    for rule in TRANSFER_RULES:
        if (
            rule.nc_year == nc_year
            and (not rule.only_at or any(word in setting for word in rule.only_at))
            and not any(word in setting for word in rule.not_at)
        ):
            return str(rule.kind)
    return None


@dataclass(frozen=True)
class AdviceDocumentLink:
    title: str
    url: str


@dataclass(frozen=True)
class AdviceReceived:
    """One piece of advice section K rests on, with the case documents that hold it."""

    advice_type: str
    source: str
    received: date
    documents: tuple[AdviceDocumentLink, ...]


def section_k_advice(*, user: Any, plan: Plan) -> list[AdviceReceived]:
    """The advice received for the child, oldest first: its type, from whom and when, and a link
    to each standing case document kept as that advice which this reader may see (decision
    0147). An officer asked for advice sees only their own organisation's (decision 0072)."""
    child = plan.child
    received = list(
        AdviceRequest.objects.standing()
        .filter(child=child, date_received__isnull=False)
        .select_related("recipient_organisation", "recipient_person")
        .order_by("date_received", "pk")
    )
    if not sees_whole_case(user, child):
        received = [a for a in received if user.has_perm("casework.view_advicerequest", a)]
    if user.has_perm("casefile.view_documents", child):
        route = "casework:document-download"
    elif user.has_perm("casefile.view_shared_documents", child):
        route = "family:shared-document-download"
    else:
        route = ""
    documents: dict[int, list[AdviceDocumentLink]] = {}
    if route and received:
        for document in lookup("advice_documents")(advice_requests=received):
            if user.has_perm("casefile.view_document", document):
                documents.setdefault(document.advice_request_id or 0, []).append(
                    AdviceDocumentLink(
                        title=document.title, url=reverse(route, args=[child.pk, document.pk])
                    )
                )
    return [
        AdviceReceived(
            advice_type=a.get_advice_type_display(),
            source=(
                f"{a.recipient_person.display_name}, {a.recipient_organisation.name}"
                if a.recipient_person
                else a.recipient_organisation.name
            ),
            received=a.date_received,  # type: ignore[arg-type]
            documents=tuple(documents.get(a.pk, ())),
        )
        for a in received
    ]


VIEW_BUDGET = "plans.view_personal_budget"
CHANGE_BUDGET = "plans.change_personal_budget"


def plan_budget_get(*, user: Any, pk: int, perm: str = VIEW_BUDGET) -> Plan:
    """A plan for its personal budget page: the authority, and the family (or their supporter)
    once the plan has been shared with them (decision 0151)."""
    plan = permitted_get(
        Plan.objects.select_related("child", "child__local_authority"),
        pk=pk,
        user=user,
        perm=perm,
        not_found="No such plan",
    )
    record_read(plan.child_id, obj=plan, summary="Viewed the plan's personal budget")
    return plan


def personal_budget_get(*, user: Any, pk: int, perm: str = CHANGE_BUDGET) -> PersonalBudget:
    budget = permitted_get(
        PersonalBudget.objects.select_related("plan", "plan__child"),
        pk=pk,
        user=user,
        perm=perm,
        of="plan",
        not_found="No such personal budget",
    )
    record_read(budget.plan.child_id, obj=budget, summary="Viewed a personal budget")
    return budget


def personal_budgets(plan: Plan) -> list[PersonalBudget]:
    """The plan's personal budget records, newest first, withdrawn ones included (marked)."""
    return list(plan.personal_budgets.order_by("-requested_on", "-id"))


def section_j_budget(plan: Plan) -> PersonalBudget | None:
    """The personal budget Section J shows: the latest standing decided one (or the pending
    request when none is decided)."""
    standing = plan.personal_budgets.filter(withdrawn_at__isnull=True)
    return (
        standing.exclude(decision="").order_by("-decided_on", "-id").first()
        or standing.order_by("-requested_on", "-id").first()
    )


def cessation_consultation_get(
    *, user: Any, pk: int, perm: str = "casework.change_child"
) -> CessationConsultation:
    consultation = permitted_get(
        CessationConsultation.objects.select_related("plan", "plan__child"),
        pk=pk,
        user=user,
        perm=perm,
        of="plan.child",
        not_found="No such consultation",
    )
    record_read(
        consultation.plan.child_id, obj=consultation,
        summary="Viewed a consultation on ceasing the plan",
    )  # fmt: skip
    return consultation
