"""Notices of the local authority's appealable decisions, as editable Word letters.

Every notice of a decision the family may appeal (CFA 2014 s.51) must carry the items
regulation 32 of the SEND Regulations 2014 lists, and the right to ask the Tribunal for health
and social care recommendations (2017 Regulations). Those items are data here (`REQUIRED_ITEMS`,
each with its citation). Redress refuses to issue a letter that lacks one, whether the record is
missing (no mediation adviser's contact details, no local authority contact) or someone edited the
template and took the item's field out.

Dates come from the engine's `Deadline` rows for the child; when the engine has none for this
decision (an older decision, or one the engine is not told about), the letter states the period
and its citation from the rule catalogue instead. Nothing here counts days.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import rules
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import Http404
from django.urls import reverse
from docxtpl import Listing  # type: ignore[import-untyped]

from redress.accounts.models import Organisation
from redress.audit.services import audit_record
from redress.casework.deadlines import prefetched
from redress.casework.events import decision_ref
from redress.casework.models import CaseEvent, Child, Deadline
from redress.casework.permissions import is_la_staff
from redress.core.word import docx_render
from redress.documents import legal
from redress.documents.build_templates import DECISION_TEMPLATES
from redress.documents.letter_parts import (
    Addressee,
    addressee_problem,
    family_addressee,
    fields_named,
    letter_recipients,
    lost_fields,
    signer_name,
    signer_role,
)
from redress.documents.letter_parts import cited as _cited
from redress.documents.letter_parts import contact_details as _contact
from redress.plans.models import Cessation, Plan, ReviewStep
from redress.statutory.calendar import format_long_date
from redress.statutory.rules import rule_row

ISSUE_PERMISSION = "documents.issue_decision_letter"
if not rules.perm_exists(ISSUE_PERMISSION):  # type: ignore[no-untyped-call]
    # Only staff of the child's own local authority send its decision notices.
    rules.add_perm(ISSUE_PERMISSION, is_la_staff)  # type: ignore[no-untyped-call]

MEDIATION_HELD_RULE = rule_row("mediation.held")


# -- The kinds of appealable decision ----------------------------------------------------------


@dataclass(frozen=True)
class DecisionKind:
    key: str
    title: str  # how the list of decisions names it
    appeal_ground: str  # the paragraph of s.51(2) it falls under
    notice_citation: str  # the regulation that requires the notice
    appeal_form: str
    about_a_plan: bool  # an appeal could be only about section I, needing no certificate
    recommendations: bool  # the Tribunal may make health and social care recommendations
    appeal_decision: str  # the same decision in the mediation and appeals apps' words

    @property
    def template(self) -> Path:
        return DECISION_TEMPLATES[self.key]


DECISION_KINDS: dict[str, DecisionKind] = {
    kind.key: kind
    for kind in (
        DecisionKind(
            key="refuse_assess",
            title="Decision not to carry out an EHC needs assessment",
            appeal_ground="Children and Families Act 2014 s.51(2)(a)",
            notice_citation="SEND Regulations 2014 reg 5(1) and (3)",
            appeal_form="SEND35a",
            about_a_plan=False,
            recommendations=False,
            appeal_decision="not_assess",
        ),
        DecisionKind(
            key="refuse_plan",
            title="Decision not to issue an EHC plan",
            appeal_ground="Children and Families Act 2014 s.51(2)(b)",
            notice_citation="SEND Regulations 2014 reg 10(1) and (3)",
            appeal_form="SEND35",
            about_a_plan=False,
            recommendations=True,
            appeal_decision="not_issue",
        ),
        DecisionKind(
            key="final_plan",
            title="Final EHC plan issued",
            appeal_ground="Children and Families Act 2014 s.51(2)(c)",
            notice_citation="SEND Regulations 2014 reg 14",
            appeal_form="SEND35",
            about_a_plan=True,
            recommendations=True,
            appeal_decision="plan_contents",
        ),
        DecisionKind(
            key="review_no_amendment",
            title="Decision after a review not to amend the plan",
            appeal_ground="Children and Families Act 2014 s.51(2)(e)",
            notice_citation="SEND Regulations 2014 reg 20(10) (sub-paragraph unverified)",
            appeal_form="SEND35",
            about_a_plan=False,
            recommendations=True,
            appeal_decision="not_amend",
        ),
        DecisionKind(
            key="amended_plan",
            title="Amended EHC plan issued",
            appeal_ground="Children and Families Act 2014 s.51(2)(c)",
            notice_citation="SEND Regulations 2014 reg 22(5)",
            appeal_form="SEND35",
            about_a_plan=True,
            recommendations=True,
            appeal_decision="amended_plan",
        ),
        DecisionKind(
            key="cessation",
            title="Decision to cease to maintain the EHC plan",
            appeal_ground="Children and Families Act 2014 s.51(2)(f)",
            notice_citation="SEND Regulations 2014 reg 31; Children and Families Act 2014 s.45",
            appeal_form="SEND35",
            about_a_plan=False,
            recommendations=True,
            appeal_decision="cease",
        ),
        DecisionKind(
            key="refuse_reassess",
            title="Decision not to carry out a re-assessment",
            appeal_ground="Children and Families Act 2014 s.51(2)(d)",
            notice_citation="SEND Regulations 2014 reg 25(1)",
            appeal_form="SEND35",
            about_a_plan=False,
            recommendations=True,
            appeal_decision="not_reassess",
        ),
        DecisionKind(
            key="reassessment_no_amendment",
            title="Decision after a re-assessment not to amend the plan",
            appeal_ground="Children and Families Act 2014 s.51(2)(e)",
            notice_citation="SEND Regulations 2014 reg 27(3)",
            appeal_form="SEND35",
            about_a_plan=False,
            recommendations=True,
            appeal_decision="not_amend",
        ),
        DecisionKind(
            key="amendment_not_made",
            title="Decision not to amend the plan after the amendment notice",
            appeal_ground="Children and Families Act 2014 s.51(2)(e)",
            notice_citation="SEND Regulations 2014 reg 22(4)",
            appeal_form="SEND35",
            about_a_plan=False,
            recommendations=True,
            appeal_decision="not_amend",
        ),
    )
}


# -- What every letter must carry ----------------------------------------------------------------


@dataclass(frozen=True)
class RequiredItem:
    key: str
    title: str
    citation: str
    fields: tuple[str, ...]  # the template fields that carry it
    missing_data: str  # what to record when Redress has nothing to put in those fields


REQUIRED_ITEMS: tuple[RequiredItem, ...] = (
    RequiredItem(
        key="appeal_right",
        title="The right to appeal to the Tribunal, and the form to use",
        citation=legal.SECTION_51.short,
        fields=("appeal_right",),
        missing_data="The letter does not say how to appeal.",
    ),
    RequiredItem(
        key="mediation_right",
        title="The right to mediation",
        citation=f"{legal.MEDIATION_RIGHT.short}; {legal.REGULATION_32.short}",
        fields=("mediation_right",),
        missing_data="The letter does not explain the right to mediation.",
    ),
    RequiredItem(
        key="mediation_certificate",
        title="The need for a mediation certificate before appealing, and when none is needed",
        citation=legal.MEDIATION_CERTIFICATE.short,
        fields=("certificate_rule", "certificate_exemption"),
        missing_data="The letter does not explain the mediation certificate.",
    ),
    RequiredItem(
        key="mediation_adviser",
        title="The mediation adviser's contact details",
        citation=legal.REGULATION_32.short,
        fields=("mediation_adviser_name", "mediation_adviser_contact"),
        missing_data=(
            "Redress has no contact details for a mediation adviser: record a mediation provider "
            "that serves {local_authority}, with its phone number or email address."
        ),
    ),
    RequiredItem(
        key="timescales",
        title="The time limits for contacting the mediation adviser and for appealing",
        citation=f"{legal.REGULATION_33.short}; {legal.APPEAL_TIME_LIMIT.short}",
        fields=("contact_adviser_by", "appeal_by"),
        missing_data="The letter does not give the time limits.",
    ),
    RequiredItem(
        key="tell_la",
        title=(
            "What to tell the local authority if you wish to mediate: that you wish to, the "
            "issues, and any health care provision you are seeking"
        ),
        citation=f"{legal.REGULATION_32.short}; Children and Families Act 2014 s.53",
        fields=("mediation_notice_to_la",),
        missing_data="The letter does not say what to tell the local authority.",
    ),
    RequiredItem(
        key="la_contact",
        title="Whom to contact at the local authority",
        citation=legal.REGULATION_32.short,
        fields=("la_contact",),
        missing_data=(
            "Redress has no contact details for {local_authority}: record its phone number or "
            "email address."
        ),
    ),
    RequiredItem(
        key="sendiass",
        title="Where to get free information, advice and support (SENDIASS)",
        citation=f"{legal.REGULATION_32.short}; Children and Families Act 2014 s.32",
        fields=("sendiass_contact",),
        missing_data=(
            "Redress has no contact details for an information, advice and support service: "
            "record a SENDIASS that serves {local_authority}, with its phone number or email "
            "address."
        ),
    ),
    RequiredItem(
        key="disagreement_resolution",
        title="The independent disagreement resolution service",
        citation=legal.DISAGREEMENT_RESOLUTION.short,
        fields=("disagreement_resolution",),
        missing_data="The letter does not mention disagreement resolution.",
    ),
    RequiredItem(
        key="recommendations",
        title=(
            "The right to ask the Tribunal for health and social care recommendations (or, for "
            "a refusal to assess, that it does not apply)"
        ),
        citation=legal.RECOMMENDATIONS_POWER.short,
        fields=("recommendations",),
        missing_data="The letter does not mention health and social care recommendations.",
    ),
)

REQUIRED_FIELDS: frozenset[str] = frozenset(f for item in REQUIRED_ITEMS for f in item.fields)


# -- The decisions recorded on a case ----------------------------------------------------------

SOURCES = ("case_event", "plan", "review_step", "cessation")  # see casework's DECISION_SOURCES


@dataclass(frozen=True)
class AppealableDecision:
    kind: DecisionKind
    source: str  # one of SOURCES: which record the decision is
    record: models.Model
    child: Child
    notice_date: date  # the day its notice is sent, which starts the family's windows
    reasons: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def key(self) -> str:
        """The decision's ref: the engine names its windows by it (`decision_ref`)."""
        return decision_ref(self.source, self.record.pk)

    @property
    def title(self) -> str:
        return self.kind.title


