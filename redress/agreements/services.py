"""Writes to mediation agreements, their follow-up and expenses claims.

Each service checks that the actor may act, checks plausibility (raising `ValidationError` keyed
by form field), saves, recomputes the child's deadlines through the engine and writes the audit
log, all in one transaction. Nothing already saved changes when a step is refused.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from redress.accounts.models import Membership, Role
from redress.agreements.events import agreement_in_force
from redress.agreements.language import Flag, check_texts
from redress.agreements.messages import ACTION_NOT_DONE
from redress.agreements.models import (
    EXPENSES_CITATION,
    NO_SECTION,
    Acceptance,
    ActionDoneUndo,
    ActionKind,
    ActionReport,
    AgreedAction,
    ExpensesClaim,
    MediationAgreement,
    Party,
    WordingDecision,
)
from redress.audit.services import audit_record
from redress.casework.deadlines import deadlines_recompute
from redress.casework.models import Deadline
from redress.core import registry
from redress.core.corrections import history_reason, mark_corrected, mark_withdrawn
from redress.core.service_checks import not_in_future as _not_in_future
from redress.core.service_checks import require_perm as _require
from redress.core.versions import ConcurrentEditError, claim_version
from redress.core.words import staff_citation
from redress.mediation.models import MediationCase, MediationPolicy, Outcome
from redress.notifications.recipients import Contact
from redress.notifications.services import absolute_url, message_enqueue
from redress.statutory.calendar import FIRST_YEAR, LAST_YEAR, format_long_date
from redress.statutory.engine import today_in_london

# A claim above this is almost certainly a typing slip (pence typed as pounds); the payer can
# still approve a larger sum entered in two claims.
MAX_CLAIM = Decimal("2000.00")
#: The family request kind (family.models.FamilyRequest.Kind) for an agreed action not done.
ACTION_NOT_DONE_REQUEST = "action_not_done"
# Words that show a claim is for legal representation, which the expenses do not cover.
_LEGAL_WORDS = ("solicitor", "barrister", "lawyer", "legal fee", "legal representative", "counsel")


class WordingNeedsDecision(Exception):
    """The neutral-language check flagged words the mediator has not yet decided to keep."""

    def __init__(self, flags: list[Flag]) -> None:
        self.flags = flags
        super().__init__(", ".join(f.word for f in flags))


# -- Shared checks ---------------------------------------------------------------------------


def _refuse_if_in_force(agreement: MediationAgreement) -> None:
    if agreement_in_force(agreement):
        raise ValidationError(
            "Every party has accepted this agreement, so its wording can no longer be changed. "
            "If the parties agree something new, record it as a new mediation."
        )


def _wording(
    *,
    agreement: MediationAgreement | None,
    texts: dict[str, str],
    keep_flagged_words: bool,
) -> list[Flag]:
    flags = check_texts(texts)
    if flags and not keep_flagged_words:
        raise WordingNeedsDecision(flags)
    return flags


def _record_wording(
    actor: Any, agreement: MediationAgreement, flags: list[Flag], action: AgreedAction | None
) -> None:
    for flag in flags:
        WordingDecision.objects.create(
            agreement=agreement,
            action=action,
            field=flag.field,
            word=flag.word[:60],
            suggestion=flag.suggestion[:200],
            decided_by=actor,
        )
    if flags:
        words = ", ".join(f"“{f.word}”" for f in flags)
        audit_record(
            actor=actor,
            action="update",
            obj=agreement,
            child=agreement.case.child,
            summary=f"Kept wording the neutral-language check flagged: {words}",
        )


def _recompute(case: MediationCase) -> None:
    deadlines_recompute(child=case.child)


# -- The agreement ---------------------------------------------------------------------------


def _agreement_checks(
    case: MediationCase,
    *,
    made_on: date,
    la_party: bool,
    health_party: bool,
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    _not_in_future(made_on, "made_on", errors)
    held = case.meetings.filter(held_on__isnull=False).order_by("-held_on").first()
    if held is not None and held.held_on and made_on < held.held_on:
        errors.setdefault("made_on", []).append(
            "The agreement cannot be dated before the mediation was held "
            f"({format_long_date(held.held_on)})."
        )
    if made_on < case.decision_notice_date:
        errors.setdefault("made_on", []).append(
            "The agreement cannot be before the decision the family disagreed with "
            f"({format_long_date(case.decision_notice_date)})."
        )
    if case.outcome == Outcome.NO_AGREEMENT:
        errors.setdefault("made_on", []).append(
            "This mediation ended without agreement. Its certificate and the family's appeal "
            "deadline are on the mediation case."
        )
    if health_party and case.health_commissioner_id is None:
        errors.setdefault("health_party", []).append(
            "No health commissioner is a party to this mediation. Record the commissioner on "
            "the mediation case first."
        )
    if not la_party and not health_party:
        errors.setdefault("la_party", []).append(
            "Say who the family reached agreement with: the local authority, the health "
            "commissioner, or both."
        )
    return errors


def _case_stands(case: MediationCase) -> None:
    """Nothing new rests on a mediation case withdrawn as opened in error (decision 0134)."""
    if case.withdrawn:
        raise ValidationError("This mediation case was withdrawn as opened in error.")


@transaction.atomic
def agreement_create(
    *,
    actor: Any,
    case: MediationCase,
    made_on: date,
    la_party: bool,
    health_party: bool,
    future_disagreements: str = "",
    keep_flagged_words: bool = False,
) -> MediationAgreement:
    """Start the written agreement of a mediation (a draft until every party accepts it)."""
    _require(actor, "agreements.add_agreement", case)
    _case_stands(case)
    if MediationAgreement.objects.filter(case=case).exists():
        raise ValidationError("This mediation already has a written agreement.")
    errors = _agreement_checks(case, made_on=made_on, la_party=la_party, health_party=health_party)
    if errors:
        raise ValidationError(errors)
    flags = _wording(
        agreement=None,
        texts={"future_disagreements": future_disagreements},
        keep_flagged_words=keep_flagged_words,
    )
    agreement = MediationAgreement(
        case=case,
        made_on=made_on,
        la_party=la_party,
        health_commissioner_id=case.health_commissioner_id if health_party else None,
        future_disagreements=future_disagreements.strip(),
        created_by=actor,
    )
    agreement.full_clean()
    agreement.save()
    _record_wording(actor, agreement, flags, None)
    audit_record(
        actor=actor,
        action="create",
        obj=agreement,
        child=case.child,
        summary="Started the written mediation agreement",
    )
    return agreement


@transaction.atomic
def agreement_update(
    *,
    actor: Any,
    agreement: MediationAgreement,
    expected_version: int | None,
    made_on: date,
    la_party: bool,
    health_party: bool,
    future_disagreements: str = "",
    keep_flagged_words: bool = False,
) -> MediationAgreement:
    _require(actor, "agreements.change_agreement", agreement)
    _refuse_if_in_force(agreement)
    case = agreement.case
    errors = _agreement_checks(case, made_on=made_on, la_party=la_party, health_party=health_party)
    late = [a for a in agreement.actions.all() if a.agreed_due and a.agreed_due < made_on]
    if late:
        errors.setdefault("made_on", []).append(
            "An action is agreed to be done before this date. Change the action's date first."
        )
    if errors:
        raise ValidationError(errors)
    flags = _wording(
        agreement=agreement,
        texts={"future_disagreements": future_disagreements},
        keep_flagged_words=keep_flagged_words,
    )
    claim_version(agreement, expected_version)
    agreement.made_on = made_on
    agreement.la_party = la_party
    agreement.health_commissioner_id = case.health_commissioner_id if health_party else None
    agreement.future_disagreements = future_disagreements.strip()
    agreement.full_clean()
    agreement.save()
    _record_wording(actor, agreement, flags, None)
    audit_record(
        actor=actor,
        action="update",
        obj=agreement,
        child=case.child,
        summary="Changed the written mediation agreement",
    )
    _recompute(case)
    return agreement


# -- Agreed actions --------------------------------------------------------------------------


def smart_errors(
    *,
    what: str,
    who: str,
    measure: str,
    kind: str,
    timing: str,
    agreed_due: date | None,
    plan_section: str,
    made_on: date | None = None,
) -> dict[str, list[str]]:
    """What an action lacks to be SMART (what, who, how measured, by when), field by field."""
    errors: dict[str, list[str]] = {}
    if not what.strip():
        errors["what"] = ["Say what will be done."]
    if not who.strip():
        errors["who"] = ["Say who will do it: a person, a team or an organisation."]
    if not measure.strip():
        errors["measure"] = ["Say how the parties will know it has been done."]
    if kind not in ActionKind.values:
        errors["kind"] = ["Choose the kind of action: it decides the time the law allows."]
    if timing == AgreedAction.Timing.AGREED:
        if agreed_due is None:
            errors["agreed_due"] = ["Enter the date the parties agreed."]
        elif made_on is not None and agreed_due < made_on:
            errors["agreed_due"] = [
                "The date agreed must be on or after the date of the agreement "
                f"({format_long_date(made_on)})."
            ]
        elif agreed_due.year > LAST_YEAR:
            # The engine's calendar stops there: a later date would fail the deadline recompute
            # when the last party accepts.
            errors["agreed_due"] = [f"Enter a date in the years {FIRST_YEAR} to {LAST_YEAR}."]
    elif timing != AgreedAction.Timing.STATUTORY:
        errors["timing"] = [
            "Say by when: a date the parties agreed, or the time the law allows for this kind "
            "of action."
        ]
    valid_sections = {c for c, _ in AgreedAction._meta.get_field("plan_section").choices or []}
    if plan_section not in valid_sections:
        errors["plan_section"] = [
            "Choose the section of the plan the action changes, or that it does not change it."
        ]
    return errors


@transaction.atomic
def action_add(
    *,
    actor: Any,
    agreement: MediationAgreement,
    expected_version: int | None,
    what: str,
    who: str,
    measure: str,
    kind: str,
    timing: str,
    agreed_due: date | None,
    plan_section: str,
    owed_by: str = "",
    keep_flagged_words: bool = False,
) -> AgreedAction:
    """Add one SMART action. An action missing any element is refused, naming what is missing."""
    _require(actor, "agreements.change_agreement", agreement)
    _refuse_if_in_force(agreement)
    errors = smart_errors(
        what=what, who=who, measure=measure, kind=kind, timing=timing, agreed_due=agreed_due,
        plan_section=plan_section, made_on=agreement.made_on,
    )  # fmt: skip
    if owed_by and owed_by not in agreement.parties():
        errors["owed_by"] = ["Choose one of the parties to this agreement."]
    if errors:
        raise ValidationError(errors)
    flags = _wording(
        agreement=agreement,
        texts={"what": what, "who": who, "measure": measure},
        keep_flagged_words=keep_flagged_words,
    )
    claim_version(agreement, expected_version)
    action = AgreedAction(
        agreement=agreement,
        what=what.strip(),
        who=who.strip(),
        measure=measure.strip(),
        kind=kind,
        timing=timing,
        agreed_due=agreed_due if timing == AgreedAction.Timing.AGREED else None,
        plan_section=plan_section or NO_SECTION,
        owed_by=owed_by,
        ref="pending",
    )
    action.save()
    # The engine pairs an action with its "done" event by ref, unique across the child's case.
    action.ref = f"agreement-{agreement.pk}-action-{action.pk}"
    action.full_clean()
    action.save(update_fields=["ref"])
    _record_wording(actor, agreement, flags, action)
    audit_record(
        actor=actor,
        action="create",
        obj=action,
        child=agreement.case.child,
        summary="Added an agreed action",
    )
    return action


@transaction.atomic
def action_remove(
    *, actor: Any, action: AgreedAction, expected_version: int | None
) -> MediationAgreement:
    agreement = action.agreement
    _require(actor, "agreements.change_agreement", agreement)
    _refuse_if_in_force(agreement)
    claim_version(agreement, expected_version)
    audit_record(
        actor=actor,
        action="delete",
        obj=action,
        child=agreement.case.child,
        summary="Removed an agreed action from the draft agreement",
    )
    action.delete()
    return agreement


@transaction.atomic
def acceptance_record(
    *,
    actor: Any,
    agreement: MediationAgreement,
    expected_version: int | None,
    party: str,
    accepted_by_name: str,
    accepted_on: date,
) -> Acceptance:
    """Record that a party accepted the agreement as it now stands. When the last party
    accepts, the agreement is in force and its actions' deadlines start (reg 42)."""
    _require(actor, "agreements.change_agreement", agreement)
    if expected_version is not None and expected_version != agreement.version:
        raise ConcurrentEditError
    errors: dict[str, list[str]] = {}
    if party not in agreement.parties():
        errors["party"] = ["Choose one of the parties to this agreement."]
    if not accepted_by_name.strip():
        errors["accepted_by_name"] = ["Enter the name of the person who accepted for the party."]
    _not_in_future(accepted_on, "accepted_on", errors)
    if accepted_on < agreement.made_on:
        errors.setdefault("accepted_on", []).append(
            "A party cannot accept the agreement before the date of the agreement "
            f"({format_long_date(agreement.made_on)})."
        )
    if not agreement.actions.exists():
        errors.setdefault("party", []).append("Add at least one agreed action first.")
    existing = Acceptance.objects.filter(agreement=agreement, party=party).first()
    if existing is not None and existing.agreement_version == agreement.version:
        errors.setdefault("party", []).append(
            "This party's acceptance of the agreement as it now stands is already recorded."
        )
    if errors:
        raise ValidationError(errors)
    if existing is not None:
        existing.delete()  # an acceptance of earlier wording; history keeps it
    acceptance = Acceptance(
        agreement=agreement,
        party=party,
        accepted_by_name=accepted_by_name.strip(),
        accepted_on=accepted_on,
        agreement_version=agreement.version,
        recorded_by=actor,
    )
    acceptance.full_clean()
    acceptance.save()
    audit_record(
        actor=actor,
        action="create",
        obj=acceptance,
        child=agreement.case.child,
        summary=f"Recorded acceptance of the mediation agreement: {acceptance.get_party_display()}",
    )
    _recompute(agreement.case)
    return acceptance


