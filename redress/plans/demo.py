"""Demo plans for the Northwick children whose final plan casework records as issued.

Each such child gets a plan (sections A to K, provision, outcomes, placement) served and issued
on the days casework records, then, chosen deterministically by how long ago the plan was issued:
reviews at several stages, a draft amendment, the phase-transfer cohorts of the coming year and
the last one, and one decision to cease. Every write goes through the plans services, so every
date shown comes from the engine.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from redress.casework.models import CaseEvent, Child
from redress.plans import services
from redress.plans.models import Appendix, Outcome, Plan, PlanSection, ProvisionItem
from redress.statutory.school_year import national_curriculum_year, next_school_year

_SECTION_TEXT = {
    "A": "{name} enjoys drawing, music and being outdoors. {name}'s family want {name} to make "
    "friends, to be understood, and to take part in everything the class does.",
    "B": "{name} has a severe speech, language and communication need: {name} understands "
    "short instructions but finds it hard to put words in order, and becomes anxious when "
    "not understood. Attention and working memory are well below those of {name}'s peers.",
    "C": "{name} has glue ear, monitored by the audiology service, and mild asthma.",
    "D": "{name} needs support from an adult to manage changes of routine outside school.",
    "E": "The outcomes below were agreed with {name} and {name}'s family.",
    "F": "The provision below is to be delivered in school, planned with {name}'s family and "
    "reviewed each term.",
    "G": "Health care provision reasonably required by {name}'s learning difficulties.",
    "H1": "No provision under section 2 of the Chronically Sick and Disabled Persons Act 1970.",
    "H2": "Short breaks, two weekends a year, from the children's disability team.",
    "I": "See the school named below.",
    "J": "No personal budget has been requested.",
    "K": "The advice and information gathered during the assessment are listed below.",
}

_OUTCOMES = (
    "{name} will use sentences of four or more words to ask for help in class.",
    "{name} will read and understand a short book at their level with an adult.",
)


@dataclass
class _Issued:
    child: Child
    draft: date
    final: date


def _issued_children(la: Any) -> list[_Issued]:
    """Children with a final plan in casework, oldest plan first (ties by id)."""
    rows: dict[int, dict[str, date]] = {}
    events = CaseEvent.objects.filter(
        child__local_authority=la,
        type__in=[CaseEvent.Type.DRAFT_PLAN_ISSUED, CaseEvent.Type.FINAL_PLAN_ISSUED],
    ).order_by("date", "id")
    for child_id, event_type, when in events.values_list("child_id", "type", "date"):
        rows.setdefault(child_id, {})[event_type] = when
    children = Child.objects.in_bulk(list(rows))
    issued = [
        _Issued(children[pk], dates["draft_plan_issued"], dates["final_plan_issued"])
        for pk, dates in rows.items()
        if "final_plan_issued" in dates and "draft_plan_issued" in dates
    ]
    issued.sort(key=lambda i: (i.final, i.child.pk))
    return issued


def _plan(actor: Any, issued: _Issued, *, therapy_in_g: bool) -> Plan:
    """A plan served and issued on casework's days. Its content is written in bulk (with
    history): a draft's content feeds no deadline, and the demo must load quickly."""
    child = issued.child
    name = child.first_name
    plan = services.plan_create(actor=actor, child=child, expected_version=None)
    sections = list(plan.sections.all())
    for section in sections:
        section.text = _SECTION_TEXT[section.code].format(name=name)
    bulk_update_with_history(sections, PlanSection, ["text"])
    year = national_curriculum_year(child.date_of_birth, issued.final)
    adult = year >= 9
    outcomes = [
        Outcome(plan=plan, text=text.format(name=name), by_when="by the next review", position=i)
        for i, text in enumerate(_OUTCOMES)
    ]
    if adult:
        outcomes.append(
            Outcome(
                plan=plan, preparing_for_adulthood="independent_living", position=len(outcomes),
                text=f"{name} will travel to college independently on a familiar route.",
                by_when="by the end of year 11",
            )
        )  # fmt: skip
    bulk_create_with_history(outcomes, Outcome)
    items = [
        ("F", "Small-group teaching of vocabulary and sentence building", "Class teacher, "
         "with advice from the speech and language therapist", "Daily, 20 minutes",
         "Until the next review", False),
        ("F", "A trained teaching assistant to support understanding in lessons", "Teaching "
         "assistant", "15 hours a week", "Until the next review", False),
        ("G" if therapy_in_g else "F", "Speech and language therapy: direct sessions on "
         "expressive language", "Speech and language therapist (NHS Northwick)",
         "45 minutes, weekly in term time", "For 12 months", False),
        ("G", "Review of glue ear and hearing by the audiology service", "Audiologist",
         "Every 6 months", "Until discharged", False),
        ("H2", "Short breaks with a trained carer", "Children's disability team",
         "Two weekends a year", "For 12 months", False),
    ]  # fmt: skip
    if adult:
        items.append(
            ("F", "Travel training and work-related learning", "Transition coordinator",
             "Weekly, one afternoon", "Until the end of year 11", True)
        )  # fmt: skip
    bulk_create_with_history(
        [
            ProvisionItem(
                plan=plan,
                section=section,
                what=what,
                who=who,
                how_often=often,
                how_long=long,
                preparing_for_adulthood=pfa,
                position=i,
            )  # fmt: skip
            for i, (section, what, who, often, long, pfa) in enumerate(items)
        ],
        ProvisionItem,
    )
    preference = child.setting.name if child.setting else "Northwick Early Years Centre"
    # The draft gives the type and the family's preference; the final plan names the school
    # (CFA 2014 s.38(5)).
    services.placement_set(
        actor=actor, plan=plan, institution_type=_institution_type(year),
        family_preference=preference, expected_version=None,
    )  # fmt: skip
    Appendix.objects.bulk_create(
        [Appendix(plan=plan, advice_request=a) for a in child.advice_requests.all()[:3]]
    )
    services.plan_issue_draft(actor=actor, plan=plan, when=issued.draft, expected_version=None)
    services.placement_set(
        actor=actor, plan=plan, institution=child.setting,
        institution_name="" if child.setting else "Northwick Early Years Centre",
        institution_type=_institution_type(year), family_preference=preference,
        expected_version=None,
    )  # fmt: skip
    return services.plan_issue_final(
        actor=actor, plan=plan, when=max(issued.final, issued.draft), expected_version=None
    )


