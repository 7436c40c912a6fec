"""Building the SEN2 person-level return from what Redress records.

`return_build` gathers, for one local authority and one census (reference) date, every child in
the return's scope and the items of each module; `return_xml` writes them as the return's XML.
Nothing here counts a statutory period: whether the 20-week limit's exception applied is read from
the engine's row for `plan.final` in the deadline table.

Scope (see docs/sen2.md): a child is in the return when a request for an EHC needs assessment
received on or before the reference date is still open at that date, or was concluded (a decision
not to assess, not to issue a plan, or a plan issued) in the reporting period (1 January of the
year before the collection to the reference date), or led to a plan that is active at the
reference date or ceased in the reporting period.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from lxml import etree

from redress.accounts.models import Organisation
from redress.casework.models import CaseEvent, Child, Deadline
from redress.sen2.codes import REVIEW_DECISION_OUTCOME

SOFTWARE_CODE = "Redress"
RELEASE = "1"


def census_date(year: int) -> date:
    """The return's default reference date: the third Thursday of January of the collection
    year (the January census day)."""
    first = date(year, 1, 1)
    first_thursday = 1 + (3 - first.weekday()) % 7
    return date(year, 1, first_thursday + 14)


@dataclass
class PlacementItems:
    urn: str = ""
    ukprn: str = ""
    sen_setting: str = ""
    rank: int = 1
    entry_date: date | None = None
    leaving_date: date | None = None
    sen_unit: bool = False
    resourced_provision: bool = False
    placement_id: int | None = None
    described_as: str = ""


@dataclass
class NamedPlan:
    start_date: date
    plan_id: int | None
    placements: list[PlacementItems] = field(default_factory=list)
    cease_date: date | None = None
    cease_reason: str = ""
    cessation_id: int | None = None


@dataclass
class Assessment:
    outcome: str = ""
    outcome_date: date | None = None
    mediation: bool = False
    tribunal: bool = False
    other_mediation: bool = False
    other_tribunal: bool = False
    week20: bool | None = None
    named_plan: NamedPlan | None = None


@dataclass
class ActivePlan:
    transfer_la: str = ""
    review_meeting: date | None = None
    last_review: date | None = None
    review_outcome: str = ""
    # The latest review decision was recorded without saying whether the plan continues.
    review_outcome_unknown: bool = False
    placements: list[PlacementItems] = field(default_factory=list)
    sen_needs: list[tuple[str, int]] = field(default_factory=list)


@dataclass
class Request:
    received: date | None
    outcome: str = ""
    outcome_date: date | None = None
    mediation: bool = False
    tribunal: bool = False
    assessment: Assessment | None = None
    active_plan: ActivePlan | None = None
    event_id: int | None = None
    source: str = ""
    in_youth_accommodation: bool = False
    # A plan transferred in from another authority: the request was made to that authority.
    transfer_event_id: int | None = None
    transfer_la: str = ""


@dataclass
class Person:
    child_id: int
    surname: str
    forename: str
    birth_date: date
    sex: str = ""
    ethnicity: str = ""
    postcode: str = ""
    upn: str = ""
    uln: str = ""
    upn_unknown: str = ""
    requests: list[Request] = field(default_factory=list)

    @property
    def name(self) -> str:
        return f"{self.forename} {self.surname}"


@dataclass
class Sen2Return:
    year: int
    reference_date: date
    period_start: date
    authority: Organisation
    la_code: str
    persons: list[Person]
    generated_at: datetime


# -- Gathering -------------------------------------------------------------------------------


def _children(authority: Organisation) -> Iterator[Child]:
    """The authority's children in chunks, each with what the return reads prefetched."""
    queryset = (
        Child.objects.filter(local_authority=authority)
        .select_related("sen2_items")
        .prefetch_related(
            "events__sen2_request",
            "events__sen2_transfer",
            "plans__placement__sen2_items",
            "plans__cessations__sen2_items",
            "review_cycles__steps",
            "mediation_cases__meetings",
            "appeals",
        )
        .order_by("last_name", "first_name", "id")
    )
    yield from queryset.iterator(chunk_size=200)