@transaction.atomic
def action_done_record(*, actor: Any, action: AgreedAction, done_on: date) -> AgreedAction:
    """Record that an agreed action was done; the engine then shows it met or late."""
    agreement = action.agreement
    _require(actor, "agreements.record_action_done", action)
    errors: dict[str, list[str]] = {}
    if not agreement_in_force(agreement):
        errors["done_on"] = ["The agreement is not in force until every party has accepted it."]
    elif action.done_on is not None:
        errors["done_on"] = [
            f"This action is already recorded as done on {format_long_date(action.done_on)}."
        ]
    _not_in_future(done_on, "done_on", errors)
    if done_on < agreement.made_on:
        errors.setdefault("done_on", []).append(
            "The date cannot be before the date of the agreement "
            f"({format_long_date(agreement.made_on)})."
        )
    if errors:
        raise ValidationError(errors)
    action.done_on = done_on
    action.done_recorded_by = actor
    action.done_recorded_at = timezone.now()
    action.full_clean()
    action.save(update_fields=["done_on", "done_recorded_by", "done_recorded_at"])
    audit_record(
        actor=actor,
        action="update",
        obj=action,
        child=agreement.case.child,
        summary="Recorded an agreed action as done",
    )
    _recompute(agreement.case)
    return action


@transaction.atomic
def action_done_undo(
    *, actor: Any, action: AgreedAction, reason: str, expected_version: int | None = None
) -> ActionDoneUndo:
    """Take back a "done" recorded by mistake. Who recorded it, when, and who took it back and
    why stay on record (and in the action's history); the deadline opens again."""
    agreement = action.agreement
    _require(actor, "agreements.record_action_done", action)
    AgreedAction.objects.select_for_update().filter(pk=action.pk).first()
    action.refresh_from_db()
    errors: dict[str, list[str]] = {}
    if action.done_on is None:
        errors["reason"] = ["This action is not recorded as done."]
    if not reason.strip():
        errors.setdefault("reason", []).append("Say why the action is not done after all.")
    if errors:
        raise ValidationError(errors)
    assert action.done_on is not None
    undo = ActionDoneUndo(
        action=action,
        was_done_on=action.done_on,
        was_recorded_by=action.done_recorded_by,
        undone_by=actor,
        reason=reason.strip(),
    )
    undo.full_clean(exclude=["undone_by", "was_recorded_by"])
    undo.save()
    if expected_version is not None:
        claim_version(action, expected_version)
    else:
        action.version += 1
    action.done_on = None
    action.done_recorded_by = None
    action.done_recorded_at = None
    history_reason(action, actor=actor, reason=f"Done taken back: {reason.strip()}")
    action.save(update_fields=["done_on", "done_recorded_by", "done_recorded_at", "version"])
    audit_record(
        actor=actor,
        action="update",
        obj=action,
        child=agreement.case.child,
        summary=f"Took back an agreed action recorded as done on "
        f"{format_long_date(undo.was_done_on)}",
    )
    _recompute(agreement.case)
    return undo


