"""Checking a built return: the XML schema, then the return's validation checks.

The checks are data: each has a code, whether it is an error (the return would be rejected) or a
warning (the Department would query it), the data item it concerns, its message, and a test of
one person's records. `return_check` runs them all and names the child and the item to fix.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from lxml import etree

from redress.sen2.build import Person, PlacementItems, Sen2Return

SCHEMA_PATH = Path(__file__).parent / "schema" / "sen2-person-level.xsd"

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Failure:
    code: str
    severity: str
    item: str
    message: str
    child_id: int | None = None
    child_name: str = ""
    # Where to fix it: "items" (the child's SEN2 details), "case" (the case record), "plan"
    where: str = "items"

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR


Test = Callable[[Person, Sen2Return], Iterator[str]]


@dataclass(frozen=True)
class Check:
    code: str
    severity: str
    item: str
    message: str
    test: Test
    where: str = "items"


# -- UPN check letter (the Department's algorithm for unique pupil numbers) -------------------

_UPN_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"


def upn_is_valid(upn: str) -> bool:
    if not re.fullmatch(r"[A-Z][0-9]{11}[0-9A-Z]", upn):
        return False
    values = {letter: i for i, letter in enumerate(_UPN_LETTERS)}
    total = 0
    for weight, char in enumerate(upn[1:], start=2):
        total += (int(char) if char.isdigit() else values.get(char, 0)) * weight
    return upn[0] == _UPN_LETTERS[total % 23]


# -- The checks -----------------------------------------------------------------------------


def _once(condition: bool, detail: str = "") -> Iterator[str]:
    if condition:
        yield detail


def _age_on(birth: date, day: date) -> int:
    return day.year - birth.year - int((day.month, day.day) < (birth.month, birth.day))


def _placements(person: Person) -> Iterator[tuple[str, PlacementItems]]:
    for request in person.requests:
        if request.assessment and request.assessment.named_plan:
            for row in request.assessment.named_plan.placements:
                yield "named in the plan", row
        if request.active_plan:
            for row in request.active_plan.placements:
                yield "now", row


def _missing_placement(person: Person, _: Sen2Return) -> Iterator[str]:
    for request in person.requests:
        if request.assessment and request.assessment.named_plan:
            named = request.assessment.named_plan
            if not named.placements:
                yield f"the plan issued on {named.start_date:%d/%m/%Y} names no placement"


def _placement_unidentified(person: Person, _: Sen2Return) -> Iterator[str]:
    for when, row in _placements(person):
        if not (row.urn or row.ukprn or row.sen_setting):
            yield f"{row.described_as or 'the placement'} ({when})"


def _requests_without_date(person: Person, _: Sen2Return) -> Iterator[str]:
    for request in person.requests:
        if request.received is None and request.transfer_event_id is None:
            yield ""


def _transfer_without_request_date(person: Person, _: Sen2Return) -> Iterator[str]:
    for request in person.requests:
        if request.transfer_event_id is not None and request.received is None:
            yield ""


def _transfer_la_unknown(person: Person, _: Sen2Return) -> Iterator[str]:
    for request in person.requests:
        if request.active_plan and request.transfer_event_id and not request.transfer_la:
            yield ""


def _source_unknown(person: Person, _: Sen2Return) -> Iterator[str]:
    for r in person.requests:
        if r.received and not r.source:
            yield f"request of {r.received:%d/%m/%Y}"


def _outcome_before_request(person: Person, _: Sen2Return) -> Iterator[str]:
    for r in person.requests:
        if r.received and r.outcome_date and r.outcome_date < r.received:
            yield f"request of {r.received:%d/%m/%Y}"


def _assessment_before_request(person: Person, _: Sen2Return) -> Iterator[str]:
    for r in person.requests:
        a = r.assessment
        if r.received and a and a.outcome_date and a.outcome_date < r.received:
            yield f"request of {r.received:%d/%m/%Y}"


def _cease_reason(person: Person, _: Sen2Return) -> Iterator[str]:
    for r in person.requests:
        n = r.assessment.named_plan if r.assessment else None
        if n and n.cease_date and not n.cease_reason:
            yield f"plan ceased on {n.cease_date:%d/%m/%Y}"


def _cease_before_start(person: Person, _: Sen2Return) -> Iterator[str]:
    for r in person.requests:
        n = r.assessment.named_plan if r.assessment else None
        if n and n.cease_date and n.cease_date < n.start_date:
            yield f"plan of {n.start_date:%d/%m/%Y}"


def _primary_need(person: Person, _: Sen2Return) -> Iterator[str]:
    for r in person.requests:
        if r.active_plan and not any(rank == 1 for _, rank in r.active_plan.sen_needs):
            yield ""


def _needs_repeat(person: Person, _: Sen2Return) -> Iterator[str]:
    for r in person.requests:
        if r.active_plan:
            kinds = [kind for kind, _ in r.active_plan.sen_needs]
            if len(kinds) != len(set(kinds)):
                yield ""


def _week20_unknown(person: Person, _: Sen2Return) -> Iterator[str]:
    for r in person.requests:
        a = r.assessment
        if a and a.named_plan and a.week20 is None and r.transfer_event_id is None:
            yield f"plan issued on {a.named_plan.start_date:%d/%m/%Y}"


def _open_long(person: Person, sen2: Sen2Return) -> Iterator[str]:
    for r in person.requests:
        if r.received and not r.outcome and (sen2.reference_date - r.received).days > 7 * 6:
            yield f"request of {r.received:%d/%m/%Y}"


def _review_outcome_unknown(person: Person, _: Sen2Return) -> Iterator[str]:
    for r in person.requests:
        if r.active_plan and r.active_plan.review_outcome_unknown:
            last = r.active_plan.last_review
            yield f"review decision of {last:%d/%m/%Y}" if last else ""


def _placement_dates(person: Person, _: Sen2Return) -> Iterator[str]:
    for when, row in _placements(person):
        if row.entry_date and row.leaving_date and row.leaving_date < row.entry_date:
            yield f"{row.described_as or 'the placement'} ({when})"


CHECKS: tuple[Check, ...] = (
    Check(
        "SEN2-P01",
        ERROR,
        "Date of birth (1.3)",
        "The date of birth must be before the reference date.",
        lambda p, s: _once(p.birth_date >= s.reference_date),
        "case",
    ),
    Check(
        "SEN2-P02",
        WARNING,
        "Date of birth (1.3)",
        "The person is 25 or over at the reference date: check the date of birth, or that the "
        "plan has ceased.",
        lambda p, s: _once(_age_on(p.birth_date, s.reference_date) >= 25),
        "case",
    ),
    Check(
        "SEN2-P03",
        ERROR,
        "Sex (1.4)",
        "Sex must be recorded.",
        lambda p, s: _once(not p.sex),
    ),
    Check(
        "SEN2-P04",
        ERROR,
        "Ethnicity (1.5)",
        "Ethnicity must be recorded (use 'Refused' or 'Information not yet obtained' when it is "
        "not known).",
        lambda p, s: _once(not p.ethnicity),
    ),
    Check(
        "SEN2-P05",
        ERROR,
        "UPN (1.7)",
        "The UPN is not valid: it must be a letter, 11 digits and a check character that matches.",
        lambda p, s: _once(bool(p.upn) and not upn_is_valid(p.upn)),
        "case",
    ),
    Check(
        "SEN2-P06",
        ERROR,
        "ULN (1.8)",
        "The unique learner number must be 10 digits.",
        lambda p, s: _once(bool(p.uln) and not re.fullmatch(r"[0-9]{10}", p.uln)),
        "case",
    ),
    Check(
        "SEN2-P07",
        ERROR,
        "UPN unknown reason (1.9)",
        "With neither a UPN nor a ULN, the reason one is not available must be recorded.",
        lambda p, s: _once(not p.upn and not p.uln and not p.upn_unknown),
    ),
    Check(
        "SEN2-P08",
        WARNING,
        "UPN (1.7)",
        "A child of compulsory school age usually has a UPN: record it, or the reason there is "
        "none.",
        lambda p, s: _once(not p.upn and 5 <= _age_on(p.birth_date, s.reference_date) <= 15),
        "case",
    ),
    Check(
        "SEN2-R01",
        ERROR,
        "Date request was received (2.1)",
        "A plan was issued with no request for an EHC needs assessment recorded: record the "
        "request and its date.",
        _requests_without_date,
        "case",
    ),
    Check(
        "SEN2-R02",
        ERROR,
        "Request outcome date (2.3)",
        "The request's outcome date is before the request was received.",
        _outcome_before_request,
        "case",
    ),
    Check(
        "SEN2-R03",
        WARNING,
        "Request outcome (2.4)",
        "The request has no outcome more than 6 weeks after it was received: record the "
        "decision whether to assess.",
        _open_long,
        "case",
    ),
    Check(
        "SEN2-R04",
        WARNING,
        "Request source",
        "Who made the request for an EHC needs assessment is not recorded (mandatory from the "
        "2026 collection): record it on the child's SEN2 details.",
        _source_unknown,
    ),
    Check(
        "SEN2-T01",
        ERROR,
        "Date request was received (2.1)",
        "A plan transferred from another authority needs the date that authority received the "
        "request for an assessment (from its papers): record it with the transfer's SEN2 details.",
        _transfer_without_request_date,
    ),
    Check(
        "SEN2-T02",
        WARNING,
        "Transfer LA",
        "The code of the authority the plan transferred from is not recorded: record it with "
        "the transfer's SEN2 details.",
        _transfer_la_unknown,
    ),
    Check(
        "SEN2-A01",
        ERROR,
        "Assessment outcome date (3.2)",
        "The assessment's outcome date is before the request was received.",
        _assessment_before_request,
        "case",
    ),
    Check(
        "SEN2-A02",
        WARNING,
        "20-week exceptions (3.7)",
        "The deadline table has no 20-week row for this plan: run the deadline recompute, or "
        "check the plan's issue date.",
        _week20_unknown,
        "case",
    ),
    Check(
        "SEN2-N01",
        ERROR,
        "Reason EHC plan ceased (4.6)",
        "A ceased plan must have the reason it ceased.",
        _cease_reason,
        "plan",
    ),
    Check(
        "SEN2-N02",
        ERROR,
        "Date EHC plan ceased (4.5)",
        "The plan ceased before it started.",
        _cease_before_start,
        "plan",
    ),
    Check(
        "SEN2-N03",
        ERROR,
        "Placement (4.7)",
        "An issued plan must name its placement (section I).",
        _missing_placement,
        "plan",
    ),
    Check(
        "SEN2-N04",
        ERROR,
        "URN, UKPRN or SEN setting (4.7, 5.7)",
        "Each placement needs a URN, a UKPRN, or the kind of setting when it has neither.",
        _placement_unidentified,
        "plan",
    ),
    Check(
        "SEN2-N05",
        ERROR,
        "Placement leaving date (5.7f)",
        "The placement's leaving date is before its start date.",
        _placement_dates,
        "plan",
    ),
    Check(
        "SEN2-V01",
        WARNING,
        "Annual review decision (5.5)",
        "The latest annual review's decision does not say whether the plan continues, is "
        "amended or ceases: record the decision on the plan's review.",
        _review_outcome_unknown,
        "case",
    ),
    Check(
        "SEN2-S01",
        ERROR,
        "SEN type (5.8a)",
        "An active plan must have a primary type of need (rank 1).",
        _primary_need,
    ),
    Check(
        "SEN2-S02",
        ERROR,
        "SEN type (5.8a)",
        "The same type of need is given twice: the secondary need must differ from the primary.",
        _needs_repeat,
    ),
)


def person_checks(person: Person, sen2: Sen2Return) -> list[Failure]:
    failures = []
    for check in CHECKS:
        for detail in check.test(person, sen2):
            message = f"{check.message} ({detail})" if detail else check.message
            failures.append(
                Failure(
                    check.code,
                    check.severity,
                    check.item,
                    message,
                    person.child_id,
                    person.name,
                    check.where,
                )
            )
    return failures


def header_checks(sen2: Sen2Return) -> list[Failure]:
    failures = []
    if not sen2.la_code:
        failures.append(
            Failure(
                "SEN2-H01",
                ERROR,
                "LEA (header)",
                "The authority's 3-digit code is not recorded: an administrator or manager "
                "records it on this page.",
                where="authority",
            )
        )
    return failures


def schema_failures(xml: bytes, sen2: Sen2Return) -> list[Failure]:
    """The XML schema's verdict, each error tied to the child whose Person element it is in."""
    schema = etree.XMLSchema(etree.parse(str(SCHEMA_PATH)))
    document = etree.fromstring(xml)
    if schema.validate(document):
        return []
    persons = document.findall("Persons/Person")
    starts = [(p.sourceline or 0, i) for i, p in enumerate(persons)]
    failures = []
    for error in schema.error_log:
        index = None
        for line, i in starts:
            if line <= error.line:
                index = i
        person = sen2.persons[index] if index is not None and index < len(sen2.persons) else None
        failures.append(
            Failure(
                "SEN2-XSD",
                ERROR,
                error.path.rsplit("/", 1)[-1] if error.path else "",
                f"Schema: {error.message}",
                person.child_id if person else None,
                person.name if person else "",
                "items" if person else "authority",
            )
        )
    return failures


@dataclass
class CheckResult:
    xml: bytes
    failures: list[Failure]

    @property
    def errors(self) -> list[Failure]:
        return [f for f in self.failures if f.is_error]

    @property
    def warnings(self) -> list[Failure]:
        return [f for f in self.failures if not f.is_error]

    @property
    def schema_valid(self) -> bool:
        return not any(f.code == "SEN2-XSD" for f in self.failures)


def return_check(sen2: Sen2Return) -> CheckResult:
    from redress.sen2.build import return_xml

    xml = return_xml(sen2)
    failures = header_checks(sen2)
    for person in sen2.persons:
        failures.extend(person_checks(person, sen2))
    failures.extend(schema_failures(xml, sen2))
    return CheckResult(xml=xml, failures=failures)