def _institution_type(year: int) -> str:
    if year < 0:
        return "Maintained nursery school"
    if year <= 6:
        return "Maintained mainstream primary school"
    if year <= 11:
        return "Maintained mainstream secondary school"
    return "General further education college"


def _amend(
    actor: Any,
    plan: Plan,
    *,
    review: Any,
    notice: date,
    issued: date | None,
    transfer: Any = None,
) -> Plan:
    amended = services.plan_amend(
        actor=actor, plan=plan, review=review, transfer=transfer, expected_version=None
    )
    services.plan_section_update(
        actor=actor, plan=amended, code="I", expected_version=None,
        text="The school named below, from September; the plan names it for the transfer.",
    )  # fmt: skip
    services.plan_issue_draft(actor=actor, plan=amended, when=notice, expected_version=None)
    if issued is not None:
        services.plan_issue_final(actor=actor, plan=amended, when=issued, expected_version=None)
    return amended


def _review(
    actor: Any, plan: Plan, *, arranged: date, meeting: date, today: date, steps: int
) -> Any:
    """A review whose meeting was arranged and, up to `steps`, carried out (1: invitations,
    2: advice, 3: the meeting held, 4: the report)."""
    cycle = services.review_start(
        actor=actor, plan=plan, meeting_planned_for=meeting, meeting_arranged_on=arranged,
        expected_version=None,
    )  # fmt: skip
    days = (meeting - arranged).days
    dated = (
        ("invitations_sent", arranged + timedelta(days=1)),
        ("advice_circulated", arranged + timedelta(days=max(days - 16, 2))),
        ("meeting_held", meeting),
        ("report_sent", meeting + timedelta(days=9)),
    )
    for kind, when in dated[:steps]:
        if when <= today:
            services.review_step_record(
                actor=actor, cycle=cycle, kind=kind, when=when, expected_version=None
            )
    return cycle


