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
from django.db.models import QuerySet

from redress.accounts.models import LA_ROLES, Organisation
from redress.appeals.models import Appeal, Recommendation
from redress.casework.models import Deadline
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
from redress.statutory.school_year import school_year_start

RESPONSE_RULE = "recommendation.response"
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


def academic_year(day: date) -> str:
    """'2025/26' for any day from 1 September 2025 to 31 August 2026."""
    start = school_year_start(day).year
    return f"{start}/{(start + 1) % 100:02d}"


def calendar_quarter(day: date) -> str:
    """'2026-Q1' for January to March 2026, as the tribunal statistics number quarters."""
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


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
    items: Iterable[Any],
    periods: list[str],
    labels: list[tuple[str, str]],
    keys_of: Callable[[Any], Iterable[str]],
    period_of_item: Callable[[Any], str | None],
) -> Table:
    counts: Counter[tuple[str, str]] = Counter()
    for item in items:
        period = period_of_item(item)
        if period is None:
            continue
        for key in keys_of(item):
            counts[(key, period)] += 1
    return Table(
        caption=caption,
        periods=periods,
        rows=[(label, [counts[(key, p)] for p in periods]) for key, label in labels],
    )


def _percent(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def _measures(appeals: list[Any], by: str) -> dict[str, dict[str, Decimal | None]]:
    registered: Counter[str] = Counter()
    refusal: Counter[str] = Counter()
    contents: Counter[str] = Counter()
    decided: Counter[str] = Counter()
    for_appellant: Counter[str] = Counter()
    for appeal in appeals:
        period = period_of(appeal.lodged_on, by)
        registered[period] += 1
        refusal[period] += appeal.decision == "not_assess"
        contents[period] += appeal.decision in PLAN_CONTENTS
        if appeal.outcome in DECIDED and appeal.outcome_on:
            outcome_period = period_of(appeal.outcome_on, by)
            decided[outcome_period] += 1
            for_appellant[outcome_period] += appeal.outcome in FOR_APPELLANT
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


def authority_figures(*, user: Any, authority: Organisation, by: str = "year") -> AuthorityFigures:
    """The authority's appeals by decision, section and outcome over time, and the health and
    social care bodies' responses to recommendations, on time and late."""
    if not user.has_perm(VIEW_PERMISSION, authority):
        raise PermissionDenied
    by = by if by in BY_CHOICES else "year"
    appeals = list(Appeal.objects.filter(child__local_authority=authority).order_by("lodged_on"))
    periods = sorted(
        {period_of(a.lodged_on, by) for a in appeals}
        | {period_of(a.outcome_on, by) for a in appeals if a.outcome and a.outcome_on},
        key=period_sort_key,
    )
    figures = AuthorityFigures(authority=authority, by=by, periods=periods)
    figures.by_decision = _table(
        "Appeals registered, by the decision appealed",
        appeals,
        periods,
        [(str(value), str(label)) for value, label in Appeal.Decision.choices],
        lambda a: [a.decision],
        lambda a: period_of(a.lodged_on, by),
    )
    sections = [("B", "Section B: special educational needs"),
                ("F", "Section F: special educational provision"),
                ("I", "Section I: the school or institution named")]  # fmt: skip
    asked = [(s, f"Recommendations asked on section {s}") for s in ("C", "D", "G", "H1", "H2")]
    figures.by_section = _table(
        "Appeals registered, by the sections challenged and the recommendations asked for",
        appeals,
        periods,
        sections + asked,
        lambda a: [*a.sections_challenged, *a.recommendation_sections],
        lambda a: period_of(a.lodged_on, by),
    )
    figures.by_outcome = _table(
        "Appeals concluded, by outcome (dated by the outcome)",
        [a for a in appeals if a.outcome and a.outcome_on],
        periods,
        [(str(value), str(label)) for value, label in Appeal.Outcome.choices],
        lambda a: [a.outcome],
        lambda a: period_of(a.outcome_on, by),
    )
    figures.measures = _measures(appeals, by)
    recommendations = list(
        Recommendation.objects.filter(appeal__child__local_authority=authority).select_related(
            "appeal", "organisation"
        )
    )
    rows = Deadline.objects.filter(child__local_authority=authority, rule=RESPONSE_RULE)
    status_of = {(d.child_id, d.ref): d.status for d in rows}
    grouped: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for rec in recommendations:
        status = status_of.get((rec.appeal.child_id, rec.engine_ref))
        if status is None:
            figures.not_calculated += 1
            continue
        grouped[(rec.get_body_display(), rec.organisation.name)][status] += 1
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
