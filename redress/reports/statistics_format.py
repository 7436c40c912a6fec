"""The CSV of published tribunal statistics that Redress imports: its columns, the formats it
accepts and the measures it can put beside the authority's own figures. The import page and
docs/reports.md show this, so a user can prepare a file from the published tables."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    name: str
    meaning: str
    example: str


COLUMNS: tuple[Column, ...] = (
    Column(
        "period",
        "An academic year, September to August, written 2023/24; or a calendar quarter "
        "written 2024-Q3 (July to September 2024).",
        "2023/24",
    ),
    Column(
        "geography_level",
        "national, regional or local_authority.",
        "national",
    ),
    Column(
        "geography_name",
        "The place the figure is for, as the publication names it: England, a region such as "
        "North West, or a local authority.",
        "England",
    ),
    Column(
        "measure",
        "What is counted, in lower case with underscores. The measures listed below appear "
        "beside the authority's own figures; any other measure is kept and listed.",
        "appeals_registered",
    ),
    Column(
        "value",
        "A number, written with digits and at most one decimal point: no commas, per cent "
        "signs or units. Percentages are written as numbers from 0 to 100.",
        "25000",
    ),
    Column(
        "source",
        "Where the figure was published, for example the publication's title and table.",
        "Tribunal Statistics Quarterly, July to September 2024, SEND annual tables",
    ),
)

COLUMN_NAMES: tuple[str, ...] = tuple(c.name for c in COLUMNS)


@dataclass(frozen=True)
class Measure:
    key: str
    title: str
    how_counted: str  # how Redress counts it from the authority's own records
    percentage: bool = False


COMPARABLE_MEASURES: tuple[Measure, ...] = (
    Measure(
        "appeals_registered",
        "Appeals registered",
        "Appeals lodged with the Tribunal in the period.",
    ),
    Measure(
        "appeals_decided",
        "Appeals decided by the Tribunal",
        "Appeals whose outcome (upheld, upheld in part or dismissed) is dated in the period.",
    ),
    Measure(
        "pc_found_for_appellant",
        "Decided appeals found in favour of the family (%)",
        "Upheld or upheld in part, as a share of appeals decided in the period.",
        percentage=True,
    ),
    Measure(
        "pc_refusal_to_assess",
        "Appeals against a refusal to assess (%)",
        "Share of the appeals registered in the period that are against a refusal to assess.",
        percentage=True,
    ),
    Measure(
        "pc_plan_contents",
        "Appeals about the contents of a plan (%)",
        "Share of the appeals registered in the period about the contents of a plan or an "
        "amended plan.",
        percentage=True,
    ),
)

MEASURES_BY_KEY = {m.key: m for m in COMPARABLE_MEASURES}

GEOGRAPHY_LEVELS = ("national", "regional", "local_authority")

ACADEMIC_YEAR = re.compile(r"^(\d{4})/(\d{2})$")
QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
MEASURE = re.compile(r"^[a-z][a-z0-9_]{0,59}$")
NUMBER = re.compile(r"^\d+(\.\d+)?$")

MAX_BYTES = 2_000_000
MAX_ROWS = 50_000
MAX_ERRORS_SHOWN = 20


def valid_period(period: str) -> bool:
    """'2023/24' (the second year follows the first) or '2024-Q3'."""
    year = ACADEMIC_YEAR.match(period)
    if year:
        return (int(year.group(1)) + 1) % 100 == int(year.group(2))
    return bool(QUARTER.match(period))


def is_percentage(measure: str) -> bool:
    """Percentages are named pc_...; their values run from 0 to 100."""
    known = MEASURES_BY_KEY.get(measure)
    return known.percentage if known is not None else measure.startswith("pc_")


def period_sort_key(period: str) -> tuple[int, int]:
    """Academic years and quarters in time order (a year sorts by its September)."""
    year = ACADEMIC_YEAR.match(period)
    if year:
        return int(year.group(1)), 9
    quarter = QUARTER.match(period)
    if quarter:
        return int(quarter.group(1)), (int(quarter.group(2)) - 1) * 3 + 1
    return 0, 0


__all__ = [
    "COLUMNS",
    "COLUMN_NAMES",
    "COMPARABLE_MEASURES",
    "GEOGRAPHY_LEVELS",
    "MAX_BYTES",
    "MAX_ROWS",
    "MEASURES_BY_KEY",
    "Column",
    "Measure",
    "is_percentage",
    "period_sort_key",
    "valid_period",
]