def _case_managers(case: MediationCase) -> list[Any]:
    if case.case_manager is not None and case.case_manager.is_active:
        return [case.case_manager]
    memberships = Membership.objects.filter(
        organisation_id=case.provider_id, role=Role.MEDIATION_CASE_MANAGER, active=True
    ).select_related("user")
    return [m.user for m in memberships if m.user.is_active]


@transaction.atomic
def action_not_done_report(*, actor: Any, action: AgreedAction, text: str) -> ActionReport:
    """The family says an agreed action has not been done. The local authority sees it with the
    family's other requests; the provider's case manager is alerted when the provider's policy
    says it follows up agreements."""
    agreement = action.agreement
    case = agreement.case
    _require(actor, "agreements.report_action_not_done", action)
    errors: dict[str, list[str]] = {}
    if not text.strip():
        errors["text"] = ["Tell us what has not happened. Write at least a few words."]
    if not agreement_in_force(agreement):
        errors.setdefault("text", []).append(
            "This agreement is not in force yet: not every party has accepted it."
        )
    elif action.done_on is not None:
        errors.setdefault("text", []).append(
            f"This action is recorded as done on {format_long_date(action.done_on)}. If it "
            "was not, tell the mediation provider or the local authority."
        )
    # The same report sent twice (a double click) would alert everyone twice.
    AgreedAction.objects.select_for_update().filter(pk=action.pk).first()
    if ActionReport.objects.filter(
        action=action, reported_by=actor, reported_on=today_in_london(), text=text.strip()
    ).exists():
        errors.setdefault("text", []).append("You have already sent this report today.")
    if errors:
        raise ValidationError(errors)
    # The family's requests are the family app's (above this one): it declares how one is made.
    request = registry.lookup("family_request_make")(
        actor=actor,
        child=case.child,
        kind=ACTION_NOT_DONE_REQUEST,
        text=f"{action.what}\n\n{text.strip()}",
    )
    policy = MediationPolicy.objects.filter(provider_id=case.provider_id).first()
    follows_up = policy.follows_up_agreements if policy else True
    report = ActionReport(
        action=action,
        text=text.strip(),
        reported_by=actor,
        reported_on=today_in_london(),
        family_request=request,
        case_manager_alerted=follows_up,
    )
    report.full_clean()
    report.save()
    if follows_up:
        deadline = Deadline.objects.filter(
            child=case.child, rule="agreement.action", ref=action.ref
        ).first()
        url = absolute_url(reverse("agreements:detail", args=[agreement.pk]))
        for manager in _case_managers(case):
            if not manager.email:
                continue
            message_enqueue(
                key=f"agreement-action-not-done:{report.pk}:{manager.pk}",
                template=ACTION_NOT_DONE.key,
                contact=Contact(email=manager.email, name=manager.display_name, user=manager),
                personalisation={
                    "child_name": case.child.full_name,
                    "agreement_date": format_long_date(agreement.made_on),
                    "action": action.what,
                    "who": action.who,
                    "due": format_long_date(deadline.due) if deadline else "not known",
                    "citation": staff_citation(deadline.citation)
                    if deadline
                    else "SEND Regulations 2014 reg 42",
                    "agreement_url": url,
                },
                child=case.child,
                digestible=False,
            )
    audit_record(
        actor=actor,
        action="create",
        obj=report,
        child=case.child,
        summary="Family reported an agreed action not done",
    )
    return report


