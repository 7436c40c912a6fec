"""Letters for the steps of a case, as editable Word letters: the acknowledgement of a request
for an assessment, the requests for advice, the decision to assess, the consultation with a
school or college, the draft plan's covering letter, the annual review invitation and the
proposal to cease a plan.

Each kind cites its legal source in data (`StepLetterKind.citation`) and states its period from
the rule catalogue (`rule`), with the date from the engine's `Deadline` row for the child when
there is one. Nothing here counts days. A letter needs a named addressee with a postal or email
address, like the decision notices; `step_letter_prepare` says what stops one going.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import rules
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from docxtpl import Listing  # type: ignore[import-untyped]

from redress.accounts.models import Organisation
from redress.casework.deadlines import attach_related
from redress.casework.models import CaseEvent, Child, Deadline
from redress.casework.permissions import is_la_staff
from redress.core.word import docx_render
from redress.documents.build_templates import STEP_TEMPLATES
from redress.documents.letter_parts import (
    Addressee,
    addressee_problem,
    cited,
    communication_needs,
    contact_details,
    family_addressee,
    fields_named,
    lost_fields,
    signer_name,
    signer_role,
)
from redress.plans.models import Plan, ReviewCycle, ReviewStep
from redress.plans.selectors import current_plan, review_in_progress
from redress.statutory.calendar import format_long_date
from redress.statutory.rules import rule_row

SEND_PERMISSION = "documents.send_letter"
if not rules.perm_exists(SEND_PERMISSION):  # type: ignore[no-untyped-call]
    # Only staff of the child's own local authority write to its family and advisers.
    rules.add_perm(SEND_PERMISSION, is_la_staff)  # type: ignore[no-untyped-call]

FAMILY = "family"
ADVISER = "adviser"
INSTITUTION = "institution"


@dataclass(frozen=True)
class StepLetterKind:
    key: str
    title: str
    citation: str  # the law that requires the letter, or the step it belongs to
    to: str  # FAMILY, ADVISER (an organisation asked for advice) or INSTITUTION (a school)
    rule: str = ""  # the catalogue rule whose period the letter states
    with_due: str = ""  # the period sentence with the engine's date: {due} {period} {citation}
    without_due: str = ""  # the same without a date: {period} {citation}
    advice_type: str = ""  # AdviceRequest.AdviceType, for a request for advice
    advice_kind: str = ""  # the advice named in words
    organisation_kinds: tuple[str, ...] = ()  # whom an ADVISER or INSTITUTION letter may go to

    @property
    def template(self) -> Path:
        return STEP_TEMPLATES[self.key]

    @property
    def required_fields(self) -> tuple[str, ...]:
        base = ("recipient_name", "recipient_address", "legal_source")
        return (*base, "period") if self.rule else base

    @property
    def period(self) -> str:
        return rule_row(self.rule).period if self.rule else ""


_ADVICE_WITH_DUE = (
    "Please send us your advice and information by {due}: within {period} of receiving this "
    "request ({citation})."
)
_ADVICE_WITHOUT_DUE = (
    "Please send us your advice and information within {period} of receiving this request "
    "({citation})."
)


def _advice(key: str, advice_type: str, words: str, citation: str, kinds: tuple[str, ...]) -> Any:
    return StepLetterKind(
        key=key,
        title=f"Request for {words} advice",
        citation=f"{citation}; SEND Regulations 2014 reg 8(1)",
        to=ADVISER,
        rule="advice.response",
        with_due=_ADVICE_WITH_DUE,
        without_due=_ADVICE_WITHOUT_DUE,
        advice_type=advice_type,
        advice_kind=words,
        organisation_kinds=kinds,
    )


_HEALTH = (Organisation.Kind.HEALTH_COMMISSIONER, Organisation.Kind.INDEPENDENT_PRACTICE)
_CARE = (Organisation.Kind.SOCIAL_CARE, Organisation.Kind.LOCAL_AUTHORITY)
_EP = (Organisation.Kind.LOCAL_AUTHORITY, Organisation.Kind.INDEPENDENT_PRACTICE)
_SETTING = (Organisation.Kind.SETTING,)

STEP_LETTERS: dict[str, StepLetterKind] = {
    kind.key: kind
    for kind in (
        StepLetterKind(
            key="acknowledgement",
            title="Acknowledgement of the request for an assessment",
            citation="Children and Families Act 2014 s.36; SEND Regulations 2014 reg 5(1)",
            to=FAMILY,
            rule="assessment.decision",
            with_due=(
                "We will tell you by {due} whether we will carry out an assessment: within "
                "{period} of receiving your request ({citation})."
            ),
            without_due=(
                "We will tell you whether we will carry out an assessment within {period} of "
                "receiving your request ({citation})."
            ),
        ),
        _advice("advice_health", "health", "health", "SEND Regulations 2014 reg 6(1)(c)", _HEALTH),
        _advice(
            "advice_social_care",
            "social_care",
            "social care",
            "SEND Regulations 2014 reg 6(1)(e)",
            _CARE,
        ),
        _advice(
            "advice_psychological",
            "psychological",
            "educational psychology",
            "SEND Regulations 2014 reg 6(1)(d)",
            _EP,
        ),
        _advice(
            "advice_educational",
            "educational",
            "educational",
            "SEND Regulations 2014 reg 6(1)(b)",
            _SETTING,
        ),
        StepLetterKind(
            key="decision_to_assess",
            title="Decision to carry out an assessment",
            citation="SEND Regulations 2014 reg 5(1) and (3)",
            to=FAMILY,
            rule="plan.final",
            with_due=(
                "If we decide to issue an EHC plan, we must issue the final plan by {due}: within "
                "{period} of receiving the request for the assessment ({citation})."
            ),
            without_due=(
                "If we decide to issue an EHC plan, we must issue the final plan within {period} "
                "of receiving the request for the assessment ({citation})."
            ),
        ),
        StepLetterKind(
            key="consultation",
            title="Consultation with a school or college",
            citation="Children and Families Act 2014 s.39(2)",
            to=INSTITUTION,
            rule="plan.institution_consultation",
            with_due=(
                "Please reply by {due}: within {period} of receiving this letter ({citation})."
            ),
            without_due="Please reply within {period} of receiving this letter ({citation}).",
            organisation_kinds=_SETTING,
        ),
        StepLetterKind(
            key="draft_plan",
            title="Covering letter for the draft plan",
            citation="Children and Families Act 2014 s.38; SEND Regulations 2014 reg 13(1)",
            to=FAMILY,
            rule="plan.draft_comments",
            with_due=(
                "You have {period} to comment on the draft and to ask for a meeting, so we will "
                "not issue the final plan before {due} ({citation})."
            ),
            without_due=(
                "You have {period} to comment on the draft and to ask for a meeting ({citation})."
            ),
        ),
        StepLetterKind(
            key="review_invitation",
            title="Invitation to the annual review",
            citation="SEND Regulations 2014 reg 20(3); reg 21(3)",
            to=FAMILY,
            rule="review.meeting_notice",
            with_due="We must give you this notice {period} ({citation}).",
            without_due="We must give you this notice {period} ({citation}).",
        ),
        StepLetterKind(
            key="cessation_proposal",
            title="Proposal to cease the plan",
            citation=("Children and Families Act 2014 s.45; SEND Regulations 2014 reg 29; reg 31"),
            to=FAMILY,
        ),
    )
}


def step_letter_kind(key: str) -> StepLetterKind:
    return STEP_LETTERS[key]


def check_may_send(user: Any, child: Child) -> None:
    if not user.has_perm(SEND_PERMISSION, child):
        raise PermissionDenied("Only the child's local authority sends its letters.")


# -- What a letter is about, on this case --------------------------------------------------------


@dataclass
class Prepared:
    """A letter ready to write, or the reasons it cannot be (`problems`, keyed)."""

    kind: StepLetterKind
    child: Child
    addressee: Addressee
    organisation: Organisation | None = None
    step_date: date | None = None  # the step the letter is about (the request, the decision…)
    plan: Plan | None = None
    cycle: ReviewCycle | None = None
    deadline: Deadline | None = None
    problems: dict[str, str] = field(default_factory=dict)
    needs: list[str] = field(default_factory=list)

    @property
    def title(self) -> str:
        who = f" to {self.addressee.name}" if self.kind.to != FAMILY else ""
        return f"{self.kind.title}{who}"


def _latest_event(child: Child, event_type: str, **details: str) -> CaseEvent | None:
    events = CaseEvent.objects.standing().filter(child=child, type=event_type)
    for key, value in details.items():
        events = events.filter(**{f"details__{key}": value})
    return events.order_by("-date", "-id").first()


def _draft(child: Child) -> Plan | None:
    return (
        Plan.objects.filter(child=child, withdrawn_at__isnull=True, draft_issued_on__isnull=False)
        .filter(issued_on__isnull=True)
        .order_by("-version_number")
        .first()
    )


def deadline_row(child: Child, rule: str, ref: str = "") -> Deadline | None:
    """The engine's row for this rule on the child's case: the one named `ref`, else the
    latest."""
    rows = Deadline.objects.filter(child=child, rule=rule)
    if ref:
        rows = rows.filter(ref=ref)
    return rows.order_by("-due", "-pk").first()


def organisation_addressee(organisation: Organisation) -> Addressee:
    return Addressee(
        name=organisation.name.strip(),
        postal=organisation.address.strip(),
        email=organisation.email.strip(),
    )


@dataclass(frozen=True)
class ReviewRead:
    """What an annual review invitation is about on one case: the plan in force, its review in
    progress (its steps read with it) and the engine's row for the notice of the meeting."""

    plan: Plan | None
    cycle: ReviewCycle | None
    notice: Deadline | None


