"""Writes for reports: importing the national published tribunal statistics from a CSV.

The published figures are one national dataset that every authority reads, so only a national
data role imports them (`reports.import_statistics`: a superuser, someone granted it in the
admin, or the operator's command line). The whole file is checked before anything is saved (each
row's format, percentages from 0 to 100, counts in whole numbers, regional and local figures
that do not add up to more than the national one); any problem refuses the file, naming it.

An import is a batch: staged for a preview, then published over the figures in force (a figure
imported again is updated, never duplicated) or discarded. Every batch is kept, with what each of
its figures replaced, so a roll-back to an earlier batch puts the figures back as they were."""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from redress.audit.services import audit_record
from redress.reports.models import PublishedStatistic, StatisticsBatch, StatisticsBatchFigure
from redress.reports.permissions import IMPORT_PERMISSION
from redress.reports.statistics_format import (
    COLUMN_NAMES,
    GEOGRAPHY_LEVELS,
    MAX_BYTES,
    MAX_ERRORS_SHOWN,
    MAX_ROWS,
    MEASURE,
    MEASURES_BY_KEY,
    NUMBER,
    is_percentage,
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
        if value is not None and is_percentage(row["measure"]) and value > 100:
            problems.append(
                f"the value {row['value']} is a percentage ({row['measure']} starts with pc_) "
                "and must be from 0 to 100"
            )
        known = MEASURES_BY_KEY.get(row["measure"])
        if value is not None and known is not None and not known.percentage and value % 1:
            problems.append(f"the value {row['value']} counts appeals and must be a whole number")
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


def _in_force(keys: Any) -> dict[Key, PublishedStatistic]:
    measures = {key[3] for key in keys}
    periods = {key[0] for key in keys}
    return {
        (s.period, s.geography_level, s.geography_name, s.measure): s
        for s in PublishedStatistic.objects.select_for_update().filter(
            measure__in=measures, period__in=periods
        )
    }


def check_totals(rows: dict[Key, tuple[Decimal, str]]) -> None:
    """The figures as they would be once published (the file over the figures in force) must add
    up: for each count of appeals, the regions together and the local authorities together come
    to no more than the national figure. Percentages are checked row by row when parsing."""
    merged: dict[Key, Decimal] = {key: s.value for key, s in _in_force(rows).items()}
    merged.update({key: value for key, (value, _) in rows.items()})
    counts = {key for key, m in MEASURES_BY_KEY.items() if not m.percentage}
    errors: list[str] = []
    touched = sorted({(key[0], key[3]) for key in rows if key[3] in counts})
    for period, measure in touched:
        national = [v for k, v in merged.items() if k[0] == period and k[3] == measure
                    and k[1] == "national"]  # fmt: skip
        if not national:
            continue
        for level, words in (("regional", "regions"), ("local_authority", "local authorities")):
            total = sum(
                (v for k, v in merged.items() if k[0] == period and k[3] == measure
                 and k[1] == level),
                Decimal(0),
            )  # fmt: skip
            if total > national[0]:
                errors.append(
                    f"The {words}' {measure} for {period} add up to {total.normalize():f}, more "
                    f"than the national figure of {national[0].normalize():f}."
                )
    if errors:
        raise _refuse(errors)


def _require_import(actor: Any, check_permission: bool) -> None:
    if check_permission and not actor.has_perm(IMPORT_PERMISSION):
        raise PermissionDenied(
            "Only the national data role may import the published statistics every authority sees."
        )


@transaction.atomic
def statistics_batch_stage(
    *, actor: Any, content: bytes, filename: str, check_permission: bool = True
) -> StatisticsBatch:
    """Check a file and keep it as a batch waiting for a preview; nothing is published yet."""
    _require_import(actor, check_permission)
    rows = parse_statistics(content)
    check_totals(rows)
    user = actor if getattr(actor, "is_authenticated", False) else None
    batch = StatisticsBatch.objects.create(
        filename=filename[:200], sha256=hashlib.sha256(content).hexdigest(), uploaded_by=user
    )
    StatisticsBatchFigure.objects.bulk_create(
        StatisticsBatchFigure(
            batch=batch,
            period=key[0],
            geography_level=key[1],
            geography_name=key[2],
            measure=key[3],
            value=value,
            source=source,
        )  # fmt: skip
        for key, (value, source) in rows.items()
    )
    audit_record(
        actor=actor,
        action="create",
        obj=batch,
        summary=(
            f"Uploaded published tribunal statistics from {filename[:100]} for a check before "
            f"publishing ({len(rows)} figures)"
        ),
    )
    return batch


def _locked(batch: StatisticsBatch) -> StatisticsBatch:
    return StatisticsBatch.objects.select_for_update().get(pk=batch.pk)


@transaction.atomic
def statistics_batch_publish(
    *, actor: Any, batch: StatisticsBatch, check_permission: bool = True
) -> ImportResult:
    """Publish a previewed batch over the figures in force, keeping what each figure replaced."""
    _require_import(actor, check_permission)
    batch = _locked(batch)
    if batch.status != StatisticsBatch.Status.PREVIEW:
        raise ValidationError({"batch": ["This import was already published or discarded."]})
    figures = list(batch.figures.all())
    rows = {
        (f.period, f.geography_level, f.geography_name, f.measure): (f.value, f.source)
        for f in figures
    }
    check_totals(rows)  # the figures in force may have changed since the preview
    existing = _in_force(rows)
    user = actor if getattr(actor, "is_authenticated", False) else None
    created = updated = unchanged = 0
    for figure in figures:
        key = (figure.period, figure.geography_level, figure.geography_name, figure.measure)
        current = existing.get(key)
        if current is None:
            statistic = PublishedStatistic(
                period=key[0], geography_level=key[1], geography_name=key[2], measure=key[3],
                value=figure.value, source=figure.source, imported_from=batch.filename,
                imported_by=user, batch=batch,
            )  # fmt: skip
            statistic.full_clean()
            statistic.save()
            figure.change = StatisticsBatchFigure.Change.NEW
            created += 1
        elif current.value != figure.value or current.source != figure.source:
            figure.previous_value, figure.previous_source = current.value, current.source
            figure.previous_batch_id = current.batch_id
            figure.previous_imported_from = current.imported_from
            current.value, current.source = figure.value, figure.source
            current.imported_from, current.imported_by = batch.filename, user
            current.batch = batch
            current.full_clean()
            current.save()
            figure.change = StatisticsBatchFigure.Change.CHANGED
            updated += 1
        else:
            figure.change = StatisticsBatchFigure.Change.UNCHANGED
            unchanged += 1
    StatisticsBatchFigure.objects.bulk_update(
        figures,
        ["change", "previous_value", "previous_source", "previous_batch", "previous_imported_from"],
    )
    batch.status = StatisticsBatch.Status.PUBLISHED
    batch.published_by, batch.published_at = user, timezone.now()
    batch.created, batch.updated, batch.unchanged = created, updated, unchanged
    batch.save()
    # The figures enter the national dataset here: the upload that counts.
    audit_record(
        actor=actor,
        action="upload",
        obj=batch,
        summary=(
            f"Published tribunal statistics from {batch.filename[:100]}: {created} new, "
            f"{updated} changed, {unchanged} unchanged"
        ),
    )
    return ImportResult(created=created, updated=updated, unchanged=unchanged)


@transaction.atomic
def statistics_batch_discard(
    *, actor: Any, batch: StatisticsBatch, check_permission: bool = True
) -> None:
    _require_import(actor, check_permission)
    batch = _locked(batch)
    if batch.status != StatisticsBatch.Status.PREVIEW:
        raise ValidationError({"batch": ["Only an import waiting for its check can be discarded."]})
    batch.status = StatisticsBatch.Status.DISCARDED
    batch.save(update_fields=["status"])
    audit_record(
        actor=actor, action="update", obj=batch,
        summary=f"Discarded the statistics import from {batch.filename[:100]} without publishing",
    )  # fmt: skip


def _undo(batch: StatisticsBatch) -> None:
    for figure in batch.figures.exclude(change=StatisticsBatchFigure.Change.UNCHANGED):
        statistic = PublishedStatistic.objects.select_for_update().get(
            period=figure.period,
            geography_level=figure.geography_level,
            geography_name=figure.geography_name,
            measure=figure.measure,
        )
        if figure.change == StatisticsBatchFigure.Change.NEW:
            # The figure in force goes; the batch keeps it, so nothing recorded is lost.
            statistic.delete()
            continue
        assert figure.previous_value is not None
        statistic.value, statistic.source = figure.previous_value, figure.previous_source
        statistic.batch = figure.previous_batch
        statistic.imported_from = figure.previous_imported_from
        statistic.imported_by = (
            figure.previous_batch.published_by if figure.previous_batch else None
        )
        statistic.full_clean()
        statistic.save()


@transaction.atomic
def statistics_rollback_to(
    *, actor: Any, batch: StatisticsBatch, check_permission: bool = True
) -> list[StatisticsBatch]:
    """Make an earlier published batch the latest again: every batch published after it is
    rolled back, newest first, putting back the figures each replaced. Returns those batches."""
    _require_import(actor, check_permission)
    batch = _locked(batch)
    if batch.status != StatisticsBatch.Status.PUBLISHED or batch.published_at is None:
        raise ValidationError({"batch": ["Only a published import can be rolled back to."]})
    later = list(
        StatisticsBatch.objects.select_for_update()
        .filter(status=StatisticsBatch.Status.PUBLISHED, published_at__gte=batch.published_at)
        .exclude(pk=batch.pk)
        .order_by("-published_at", "-pk")
    )
    later = [b for b in later if (b.published_at, b.pk) > (batch.published_at, batch.pk)]
    if not later:
        raise ValidationError({"batch": ["This import is already the latest one published."]})
    user = actor if getattr(actor, "is_authenticated", False) else None
    for undone in later:
        _undo(undone)
        undone.status = StatisticsBatch.Status.ROLLED_BACK
        undone.rolled_back_by, undone.rolled_back_at = user, timezone.now()
        undone.save()
    audit_record(
        actor=actor,
        action="update",
        obj=batch,
        summary=(
            f"Rolled the published tribunal statistics back to the import from "
            f"{batch.filename[:80]} ({len(later)} later imports rolled back)"
        ),
    )
    return later


@transaction.atomic
def published_statistics_import(
    *, actor: Any, content: bytes, filename: str, check_permission: bool = True
) -> ImportResult:
    """Stage and publish a file in one step: the operator's command line (which passes
    `check_permission=False`) and the demo. People on the web see a preview first."""
    batch = statistics_batch_stage(
        actor=actor, content=content, filename=filename, check_permission=check_permission
    )
    return statistics_batch_publish(actor=actor, batch=batch, check_permission=check_permission)


__all__ = [
    "ImportResult",
    "check_totals",
    "parse_statistics",
    "published_statistics_import",
    "statistics_batch_discard",
    "statistics_batch_publish",
    "statistics_batch_stage",
    "statistics_rollback_to",
]
