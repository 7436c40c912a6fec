"""The authority's own performance: the rates an authority is judged on, each with its counts.

Every "in time" answer is the statutory engine's, read from the materialised `Deadline` rows
(`status` met, late or excepted once the step is done); nothing here counts days. The database
groups the rows by the year and month of the day the step was done and by status, so a caseload
is never loaded: Python only folds the few month buckets into the periods of `periods.py`
(docs/decisions/0120-performance-periods.md, 0121-performance-measures.md).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.paginator import Page
from django.db.models import Count, Exists, F, OuterRef, QuerySet, Subquery

from redress.accounts.models import Organisation, Role
from redress.appeals.models import Appeal
from redress.casework.models import AdviceRequest, Child, Deadline
from redress.casework.permissions import organisation_ids
from redress.core.listing import page_of
from redress.mediation.models import MediationCase
from redress.plans.models import Cessation, Plan
from redress.reports.periods import BY_KEYS, Period, period_of
from redress.reports.permissions import PERFORMANCE_PERMISSION
from redress.statutory.rules import rule_row

PERIODS_PER_PAGE = 12

# The engine's rule ids (fixed in the deadline engine's contract).
ASSESSMENT_DECISION = "assessment.decision"
FINAL_PLAN = "plan.final"
ANNUAL_REVIEW = "review.annual"
ADVICE = "advice.response"

IN_TIME = "met"
DONE = ("met", "late", "excepted")


@dataclass(frozen=True)
class Rate:
    """How many of how many were in time; with no cases it says so rather than 0%."""

    in_time: int
    out_of: int

    @property
    def percent(self) -> int | None:
        if not self.out_of:
            return None
        return int((Decimal(self.in_time) * 100 / self.out_of).quantize(1, ROUND_HALF_UP))

    @property
    def figure(self) -> str:
        return "" if self.percent is None else str(self.percent)

    def __str__(self) -> str:
        if not self.out_of:
            return "no cases"
        return f"{self.in_time:,} of {self.out_of:,} ({self.percent}%)"


@dataclass(frozen=True)
class PerThousandPlans:
    """How many (mediation cases, appeals) for how many plans maintained, per 1,000 plans."""

    count: int
    plans: int

    @property
    def per_thousand(self) -> Decimal | None:
        if not self.plans:
            return None
        return (Decimal(self.count) * 1000 / self.plans).quantize(Decimal("0.1"), ROUND_HALF_UP)

    @property
    def figure(self) -> str:
        return "" if self.per_thousand is None else str(self.per_thousand)

    @property
    def in_time(self) -> int:  # the CSV's count column
        return self.count

    @property
    def out_of(self) -> int:
        return self.plans

    def __str__(self) -> str:
        if not self.plans:
            return f"{self.count:,}, no plans maintained"
        return f"{self.count:,} for {self.plans:,} plans ({self.per_thousand} per 1,000)"


Cell = Rate | PerThousandPlans


@dataclass
class MeasureTable:
    key: str
    title: str
    counted: str  # how the measure is counted, in a sentence
    citation: str
    columns: list[str]
    rows: list[tuple[Period, list[Cell]]] = field(default_factory=list)


@dataclass
class PerformanceReport:
    authority: Organisation
    by: str
    periods: list[Period]  # every period with a case, newest first
    page: Page[Period] | None
    measures: list[MeasureTable]


# -- Whose report --------------------------------------------------------------------------------


def authorities_for(user: Any) -> QuerySet[Organisation]:
    """The local authorities whose performance the user may see: those they manage."""
    return Organisation.objects.filter(
        pk__in=organisation_ids(user, (Role.LA_MANAGER,)),
        kind=Organisation.Kind.LOCAL_AUTHORITY,
    ).order_by("name")


# -- Counting in the database --------------------------------------------------------------------


def _by_day(queryset: QuerySet[Any], date_field: str, *keys: str) -> list[dict[str, Any]]:
    """Counts grouped by the day of `date_field` (and `keys`), in the database: at most one row
    a day for each key, whatever the size of the caseload. The day places a count in its month,
    year or school term (whose spring term ends on Easter Sunday, mid-month)."""
    # Counting the day (never null here), not the id: the done rows' index carries every
    # column the count reads, so PostgreSQL counts from the index alone.
    return list(
        queryset.annotate(day=F(date_field))
        .values("day", *keys)
        .annotate(n=Count(date_field))
        .order_by()
    )


def _done_rows(authority: Organisation, rule: str) -> QuerySet[Deadline]:
    """The authority's rows of `rule` done (in time, late or excepted), read by the row's own
    copy of the child's authority from the index of done rows (decision 0207)."""
    return Deadline.objects.filter(
        local_authority=authority,
        rule=rule,
        kind="by",
        status__in=DONE,
        met_on__isnull=False,
    )