def _placement(plan: Any) -> list[PlacementItems]:
    placement = getattr(plan, "placement", None) if plan is not None else None
    if placement is None:
        return []
    items = getattr(placement, "sen2_items", None)
    row = PlacementItems(placement_id=placement.pk, described_as=placement.name)
    if items is not None:
        row.urn, row.ukprn, row.sen_setting = items.urn, items.ukprn, items.sen_setting
        row.entry_date, row.leaving_date = items.entry_date, items.leaving_date
        row.sen_unit, row.resourced_provision = items.sen_unit, items.resourced_provision
    return [row]


def _person(child: Child, reference_date: date, period_start: date) -> Person | None:
    # A step withdrawn as recorded in error is not returned (decision 0100): no event, plan
    # version, cessation or review step so withdrawn counts.
    standing = (e for e in child.events.all() if e.withdrawn_at is None)
    events = sorted(standing, key=lambda e: (e.date, e.id))
    plans = sorted(
        (p for p in child.plans.all() if not p.withdrawn), key=lambda p: p.version_number
    )
    first_plans = [p for p in plans if p.supersedes_id is None and p.issued_on is not None]
    cessations = [
        c
        for p in plans
        for c in p.cessations.all()
        if c.ceased_on is not None
        and c.ceased_on <= reference_date
        and not c.overturned
        and not c.withdrawn
    ]
    mediated = {
        (m.decision, m.decision_notice_date)
        for m in child.mediation_cases.all()
        if not m.withdrawn
        and any(meeting.status == "held" and not meeting.withdrawn for meeting in m.meetings.all())
    }
    appealed = {(a.decision, a.decision_notice_date) for a in child.appeals.all()}

    requests = [e for e in events if e.type == CaseEvent.Type.ASSESSMENT_REQUESTED]
    person = Person(
        child_id=child.pk,
        surname=child.last_name,
        forename=child.first_name,
        birth_date=child.date_of_birth,
        upn=child.upn,
        uln=child.uln,
    )
    items = getattr(child, "sen2_items", None)
    if items is not None:
        person.sex, person.ethnicity = items.sex, items.ethnicity
        person.postcode, person.upn_unknown = items.postcode.upper(), items.upn_unknown

    transfers = [e for e in events if e.type == CaseEvent.Type.PLAN_TRANSFERRED_IN]
    claimed_plans: set[int] = set()
    # Each request, and each plan transferred in (from the day it was first made), starts the
    # window of steps that belong to it.
    starts: list[tuple[date | None, CaseEvent | None]] = [(e.date, e) for e in requests]
    starts += [(_plan_made(e), e) for e in transfers]
    starts.sort(key=lambda start: start[0] or date.min)
    # A first plan with no request recorded before it still belongs in the return; it is
    # reported with its request missing so the caseworker can record it.
    for first in first_plans:
        issued_on = first.issued_on
        if issued_on is not None and not any(d is not None and d <= issued_on for d, _ in starts):
            starts.insert(0, (None, None))
            break
    for index, (received, event) in enumerate(starts):
        if event is not None and event.date > reference_date:
            continue
        transferred = event is not None and event.type == CaseEvent.Type.PLAN_TRANSFERRED_IN
        # A plan with no request before it owns only what happened before the first request.
        following = starts if received is None else starts[index + 1 :]
        later = [d for d, _ in following if d is not None]
        until = min(later) if later else None

        def in_window(
            when: date, received: date | None = received, until: date | None = until
        ) -> bool:
            return (received is None or when >= received) and (until is None or when < until)

        window = [e for e in events if in_window(e.date) and e.date <= reference_date]
        if transferred:
            assert event is not None
            transfer_items = getattr(event, "sen2_transfer", None)
            request = Request(received=None, transfer_event_id=event.pk)
            request.transfer_la = _transfer_la(event, transfer_items)
            if transfer_items is not None:
                request.received = transfer_items.request_received
                request.source = transfer_items.request_source
        else:
            request = Request(received=received, event_id=event.pk if event else None)
            request_items = getattr(event, "sen2_request", None) if event else None
            if request_items is not None:
                request.source = request_items.request_source
                request.in_youth_accommodation = request_items.in_youth_accommodation
        decision = next((e for e in window if e.type == "assessment_decision"), None)
        plan_decision = next((e for e in window if e.type == "plan_decision"), None)
        final_dates = [e.date for e in window if e.type == "final_plan_issued"]
        plan = next(
            (
                p
                for p in first_plans
                if p.pk not in claimed_plans
                and p.issued_on is not None
                and p.issued_on <= reference_date
                and in_window(p.issued_on)
            ),
            None,
        )
        if plan is not None:
            claimed_plans.add(plan.pk)
            final_dates.append(plan.issued_on)  # type: ignore[arg-type]
        if transferred and received is not None:
            final_dates.append(received)  # the day the old authority first made the plan
        start = min(final_dates) if final_dates else None

        concluded: date | None = None
        if decision is not None:
            assess = decision.details.get("decision") == "assess"
            request.outcome = "A" if assess else "N"
            request.outcome_date = decision.date
            if not assess:
                concluded = decision.date
                request.mediation = ("not_assess", decision.date) in mediated
                request.tribunal = ("not_assess", decision.date) in appealed
        elif start is not None:
            # A plan was issued, so the authority decided to assess; the decision itself was
            # not recorded (an older case). Reported as assessed, dated at the request.
            request.outcome = "A"
            request.outcome_date = None
        if request.outcome == "A":
            assessment = Assessment()
            if plan_decision is not None:
                issue = plan_decision.details.get("decision") == "issue"
                assessment.outcome = "Y" if issue else "N"
                assessment.outcome_date = plan_decision.date
                if not issue:
                    concluded = plan_decision.date
                    assessment.mediation = ("not_issue", plan_decision.date) in mediated
                    assessment.tribunal = ("not_issue", plan_decision.date) in appealed
            elif start is not None:
                assessment.outcome = "Y"
                draft = next((e.date for e in window if e.type == "draft_plan_issued"), None)
                # A transferred plan's assessment was the old authority's: its date is not known.
                assessment.outcome_date = draft or (None if transferred else start)
            if start is not None:
                concluded = start
                named = NamedPlan(start_date=start, plan_id=plan.pk if plan else None)
                named.placements = _placement(plan)
                assessment.other_mediation = ("plan_contents", start) in mediated
                assessment.other_tribunal = ("plan_contents", start) in appealed
                ceased = next(
                    (c for c in cessations if c.ceased_on is not None and c.ceased_on >= start),
                    None,
                )
                if ceased is not None:
                    named.cease_date = ceased.ceased_on
                    named.cessation_id = ceased.pk
                    reason = getattr(ceased, "sen2_items", None)
                    named.cease_reason = reason.cease_reason if reason is not None else ""
                assessment.named_plan = named
            request.assessment = assessment

        named_plan = request.assessment.named_plan if request.assessment else None
        active = named_plan is not None and named_plan.cease_date is None
        recently_ceased = (
            named_plan is not None
            and named_plan.cease_date is not None
            and named_plan.cease_date >= period_start
        )
        in_scope = concluded is None or concluded >= period_start or active or recently_ceased
        if not in_scope:
            continue
        if active and (plan is not None or transferred):
            request.active_plan = _active_plan(child, plans, plan, items, reference_date)
            request.active_plan.transfer_la = request.transfer_la
        person.requests.append(request)
    return person if person.requests else None


