"""The retention schedule (UK GDPR Article 5(1)(e): kept no longer than necessary) and the files
on disk that belong to no record.

A child's record is kept until REDRESS_RETENTION_YEARS_AFTER_BIRTH years after their date of
birth (default 31: to the 25th birthday, when an EHC plan can last no longer, plus six years for
claims). After that `retention_apply` deletes the child and everything recorded about them:
their plans, advice, mediation, agreements, appeals, messages, the history copies of every one of
those records, and every uploaded file those records or their history name. The audit log keeps
one entry per child saying a record was deleted under the schedule, with the child's number and
year of birth and no name; earlier audit entries lose their link to the child.

Uploaded files: a file belongs to a record while the record, or a history copy of it, names it.
A replaced document's earlier file stays, referenced by the history row of the version that had
it (nothing recorded is deleted to fix a mistake), and goes when the record goes. A file that no
record or history row names is an orphan; `orphaned_files` finds them and `orphans_remove`
deletes them.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.admin.utils import NestedObjects
from django.core.files.storage import default_storage
from django.db import models, router, transaction
from django.db.models.deletion import ProtectedError

from redress.audit.services import audit_record
from redress.casework.models import Child

# A file younger than this may belong to an upload still being saved.
ORPHAN_GRACE_SECONDS = 3600


def years_after_birth() -> int:
    return int(getattr(settings, "REDRESS_RETENTION_YEARS_AFTER_BIRTH", 31))


def keep_until(date_of_birth: date) -> date:
    """The last day a child's record is kept (a 29 February birthday counts from 28 February)."""
    years = years_after_birth()
    try:
        return date_of_birth.replace(year=date_of_birth.year + years)
    except ValueError:
        return date_of_birth.replace(year=date_of_birth.year + years, day=28)


def born_before(today: date) -> date:
    """Children born before this day are past the schedule on `today`."""
    years = years_after_birth()
    try:
        return today.replace(year=today.year - years)
    except ValueError:
        return today.replace(year=today.year - years, day=28)


def children_past_retention(today: date) -> models.QuerySet[Child]:
    return Child.objects.filter(date_of_birth__lt=born_before(today)).order_by("pk")


@dataclass
class ChildPlan:
    """What deleting one child's record removes."""

    child_id: int
    birth_year: int
    rows: Counter[str] = field(default_factory=Counter)
    files: list[str] = field(default_factory=list)
    history: list[models.QuerySet[Any]] = field(default_factory=list)


def _file_fields(model: type[models.Model]) -> list[str]:
    return [f.name for f in model._meta.get_fields() if isinstance(f, models.FileField)]


class RetentionBlocked(Exception):
    """A record of another child, or of no child, protects something of this child's."""


def _belongs_to(obj: models.Model, child_pk: int, depth: int = 2) -> bool:
    """Whether `obj` is part of the child's record: it names the child, or a record that does."""
    if getattr(obj, "child_id", None) == child_pk:
        return True
    if depth == 0 or hasattr(obj, "child_id"):
        return False
    for fk in obj._meta.concrete_fields:
        if isinstance(fk, models.ForeignKey):
            related = getattr(obj, fk.name)
            if related is not None and _belongs_to(related, child_pk, depth - 1):
                return True
    return False


def _owned(objects: Any, child_pk: int) -> list[models.Model]:
    owned = list(objects)
    for obj in owned:
        if not _belongs_to(obj, child_pk):
            raise RetentionBlocked(
                f"{obj._meta.verbose_name} {obj.pk} protects part of the record of child number "
                f"{child_pk} and is not part of it"
            )
    return owned


def _record_of(child: Child) -> dict[type[models.Model], set[models.Model]]:
    """Every row deleting the child removes. Some links are PROTECT (an appeal names the
    mediation case it follows) so that nobody deletes one part of a record alone; under the
    schedule the whole record goes, so the rows they protect are collected too."""
    record: dict[type[models.Model], set[models.Model]] = {}
    queue: list[models.Model] = [child]
    seen: set[tuple[str, Any]] = set()
    while queue:
        protected: list[models.Model] = []
        by_model: dict[type[models.Model], list[models.Model]] = {}
        for obj in queue:
            by_model.setdefault(type(obj), []).append(obj)
        for objs in by_model.values():  # the collector takes one model at a time
            collector = NestedObjects(using=router.db_for_write(Child))
            collector.collect(objs)
            for model, instances in collector.data.items():
                record.setdefault(model, set()).update(instances)
            protected.extend(collector.protected)
        queue = []
        for obj in _owned(protected, child.pk):
            key = (obj._meta.label, obj.pk)
            if key not in seen:
                seen.add(key)
                queue.append(obj)
    return record


def _delete(obj: models.Model, child_pk: int, depth: int = 0) -> None:
    """Delete `obj`, first deleting the rows of the same record that protect it."""
    for _attempt in range(20):
        try:
            obj.delete()
            return
        except ProtectedError as exc:
            if depth > 20:
                raise
            for blocker in _owned(exc.protected_objects, child_pk):
                _delete(blocker, child_pk, depth + 1)
    obj.delete()


