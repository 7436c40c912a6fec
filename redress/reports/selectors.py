"""Reads for reports. Every selector takes the acting user; an authority's figures are for its
own staff only (mirroring `permissions.py`).

The figures group appeals by the academic year (September to August) or the calendar quarter
of a recorded date. That is grouping by the calendar, not a statutory period: whether a response
was on time is the engine's answer, read from the `Deadline` rows of `recommendation.response`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import (
    Case,
    Count,
    IntegerField,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import ExtractQuarter, ExtractYear

from redress.accounts.models import LA_ROLES, Organisation
from redress.appeals.models import Appeal, Body, Recommendation
from redress.appeals.selectors_lists import response_deadline
from redress.casework.permissions import organisation_ids
from redress.core.access import permitted_get
from redress.core.status_words import STATUS_WORDS
from redress.reports.models import PublishedStatistic, StatisticsBatch
from redress.reports.permissions import VIEW_PERMISSION
from redress.reports.statistics_format import (
    ACADEMIC_YEAR,
    COMPARABLE_MEASURES,
    QUARTER,
    Measure,
    period_sort_key,
)
from redress.statutory.engine import today_in_london
from redress.statutory.school_year import SCHOOL_YEAR, school_year_start

BY_CHOICES = ("year", "quarter")
DECIDED = ("upheld", "partly_upheld", "dismissed")
FOR_APPELLANT = ("upheld", "partly_upheld")
PLAN_CONTENTS = ("plan_contents", "amended_plan")
RESPONSE_STATUSES = (
    ("met", STATUS_WORDS["met"]),
    ("late", STATUS_WORDS["late"]),
    ("overdue", "Overdue, no response yet"),
    ("pending", "Not yet due"),
    ("excepted", STATUS_WORDS["excepted"]),
)


def academic_year_name(start: int) -> str:
    """'2025/26' for the school year that starts in 2025."""
    return f"{start}/{(start + 1) % 100:02d}"


def quarter_name(year: int, quarter: int) -> str:
    """'2026-Q1', as the tribunal statistics number quarters."""
    return f"{year}-Q{quarter}"


def academic_year(day: date) -> str:
    """'2025/26' for any day from 1 September 2025 to 31 August 2026."""
    return academic_year_name(school_year_start(day).year)


def calendar_quarter(day: date) -> str:
    """'2026-Q1' for January to March 2026."""
    return quarter_name(day.year, (day.month - 1) // 3 + 1)


def period_of(day: date, by: str) -> str:
    return calendar_quarter(day) if by == "quarter" else academic_year(day)


def _is_period_of_kind(period: str, by: str) -> bool:
    return bool((QUARTER if by == "quarter" else ACADEMIC_YEAR).match(period))


# -- Whose figures -----------------------------------------------------------------------------


def authorities_for(user: Any) -> QuerySet[Organisation]:
    """The local authorities whose figures the user may see (their own)."""
    return Organisation.objects.filter(
        pk__in=organisation_ids(user, LA_ROLES), kind=Organisation.Kind.LOCAL_AUTHORITY
    ).order_by("name")


def authority_get(*, user: Any, pk: int | None) -> Organisation:
    """The authority asked for, or the user's first; 404 if none, refusal if not theirs."""
    if pk is None:
        first = authorities_for(user).first()
        if first is None:
            raise PermissionDenied("Reports are for local authority staff.")
        return first
    return permitted_get(
        Organisation.objects.all(),
        pk=pk,
        kind=Organisation.Kind.LOCAL_AUTHORITY,
        user=user,
        perm=VIEW_PERMISSION,
        not_found="No such local authority",
    )


# -- The authority's own figures ---------------------------------------------------------------


@dataclass
class Table:
    caption: str
    periods: list[str]
    rows: list[tuple[str, list[int]]]

    @property
    def totals(self) -> list[int]:
        return [sum(values[i] for _, values in self.rows) for i in range(len(self.periods))]


@dataclass
class ResponseRow:
    body: str
    organisation: str
    counts: dict[str, int]
    total: int


@dataclass
class AuthorityFigures:
    authority: Organisation
    by: str
    periods: list[str] = field(default_factory=list)
    by_decision: Table | None = None
    by_section: Table | None = None
    by_outcome: Table | None = None
    responses: list[ResponseRow] = field(default_factory=list)
    not_calculated: int = 0  # recommendations with no deadline row yet
    measures: dict[str, dict[str, Decimal | None]] = field(default_factory=dict)


