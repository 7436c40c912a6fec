"""Bringing a caseload in from another system's CSV files (layout in `layout.py`).

Each file is imported whole or not at all: every row is checked, and if any is refused nothing
from that file is kept and every refused row is named with why. Rows already imported from the
same source (matched by the source system's id) create nothing, so running an import twice
changes nothing. A row that changed in the source since it was imported updates its record when
the record is a child, a family member or an organisation's contact details (through the same
checks, kept in the history and audited); a changed recorded step is reported, field by field,
for a caseworker to correct on the case, because a step's date is corrected with its reason
(redress/core/corrections.py), never overwritten by an import. Every record created is audited
with its source, file, line and id, and the deadlines of every child touched are recomputed at
the end. A dry run does all of this inside a transaction that is rolled back, so it reports
exactly what a real import would refuse and change.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction

from redress.accounts.models import Organisation
from redress.appeals.models import Appeal
from redress.audit.services import audit_record
from redress.casework.deadlines import deadlines_recompute, events_for_child, validate_events
from redress.casework.models import AdviceRequest, CaseEvent, Child, FamilyMember
from redress.casework.services import _plausibility, child_update
from redress.imports.layout import (
    BY_NAME,
    EVENT_TYPES,
    FILES,
    MAX_BYTES,
    ORGANISATION_KINDS,
    FileLayout,
)
from redress.imports.models import ImportedRecord
from redress.mediation.models import MediationCase, MediationMeeting
from redress.plans.models import Placement, Plan, ReviewCycle, ReviewStep
from redress.statutory import InputError
from redress.statutory.engine import today_in_london


@dataclass(frozen=True)
class Refusal:
    line: int  # 0: the file as a whole
    source_id: str
    reason: str


@dataclass(frozen=True)
class Change:
    """One column of a row that changed in the source since it was imported."""

    line: int
    source_id: str
    column: str
    old: str
    new: str
    # False: a recorded step (or a column that only a caseworker may change): reported, for a
    # caseworker to correct on the case, not changed by the import.
    applied: bool


STEP_CHANGED = "changed in the source: correct it on the case"


@dataclass
class FileReport:
    name: str
    rows: int = 0
    created: int = 0
    already: int = 0
    updated: int = 0
    refusals: list[Refusal] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)

    @property
    def to_correct(self) -> list[Change]:
        return [c for c in self.changes if not c.applied]

    @property
    def rows_to_correct(self) -> int:
        return len({c.line for c in self.to_correct})

    @property
    def kept(self) -> bool:
        return not self.refusals


@dataclass
class ImportReport:
    source: str
    dry_run: bool
    files: list[FileReport] = field(default_factory=list)
    children_recomputed: int = 0

    @property
    def refused(self) -> bool:
        return any(f.refusals for f in self.files)


class _Refused(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def decode_csv(content: bytes) -> list[dict[str, str]]:
    """The rows of a UTF-8 CSV file with a header row, or _Refused saying what is wrong."""
    if len(content) > MAX_BYTES:
        raise _Refused(f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB.")
    if b"\x00" in content:
        raise _Refused("The file is not a CSV text file (it contains binary data).")
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise _Refused(
            f"The file is not UTF-8 text (a byte at position {error.start} cannot be read). "
            "Save it as 'CSV UTF-8' and try again."
        ) from None
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
        rows = [
            {(k or "").strip(): (v or "").strip() for k, v in row.items() if k is not None}
            for row in reader
        ]
    except csv.Error as error:
        raise _Refused(f"The file is not valid CSV: {error}.") from None
    if reader.fieldnames is None:
        raise _Refused("The file is empty: the first row must name the columns.")
    return rows


class _Importer:
    def __init__(self, *, authority: Organisation, source: str, actor: Any, today: date) -> None:
        self.authority = authority
        self.source = source
        self.actor = actor if getattr(actor, "is_authenticated", False) else None
        self.today = today
        self.touched: set[int] = set()
        self.new_events: list[tuple[int, str, CaseEvent]] = []
        self.row: dict[str, str] = {}

    # -- matching -------------------------------------------------------------------------

    def _record(self, kind: str, source_id: str) -> ImportedRecord | None:
        return ImportedRecord.objects.filter(
            source=self.source, kind=kind, source_id=source_id
        ).first()

    def _lookup(self, kind: str, model: type[models.Model], source_id: str, column: str) -> Any:
        record = self._record(kind, source_id)
        if record is None:
            raise _Refused(f"{column} {source_id!r} was not imported from {self.source}")
        return model._default_manager.get(pk=record.object_id)

    def child(self, source_id: str) -> Child:
        child: Child = self._lookup("child", Child, source_id, "child_id")
        if child.local_authority_id != self.authority.pk:
            raise _Refused(f"child_id {source_id!r} belongs to another authority")
        return child

    def organisation(self, source_id: str, column: str) -> Organisation:
        organisation: Organisation = self._lookup("organisation", Organisation, source_id, column)
        return organisation

    def remember(
        self,
        kind: str,
        source_id: str,
        obj: models.Model,
        file: str,
        line: int,
        child: Child | None,
    ) -> None:
        ImportedRecord.objects.create(
            source=self.source,
            kind=kind,
            source_id=source_id,
            object_type=ContentType.objects.get_for_model(obj),
            object_id=obj.pk,
            file_name=file,
            line=line,
            imported_by=self.actor,
            row=self.row,
        )
        audit_record(
            actor=self.actor,
            action="create",
            obj=obj,
            child=child,
            summary=f"Imported from {self.source}: {file} line {line} ({kind} {source_id})",
        )
        if child is not None:
            self.touched.add(child.pk)

    # -- values ---------------------------------------------------------------------------

    @staticmethod
    def date(row: Mapping[str, str], column: str, *, required: bool = False) -> date | None:
        value = row.get(column, "")
        if not value:
            if required:
                raise _Refused(f"{column} is empty")
            return None
        try:
            when = date.fromisoformat(value)
        except ValueError:
            raise _Refused(f"{column} {value!r} is not a date written YYYY-MM-DD") from None
        return when

    def past_date(self, row: Mapping[str, str], column: str, *, required: bool = False) -> Any:
        when = self.date(row, column, required=required)
        if when is not None and when > self.today:
            raise _Refused(f"{column} {when.isoformat()} is in the future")
        return when

    @staticmethod
    def choice(row: Mapping[str, str], column: str, allowed: tuple[str, ...]) -> str:
        value = row.get(column, "")
        if value not in allowed:
            raise _Refused(f"{column} {value!r} is not one of: {', '.join(allowed)}")
        return value

    @staticmethod
    def clean(obj: models.Model, exclude: list[str] | None = None) -> None:
        try:
            obj.full_clean(exclude=exclude)
        except ValidationError as error:
            problems = "; ".join(
                f"{name}: {' '.join(messages)}" for name, messages in error.message_dict.items()
            )
            raise _Refused(problems) from None

    # -- rows -----------------------------------------------------------------------------

    def settings(self, row: Mapping[str, str], line: int) -> None:
        kind = row.get("kind") or "setting"
        if kind not in ORGANISATION_KINDS:
            raise _Refused(f"kind {kind!r} is not one of: {', '.join(ORGANISATION_KINDS)}")
        existing = Organisation.objects.filter(name=row["name"], kind=kind).first()
        organisation = existing or Organisation(
            name=row["name"],
            kind=kind,
            email=row.get("email", ""),
            phone=row.get("phone", ""),
            address=row.get("address", ""),
        )
        if existing is None:
            self.clean(organisation)
            organisation.save()
            if kind != "setting":
                organisation.serves.add(self.authority)
        self.remember("organisation", row["setting_id"], organisation, "settings.csv", line, None)

    def children(self, row: Mapping[str, str], line: int) -> None:
        setting = (
            self.organisation(row["setting_id"], "setting_id") if row.get("setting_id") else None
        )
        child = Child(
            first_name=row["first_name"],
            last_name=row["last_name"],
            date_of_birth=self.past_date(row, "date_of_birth", required=True),
            upn=row.get("upn", "").upper(),
            uln=row.get("uln", ""),
            local_authority=self.authority,
            setting=setting,
            team=row.get("team", ""),
        )
        self.clean(child)
        child.save()
        self.remember("child", row["child_id"], child, "children.csv", line, child)

    def family_members(self, row: Mapping[str, str], line: int) -> None:
        child = self.child(row["child_id"])
        member = FamilyMember(
            child=child,
            name=row["name"],
            relationship=self.choice(row, "relationship", tuple(FamilyMember.Relationship.values)),
            email=row.get("email", ""),
            phone=row.get("phone", ""),
            address=row.get("address", ""),
        )
        self.clean(member)
        member.save()
        self.remember("family_member", row["member_id"], member, "family_members.csv", line, child)

    def requests(self, row: Mapping[str, str], line: int) -> None:
        child = self.child(row["child_id"])
        event_type = self.choice(row, "type", EVENT_TYPES)
        details: dict[str, str] = {}
        decisions = {
            "assessment_decision": ("assess", "not_assess"),
            "plan_decision": ("issue", "not_issue"),
        }
        if event_type in decisions:
            details["decision"] = self.choice(row, "decision", decisions[event_type])
        elif row.get("decision"):
            raise _Refused(f"a {event_type} has no decision: leave decision empty")
        event = CaseEvent(
            child=child,
            type=event_type,
            date=self.past_date(row, "date", required=True),
            details=details,
            reasons=f"Imported from {self.source}",
            recorded_by=self.actor,
        )
        self.clean(event, exclude=["recorded_by"])
        event.save()
        self.remember("case_event", row["event_id"], event, "requests.csv", line, child)
        self.new_events.append((line, row["event_id"], event))

    def plans(self, row: Mapping[str, str], line: int) -> None:
        child = self.child(row["child_id"])
        draft = self.past_date(row, "draft_issued_on")
        issued = self.past_date(row, "issued_on")
        if draft and issued and issued < draft:
            raise _Refused("issued_on is before draft_issued_on")
        number = (
            child.plans.aggregate(models.Max("version_number"))["version_number__max"] or 0
        ) + 1
        plan = Plan(
            child=child,
            version_number=number,
            status=Plan.Status.FINAL if issued else Plan.Status.DRAFT,
            draft_issued_on=draft,
            issued_on=issued,
            created_by=self.actor,
        )
        self.clean(plan, exclude=["created_by", "supersedes", "review"])
        plan.save()
        institution = (
            self.organisation(row["setting_id"], "setting_id") if row.get("setting_id") else None
        )
        placement = Placement(
            plan=plan, institution=institution, institution_type=row["institution_type"]
        )
        self.clean(placement)
        placement.save()
        meeting = self.past_date(row, "review_meeting_on")
        decided = self.past_date(row, "review_decision_on")
        if meeting or decided:
            if not issued:
                raise _Refused("a review needs the plan's issued_on")
            if decided and meeting and decided < meeting:
                raise _Refused("review_decision_on is before review_meeting_on")
            cycle = ReviewCycle.objects.create(
                child=child, plan=plan, meeting_planned_for=meeting, created_by=self.actor
            )
            if meeting:
                ReviewStep.objects.create(
                    cycle=cycle,
                    kind=ReviewStep.Kind.MEETING_HELD,
                    date=meeting,
                    recorded_by=self.actor,
                )
            if decided:
                ReviewStep.objects.create(
                    cycle=cycle,
                    kind=ReviewStep.Kind.DECISION,
                    date=decided,
                    decision=self.choice(row, "review_decision", ("maintain", "amend", "cease")),
                    recorded_by=self.actor,
                )
        self.remember("plan", row["plan_id"], plan, "plans.csv", line, child)

    def advice_requests(self, row: Mapping[str, str], line: int) -> None:
        child = self.child(row["child_id"])
        advice_type = self.choice(row, "advice_type", tuple(AdviceRequest.AdviceType.values))
        sent = self.past_date(row, "date_sent", required=True)
        received = self.past_date(row, "date_received")
        if received and sent and received < sent:
            raise _Refused("date_received is before date_sent")
        number = child.advice_requests.filter(advice_type=advice_type).count() + 1
        while child.advice_requests.filter(ref=f"{advice_type}-{number}").exists():
            number += 1
        advice = AdviceRequest(
            child=child,
            ref=f"{advice_type}-{number}",
            advice_type=advice_type,
            recipient_organisation=self.organisation(row["recipient_id"], "recipient_id"),
            commissioned_by=self.authority,
            date_sent=sent,
            date_received=received,
        )
        self.clean(advice, exclude=["document", "recipient_person", "paid_by"])
        advice.save()
        self.remember(
            "advice_request", row["advice_id"], advice, "advice_requests.csv", line, child
        )

    def mediation(self, row: Mapping[str, str], line: int) -> None:
        from datetime import time

        child = self.child(row["child_id"])
        provider = self.organisation(row["provider_id"], "provider_id")
        if provider.kind != Organisation.Kind.MEDIATION_PROVIDER:
            raise _Refused(f"provider_id {row['provider_id']!r} is not a mediation provider")
        held = self.past_date(row, "held_on")
        case = MediationCase(
            child=child,
            provider=provider,
            decision=self.choice(row, "decision", tuple(MediationCase.Decision.values)),
            decision_notice_date=self.past_date(row, "decision_notice_date", required=True),
            adviser_contacted_on=self.past_date(row, "adviser_contacted_on"),
            family_choice=self.choice(row, "family_choice", ("", "wishes", "declined")),
            outcome=self.choice(row, "outcome", ("", "agreement", "partial", "no_agreement")),
            concluded_on=held if row.get("outcome") else None,
            created_by=self.actor,
        )
        if case.adviser_contacted_on and case.adviser_contacted_on < case.decision_notice_date:
            raise _Refused("adviser_contacted_on is before decision_notice_date")
        if held and held < case.decision_notice_date:
            raise _Refused("held_on is before decision_notice_date")
        self.clean(
            case,
            exclude=[
                "created_by",
                "adviser",
                "mediator",
                "case_manager",
                "health_commissioner",
                "family_request",
            ],
        )
        case.save()
        if held:
            MediationMeeting.objects.create(
                case=case,
                meeting_date=held,
                start_time=time(10, 0),
                status="held",
                scheduled_on=held,
                held_on=held,
            )
        self.remember("mediation_case", row["mediation_id"], case, "mediation.csv", line, child)

    def appeals(self, row: Mapping[str, str], line: int) -> None:
        child = self.child(row["child_id"])
        appeal = Appeal(
            child=child,
            decision=self.choice(row, "decision", tuple(Appeal.Decision.values)),
            decision_notice_date=self.past_date(row, "decision_notice_date", required=True),
            lodged_on=self.past_date(row, "lodged_on", required=True),
            tribunal_reference=row.get("tribunal_reference", ""),
            hearing_on=self.date(row, "hearing_on"),
            outcome=self.choice(row, "outcome", ("", *Appeal.Outcome.values)),
            outcome_on=self.past_date(row, "outcome_on"),
            created_by=self.actor,
        )
        if appeal.lodged_on < appeal.decision_notice_date:
            raise _Refused("lodged_on is before decision_notice_date")
        if bool(appeal.outcome) != bool(appeal.outcome_on):
            raise _Refused("outcome and outcome_on go together: give both or neither")
        self.clean(
            appeal,
            exclude=[
                "created_by",
                "cessation",
                "mediation_certificate",
                "health_commissioner",
                "social_care",
            ],
        )
        appeal.save()
        self.remember("appeal", row["appeal_id"], appeal, "appeals.csv", line, child)

    # -- a row imported before ------------------------------------------------------------

    def _source_id(self, kind: str, pk: int | None) -> str:
        if pk is None:
            return ""
        return (
            ImportedRecord.objects.filter(source=self.source, kind=kind, object_id=pk)
            .values_list("source_id", flat=True)
            .first()
            or ""
        )

    def _as_row(self, kind: str, obj: Any) -> dict[str, str] | None:
        """A record imported before its row was kept, as the row that would give it now; None
        for the kinds where that cannot be said (their row is kept from this run on)."""
        if kind == "child":
            return {
                "first_name": obj.first_name,
                "last_name": obj.last_name,
                "date_of_birth": obj.date_of_birth.isoformat(),
                "upn": obj.upn,
                "uln": obj.uln,
                "setting_id": self._source_id("organisation", obj.setting_id),
                "team": obj.team,
            }
        if kind == "family_member":
            return {
                "child_id": self._source_id("child", obj.child_id),
                "name": obj.name,
                "relationship": obj.relationship,
                "email": obj.email,
                "phone": obj.phone,
                "address": obj.address,
            }
        if kind == "organisation":
            return {
                "name": obj.name,
                "kind": obj.kind,
                "email": obj.email,
                "phone": obj.phone,
                "address": obj.address,
            }
        if kind == "case_event":
            return self._event_row(obj)
        return None

    def _event_row(self, event: CaseEvent) -> dict[str, str]:
        return {
            "child_id": self._source_id("child", event.child_id),
            "type": event.type,
            "date": event.date.isoformat(),
            "decision": str(event.details.get("decision", "")),
        }

    def reimport(
        self, layout: FileLayout, record: ImportedRecord, row: Mapping[str, str], line: int
    ) -> list[Change]:
        """Compare a row imported before with the row as it was taken in; update what may be
        updated and return every changed column (empty when nothing changed)."""
        obj: Any = record.object_type.get_object_for_this_type(pk=record.object_id)
        columns = [c.name for c in layout.columns[1:] if c.name in row]
        kept = record.row or self._as_row(record.kind, obj)
        if kept is None:
            record.row = {c: row.get(c, "") for c in columns}
            record.save(update_fields=["row"])
            return []
        changed = [c for c in columns if row.get(c, "") != str(kept.get(c, ""))]
        if record.kind == "case_event" and changed:
            # Already corrected on the case to what the source now says: nothing to do.
            now = self._event_row(obj)
            changed = [c for c in changed if row.get(c, "") != now.get(c, "")]
        if not changed:
            # Nothing to do: keep the row as the source has it now, so that a later correction
            # made in Redress is not mistaken for a change in the source.
            current = {**kept, **{c: row.get(c, "") for c in columns}}
            if record.row != current:
                record.row = current
                record.save(update_fields=["row"])
            return []
        source_id = row[layout.columns[0].name]
        updaters: dict[str, Callable[..., set[str]]] = {
            "child": self._update_child,
            "family_member": self._update_family_member,
            "organisation": self._update_organisation,
        }
        updater = updaters.get(record.kind)
        applied: set[str] = set()
        if updater is not None:
            applied = updater(obj, row, changed, f"{layout.file_name} line {line}", source_id)
        changes = [
            Change(line, source_id, c, str(kept.get(c, "")), row.get(c, ""), c in applied)
            for c in changed
        ]
        if applied:
            record.row = {**kept, **{c: row.get(c, "") for c in applied}}
            record.line = line
            record.save(update_fields=["row", "line"])
        return changes

    def _updated(
        self, obj: models.Model, child: Child | None, where: str, source_id: str, names: list[str]
    ) -> None:
        audit_record(
            actor=self.actor,
            action="update",
            obj=obj,
            child=child,
            summary=(
                f"Updated from {self.source}: {where} ({source_id}) changed " + ", ".join(names)
            )[:300],
        )

    def _update_child(
        self, child: Child, row: Mapping[str, str], changed: list[str], where: str, source_id: str
    ) -> set[str]:
        if child.local_authority_id != self.authority.pk:
            raise _Refused(f"child_id {source_id!r} belongs to another authority")
        values: dict[str, Any] = {
            "first_name": child.first_name,
            "last_name": child.last_name,
            "date_of_birth": child.date_of_birth,
            "setting": child.setting,
            "team": child.team,
            "upn": child.upn,
            "uln": child.uln,
        }
        for column in changed:
            if column == "date_of_birth":
                values["date_of_birth"] = self.past_date(row, column, required=True)
            elif column == "setting_id":
                values["setting"] = (
                    self.organisation(row[column], column) if row.get(column) else None
                )
            elif column == "upn":
                values["upn"] = row[column].upper()
            elif column in values:
                values[column] = row[column]
        child._change_reason = f"Imported from {self.source}: {where}"  # type: ignore[attr-defined]
        try:
            child_update(
                actor=self.actor,
                child=child,
                caseworker=child.caseworker,
                young_person_views=child.young_person_views,
                expected_version=None,
                **values,
            )
        except ValidationError as error:
            raise _Refused(
                "; ".join(f"{k}: {' '.join(v)}" for k, v in error.message_dict.items())
            ) from None
        self._updated(child, child, where, source_id, changed)
        self.touched.add(child.pk)
        return set(changed)

    @transaction.atomic
    def _update_family_member(
        self,
        member: FamilyMember,
        row: Mapping[str, str],
        changed: list[str],
        where: str,
        source_id: str,
    ) -> set[str]:
        # Moving a family member to another child is not an update a file can make.
        fields = [c for c in changed if c in ("name", "relationship", "email", "phone", "address")]
        if not fields:
            return set()
        if member.child.local_authority_id != self.authority.pk:
            raise _Refused(f"member_id {source_id!r} belongs to another authority's child")
        for column in fields:
            if column == "relationship":
                member.relationship = self.choice(
                    row, column, tuple(FamilyMember.Relationship.values)
                )
            else:
                setattr(member, column, row[column])
        if not (member.email.strip() or member.phone.strip() or member.address.strip()):
            raise _Refused("a family member needs at least one of email, phone or address")
        self.clean(member, exclude=["user"])
        member._change_reason = f"Imported from {self.source}: {where}"  # type: ignore[attr-defined]
        member.save()
        self._updated(member, member.child, where, source_id, fields)
        return set(fields)

    @transaction.atomic
    def _update_organisation(
        self,
        organisation: Organisation,
        row: Mapping[str, str],
        changed: list[str],
        where: str,
        source_id: str,
    ) -> set[str]:
        # Name and kind are how the organisation was found: changed only on its own page.
        fields = [c for c in changed if c in ("email", "phone", "address")]
        if not fields:
            return set()
        for column in fields:
            setattr(organisation, column, row[column])
        self.clean(organisation)
        organisation._change_reason = (  # type: ignore[attr-defined]
            f"Imported from {self.source}: {where}"
        )
        organisation.save()
        self._updated(organisation, None, where, source_id, fields)
        return set(fields)

    # -- one file -------------------------------------------------------------------------

    def import_file(self, layout: FileLayout, content: bytes) -> FileReport:
        report = FileReport(layout.name)
        try:
            rows = decode_csv(content)
        except _Refused as refused:
            report.refusals.append(Refusal(0, "", refused.reason))
            return report
        header = set(rows[0]) if rows else set()
        missing = [c for c in layout.required if c not in header] if rows else []
        if missing:
            report.refusals.append(
                Refusal(1, "", "The header row lacks the column(s) " + ", ".join(missing))
            )
            return report
        handler: Callable[[Mapping[str, str], int], None] = getattr(self, layout.name)
        id_column = layout.columns[0].name
        seen: dict[str, int] = {}
        touched_here: set[int] = set()
        with transaction.atomic():
            for line, row in enumerate(rows, start=2):
                report.rows += 1
                source_id = row.get(id_column, "")
                try:
                    empty = [c for c in layout.required if not row.get(c)]
                    if empty:
                        raise _Refused(", ".join(empty) + " is empty")
                    if source_id in seen:
                        raise _Refused(
                            f"{id_column} {source_id!r} is also on line {seen[source_id]}"
                        )
                    seen[source_id] = line
                    self.row = {c.name: row.get(c.name, "") for c in layout.columns[1:]}
                    record = self._record(layout.kind, source_id)
                    if record is not None:
                        before = set(self.touched)
                        with transaction.atomic():
                            changes = self.reimport(layout, record, row, line)
                        touched_here |= self.touched - before
                        report.changes.extend(changes)
                        if any(c.applied for c in changes):
                            report.updated += 1
                        elif not changes:
                            report.already += 1
                        continue
                    before = set(self.touched)
                    with transaction.atomic():
                        handler(row, line)
                    touched_here |= self.touched - before
                    report.created += 1
                except _Refused as refused:
                    report.refusals.append(Refusal(line, source_id, refused.reason))
            if layout.name == "requests" and not report.refusals:
                self._sequence_check(report)
            if layout.name in ("requests", "plans", "mediation", "appeals") and not report.refusals:
                self._engine_check(touched_here, report)
            if report.refusals:
                self.touched -= touched_here
                transaction.set_rollback(True)
                report.created = 0
                report.updated = 0
                report.changes = []
        return report

    def _sequence_check(self, report: FileReport) -> None:
        """The same checks as recording each step on screen, made once the whole file is in
        (so its rows may come in any order): a decision needs its request, a plan decision a
        decision to assess, a final plan its draft."""
        for line, source_id, event in self.new_events:
            child = Child.objects.get(pk=event.child_id)
            errors = _plausibility(child, event.type, event.date, event.details, event.reasons)
            for problems in errors.values():
                for problem in problems:
                    report.refusals.append(Refusal(line, source_id, problem))
        self.new_events = []

    def _engine_check(self, children: set[int], report: FileReport) -> None:
        """The engine must accept each touched child's steps as a whole (order, cycles)."""
        ids = {
            r.object_id: r.source_id
            for r in ImportedRecord.objects.filter(
                source=self.source, kind="child", object_id__in=children
            )
        }
        for child in Child.objects.filter(pk__in=children):
            try:
                validate_events(events_for_child(child))
            except InputError as error:
                problems = "; ".join(str(p) for p in getattr(error, "problems", [error]))
                report.refusals.append(
                    Refusal(
                        0,
                        ids.get(child.pk, ""),
                        f"child_id {ids.get(child.pk, child.pk)!r}: the dates do not make a "
                        f"valid case: {problems}",
                    )
                )