def demo_plans(*, orgs: dict[str, Any], users: dict[str, Any], today: date) -> None:
    actor = users["caseworker"]
    issued = _issued_children(orgs["la"])
    if not issued:
        return
    plans: list[tuple[_Issued, Plan]] = []
    for n, row in enumerate(issued):
        plans.append((row, _plan(actor, row, therapy_in_g=n == len(issued) - 1)))

    # The oldest plans are the ones under review; the newest are left alone.
    used: set[int] = set()

    def take(predicate: Any) -> tuple[_Issued, Plan] | None:
        for row, plan in plans:
            if row.child.pk not in used and predicate(row):
                used.add(row.child.pk)
                return row, plan
        return None

    def age(row: _Issued) -> int:
        return (today - row.final).days

    # Overdue: the meeting was held 5 weeks ago and the decision, due after 4, is not made.
    found = take(lambda r: age(r) > 80)
    if found:
        row, plan = found
        meeting = today - timedelta(days=35)
        _review(actor, plan, arranged=meeting - timedelta(days=30), meeting=meeting, today=today,
                steps=4)  # fmt: skip
    # Due soon: the oldest plan's meeting is in 3 weeks; the invitations went, the advice has
    # not been circulated.
    found = take(lambda r: age(r) > 30)
    if found:
        row, plan = found
        _review(actor, plan, arranged=today - timedelta(days=3),
                meeting=today + timedelta(days=20), today=today, steps=1)  # fmt: skip
    # Decided to amend; the amendment notice is out, the family's 15 days are running.
    found = take(lambda r: age(r) > 80)
    if found:
        row, plan = found
        meeting = today - timedelta(days=40)
        cycle = _review(actor, plan, arranged=meeting - timedelta(days=28), meeting=meeting,
                        today=today, steps=4)  # fmt: skip
        decided = meeting + timedelta(days=20)
        services.review_step_record(
            actor=actor, cycle=cycle, kind="decision", when=decided, decision="amend",
            proposed_amendments="Increase speech and language therapy to twice weekly; name "
            "the secondary school in section I.", expected_version=None,
        )  # fmt: skip
        _amend(actor, plan, review=cycle, notice=decided + timedelta(days=7), issued=None)
    # Decided to maintain: the family's appeal window is open.
    found = take(lambda r: age(r) > 60)
    if found:
        row, plan = found
        meeting = today - timedelta(days=30)
        cycle = _review(actor, plan, arranged=meeting - timedelta(days=21), meeting=meeting,
                        today=today, steps=4)  # fmt: skip
        services.review_step_record(
            actor=actor, cycle=cycle, kind="decision", when=meeting + timedelta(days=14),
            decision="maintain", expected_version=None,
        )  # fmt: skip

    # Phase transfers: the coming year's cohort and the last one.
    coming = next_school_year(today)
    boundaries = {-1: "into_school", 2: "infant_junior", 6: "primary_secondary", 11: "post16"}
    for year_offset, transfer_year in ((0, coming), (1, coming - 1)):
        for n, (before, kind) in enumerate(sorted(boundaries.items())):
            for k in range(2):
                wanted = before + year_offset
                found = take(
                    lambda r, w=wanted: national_curriculum_year(r.child.date_of_birth, today) == w
                )
                if not found:
                    continue
                row, plan = found
                identified = max(row.final, date(transfer_year - 1, 9, 1 + n + k))
                if identified > today:
                    continue
                transfer = services.phase_transfer_add(
                    actor=actor, child=row.child, kind=kind, year=transfer_year,
                    identified_on=identified, expected_version=None,
                )  # fmt: skip
                # Done: the first of each kind in the coming cohort, and in the last one the
                # first of each kind on time; the second of last year's is left late.
                if k == 0:
                    notice = max(identified, today - timedelta(days=50))
                    if year_offset == 1:
                        notice = min(identified + timedelta(days=60), today - timedelta(days=20))
                    notice = max(notice, identified)
                    done = min(notice + timedelta(days=21), today)
                    if done >= notice + timedelta(days=15):
                        _amend(
                            actor, plan, review=None, notice=notice, issued=done,
                            transfer=transfer,
                        )  # fmt: skip

    # One decision to cease, outside a review: the family's appeal window is open.
    found = take(lambda r: age(r) > 200 and national_curriculum_year(
        r.child.date_of_birth, today) >= 12)  # fmt: skip
    found = found or take(lambda r: age(r) > 200)
    if found:
        row, plan = found
        decided = today - timedelta(days=12)
        services.cessation_record(
            ground="employment",
            actor=actor, plan=plan, decided_on=decided, notice_sent_on=decided,
            reasons="The young person has left education and started full-time paid work (not "
            "an apprenticeship), so the authority is no longer responsible for them (Children "
            "and Families Act 2014 s.45(1)(a)).", expected_version=None,
        )  # fmt: skip