def _case_events(child: Child, types: list[str]) -> list[CaseEvent]:
    """The child's case steps of these types, oldest first: from the records a nightly batch
    attached when there are some (no query), else from the database."""
    events = prefetched(child, "events")
    if events is None:
        return list(
            CaseEvent.objects.standing().filter(child=child, type__in=types).order_by("date", "id")
        )
    # A decision withdrawn as recorded in error has no notice to send (decision 0100).
    standing = (e for e in events if e.type in types and e.withdrawn_at is None)
    return sorted(standing, key=lambda e: (e.date, e.id))


def _casework_decisions(child: Child) -> list[AppealableDecision]:
    found = []
    kinds = {
        ("assessment_decision", "not_assess"): "refuse_assess",
        ("plan_decision", "not_issue"): "refuse_plan",
        ("final_plan_issued", None): "final_plan",
        ("reassessment_decision", "not_reassess"): "refuse_reassess",
        ("reassessment_no_change", None): "reassessment_no_amendment",
    }
    types = [t for t, _ in kinds]
    for event in _case_events(child, types):
        kind = kinds.get((event.type, event.details.get("decision")))
        if kind:
            found.append(
                AppealableDecision(
                    kind=DECISION_KINDS[kind],
                    source="case_event",
                    record=event,
                    child=child,
                    notice_date=event.date,
                    reasons=event.reasons,
                )
            )
    return found