def _review_read(child: Child, rule: str) -> ReviewRead:
    """The review an invitation is about, read for one child."""
    plan = current_plan(child)
    cycle = review_in_progress(plan) if plan is not None else None
    if cycle is None or cycle.meeting_planned_for is None:
        return ReviewRead(plan, cycle, None)
    return ReviewRead(plan, cycle, deadline_row(child, rule))


def reviews_read(children: Sequence[Child], rule: str) -> dict[int, ReviewRead]:
    """`_review_read` for a page of children at once, in four queries whatever their number."""
    ids = [child.pk for child in children]
    plans = {
        plan.child_id: plan
        for plan in Plan.objects.filter(
            child_id__in=ids, withdrawn_at__isnull=True, issued_on__isnull=False
        ).order_by("child_id", "version_number")
    }  # the latest issued version of each child wins, as in `current_plan`
    decided = ReviewStep.objects.filter(
        withdrawn_at__isnull=True, cycle=OuterRef("pk"), kind=ReviewStep.Kind.DECISION
    )
    cycles: dict[int, ReviewCycle] = {}
    undecided = ReviewCycle.objects.filter(plan__in=list(plans.values())).exclude(Exists(decided))
    for cycle in undecided.order_by("created_at", "id"):
        cycles.setdefault(cycle.plan_id, cycle)  # the first begun, as in `review_in_progress`
    attach_related(list(cycles.values()), "steps", ReviewStep.objects.all(), by="cycle_id")
    notices = {
        row.child_id: row
        for row in Deadline.objects.filter(child_id__in=ids, rule=rule).order_by(
            "child_id", "due", "pk"
        )
    }  # the latest wins, as in `deadline_row`
    read = {}
    for child in children:
        plan = plans.get(child.pk)
        current = cycles.get(plan.pk) if plan is not None else None
        dated = current is not None and current.meeting_planned_for is not None
        read[child.pk] = ReviewRead(plan, current, notices.get(child.pk) if dated else None)
    return read