def _plan_made(transfer: CaseEvent) -> date:
    """The day a transferred plan was first made, by whichever authority made it."""
    try:
        return date.fromisoformat(str(transfer.details.get("plan_made")))
    except ValueError:
        return transfer.date


def _transfer_la(transfer: CaseEvent, items: Any) -> str:
    """The old authority's code: as recorded for the return, else the code of an authority in
    Redress with the name the caseworker gave."""
    if items is not None and items.from_la_code:
        return str(items.from_la_code)
    name = str(transfer.details.get("from_authority", "")).strip()
    if not name:
        return ""
    code = (
        Organisation.objects.filter(
            kind=Organisation.Kind.LOCAL_AUTHORITY,
            name__iexact=name,
            sen2_details__isnull=False,
        )
        .values_list("sen2_details__la_code", flat=True)
        .first()
    )
    return code or ""


def _active_plan(
    child: Child, plans: list[Any], first: Any, items: Any, reference_date: date
) -> ActivePlan:
    current = first
    # A plan transferred in with no plan in the plans app has no version to read.
    for version in plans if first is not None else []:
        if (
            version.issued_on is not None
            and version.issued_on <= reference_date
            and version.status in ("final", "amended")
            and version.version_number > current.version_number
        ):
            current = version
    active = ActivePlan(placements=_placement(current))
    steps = [s for cycle in child.review_cycles.all() for s in cycle.steps.all() if not s.withdrawn]
    meetings = [s.date for s in steps if s.kind == "meeting_held" and s.date <= reference_date]
    decisions = sorted(
        (s for s in steps if s.kind == "decision" and s.date <= reference_date),
        key=lambda s: (s.date, s.id),
    )
    active.review_meeting = max(meetings) if meetings else None
    if decisions:
        latest = decisions[-1]
        active.last_review = latest.date
        active.review_outcome = REVIEW_DECISION_OUTCOME.get(latest.decision, "")
        active.review_outcome_unknown = not active.review_outcome
    if items is not None:
        if items.sen_type_primary:
            active.sen_needs.append((items.sen_type_primary, 1))
        if items.sen_type_secondary:
            active.sen_needs.append((items.sen_type_secondary, 2))
    return active