def _plans_decisions(child: Child) -> list[AppealableDecision]:
    """Plans, review decisions and cessations the plans app records (read only)."""
    casework_final = {e.date for e in _case_events(child, ["final_plan_issued"])}
    plans = prefetched(child, "plans")
    if plans is None:
        plans = list(Plan.objects.filter(child=child))
    plans.sort(key=lambda p: p.version_number)
    # A step withdrawn as recorded in error is no decision the family can appeal (0100).
    standing = [p for p in plans if not p.withdrawn]
    found = []
    for plan in (p for p in standing if p.not_amended_on is not None):
        assert plan.not_amended_on is not None
        found.append(
            AppealableDecision(
                kind=DECISION_KINDS["amendment_not_made"],
                source="plan",
                record=plan,
                child=child,
                notice_date=plan.not_amended_on,
                reasons=plan.not_amended_reasons,
            )
        )
    for plan in (p for p in standing if p.issued_on is not None):
        assert plan.issued_on is not None
        if plan.supersedes_id is None:
            if plan.issued_on in casework_final:
                continue  # the same plan, already listed from the case's own steps
            kind = "final_plan"
        else:
            kind = "amended_plan"
        found.append(
            AppealableDecision(
                kind=DECISION_KINDS[kind],
                source="plan",
                record=plan,
                child=child,
                notice_date=plan.issued_on,
            )
        )
    cycles = prefetched(child, "review_cycles")
    if cycles is None:
        steps = list(
            ReviewStep.objects.filter(
                cycle__child=child,
                kind=ReviewStep.Kind.DECISION,
                decision=ReviewStep.Decision.MAINTAIN,
            ).order_by("date", "id")
        )
    else:
        steps = sorted(
            (
                step
                for cycle in cycles
                for step in cycle.steps.all()
                if step.kind == ReviewStep.Kind.DECISION
                and step.decision == ReviewStep.Decision.MAINTAIN
            ),
            key=lambda step: (step.date, step.id),
        )
    for step in (s for s in steps if not s.withdrawn):
        found.append(
            AppealableDecision(
                kind=DECISION_KINDS["review_no_amendment"],
                source="review_step",
                record=step,
                child=child,
                notice_date=step.date,
                reasons=step.reasons,
            )
        )
    if prefetched(child, "plans") is None:
        cessations = list(Cessation.objects.filter(plan__child=child).order_by("decided_on", "id"))
    else:
        cessations = sorted(
            (c for plan in plans for c in plan.cessations.all()),
            key=lambda c: (c.decided_on, c.id),
        )
    for cessation in (c for c in cessations if not c.withdrawn):
        found.append(
            AppealableDecision(
                kind=DECISION_KINDS["cessation"],
                source="cessation",
                record=cessation,
                child=child,
                notice_date=cessation.notice_sent_on,
                reasons=cessation.reasons,
            )
        )
    return found