# -- Expenses --------------------------------------------------------------------------------


@transaction.atomic
def expenses_claim_submit(
    *,
    actor: Any,
    case: MediationCase,
    claimant_name: str,
    category: str,
    description: str,
    amount: Decimal | None,
    incurred_on: date | None,
    payer: str,
) -> ExpensesClaim:
    """Record a claim for the expenses of attending mediation (CFA 2014 s.56(1)(g))."""
    _require(actor, "agreements.add_claim", case)
    _case_stands(case)
    errors: dict[str, list[str]] = {}
    if not claimant_name.strip():
        errors["claimant_name"] = ["Enter the name of the person who spent the money."]
    if category not in ExpensesClaim.Category.values:
        errors["category"] = ["Choose what kind of expense it is."]
    if not description.strip():
        errors["description"] = ["Say what the money was spent on."]
    elif any(word in description.lower() for word in _LEGAL_WORDS):
        errors["description"] = [
            "The costs of a legal representative are not mediation expenses "
            f"({EXPENSES_CITATION}); the family may claim their own and their supporter's "
            "travel and other costs of attending."
        ]
    if amount is None or amount <= 0:
        errors["amount"] = ["Enter the amount, in pounds, more than £0."]
    elif amount > MAX_CLAIM:
        errors["amount"] = [f"Check the amount: a single claim is at most £{MAX_CLAIM:,.2f}."]
    if incurred_on is None:
        errors["incurred_on"] = ["Enter the day the money was spent."]
    else:
        _not_in_future(incurred_on, "incurred_on", errors)
        if incurred_on < case.decision_notice_date:
            errors.setdefault("incurred_on", []).append(
                "The date is before this mediation began. Check the date."
            )
    if payer not in ExpensesClaim.Payer.values:
        errors["payer"] = ["Choose who pays the claim."]
    elif payer == ExpensesClaim.Payer.HEALTH_COMMISSIONER and case.health_commissioner_id is None:
        errors["payer"] = ["No health commissioner is a party to this mediation."]
    if not errors and amount is not None and incurred_on is not None:
        # The same claim sent twice (a double click, a resent form) would be paid twice.
        case_row = MediationCase.objects.select_for_update().filter(pk=case.pk).first()
        if (
            case_row is not None
            and ExpensesClaim.objects.filter(
                case=case,
                submitted_by=actor,
                claimant_name=claimant_name.strip(),
                category=category,
                description=description.strip(),
                amount=amount,
                incurred_on=incurred_on,
                payer=payer,
            ).exists()
        ):
            errors["amount"] = [
                "This claim is already recorded: it is in the list of claims above."
            ]
    if errors or amount is None or incurred_on is None:
        raise ValidationError(errors)
    claim = ExpensesClaim(
        case=case,
        claimant_name=claimant_name.strip(),
        submitted_by=actor,
        category=category,
        description=description.strip(),
        amount=amount,
        incurred_on=incurred_on,
        payer=payer,
    )
    claim.full_clean()
    claim.save()
    audit_record(
        actor=actor,
        action="create",
        obj=claim,
        child=case.child,
        summary=f"Expenses claim for £{claim.amount} recorded",
    )
    return claim