def _week20(person: Person) -> None:
    """Item 3.7 from the engine's `plan.final` rows: an exception applied when the row that
    the plan's issue stopped is marked excepted."""
    own = [r for r in person.requests if r.transfer_event_id is None]
    starts = [
        r.assessment.named_plan.start_date
        for r in own
        if r.assessment is not None and r.assessment.named_plan is not None
    ]
    if not starts:
        return
    rows = dict(
        Deadline.objects.filter(
            child_id=person.child_id, rule="plan.final", met_on__in=starts
        ).values_list("met_on", "status")
    )
    for request in own:
        if request.assessment is not None and request.assessment.named_plan is not None:
            status = rows.get(request.assessment.named_plan.start_date)
            request.assessment.week20 = None if status is None else status == "excepted"


def return_build(
    *, authority: Organisation, year: int, reference_date: date | None = None
) -> Sen2Return:
    """The return for one authority: every child in scope, in name order."""
    from django.utils import timezone

    reference_date = reference_date or census_date(year)
    period_start = date(year - 1, 1, 1)
    details = getattr(authority, "sen2_details", None)
    persons = []
    for child in _children(authority):
        person = _person(child, reference_date, period_start)
        if person is not None:
            _week20(person)
            persons.append(person)
    return Sen2Return(
        year=year,
        reference_date=reference_date,
        period_start=period_start,
        authority=authority,
        la_code=details.la_code if details is not None else "",
        persons=persons,
        generated_at=timezone.localtime().replace(microsecond=0, tzinfo=None),
    )


# -- Writing ---------------------------------------------------------------------------------


def _flag(value: bool) -> str:
    return "1" if value else "0"


def _add(parent: Any, tag: str, value: Any) -> None:
    """Add an element only when there is a value: an empty item is left out, so the schema
    names it as missing rather than accepting an empty string."""
    if value is None or value == "":
        return
    if isinstance(value, bool):
        text = _flag(value)
    elif isinstance(value, date):
        text = value.isoformat()
    else:
        text = str(value)
    etree.SubElement(parent, tag).text = text