def _check_may_issue(user: Any, child: Child) -> None:
    if not user.has_perm(ISSUE_PERMISSION, child):
        raise PermissionDenied("Only the child's local authority sends its decision notices.")


def decisions_for_child(child: Child) -> list[AppealableDecision]:
    """Every appealable decision recorded for the child, oldest first, for linking a mediation
    case or an appeal to its decision and naming a window's decision (no letter is issued)."""
    decisions = _casework_decisions(child) + _plans_decisions(child)
    decisions.sort(key=lambda d: (d.notice_date, SOURCES.index(d.source), d.record.pk))
    return decisions


def appealable_decisions(*, user: Any, child: Child) -> list[AppealableDecision]:
    """Every appealable decision recorded for the child, oldest first (LA staff only)."""
    _check_may_issue(user, child)
    return decisions_for_child(child)


def decision_letter_labels(child: Child) -> dict[str, str]:
    """Each recorded decision on the child's case, by its ref, named for a person reading a
    window's row: the decision and the date of its letter (registered with casework's
    `decision_labels`)."""
    return {
        d.key: f"{d.title} (letter of {format_long_date(d.notice_date)})"
        for d in decisions_for_child(child)
    }


def decision_for_notice(child: Child, decision: str, notice_date: date) -> str:
    """The ref of the recorded decision whose notice was sent that day, preferring one of the
    same kind (`decision` in the mediation and appeals apps' words); '' when none was."""
    same_day = [d for d in decisions_for_child(child) if d.notice_date == notice_date]
    same_kind = [d for d in same_day if d.kind.appeal_decision == decision]
    chosen = same_kind or same_day
    return chosen[0].key if chosen else ""