@transaction.atomic
def expenses_claim_decide(
    *,
    actor: Any,
    claim: ExpensesClaim,
    expected_version: int | None,
    approve: bool | None,
    reasons: str,
) -> ExpensesClaim:
    """The payer approves or refuses a claim; a refusal always gives its reasons."""
    _require(actor, "agreements.decide_claim", claim)
    errors: dict[str, list[str]] = {}
    if claim.status != ExpensesClaim.Status.SUBMITTED:
        errors["decision"] = [f"This claim was already {claim.get_status_display().lower()}."]
    if approve is None:
        errors.setdefault("decision", []).append("Choose whether to approve or refuse the claim.")
    elif not approve and not reasons.strip():
        errors["reasons"] = ["Give the reasons for refusing the claim."]
    if errors:
        raise ValidationError(errors)
    locked = ExpensesClaim.objects.filter(pk=claim.pk)
    if expected_version is not None:
        locked = locked.filter(version=expected_version)
    if not locked.update(version=F("version") + 1):
        raise ConcurrentEditError
    claim.refresh_from_db()
    claim.status = ExpensesClaim.Status.APPROVED if approve else ExpensesClaim.Status.REFUSED
    claim.reasons = reasons.strip()
    claim.decided_by = actor
    claim.decided_on = today_in_london()
    claim.full_clean()
    claim.save()
    audit_record(
        actor=actor,
        action="update",
        obj=claim,
        child=claim.case.child,
        summary=f"Expenses claim {claim.get_status_display().lower()}",
    )
    return claim