def _table(
    caption: str,
    groups: Iterable[dict[str, Any]],
    periods: list[str],
    labels: list[tuple[str, str]],
    keys_of: Callable[[dict[str, Any]], Iterable[str]],
) -> Table:
    """A table of counts by label and period, from rows the database has already counted (each
    with its `period` and `n`)."""
    counts: Counter[tuple[str, str]] = Counter()
    for group in groups:
        for key in keys_of(group):
            counts[(key, group["period"])] += group["n"]
    return Table(
        caption=caption,
        periods=periods,
        rows=[(label, [counts[(key, p)] for p in periods]) for key, label in labels],
    )


def _percent(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def _measures(
    lodged: list[dict[str, Any]], concluded: list[dict[str, Any]]
) -> dict[str, dict[str, Decimal | None]]:
    registered: Counter[str] = Counter()
    refusal: Counter[str] = Counter()
    contents: Counter[str] = Counter()
    decided: Counter[str] = Counter()
    for_appellant: Counter[str] = Counter()
    for group in lodged:
        period, n = group["period"], group["n"]
        registered[period] += n
        refusal[period] += n if group["decision"] == "not_assess" else 0
        contents[period] += n if group["decision"] in PLAN_CONTENTS else 0
    for group in concluded:
        if group["outcome"] in DECIDED:
            period, n = group["period"], group["n"]
            decided[period] += n
            for_appellant[period] += n if group["outcome"] in FOR_APPELLANT else 0
    result: dict[str, dict[str, Decimal | None]] = {}
    for period in set(registered) | set(decided):
        result[period] = {
            "appeals_registered": Decimal(registered[period]),
            "appeals_decided": Decimal(decided[period]),
            "pc_found_for_appellant": _percent(for_appellant[period], decided[period]),
            "pc_refusal_to_assess": _percent(refusal[period], registered[period]),
            "pc_plan_contents": _percent(contents[period], registered[period]),
        }
    return result


SECTION_FLAGS = (
    ("B", "challenges_section_b"),
    ("F", "challenges_section_f"),
    ("I", "challenges_section_i"),
)
ASKED_FLAGS = (
    ("C", "recommendations_section_c"),
    ("D", "recommendations_section_d"),
    ("G", "recommendations_section_g"),
    ("H1", "recommendations_section_h1"),
    ("H2", "recommendations_section_h2"),
)


def _period_parts(field: str, by: str) -> dict[str, Any]:
    """The year and quarter of a date column, for grouping in the database: the calendar
    quarter, or the academic year (a day before September belongs to the year before)."""
    if by == "quarter":
        return {"period_year": ExtractYear(field), "period_quarter": ExtractQuarter(field)}
    month, day = SCHOOL_YEAR.starts
    before_the_start = Q(**{f"{field}__month__lt": month}) | Q(
        **{f"{field}__month": month, f"{field}__day__lt": day}
    )
    before_september = Case(
        When(before_the_start, then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )
    return {
        "period_year": ExtractYear(field) - before_september,
        "period_quarter": Value(0, output_field=IntegerField()),
    }


def _period_name(year: int, quarter: int, by: str) -> str:
    return quarter_name(year, quarter) if by == "quarter" else academic_year_name(year)


def _counted(queryset: QuerySet[Any], field: str, by: str, *columns: str) -> list[dict[str, Any]]:
    """The rows counted by the period of `field` and the given columns: as many rows as there
    are periods and combinations, however many appeals there are."""
    rows = (
        queryset.annotate(**_period_parts(field, by))
        .values("period_year", "period_quarter", *columns)
        .annotate(n=Count("pk"))
        .order_by()
    )
    return [
        {**row, "period": _period_name(row["period_year"], row["period_quarter"], by)}
        for row in rows
    ]


def _response_status(today: date) -> Subquery:
    """The engine's current status of the recommendation's response deadline (none before the
    engine has computed it)."""
    row = response_deadline().with_current_status(today)
    # `current_status` is an annotation (DeadlineQuerySet.with_current_status).
    return Subquery(row.values("current_status")[:1])  # type: ignore[misc]


def authority_figures(*, user: Any, authority: Organisation, by: str = "year") -> AuthorityFigures:
    """The authority's appeals by decision, section and outcome over time, and the health and
    social care bodies' responses to recommendations, on time and late. Every count is made in
    the database, so the page reads no more for a large authority than for a small one."""
    if not user.has_perm(VIEW_PERMISSION, authority):
        raise PermissionDenied
    by = by if by in BY_CHOICES else "year"
    appeals = Appeal.objects.filter(child__local_authority=authority)
    flags = [column for _, column in SECTION_FLAGS + ASKED_FLAGS]
    lodged = _counted(appeals, "lodged_on", by, "decision", *flags)
    concluded = _counted(
        appeals.exclude(outcome="").filter(outcome_on__isnull=False), "outcome_on", by, "outcome"
    )
    periods = sorted(
        {g["period"] for g in lodged} | {g["period"] for g in concluded}, key=period_sort_key
    )
    figures = AuthorityFigures(authority=authority, by=by, periods=periods)
    figures.by_decision = _table(
        "Appeals registered, by the decision appealed",
        lodged,
        periods,
        [(str(value), str(label)) for value, label in Appeal.Decision.choices],
        lambda g: [g["decision"]],
    )
    sections = [("B", "Section B: special educational needs"),
                ("F", "Section F: special educational provision"),
                ("I", "Section I: the school or institution named")]  # fmt: skip
    asked = [(s, f"Recommendations asked on section {s}") for s, _ in ASKED_FLAGS]
    figures.by_section = _table(
        "Appeals registered, by the sections challenged and the recommendations asked for",
        lodged,
        periods,
        sections + asked,
        lambda g: [name for name, column in SECTION_FLAGS + ASKED_FLAGS if g[column]],
    )
    figures.by_outcome = _table(
        "Appeals concluded, by outcome (dated by the outcome)",
        concluded,
        periods,
        [(str(value), str(label)) for value, label in Appeal.Outcome.choices],
        lambda g: [g["outcome"]],
    )
    figures.measures = _measures(lodged, concluded)
    responses = (
        Recommendation.objects.filter(appeal__child__local_authority=authority)
        .annotate(response_status=_response_status(today_in_london()))
        .values("body", "organisation__name", "response_status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    body_label = dict(Body.choices)
    grouped: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for row in responses:
        if row["response_status"] is None:
            figures.not_calculated += row["n"]
            continue
        key = (str(body_label[row["body"]]), row["organisation__name"])
        grouped[key][row["response_status"]] += row["n"]
    figures.responses = [
        ResponseRow(
            body=body,
            organisation=organisation,
            counts={key: counts[key] for key, _ in RESPONSE_STATUSES},
            total=sum(counts.values()),
        )
        for (body, organisation), counts in sorted(grouped.items())
    ]
    return figures


# -- Beside the published figures --------------------------------------------------------------


@dataclass
class ComparisonRow:
    period: str
    measure: Measure
    ours: Decimal | None
    published_local: Decimal | None
    national: Decimal | None
    regional: Decimal | None


def regions() -> list[str]:
    return sorted(
        set(
            PublishedStatistic.objects.filter(geography_level="regional").values_list(
                "geography_name", flat=True
            )
        )
    )


def comparison(
    *, user: Any, figures: AuthorityFigures, region: str = ""
) -> tuple[list[ComparisonRow], list[str]]:
    """The authority's measures beside the imported national, regional and published local
    figures for the same periods. Returns the rows and the sources they cite."""
    if not user.has_perm(VIEW_PERMISSION, figures.authority):
        raise PermissionDenied
    keys = [m.key for m in COMPARABLE_MEASURES]
    published = PublishedStatistic.objects.filter(measure__in=keys)
    by_key: dict[tuple[str, str, str], PublishedStatistic] = {}
    for statistic in published.order_by("geography_name"):
        if not _is_period_of_kind(statistic.period, figures.by):
            continue
        if statistic.geography_level == "national":
            place = "national"
        elif statistic.geography_level == "regional" and statistic.geography_name == region:
            place = "regional"
        elif (
            statistic.geography_level == "local_authority"
            and statistic.geography_name.casefold() == figures.authority.name.casefold()
        ):
            place = "local"
        else:
            continue
        by_key.setdefault((statistic.period, statistic.measure, place), statistic)
    periods = sorted(
        set(figures.measures) | {period for period, _, _ in by_key}, key=period_sort_key
    )
    rows = []
    sources: set[str] = set()
    for period in periods:
        for measure in COMPARABLE_MEASURES:
            found = {
                place: by_key.get((period, measure.key, place))
                for place in ("national", "regional", "local")
            }
            sources.update(s.source for s in found.values() if s is not None)
            rows.append(
                ComparisonRow(
                    period=period,
                    measure=measure,
                    ours=figures.measures.get(period, {}).get(measure.key),
                    published_local=found["local"].value if found["local"] else None,
                    national=found["national"].value if found["national"] else None,
                    regional=found["regional"].value if found["regional"] else None,
                )
            )
    return rows, sorted(sources)


@dataclass(frozen=True)
class PreviewRow:
    figure: Any  # StatisticsBatchFigure
    current: Decimal | None
    change: str  # new, changed or unchanged


def statistics_batch_preview(batch: StatisticsBatch) -> list[PreviewRow]:
    """What publishing a staged batch would change, figure by figure (new and changed first)."""
    figures = list(batch.figures.all())
    in_force = {
        (s.period, s.geography_level, s.geography_name, s.measure): s
        for s in PublishedStatistic.objects.filter(
            measure__in={f.measure for f in figures}, period__in={f.period for f in figures}
        )
    }
    rows = []
    for figure in figures:
        current = in_force.get(
            (figure.period, figure.geography_level, figure.geography_name, figure.measure)
        )
        if current is None:
            change = "new"
        elif current.value != figure.value or current.source != figure.source:
            change = "changed"
        else:
            change = "unchanged"
        rows.append(PreviewRow(figure, current.value if current else None, change))
    order = {"new": 0, "changed": 1, "unchanged": 2}
    rows.sort(key=lambda r: order[r.change])
    return rows


def statistics_batches() -> QuerySet[StatisticsBatch]:
    """Every import, newest first (paged by the caller)."""
    return StatisticsBatch.objects.select_related("uploaded_by", "published_by").order_by(
        "-uploaded_at", "-pk"
    )


def published_summary() -> list[dict[str, Any]]:
    """What has been imported: the number of figures per period and level, newest first."""
    counts: Counter[tuple[str, str]] = Counter(
        PublishedStatistic.objects.values_list("period", "geography_level")
    )
    return [
        {"period": period, "geography_level": level, "figures": n}
        for (period, level), n in sorted(
            counts.items(), key=lambda kv: (period_sort_key(kv[0][0]), kv[0][1]), reverse=True
        )
    ]


# -- The authority's figures as a CSV ----------------------------------------------------------


def authority_figures_rows(*, user: Any, authority: Organisation) -> list[dict[str, str]]:
    """The authority's figures in the import format (no child is named), by academic year and
    by quarter."""
    rows: list[dict[str, str]] = []
    source = "Redress records"
    for by in BY_CHOICES:
        figures = authority_figures(user=user, authority=authority, by=by)
        for period in sorted(figures.measures, key=period_sort_key):
            for key, value in figures.measures[period].items():
                if value is not None:
                    rows.append(_csv_row(period, authority, key, value, source))
        tables = (
            ("appeals_decision", figures.by_decision, _decision_keys()),
            ("appeals_section", figures.by_section, _section_keys()),
            ("appeals_outcome", figures.by_outcome, _outcome_keys()),
        )
        for prefix, table, keys in tables:
            if table is None:
                continue
            for key, (_, counts) in zip(keys, table.rows, strict=True):
                for period, count in zip(table.periods, counts, strict=True):
                    if count:
                        rows.append(
                            _csv_row(period, authority, f"{prefix}_{key}", Decimal(count), source)
                        )
    return rows


def _csv_row(
    period: str, authority: Organisation, measure: str, value: Decimal, source: str
) -> dict[str, str]:
    return {
        "period": period,
        "geography_level": "local_authority",
        "geography_name": authority.name,
        "measure": measure,
        "value": f"{value.normalize():f}",
        "source": source,
    }


def _decision_keys() -> list[str]:
    return [str(v) for v, _ in Appeal.Decision.choices]


def _section_keys() -> list[str]:
    return ["b", "f", "i", "recommendations_c", "recommendations_d", "recommendations_g",
            "recommendations_h1", "recommendations_h2"]  # fmt: skip


def _outcome_keys() -> list[str]:
    return [str(v) for v, _ in Appeal.Outcome.choices]


__all__ = [
    "AuthorityFigures",
    "ComparisonRow",
    "ResponseRow",
    "Table",
    "academic_year",
    "authorities_for",
    "authority_figures",
    "authority_figures_rows",
    "authority_get",
    "calendar_quarter",
    "comparison",
    "published_summary",
    "regions",
]