def appealable_decision_get(*, user: Any, child: Child, key: str) -> AppealableDecision:
    """One decision by its key ('case_event-12'), or 404 if the child has no such decision."""
    for decision in appealable_decisions(user=user, child=child):
        if decision.key == key:
            return decision
    raise Http404("No such decision on this case")


def decision_letters_url(child: Child) -> str:
    """The page listing a child's appealable decisions, each with its letter."""
    return reverse("documents:decision-letters", args=[child.pk])


def decision_letter_url(*, child: Child, source: str, pk: int) -> str:
    """Where to download (POST) the letter for one decision, for other apps to link to:
    `source` is 'case_event', 'plan', 'review_step' or 'cessation'."""
    if source not in SOURCES:
        raise ValueError(f"unknown decision source {source!r}")
    return reverse("documents:decision-letter", args=[child.pk, f"{source}-{pk}"])


# -- The engine's dates for a decision ---------------------------------------------------------


@dataclass(frozen=True)
class FamilyWindows:
    contact_adviser: Deadline | None
    appeal: Deadline | None


def family_windows(decision: AppealableDecision) -> FamilyWindows:
    """The engine's rows for the family's two windows that this decision's notice started: the
    engine keeps one of each per decision, named by the decision's ref, so a later decision
    never replaces this one's dates."""
    rows = {
        d.rule: d
        for d in Deadline.objects.filter(
            child=decision.child,
            ref=decision.key,
            rule__in=(legal.MEDIATION_CONTACT_RULE.id, legal.APPEAL_RULE.id),
        )
    }
    return FamilyWindows(
        contact_adviser=rows.get(legal.MEDIATION_CONTACT_RULE.id),
        appeal=rows.get(legal.APPEAL_RULE.id),
    )


# -- The letter's contents -----------------------------------------------------------------------


def _serving(local_authority: Organisation, kind: str) -> Organisation | None:
    """The organisation of this kind serving the authority that someone can contact."""
    candidates = list(local_authority.served_by.filter(kind=kind).order_by("name", "pk"))
    with_contact = [o for o in candidates if _contact(o)]
    chosen = with_contact or candidates
    return chosen[0] if chosen else None


def _contact_adviser_by(window: Deadline | None) -> str:
    rule = legal.MEDIATION_CONTACT_RULE
    if window is not None:
        return (
            f"Contact the mediation adviser by {format_long_date(window.due)}, "
            f"{rule.period} from the date of this letter ({_cited(window.citation)})."
        )
    return (
        f"Contact the mediation adviser within {rule.period} of the date of this letter "
        f"({_cited(rule.citation)})."
    )


def _appeal_by(window: Deadline | None) -> str:
    rule = legal.APPEAL_RULE
    later = (
        "If you receive a mediation certificate, you may instead appeal up to 1 month after "
        "the date on the certificate, if that is later."
    )
    if window is not None:
        return (
            f"The Tribunal must receive your appeal by {format_long_date(window.due)} "
            f"({_cited(window.citation)}). {later}"
        )
    return f"The Tribunal must receive your appeal by {rule.period} ({_cited(rule.citation)})."