def _placement_xml(parent: Any, tag: str, row: PlacementItems, *, dates: bool) -> None:
    element = etree.SubElement(parent, tag)
    _add(element, "URN", row.urn)
    _add(element, "UKPRN", row.ukprn)
    _add(element, "SENSetting", "" if (row.urn or row.ukprn) else row.sen_setting)
    _add(element, "PlacementRank", row.rank)
    if dates:
        _add(element, "EntryDate", row.entry_date)
        _add(element, "LeavingDate", row.leaving_date)
    _add(element, "SENunitIndicator", row.sen_unit)
    _add(element, "ResourcedProvisionIndicator", row.resourced_provision)


def return_xml(sen2: Sen2Return) -> bytes:
    root = etree.Element("Message")
    header = etree.SubElement(root, "Header")
    collection = etree.SubElement(header, "CollectionDetails")
    _add(collection, "Collection", "SEN2")
    _add(collection, "Year", sen2.year)
    _add(collection, "ReferenceDate", sen2.reference_date)
    source = etree.SubElement(header, "Source")
    _add(source, "SourceLevel", "L")
    _add(source, "LEA", sen2.la_code)
    _add(source, "SoftwareCode", SOFTWARE_CODE)
    _add(source, "Release", RELEASE)
    _add(source, "SerialNo", 1)
    _add(source, "DateTime", sen2.generated_at.isoformat())
    persons = etree.SubElement(root, "Persons")
    for person in sen2.persons:
        p = etree.SubElement(persons, "Person")
        _add(p, "Surname", person.surname)
        _add(p, "Forename", person.forename)
        _add(p, "PersonBirthDate", person.birth_date)
        _add(p, "Sex", person.sex)
        _add(p, "Ethnicity", person.ethnicity)
        _add(p, "PostCode", person.postcode)
        _add(p, "UPN", person.upn)
        _add(p, "UniqueLearnerNumber", person.uln)
        _add(p, "UPNunknown", "" if (person.upn or person.uln) else person.upn_unknown)
        for request in person.requests:
            r = etree.SubElement(p, "Requests")
            _add(r, "ReceivedDate", request.received)
            _add(r, "RequestSource", request.source)
            _add(r, "RYA", request.in_youth_accommodation)
            _add(r, "RequestOutcomeDate", request.outcome_date)
            _add(r, "RequestOutcome", request.outcome)
            _add(r, "RequestMediation", request.mediation)
            _add(r, "RequestTribunal", request.tribunal)
            if request.assessment is not None:
                a = request.assessment
                ae = etree.SubElement(r, "Assessment")
                _add(ae, "AssessmentOutcome", a.outcome)
                _add(ae, "AssessmentOutcomeDate", a.outcome_date)
                _add(ae, "AssessmentMediation", a.mediation)
                _add(ae, "AssessmentTribunal", a.tribunal)
                _add(ae, "OtherMediation", a.other_mediation)
                _add(ae, "OtherTribunal", a.other_tribunal)
                _add(ae, "Week20", a.week20)
                if a.named_plan is not None:
                    n = a.named_plan
                    ne = etree.SubElement(ae, "NamedPlan")
                    _add(ne, "StartDate", n.start_date)
                    _add(ne, "CeaseDate", n.cease_date)
                    _add(ne, "CeaseReason", n.cease_reason)
                    for row in n.placements:
                        _placement_xml(ne, "PlanDetail", row, dates=False)
            if request.active_plan is not None:
                ap = request.active_plan
                ape = etree.SubElement(r, "ActivePlans")
                _add(ape, "TransferLA", ap.transfer_la)
                _add(ape, "ReviewMeeting", ap.review_meeting)
                _add(ape, "LastReview", ap.last_review)
                _add(ape, "ReviewOutcome", ap.review_outcome)
                for row in ap.placements:
                    _placement_xml(ape, "PlacementDetail", row, dates=True)
                for sen_type, rank in ap.sen_needs:
                    need = etree.SubElement(ape, "SENneed")
                    _add(need, "SENtype", sen_type)
                    _add(need, "SENtypeRank", rank)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))