def _file_summary(f: FileReport) -> str:
    if not f.kept:
        return f"{f.name} refused"
    words = f"{f.name} {f.created} new"
    if f.updated:
        words += f", {f.updated} updated"
    if f.rows_to_correct:
        words += f", {f.rows_to_correct} changed in the source to correct on the case"
    return words


@transaction.atomic
def caseload_import(
    *,
    files: Mapping[str, bytes],
    authority: Organisation,
    source: str,
    actor: Any = None,
    dry_run: bool = False,
    today: date | None = None,
) -> ImportReport:
    """Import the files given (by layout name: 'children', 'requests', …) in the layout's order."""
    unknown = sorted(set(files) - set(BY_NAME))
    if unknown:
        raise ValueError(f"unknown files: {', '.join(unknown)}")
    importer = _Importer(
        authority=authority, source=source.strip(), actor=actor, today=today or today_in_london()
    )
    report = ImportReport(source=importer.source, dry_run=dry_run)
    for layout in FILES:
        if layout.name in files:
            report.files.append(importer.import_file(layout, files[layout.name]))
    if dry_run:
        transaction.set_rollback(True)
        return report
    for child in Child.objects.filter(pk__in=importer.touched):
        deadlines_recompute(child=child)
    report.children_recomputed = len(importer.touched)
    audit_record(
        actor=importer.actor,
        action="create",
        obj=authority,
        summary=(
            f"Imported a caseload from {importer.source}: "
            + ", ".join(_file_summary(f) for f in report.files)
        )[:300],
    )
    return report