def _appeal_right(kind: DecisionKind) -> str:
    return (
        "You have the right to appeal against this decision to the First-tier Tribunal "
        "(Special Educational Needs and Disability) "
        f"({kind.appeal_ground}). Use the Tribunal's form {kind.appeal_form}."
    )


def _certificate_exemption(kind: DecisionKind) -> str:
    if kind.about_a_plan:
        return (
            "If your appeal is only about the school or other institution named in the plan "
            "(section I), or the type of institution, or that none is named, you do not need a "
            "certificate and can appeal straight away."
        )
    return (
        "An appeal against this decision is not only about the school or institution named in "
        "a plan, so you will need a certificate before you appeal."
    )


def _mediation_notice_to_la(local_authority: Organisation) -> str:
    return (
        f"If you decide to mediate, tell {local_authority.name} that you wish to mediate, which "
        "issues you want to mediate, and, if the health care provision in the plan (or its "
        "absence) is one of them, the health care provision you are seeking. The mediation "
        f"should then take place within {MEDIATION_HELD_RULE.period} of your telling us "
        f"({_cited(MEDIATION_HELD_RULE.citation)})."
    )


def _recommendations(kind: DecisionKind) -> str:
    if kind.recommendations:
        return f"{legal.RECOMMENDATIONS_POWER.text} ({legal.RECOMMENDATIONS_POWER.short})"
    return (
        f"{legal.NO_RECOMMENDATIONS_FOR_REFUSAL_TO_ASSESS.text} "
        f"({legal.NO_RECOMMENDATIONS_FOR_REFUSAL_TO_ASSESS.short})"
    )


def _named(organisation: Organisation | None) -> str:
    contact = _contact(organisation)
    return f"{organisation.name}: {contact}" if organisation is not None and contact else ""


def decision_letter_context(*, actor: Any, decision: AppealableDecision) -> dict[str, Any]:
    child = decision.child
    local_authority = child.local_authority
    kind = decision.kind
    windows = family_windows(decision)
    adviser = _serving(local_authority, Organisation.Kind.MEDIATION_PROVIDER)
    sendiass = _serving(local_authority, Organisation.Kind.SENDIASS)
    addressee = family_addressee(child)
    recipient_name, recipient_address, recipient_email = (
        addressee.name,
        addressee.postal,
        addressee.email,
    )
    la_contact = ""
    if _contact(local_authority):
        officer = child.caseworker or actor
        la_contact = (
            f"{getattr(officer, 'display_name', '') or officer}, {local_authority.name}: "
            f"{_contact(local_authority)}"
        )
    return {
        "local_authority_name": local_authority.name,
        "local_authority_address": Listing(local_authority.address.strip()),
        "letter_date": format_long_date(decision.notice_date),
        "recipient_name": recipient_name,
        "recipient_address": Listing(
            recipient_address or (f"By email: {recipient_email}" if recipient_email else "")
        ),
        "recipient_postal_address": recipient_address,
        "recipient_email": recipient_email,
        "child_name": child.full_name,
        "child_date_of_birth": format_long_date(child.date_of_birth),
        "decision_date": format_long_date(decision.notice_date),
        "reasons": Listing(
            decision.reasons.strip() or "The reasons are set out in the enclosed papers."
        ),  # fmt: skip
        "notice_citation": _cited(kind.notice_citation),
        "appeal_right": _appeal_right(kind),
        "mediation_right": f"{legal.MEDIATION_RIGHT.text} ({legal.MEDIATION_RIGHT.short})",
        "certificate_rule": (
            f"{legal.MEDIATION_CERTIFICATE.text} ({legal.MEDIATION_CERTIFICATE.short})"
        ),
        "certificate_exemption": _certificate_exemption(kind),
        "mediation_adviser_name": adviser.name if adviser is not None and _contact(adviser) else "",
        "mediation_adviser_contact": _contact(adviser),
        "contact_adviser_by": _contact_adviser_by(windows.contact_adviser),
        "appeal_by": _appeal_by(windows.appeal),
        "mediation_notice_to_la": _mediation_notice_to_la(local_authority),
        "la_contact": la_contact,
        "sendiass_contact": _named(sendiass),
        "disagreement_resolution": (
            f"{legal.DISAGREEMENT_RESOLUTION.text} ({legal.DISAGREEMENT_RESOLUTION.short})"
        ),
        "recommendations": _recommendations(kind),
        "required_items": [
            {"title": i.title, "citation": _cited(i.citation)} for i in REQUIRED_ITEMS
        ],
        "signed_by_name": signer_name(actor),
        "signed_by_role": signer_role(actor, local_authority),
    }