def _plan(child: Child) -> ChildPlan:
    plan = ChildPlan(child_id=child.pk, birth_year=child.date_of_birth.year)
    for model, instances in _record_of(child).items():
        plan.rows[model._meta.label] += len(instances)
        for name in _file_fields(model):
            plan.files.extend(getattr(i, name).name for i in instances if getattr(i, name))
        historical_model = getattr(getattr(model, "history", None), "model", None)
        if historical_model is not None:
            historical = historical_model._base_manager.filter(id__in=[i.pk for i in instances])
            plan.history.append(historical)
            plan.rows[historical_model._meta.label] += historical.count()
            # A history table keeps a file's name as text, under the same field name.
            for name in _file_fields(model):
                plan.files.extend(n for n in historical.values_list(name, flat=True) if n)
    plan.files = sorted(set(plan.files))
    return plan


@dataclass
class RetentionReport:
    today: date
    born_before: date
    children: int = 0
    rows: Counter[str] = field(default_factory=Counter)
    files: int = 0
    applied: bool = False


def retention_report(*, today: date, limit: int | None = None) -> RetentionReport:
    """What `retention_apply` would delete on `today`, deleting nothing."""
    report = RetentionReport(today=today, born_before=born_before(today))
    children = children_past_retention(today)
    for child in children[:limit] if limit else children.iterator():
        plan = _plan(child)
        report.children += 1
        report.rows.update(plan.rows)
        report.files += len(plan.files)
    return report


def retention_apply(
    *, today: date, batch_size: int = 100, actor: Any = None
) -> Iterator[RetentionReport]:
    """Delete every record past the schedule, `batch_size` children a transaction, yielding a
    report for each batch. Files are deleted once their batch is committed."""
    while True:
        batch = list(children_past_retention(today)[:batch_size])
        if not batch:
            return
        report = RetentionReport(today=today, born_before=born_before(today), applied=True)
        files: list[str] = []
        with transaction.atomic():
            for child in batch:
                plan = _plan(child)
                _delete(child, child.pk)
                # After the delete, which itself adds a "deleted" history row to each table.
                for historical in plan.history:
                    historical.delete()
                files.extend(plan.files)
                report.children += 1
                report.rows.update(plan.rows)
                report.files += len(plan.files)
                audit_record(
                    actor=actor,
                    action="delete",
                    object_type="casework.Child",
                    summary=(
                        f"Deleted the record of child number {plan.child_id} (born "
                        f"{plan.birth_year}) and {len(plan.files)} files under the retention "
                        f"schedule ({years_after_birth()} years after birth)"
                    ),
                )
            transaction.on_commit(partial(_delete_files, tuple(files)))
        yield report


def _delete_files(names: tuple[str, ...]) -> None:
    for name in names:
        if default_storage.exists(name):
            default_storage.delete(name)


# -- Files that belong to no record --------------------------------------------------------------


def referenced_files() -> set[str]:
    """Every file name a record or a history row names."""
    names: set[str] = set()
    for model in apps.get_models():
        historical_model = getattr(getattr(model, "history", None), "model", None)
        for table in (model, historical_model):
            if table is None:
                continue
            for field_name in _file_fields(model):
                names.update(
                    n
                    for n in table._base_manager.exclude(**{f"{field_name}__isnull": True})
                    .values_list(field_name, flat=True)
                    .distinct()
                    if n
                )
    return names


def orphaned_files(*, grace_seconds: int = ORPHAN_GRACE_SECONDS) -> list[str]:
    """Files under MEDIA_ROOT that no record or history row names (older than the grace)."""
    root = Path(settings.MEDIA_ROOT)
    if not root.is_dir():
        return []
    known = referenced_files()
    cutoff = time.time() - grace_seconds
    return sorted(
        path.relative_to(root).as_posix()
        for path in root.rglob("*")
        if path.is_file()
        and path.relative_to(root).as_posix() not in known
        and path.stat().st_mtime < cutoff
    )


def orphans_remove(*, actor: Any = None, grace_seconds: int = ORPHAN_GRACE_SECONDS) -> list[str]:
    orphans = orphaned_files(grace_seconds=grace_seconds)
    for name in orphans:
        default_storage.delete(name)
    if orphans:
        audit_record(
            actor=actor,
            action="delete",
            object_type="file",
            summary=f"Deleted {len(orphans)} uploaded files that belonged to no record",
        )
    return orphans


__all__ = [
    "ORPHAN_GRACE_SECONDS",
    "RetentionReport",
    "born_before",
    "children_past_retention",
    "keep_until",
    "orphaned_files",
    "orphans_remove",
    "referenced_files",
    "retention_apply",
    "retention_report",
    "years_after_birth",
]