def _fold(
    buckets: Iterable[dict[str, Any]], by: str, *keys: str
) -> dict[Period, Counter[tuple[Any, ...]]]:
    folded: dict[Period, Counter[tuple[Any, ...]]] = defaultdict(Counter)
    for bucket in buckets:
        folded[period_of(bucket["day"], by)][tuple(bucket[k] for k in keys)] += bucket["n"]
    return folded


def plans_maintained(*, authority: Organisation, periods: Iterable[Period]) -> dict[Period, int]:
    """Children with an EHC plan on each period's last day: a plan issued on or before it and no
    cessation taking effect on or before it, neither withdrawn as recorded in error. One query
    however many periods (the CSV asks for every period since the first case)."""
    periods = list(periods)
    if not periods:
        return {}

    def maintained_on(day: date) -> Count:
        issued = Plan.objects.filter(
            child=OuterRef("pk"), issued_on__lte=day, withdrawn_at__isnull=True
        )
        ceased = Cessation.objects.filter(
            plan__child=OuterRef("pk"), ceased_on__lte=day, withdrawn_at__isnull=True
        )
        return Count("pk", filter=Exists(issued) & ~Exists(ceased))

    counts = Child.objects.filter(local_authority=authority).aggregate(
        **{f"p{i}": maintained_on(period.last_day) for i, period in enumerate(periods)}
    )
    return {period: counts[f"p{i}"] for i, period in enumerate(periods)}


# -- The measures --------------------------------------------------------------------------------