def letter_problems(
    *, decision: AppealableDecision, context: dict[str, Any], template: Path | None = None
) -> dict[str, str]:
    """What stops the letter going out, keyed by required item: a field the template lost, or
    nothing in the records to fill it with. Empty when the letter may be issued."""
    path = template or decision.kind.template
    problems: dict[str, str] = {}
    child = decision.child
    unaddressed = addressee_problem(
        Addressee(
            name=str(context.get("recipient_name", "")),
            postal=str(context.get("recipient_postal_address", "")),
            email=str(context.get("recipient_email", "")),
        ),
        child=child,
    )
    if unaddressed:
        problems["addressee"] = unaddressed
    lost = set(lost_fields(path, REQUIRED_FIELDS))
    for item in REQUIRED_ITEMS:
        removed = [f for f in item.fields if f in lost]
        if removed:
            fields = fields_named(removed)
            problems[item.key] = (
                f"The letter template {path.name} has lost {item.title[:1].lower()}"
                f"{item.title[1:]} (the field {fields}). Put the field back in the template."
            )
        elif any(not str(context.get(f, "")).strip() for f in item.fields):
            problems[item.key] = item.missing_data.format(
                local_authority=decision.child.local_authority.name
            )
    return problems


def decision_letter_check(*, actor: Any, decision: AppealableDecision) -> dict[str, str]:
    """The problems `decision_letter_generate` would refuse the letter for (none: it may go)."""
    _check_may_issue(actor, decision.child)
    context = decision_letter_context(actor=actor, decision=decision)
    return letter_problems(decision=decision, context=context)


def decision_letter_generate(
    *,
    actor: Any,
    decision: AppealableDecision,
    template: Path | None = None,
    large_print: bool = False,
) -> bytes:
    """The Word notice of one appealable decision, with every item regulation 32 requires, in
    large print if asked (the same words, 16 point and larger).

    Refuses (ValidationError keyed by required item, or `addressee`) a letter that would lack
    one or that has no named addressee with a postal or email address. Audited."""
    _check_may_issue(actor, decision.child)
    context = decision_letter_context(actor=actor, decision=decision)
    problems = letter_problems(decision=decision, context=context, template=template)
    if problems:
        raise ValidationError({key: [message] for key, message in problems.items()})
    content = docx_render(
        template or decision.kind.template,
        context,
        title=f"{decision.title}: {decision.child.full_name}",
        large_print=large_print,
    )
    audit_record(
        actor=actor,
        action="generate",
        obj=decision.record,
        child=decision.child,
        summary=f"Generated the decision letter{' in large print' if large_print else ''}: "
        f"{decision.title} ({format_long_date(decision.notice_date)})",
    )
    return content


__all__ = [
    "DECISION_KINDS",
    "ISSUE_PERMISSION",
    "REQUIRED_FIELDS",
    "REQUIRED_ITEMS",
    "SOURCES",
    "AppealableDecision",
    "DecisionKind",
    "FamilyWindows",
    "RequiredItem",
    "appealable_decision_get",
    "appealable_decisions",
    "decision_for_notice",
    "decision_letter_labels",
    "decision_letter_check",
    "decision_letter_context",
    "decision_letter_generate",
    "decision_letter_url",
    "decision_letters_url",
    "decisions_for_child",
    "family_windows",
    "letter_problems",
    "letter_recipients",
]
