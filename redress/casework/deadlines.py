"""The bridge from a child's records to the statutory engine, and back to the deadline table."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, NamedTuple

from django.db import transaction
from django.db.models import QuerySet

from redress.bankholidays.selectors import working_day_calendar
from redress.casework.events import casework_events
from redress.casework.models import OWNER_COLUMNS, AdviceRequest, CaseEvent, Child, Deadline
from redress.core import registry
from redress.core.bulk_insert import insert_rows
from redress.core.lookups import among
from redress.statutory import (
    Event,
    InputError,
    WorkingDayCalendar,
    compute_traced,
    parse_document,
)
from redress.statutory.bulk import compute_bulk
from redress.statutory.engine import today_in_london
from redress.statutory.rules import FAMILY_ACTOR, RULES

# A rule id can have several rows (an order's final plan after an order to assess or to make a
# plan); the engine's output names the row by its citation, so the title is looked up by both.
_TITLES = {rule.id: rule.title for rule in RULES}
_TITLES_BY_CITATION = {(rule.id, rule.citation): rule.title for rule in RULES}


def deadline_title(rule_id: str, citation: str) -> str:
    """The catalogue's title for the engine's row (the variant's own title where it has one)."""
    return _TITLES_BY_CITATION.get((rule_id, citation)) or _TITLES.get(rule_id, rule_id)


# Other apps (plans and reviews, mediation, appeals) keep their own records of dated steps and
# declare a function that turns a child's records into engine input events (`event_source` on
# their DomainAppConfig, kept in redress.core.registry), and, for the nightly recompute, a batch
# form of it (`batch_event_source`): many children in, each child's events out, in a fixed number
# of queries (it prefetches the batch's records, then runs the per-child conversion on them). The
# batch form must give for each child exactly what the per-child source gives for it.
EventSource = Callable[[Child], Iterable[dict[str, Any]]]
BatchEventSource = Callable[[Sequence[Child]], Mapping[int, Iterable[dict[str, Any]]]]


def attach_related(
    instances: Sequence[Any], name: str, queryset: QuerySet[Any], *, by: str
) -> list[Any]:
    """Attach each instance's related records as `prefetch_related(name)` would, in one query.

    `by` is the related model's column pointing at the instances (e.g. "child_id"). Django's own
    prefetch builds a queryset for every instance, which costs more than the query itself on a
    batch of thousands; this stores plain lists, which `instance.<name>.all()` and `prefetched`
    give back. Instances that already have `name` attached are left as they are. Returns every
    record fetched (for attaching the next level).
    """
    todo = [i for i in instances if name not in _cache(i)]
    if not todo:
        return [r for i in instances for r in _cache(i)[name]]
    by_parent: dict[Any, list[Any]] = defaultdict(list)
    records = list(queryset.filter(among(by, [i.pk for i in todo])))
    for record in records:
        by_parent[getattr(record, by)].append(record)
    for instance in todo:
        _cache(instance)[name] = by_parent.get(instance.pk, [])
    return records


def _cache(instance: Any) -> dict[str, Any]:
    if not hasattr(instance, "_prefetched_objects_cache"):
        instance._prefetched_objects_cache = {}
    cache: dict[str, Any] = instance._prefetched_objects_cache
    return cache


def prefetched(instance: Any, name: str) -> list[Any] | None:
    """The records a batch prefetched for `instance.<name>`, or None when it did not.

    A per-child event source uses them when present (the nightly batch) and queries the database
    itself otherwise (a write to one case), so both paths share the same conversion.
    """
    cache = getattr(instance, "_prefetched_objects_cache", None) or {}
    if name in cache:
        return list(cache[name])
    return None


_INFORMATIONAL = {rule.id for rule in RULES if rule.informational}

# Apps that know which organisation must act on one of their rules' deadlines (the body asked to
# respond to a Tribunal recommendation, for example) declare, for the rule, a function from a
# child to {ref: organisation id} (`deadline_organisations`); rows with no entry keep the child's
# local authority.
OrganisationSource = Callable[[Child], dict[str, int]]

# Apps that follow the deadline table (the case file's tasks, decision 0146) declare a function
# (`recomputed_hook`) called with the child and its new rows after each per-case recompute, in the
# same transaction, so what follows a step is up to date as soon as the step is recorded. The
# nightly batch recompute does not call them; `redress create_tasks` catches up after it.
RecomputedHook = Callable[[Child, Sequence[Deadline]], None]


def events_for_child(
    child: Child,
    *,
    case_events: Iterable[CaseEvent] | None = None,
    advice_requests: Iterable[AdviceRequest] | None = None,
) -> list[dict[str, Any]]:
    """Every dated step of a child's case, as the engine's input events."""
    events = casework_events(child, case_events=case_events, advice_requests=advice_requests)
    for source in registry.event_sources:
        events.extend(source(child))
    return events


# What the event sources and the deadline rows read of a batch's steps and advice requests.
_EVENT_COLUMNS = ("id", "child_id", "type", "date", "details", "reasons", "withdrawn_at")
_ADVICE_COLUMNS = (
    "id",
    "child_id",
    "ref",
    "advice_type",
    "date_sent",
    "date_received",
    "withdrawn_at",
    "recipient_organisation_id",
)


def events_for_children(children: Sequence[Child]) -> dict[int, list[dict[str, Any]]]:
    """`events_for_child` for many children, in a number of queries that does not grow with them.

    The children's casework records are prefetched onto the given instances, and each app's
    batch source prefetches its own; a source without one is asked child by child.
    """
    children = list(children)
    # Only standing steps: a step withdrawn as recorded in error is not counted (decision 0100),
    # and every batch source that reads `events` after this gets the same list.
    # Only the columns the sources read: a night reads millions of these records, and the
    # correction bookkeeping and free text would be most of what is loaded for nothing.
    attach_related(
        children,
        "events",
        CaseEvent.objects.standing().only(*_EVENT_COLUMNS),
        by="child_id",
    )
    attach_related(
        children,
        "advice_requests",
        AdviceRequest.objects.standing().only(*_ADVICE_COLUMNS),
        by="child_id",
    )
    by_child = {child.pk: casework_events(child) for child in children}
    for source in registry.event_sources:
        batch = registry.batch_event_sources.get(source)
        if batch is not None:
            from_source = batch(children)
            for child in children:
                by_child[child.pk].extend(from_source.get(child.pk, ()))
        else:
            for child in children:
                by_child[child.pk].extend(source(child))
    return by_child


def validate_events(events: Sequence[dict[str, Any]]) -> None:
    """Raise the engine's InputError if the events do not make a valid document."""
    parse_document({"events": list(events)})


def next_due_of(rows: Iterable[Any]) -> date | None:
    """When a child's next open deadline that professionals act on is due, from their rows
    (anything with `rule`, `kind`, `due`, `met_on` and `actor`): a deadline to act by, not met,
    not a note for information and not the family's own window. The case list's "what is needed
    next" reads the same rows (`selectors_caseload._open_work`)."""
    dues = [
        row.due
        for row in rows
        if row.kind == "by"
        and row.met_on is None
        and row.rule not in _INFORMATIONAL
        and row.actor != FAMILY_ACTOR
    ]
    return min(dues, default=None)


def _store_next_due(changed: dict[int, date | None]) -> None:
    """Write children's `next_due` (derived data: no version, no history row), a batch's in one
    statement."""
    Child.objects.bulk_update(
        [Child(pk=child_id, next_due=due) for child_id, due in changed.items()], ["next_due"]
    )


@transaction.atomic
def deadlines_recompute(*, child: Child, today: date | None = None) -> list[Deadline]:
    """Replace the child's rows in the deadline table with the engine's answer."""
    _, events = parse_document({"events": events_for_child(child)})
    rows = _deadline_rows(
        child, events, today=today or today_in_london(), calendar=working_day_calendar()
    )
    child.deadlines.all().delete()
    saved = Deadline.objects.bulk_create(rows)
    # Written whatever the instance holds: another copy of the child may have changed it.
    child.next_due = next_due_of(saved)
    _store_next_due({child.pk: child.next_due})
    for hook in registry.recomputed_hooks:
        hook(child, saved)
    return saved


def _deadline_rows(
    child: Child, events: Sequence[Event], *, today: date, calendar: WorkingDayCalendar
) -> list[Deadline]:
    """The engine's per-case answer (with explanations) as unsaved deadline rows."""
    traced = compute_traced(events, today=today, calendar=calendar)
    results = [result for result, _ in traced]
    advice_by_ref = {a.ref: a for a in child.advice_requests.all()}
    organisations_by_rule = {
        rule: source(child)
        for rule, source in registry.deadline_organisations.items()
        if any(r["rule"] == rule for r in results)
    }
    owner = child.owner_copies()
    rows = []
    for result, clock in traced:
        organisation_id = child.local_authority_id
        if result["rule"] == "advice.response" and result["ref"] in advice_by_ref:
            organisation_id = advice_by_ref[result["ref"]].recipient_organisation_id
        elif result["rule"] in organisations_by_rule:
            organisation_id = organisations_by_rule[result["rule"]].get(
                result["ref"] or "", organisation_id
            )
        rows.append(
            Deadline(
                child=child,
                rule=result["rule"],
                ref=result["ref"] or "",
                kind=result["kind"],
                due=date.fromisoformat(result["due"]),
                status=result["status"],
                met_on=date.fromisoformat(result["met_on"]) if result["met_on"] else None,
                actor=result["actor"],
                citation=result["citation"],
                evidence=result["evidence"],
                explanation=result["explanation"],
                title=deadline_title(result["rule"], result["citation"]),
                informational=result["rule"] in _INFORMATIONAL,
                organisation_id=organisation_id,
                start_event=clock.start_type,
                start_date=clock.start,
                **owner,
            )
        )
    return rows


# The stored fields that say what a row is; `id` and `computed_at` are bookkeeping.
_ROW_FIELDS = (
    "rule",
    "ref",
    "kind",
    "due",
    "status",
    "met_on",
    "actor",
    "citation",
    "evidence",
    "explanation",
    "title",
    "informational",
    "organisation_id",
    "start_event",
    "start_date",
    *OWNER_COLUMNS,
)
# What the bulk path gives: enough to tell whether a child's rows changed.
_KEY_FIELDS = ("rule", "ref", "kind", "due", "status", "met_on", "actor")


class _KeyRow(NamedTuple):
    """A bulk row by its `_KEY_FIELDS`, for `next_due_of`."""

    rule: str
    ref: str
    kind: str
    due: date
    status: str
    met_on: date | None
    actor: str


@dataclass
class BatchOutcome:
    """What one batch of the recompute did."""

    children: int = 0
    bulk_checked: int = 0  # children with stored rows, checked through the bulk path
    changed_children: int = 0
    rows_written: int = 0  # inserted
    rows_deleted: int = 0
    refused: dict[int, list[str]] = field(default_factory=dict)  # child id: the engine's problems


def deadlines_recompute_batch(
    child_ids: Sequence[int], *, today: date, calendar: WorkingDayCalendar
) -> BatchOutcome:
    """Bring many children's rows in the deadline table up to date, writing only what changed.

    1. Each app's batch source gives every child's events in a fixed number of queries.
    2. The engine's bulk path (`redress.statutory.bulk`) computes every deadline of the batch
       at once: rule, ref, due date, status and the date it was met, without explanations.
    3. Children whose stored rows already say exactly that are left alone. For the others, the
       per-case path gives the full rows (citation, evidence, explanation: the same legal
       decisions, `redress.statutory.bulk` is checked against it on every case by the engine's
       benchmark), and only rows that differ from the stored ones are deleted and inserted.

    A child whose records the engine refuses keeps its rows and is reported in `refused`.
    """
    outcome = BatchOutcome()
    children = list(Child.objects.filter(among("pk", child_ids)).order_by("pk"))
    outcome.children = len(children)
    events_by_child = events_for_children(children)
    valid: list[Child] = []
    cases: list[list[Event]] = []
    for child in children:
        try:
            _, events = parse_document({"events": events_by_child[child.pk]})
        except InputError as exc:
            outcome.refused[child.pk] = list(exc.problems)
            continue
        valid.append(child)
        cases.append(events)
    stored: dict[int, Counter[tuple[Any, ...]]] = defaultdict(Counter)
    # Rows stored before rows recorded their start event are rewritten once, to gain it.
    untraced: set[int] = set()
    # Rows whose copies of the child's authority, caseworker and team are not the child's own.
    owner_of = {child.pk: tuple(child.owner_copies().values()) for child in valid}
    stale_owner: set[int] = set()
    owned = len(OWNER_COLUMNS)
    for child_id, start_event, *values in Deadline.objects.filter(
        among("child_id", [child.pk for child in valid])
    ).values_list("child_id", "start_event", *OWNER_COLUMNS, *_KEY_FIELDS):
        stored[child_id][tuple(values[owned:])] += 1
        if not start_event:
            untraced.add(child_id)
        if tuple(values[:owned]) != owner_of[child_id]:
            stale_owner.add(child_id)
    position = {child.pk: i for i, child in enumerate(valid)}
    # A child with no stored rows is written whatever the engine says: only the others need the
    # bulk path's answer to tell whether anything changed.
    known = [child for child in valid if child.pk in stored]
    bulk = compute_bulk([cases[position[c.pk]] for c in known], today=today, calendar=calendar)
    fresh: dict[int, Counter[tuple[Any, ...]]] = defaultdict(Counter)
    for index, row in bulk.rows():
        fresh[known[index].pk][
            (
                row["rule"],
                row["ref"] or "",
                row["kind"],
                date.fromisoformat(row["due"]),
                row["status"],
                date.fromisoformat(row["met_on"]) if row["met_on"] else None,
                row["actor"],
            )
        ] += 1
    changed = [
        child
        for child in valid
        if child.pk not in stored or child.pk in untraced or fresh[child.pk] != stored[child.pk]
    ]
    outcome.bulk_checked = len(known)
    outcome.changed_children = len(changed)
    new_rows: list[Deadline] = []
    for child in changed:
        new_rows.extend(
            _deadline_rows(child, cases[position[child.pk]], today=today, calendar=calendar)
        )
    # Each child's next due date, from the rows as they will stand; a child whose stored date
    # differs (rows just changed, or a date never stored) has it written. The night's run so
    # also mends a date a direct write to the table left behind.
    new_by_child: dict[int, list[Deadline]] = defaultdict(list)
    for new_row in new_rows:
        new_by_child[new_row.child_id].append(new_row)
    changed_ids = {child.pk for child in changed}
    next_due: dict[int, date | None] = {}
    for child in valid:
        if child.pk in changed_ids:
            due = next_due_of(new_by_child[child.pk])
        else:
            due = next_due_of(_KeyRow(*key) for key in fresh[child.pk].elements())
        if due != child.next_due:
            next_due[child.pk] = due
    if next_due:
        _store_next_due(next_due)
    # Rows rewritten below take the child's copies with them; the others are mended in place.
    _store_owner({child_id: owner_of[child_id] for child_id in stale_owner - changed_ids})
    if not changed:
        return outcome
    # Match the new rows against the stored ones field by field: an unchanged row stays as it
    # is (same id, same computed_at); the rest are replaced.
    existing: dict[tuple[Any, ...], list[int]] = defaultdict(list)
    for pk, child_id, *values in Deadline.objects.filter(
        among("child_id", [child.pk for child in changed])
    ).values_list("pk", "child_id", *_ROW_FIELDS):
        existing[(child_id, *values)].append(pk)
    to_insert: list[Deadline] = []
    for new in new_rows:
        ids = existing.get((new.child_id, *(getattr(new, f) for f in _ROW_FIELDS)))
        if ids:
            ids.pop()
        else:
            to_insert.append(new)
    to_delete = [pk for ids in existing.values() for pk in ids]
    with transaction.atomic():
        if to_delete:
            Deadline.objects.filter(among("pk", to_delete)).delete()
        _insert(to_insert)
    outcome.rows_deleted = len(to_delete)
    outcome.rows_written = len(to_insert)
    return outcome


def _store_owner(stale: dict[int, tuple[Any, ...]]) -> None:
    """Write the child's copies on its rows, one statement for each owner a batch holds."""
    by_owner: dict[tuple[Any, ...], list[int]] = defaultdict(list)
    for child_id, owner in stale.items():
        by_owner[owner].append(child_id)
    for owner, child_ids in by_owner.items():
        Deadline.objects.filter(among("child_id", child_ids)).update(
            **dict(zip(OWNER_COLUMNS, owner, strict=True))
        )


def _insert(rows: list[Deadline]) -> None:
    """Insert new rows (COPY on PostgreSQL, redress.core.bulk_insert)."""
    insert_rows(Deadline, rows)


__all__ = [
    "BatchOutcome",
    "deadlines_recompute",
    "deadlines_recompute_batch",
    "events_for_child",
    "attach_related",
    "events_for_children",
    "next_due_of",
    "prefetched",
    "validate_events",
]
