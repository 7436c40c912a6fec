"""Writes for reports: importing published tribunal statistics from a CSV.

The whole file is checked before anything is saved; any problem refuses the file, naming the
row. A figure imported again (same period, place and measure) is updated, never duplicated."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from redress.audit.services import audit_record
from redress.reports.models import PublishedStatistic
from redress.reports.permissions import IMPORT_PERMISSION
from redress.reports.statistics_format import (
    COLUMN_NAMES,
    GEOGRAPHY_LEVELS,
    MAX_BYTES,
    MAX_ERRORS_SHOWN,
    MAX_ROWS,
    MEASURE,
    NUMBER,
    valid_period,
)

Key = tuple[str, str, str, str]  # period, geography level, geography name, measure


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


def _refuse(errors: list[str]) -> ValidationError:
    shown = errors[:MAX_ERRORS_SHOWN]
    if len(errors) > len(shown):
        shown.append(f"And {len(errors) - len(shown)} more problems. Nothing was imported.")
    else:
        shown.append("Nothing was imported.")
    return ValidationError({"file": shown})


def _decode(content: bytes) -> str:
    if len(content) > MAX_BYTES:
        raise _refuse(
            [f"The file is larger than {MAX_BYTES // 1_000_000} MB. Split it into smaller files."]
        )
    if not content.strip():
        raise _refuse(["The file is empty."])
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise _refuse(
            [
                f"The file is not UTF-8 text (a byte at position {error.start} cannot be read). "
                "Save it as 'CSV UTF-8' and try again."
            ]
        ) from None


def parse_statistics(content: bytes) -> dict[Key, tuple[Decimal, str]]:
    """The figures in a CSV, keyed by period, place and measure; refuses the whole file,
    naming each bad row (the header is row 1), if any row is wrong."""
    text = _decode(content)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        return _parse_rows(reader)
    except csv.Error as error:
        # The csv module gives up on, for example, a value longer than it will read.
        raise _refuse(
            [
                f"Row {reader.line_num + 1}: the file cannot be read as CSV ({error}). Check the "
                "row in a spreadsheet and save the file as 'CSV UTF-8' again."
            ]
        ) from None


def _parse_rows(reader: csv.DictReader[str]) -> dict[Key, tuple[Decimal, str]]:
    header = [name.strip() for name in (reader.fieldnames or [])]
    missing = [name for name in COLUMN_NAMES if name not in header]
    if missing:
        raise _refuse(
            [
                f"Row 1 (the header) has no column {', '.join(missing)}. The columns must be: "
                f"{', '.join(COLUMN_NAMES)}."
            ]
        )
    reader.fieldnames = header
    errors: list[str] = []
    rows: dict[Key, tuple[Decimal, str]] = {}
    first_row: dict[Key, int] = {}
    for number, raw in enumerate(reader, start=2):
        if number - 1 > MAX_ROWS:
            raise _refuse([f"The file has more than {MAX_ROWS} rows. Split it."])
        if None in raw:
            errors.append(f"Row {number} has more values than there are columns.")
            continue
        row = {name: (raw.get(name) or "").strip() for name in COLUMN_NAMES}
        if not any(row.values()):
            continue  # a blank line
        problems = []
        if not valid_period(row["period"]):
            problems.append(
                f"the period '{row['period']}' is not an academic year like 2023/24 or a "
                "quarter like 2024-Q3"
            )
        if row["geography_level"] not in GEOGRAPHY_LEVELS:
            problems.append(
                f"the geography_level '{row['geography_level']}' must be national, regional or "
                "local_authority"
            )
        if not row["geography_name"]:
            problems.append("the geography_name is empty")
        elif len(row["geography_name"]) > 120:
            problems.append("the geography_name is longer than 120 characters")
        if not MEASURE.match(row["measure"]):
            problems.append(
                f"the measure '{row['measure'][:60]}' must be lower-case letters, digits and "
                "underscores, such as appeals_registered"
            )
        value: Decimal | None = None
        if NUMBER.match(row["value"]):
            try:
                value = Decimal(row["value"])
            except InvalidOperation:
                value = None
        if value is None or value >= Decimal("1e12"):
            problems.append(
                f"the value '{row['value'][:30]}' is not a number: write digits only, without "
                "commas, per cent signs or units (for example 25000 or 61.5)"
            )
        if not row["source"]:
            problems.append("the source is empty: say where the figure was published")
        elif len(row["source"]) > 300:
            problems.append("the source is longer than 300 characters")
        if problems:
            errors.append(f"Row {number}: {'; '.join(problems)}.")
            continue
        assert value is not None
        key = (row["period"], row["geography_level"], row["geography_name"], row["measure"])
        if key in rows and rows[key][0] != value:
            errors.append(
                f"Row {number} gives {row['measure']} for {row['geography_name']} in "
                f"{row['period']} again, with a different value from row {first_row[key]}."
            )
            continue
        first_row.setdefault(key, number)
        rows[key] = (value.quantize(Decimal("0.01")), row["source"])
    if errors:
        raise _refuse(errors)
    if not rows:
        raise _refuse(["The file has a header but no figures."])
    return rows


@transaction.atomic
def published_statistics_import(
    *, actor: Any, content: bytes, filename: str, check_permission: bool = True
) -> ImportResult:
    """Import published tribunal statistics (an LA manager, or the management command, which
    passes `check_permission=False`). Audited."""
    if check_permission and not actor.has_perm(IMPORT_PERMISSION):
        raise PermissionDenied("Only a local authority manager may import published statistics.")
    rows = parse_statistics(content)
    user = actor if getattr(actor, "is_authenticated", False) else None
    existing = {
        (s.period, s.geography_level, s.geography_name, s.measure): s
        for s in PublishedStatistic.objects.select_for_update().filter(
            measure__in={key[3] for key in rows}
        )
    }
    created = updated = unchanged = 0
    for key, (value, source) in rows.items():
        current = existing.get(key)
        if current is None:
            statistic = PublishedStatistic(
                period=key[0],
                geography_level=key[1],
                geography_name=key[2],
                measure=key[3],
                value=value,
                source=source,
                imported_from=filename[:200],
                imported_by=user,
            )
            statistic.full_clean()
            statistic.save()
            created += 1
        elif current.value != value or current.source != source:
            current.value, current.source = value, source
            current.imported_from, current.imported_by = filename[:200], user
            current.full_clean()
            current.save()
            updated += 1
        else:
            unchanged += 1
    result = ImportResult(created=created, updated=updated, unchanged=unchanged)
    audit_record(
        actor=actor,
        action="upload",
        object_type="reports.PublishedStatistic",
        summary=(
            f"Imported published tribunal statistics from {filename[:100]}: {created} new, "
            f"{updated} changed, {unchanged} unchanged"
        ),
    )
    return result


__all__ = ["ImportResult", "parse_statistics", "published_statistics_import"]