__all__ = [
    "WordingNeedsDecision",
    "acceptance_record",
    "action_add",
    "action_done_record",
    "action_done_undo",
    "action_not_done_report",
    "action_remove",
    "agreement_create",
    "agreement_update",
    "expenses_claim_decide",
    "expenses_claim_submit",
    "smart_errors",
    "Party",
]


# -- Correcting or withdrawing a recorded step (decision 0100) ----------------------------------


def _claim_correction(agreement: MediationAgreement, expected_version: int | None) -> None:
    """Stale-form check for a correction. The agreement's `version` counts the accepted wording
    and must not move, so corrections count on `correction_version` instead."""
    rows = MediationAgreement.objects.filter(pk=agreement.pk)
    if expected_version is not None:
        rows = rows.filter(correction_version=expected_version)
    if not rows.update(correction_version=F("correction_version") + 1):
        raise ConcurrentEditError
    agreement.refresh_from_db(fields=["correction_version"])


@transaction.atomic
def agreement_correct(
    *,
    actor: Any,
    agreement: MediationAgreement,
    made_on: date,
    reason: str,
    expected_version: int | None,
) -> MediationAgreement:
    """Correct the recorded date of the agreement. The wording the parties accepted does not
    change, so their acceptances stand; each action's time runs from the corrected date."""
    _require(actor, "agreements.change_agreement", agreement)
    cleaned = mark_corrected(agreement, actor=actor, reason=reason)
    case = agreement.case
    errors = _agreement_checks(
        case,
        made_on=made_on,
        la_party=agreement.la_party,
        health_party=agreement.health_commissioner_id is not None,
    )
    for action in agreement.actions.all():
        if action.agreed_due and action.agreed_due < made_on:
            errors.setdefault("made_on", []).append(
                "An action is agreed to be done before this date. Change the action's date first."
            )
        if action.done_on and action.done_on < made_on:
            errors.setdefault("made_on", []).append(
                f"An action is recorded as done on {format_long_date(action.done_on)}, before "
                "this date."
            )
    if errors:
        raise ValidationError(errors)
    _claim_correction(agreement, expected_version)
    agreement.made_on = made_on
    agreement.full_clean()
    history_reason(agreement, actor=actor, reason=f"Corrected: {cleaned}")
    agreement.save()
    audit_record(
        actor=actor,
        action="update",
        obj=agreement,
        child=case.child,
        summary=f"Corrected the date of the mediation agreement to {format_long_date(made_on)}: "
        f"{cleaned}",
    )
    _recompute(case)
    return agreement