def performance_report(
    *, user: Any, authority: Organisation, by: str = "month", page_number: Any = None,
    all_periods: bool = False,
) -> PerformanceReport:  # fmt: skip
    """The authority's rates by `by` (month, term, academic or calendar year), newest period
    first; one page of periods unless `all_periods` (the CSV)."""
    if not user.has_perm(PERFORMANCE_PERMISSION, authority):
        raise PermissionDenied
    by = by if by in BY_KEYS else "month"

    decisions = _fold(_by_day(_done_rows(authority, ASSESSMENT_DECISION), "met_on", "status"),
                      by, "status")  # fmt: skip
    plans = _fold(_by_day(_done_rows(authority, FINAL_PLAN), "met_on", "status"), by, "status")
    reviews = _fold(_by_day(_done_rows(authority, ANNUAL_REVIEW), "met_on", "status"),
                    by, "status")  # fmt: skip
    body = AdviceRequest.objects.filter(child=OuterRef("child"), ref=OuterRef("ref")).values(
        "advice_type"
    )[:1]
    advice = _fold(
        _by_day(
            _done_rows(authority, ADVICE).annotate(body=Subquery(body)), "met_on", "body", "status"
        ),
        by,
        "body",
        "status",
    )
    mediations = _fold(
        _by_day(
            MediationCase.objects.filter(
                child__local_authority=authority,
                adviser_contacted_on__isnull=False,
                withdrawn_at__isnull=True,
            ),
            "adviser_contacted_on",
        ),
        by,
    )
    appeals = _fold(
        _by_day(
            Appeal.objects.filter(child__local_authority=authority, withdrawn_at__isnull=True),
            "lodged_on",
        ),
        by,
    )

    periods = sorted(
        set(decisions) | set(plans) | set(reviews) | set(advice) | set(mediations) | set(appeals),
        reverse=True,
    )
    page: Page[Period] | None = None
    shown = periods
    if not all_periods:
        page = page_of(periods, page_number, per_page=PERIODS_PER_PAGE)
        shown = list(page.object_list)
    maintained = plans_maintained(authority=authority, periods=shown)

    def done(counts: Counter[tuple[Any, ...]]) -> int:
        return sum(counts[(status,)] for status in DONE)

    def strict(folded: dict[Period, Counter[tuple[Any, ...]]], period: Period) -> Rate:
        counts = folded.get(period, Counter())
        return Rate(counts[(IN_TIME,)], done(counts))

    bodies = [(value, str(label)) for value, label in AdviceRequest.AdviceType.choices]

    def advice_rate(period: Period, value: str) -> Rate:
        counts = advice.get(period, Counter())
        return Rate(counts[(value, IN_TIME)], sum(counts[(value, s)] for s in DONE))

    def plan_rates(period: Period) -> list[Cell]:
        counts = plans.get(period, Counter())
        return [
            Rate(counts[(IN_TIME,)], done(counts)),
            Rate(counts[(IN_TIME,)], counts[("met",)] + counts[("late",)]),
        ]

    measures = [
        MeasureTable(
            "assessment_decisions",
            "Requests for an EHC needs assessment decided within "
            f"{rule_row(ASSESSMENT_DECISION).period}",
            "Each decision counts in the period it was made. A decision made late counts as late "
            "even when an exception was recorded.",
            rule_row(ASSESSMENT_DECISION).citation,
            ["Decided in time"],
            [(p, [strict(decisions, p)]) for p in shown],
        ),
        MeasureTable(
            "final_plans",
            f"EHC plans issued within {rule_row(FINAL_PLAN).period}",
            "Each final plan counts in the period it was issued. Including exceptions: every plan "
            "issued, a late plan with an exception counting as late. Excluding exceptions (the "
            "national headline measure): plans issued late under a recorded exception are left "
            "out.",
            rule_row(FINAL_PLAN).citation,
            ["Including exceptions", "Excluding exceptions"],
            [(p, plan_rates(p)) for p in shown],
        ),
        MeasureTable(
            "annual_reviews",
            f"Annual reviews completed within {rule_row(ANNUAL_REVIEW).amount} months",
            "Each review counts in the period its decision was made.",
            rule_row(ANNUAL_REVIEW).citation,
            ["Reviewed in time"],
            [(p, [strict(reviews, p)]) for p in shown],
        ),
        MeasureTable(
            "advice",
            f"Advice for assessments received within {rule_row(ADVICE).period}, by body",
            "Each piece of advice counts in the period it was received, under the kind of advice "
            "asked for (psychological advice is the educational psychologist's).",
            rule_row(ADVICE).citation,
            [label for _, label in bodies],
            [(p, [advice_rate(p, value) for value, _ in bodies]) for p in shown],
        ),
        MeasureTable(
            "per_thousand_plans",
            "Mediation and appeals per 1,000 EHC plans",
            "Mediation cases count in the period the family contacted the mediation adviser, "
            "appeals in the period they were lodged; plans are those maintained on the period's "
            "last day.",
            "",
            ["Mediation cases", "Appeals to the Tribunal"],
            [
                (
                    p,
                    [
                        PerThousandPlans(sum(mediations.get(p, Counter()).values()), maintained[p]),
                        PerThousandPlans(sum(appeals.get(p, Counter()).values()), maintained[p]),
                    ],
                )
                for p in shown
            ],
        ),
    ]
    return PerformanceReport(authority, by, periods, page, measures)


CSV_HEADER = ("Period", "Measure", "Part", "Count", "Out of", "Percent or per 1,000", "As shown")


def performance_csv_rows(*, user: Any, authority: Organisation, by: str) -> list[list[str]]:
    """Every period's rates as CSV rows (no child is named)."""
    report = performance_report(user=user, authority=authority, by=by, all_periods=True)
    rows = []
    for measure in report.measures:
        for period, cells in measure.rows:
            for column, cell in zip(measure.columns, cells, strict=True):
                rows.append(
                    [
                        period.label,
                        measure.title,
                        column,
                        str(cell.in_time),
                        str(cell.out_of),
                        cell.figure,
                        str(cell),
                    ]  # fmt: skip
                )
    return rows