def step_letter_prepare(
    *,
    child: Child,
    kind: StepLetterKind,
    organisation: Organisation | None = None,
    ref: str = "",
    review: ReviewRead | None = None,
) -> Prepared:
    """What the letter is about and to whom, and anything that stops it going. `ref` names the
    engine's row for the step once it is recorded (an advice request's ref); `review` is the
    annual review an invitation is about, when a page has read it ahead (`reviews_read`)."""
    problems: dict[str, str] = {}
    if kind.to == FAMILY:
        addressee = family_addressee(child)
        unaddressed = addressee_problem(addressee, child=child)
    else:
        if organisation is None:
            addressee = Addressee("", "", "")
            unaddressed = "Choose whom to send the letter to."
        else:
            addressee = organisation_addressee(organisation)
            unaddressed = addressee_problem(
                addressee, child=child, who=f"{organisation.name}, on its record in Redress"
            )
    if unaddressed:
        problems["addressee"] = unaddressed
    prepared = Prepared(
        kind=kind,
        child=child,
        addressee=addressee,
        organisation=organisation,
        problems=problems,
        needs=communication_needs(child),
    )
    _about(prepared, review)
    if kind.rule and prepared.deadline is None:
        prepared.deadline = deadline_row(child, kind.rule, ref) if ref else None
    return prepared