@transaction.atomic
def agreement_withdraw(
    *, actor: Any, agreement: MediationAgreement, reason: str, expected_version: int | None
) -> MediationAgreement:
    """Withdraw an agreement recorded in error (on the wrong mediation, say). It stays on the
    record; the engine no longer counts its actions. A document already sent stays sent."""
    _require(actor, "agreements.change_agreement", agreement)
    cleaned = mark_withdrawn(agreement, actor=actor, reason=reason)
    _claim_correction(agreement, expected_version)
    agreement.full_clean()
    history_reason(agreement, actor=actor, reason=f"Withdrawn: {cleaned}")
    agreement.save()
    audit_record(
        actor=actor,
        action="update",
        obj=agreement,
        child=agreement.case.child,
        summary=f"Withdrew a mediation agreement recorded in error: {cleaned}",
    )
    _recompute(agreement.case)
    return agreement


@transaction.atomic
def action_done_correct(
    *,
    actor: Any,
    action: AgreedAction,
    done_on: date,
    reason: str,
    expected_version: int | None,
) -> AgreedAction:
    """Correct the day an action was done. Taking back a "done" recorded in error is
    `action_done_undo`, which keeps its own record of who and why."""
    agreement = action.agreement
    _require(actor, "agreements.record_action_done", action)
    cleaned = mark_corrected(action, actor=actor, reason=reason)
    errors: dict[str, list[str]] = {}
    if action.done_on is None:
        errors["done_on"] = ["This action is not recorded as done."]
    _not_in_future(done_on, "done_on", errors)
    if done_on < agreement.made_on:
        errors.setdefault("done_on", []).append(
            "The date cannot be before the date of the agreement "
            f"({format_long_date(agreement.made_on)})."
        )
    if errors:
        raise ValidationError(errors)
    claim_version(action, expected_version)
    action.done_on = done_on
    action.full_clean()
    history_reason(action, actor=actor, reason=f"Corrected: {cleaned}")
    action.save()
    audit_record(
        actor=actor,
        action="update",
        obj=action,
        child=agreement.case.child,
        summary=f"Corrected the day an agreed action was done to {format_long_date(done_on)}: "
        f"{cleaned}",
    )
    _recompute(agreement.case)
    return action