def _about(prepared: Prepared, review: ReviewRead | None) -> None:
    """Find the step the letter is about; say what is missing when it is not recorded."""
    kind, child, problems = prepared.kind, prepared.child, prepared.problems
    if kind.key == "acknowledgement":
        request = _latest_event(child, "assessment_requested")
        if request is None:
            problems["step"] = "Record the request for an assessment first."
        else:
            prepared.step_date = request.date
            prepared.deadline = deadline_row(child, kind.rule)
    elif kind.to == ADVISER:
        request = _latest_event(child, "assessment_requested")
        if request is None:
            problems["step"] = "Record the request for an assessment first."
    elif kind.key == "decision_to_assess":
        decision = _latest_event(child, "assessment_decision", decision="assess")
        if decision is None:
            problems["step"] = "Record the decision to carry out an assessment first."
        else:
            prepared.step_date = decision.date
            prepared.deadline = deadline_row(child, kind.rule)
    elif kind.key in ("consultation", "draft_plan"):
        prepared.plan = _draft(child)
        if prepared.plan is None:
            problems["step"] = "Record that the draft plan was served first."
        else:
            prepared.step_date = prepared.plan.draft_issued_on
            if kind.key == "draft_plan":
                prepared.deadline = deadline_row(child, kind.rule)
    elif kind.key == "review_invitation":
        review = review or _review_read(child, kind.rule)
        plan, cycle = review.plan, review.cycle
        if cycle is None or cycle.meeting_planned_for is None:
            problems["step"] = "Arrange the annual review meeting first."
        else:
            prepared.plan, prepared.cycle = plan, cycle
            prepared.step_date = cycle.meeting_planned_for
            prepared.deadline = review.notice
            sent = cycle.step(ReviewStep.Kind.INVITATIONS_SENT)
            arranged = cycle.meeting_arranged_on
            if sent is not None and (arranged is None or sent.date >= arranged):
                problems["step"] = (
                    f"The invitations to this meeting were sent on {format_long_date(sent.date)}."
                )
    elif kind.key == "cessation_proposal":
        prepared.plan = current_plan(child)
        if prepared.plan is None:
            problems["step"] = "There is no plan to cease on this case."


def late_problem(prepared: Prepared, today: date) -> str:
    """An invitation that can no longer give the notice the law requires."""
    row = prepared.deadline
    meeting = prepared.step_date
    if prepared.kind.key == "review_invitation" and row and meeting and row.due < today:
        return (
            f"It is too late to give {prepared.kind.period} notice of the meeting on "
            f"{format_long_date(meeting)}: the invitations had to be sent by "
            f"{format_long_date(row.due)} ({cited(row.citation)}). Move the meeting first."
        )
    return ""


# -- The letter's contents ---------------------------------------------------------------------


def _period(prepared: Prepared) -> str:
    kind = prepared.kind
    if not kind.rule:
        return ""
    rule = rule_row(kind.rule)
    row = prepared.deadline
    if row is not None:
        return kind.with_due.format(
            due=format_long_date(row.due), period=rule.period, citation=cited(row.citation)
        )
    return kind.without_due.format(period=rule.period, citation=cited(rule.citation))


def step_letter_context(*, actor: Any, prepared: Prepared, letter_date: date) -> dict[str, Any]:
    child = prepared.child
    local_authority = child.local_authority
    officer = child.caseworker or actor
    la_contact = f"{signer_name(officer)}, {local_authority.name}"
    if contact_details(local_authority):
        la_contact += f": {contact_details(local_authority)}"
    address = prepared.addressee.postal or (
        f"By email: {prepared.addressee.email}" if prepared.addressee.email else ""
    )
    return {
        "local_authority_name": local_authority.name,
        "local_authority_address": Listing(local_authority.address.strip()),
        "letter_date": format_long_date(letter_date),
        "recipient_name": prepared.addressee.name,
        "recipient_address": Listing(address),
        "child_name": child.full_name,
        "child_date_of_birth": format_long_date(child.date_of_birth),
        "step_date": format_long_date(prepared.step_date) if prepared.step_date else "",
        "meeting_date": format_long_date(prepared.step_date) if prepared.step_date else "",
        "advice_kind": prepared.kind.advice_kind,
        "legal_source": cited(prepared.kind.citation),
        "period": _period(prepared),
        "communication_needs": prepared.needs,
        "la_contact": la_contact,
        "signed_by_name": signer_name(actor),
        "signed_by_role": signer_role(actor, local_authority),
    }


def template_problems(kind: StepLetterKind, template: Path | None = None) -> dict[str, str]:
    """A field the letter must carry that someone took out of its template."""
    path = template or kind.template
    lost = lost_fields(path, kind.required_fields)
    if not lost:
        return {}
    return {
        "template": f"The letter template {path.name} has lost the field {fields_named(lost)}, "
        "which the law requires the letter to carry. Put the field back in the template."
    }


def step_letter_render(
    *, actor: Any, prepared: Prepared, letter_date: date, large_print: bool = False
) -> bytes:
    """The Word letter (the caller has checked `problems` and who may send it)."""
    return docx_render(
        prepared.kind.template,
        step_letter_context(actor=actor, prepared=prepared, letter_date=letter_date),
        title=f"{prepared.title}: {prepared.child.full_name}",
        large_print=large_print,
    )


__all__ = [
    "ADVISER",
    "FAMILY",
    "INSTITUTION",
    "SEND_PERMISSION",
    "STEP_LETTERS",
    "Prepared",
    "ReviewRead",
    "StepLetterKind",
    "check_may_send",
    "deadline_row",
    "late_problem",
    "organisation_addressee",
    "reviews_read",
    "step_letter_context",
    "step_letter_kind",
    "step_letter_prepare",
    "step_letter_render",
    "template_problems",
]
