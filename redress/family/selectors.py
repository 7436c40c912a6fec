"""Reads for the family's pages. Each takes the acting user."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from redress.accounts.models import LA_ROLES
from redress.casework.case_page import decision_labels
from redress.casework.models import Child, Consent, Deadline, FamilyMember
from redress.casework.permissions import consent_in_force_q, organisation_ids
from redress.core.late import LateDuty, late_duty
from redress.core.voice import Voice, voice_for
from redress.family.models import DraftPlanComment, FamilyRequest
from redress.family.plain import Plain, explain, stage_for
from redress.plans.models import Plan


def is_family_user(user: Any) -> bool:
    """Whether `family_cases_for` holds any case: asked of the family and consent tables by
    their user columns (every page's navigation asks, so never a join over every child)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return (
        FamilyMember.objects.filter(user=user).exists()
        or Consent.objects.filter(consent_in_force_q(), supporter=user).exists()
    )


@dataclass
class Step:
    deadline: Deadline
    plain: Plain
    about: str = ""  # the decision the row belongs to, when the engine keeps one per decision


@dataclass
class FamilyCase:
    child: Child
    stage: tuple[str, str] | None
    your_deadlines: list[Step]
    others_next: list[Step]
    done: list[Step]
    consents: list[Consent]
    is_family: bool
    voice: Voice
    #: Family members who can sign in and see the case (the viewer included).
    family_with_access: list[Any]
    #: Whether the viewer is the young person, who decides who else in the family sees the case.
    decides_access: bool
    #: Duties owed to the family whose date has passed, with what the family can do.
    late: list[Late] = field(default_factory=list)


@dataclass
class Late:
    step: Step
    duty: LateDuty
    what: str  # what was due, in the viewer's voice


def consent_in_force_get(*, child: Child, pk: int) -> Consent:
    """A consent in force on this case, or 404 (withdrawn, another case's, or none)."""
    consent = (
        Consent.objects.filter(consent_in_force_q(), child=child, pk=pk)
        .select_related("supporter", "supporter_organisation")
        .first()
    )
    if consent is None:
        raise Http404("No such consent")
    return consent


def _in_voice(plain: Plain, voice: Voice) -> Plain:
    return replace(
        plain,
        what=voice.say(plain.what),
        meaning=voice.say(plain.meaning),
        who=voice.who_you if plain.is_yours else plain.who,
        rights=tuple(voice.say(right) for right in plain.rights),
    )


def family_case(*, user: Any, child: Child) -> FamilyCase:
    """Everything the family's case page shows. The caller has checked family.view_case."""
    voice = voice_for(user=user, child=child)
    deadlines = list(child.deadlines.select_related("organisation").order_by("due", "rule"))
    about = decision_labels(child) if any(d.ref for d in deadlines) else {}
    steps = [Step(d, _in_voice(explain(d), voice), about.get(d.ref, "")) for d in deadlines]
    open_steps = [s for s in steps if s.deadline.met_on is None and not s.deadline.informational]
    stage = stage_for(
        deadlines,
        has_mediation=child.mediation_cases.filter(withdrawn_at__isnull=True).exists(),
        has_appeal=child.appeals.exists(),
    )
    with_access = list(child.family.filter(user__isnull=False).select_related("user"))
    return FamilyCase(
        child=child,
        stage=(stage[0], voice.say(stage[1])) if stage else None,
        your_deadlines=[s for s in open_steps if s.plain.is_yours],
        others_next=[s for s in open_steps if not s.plain.is_yours and s.deadline.kind == "by"],
        done=[s for s in steps if s.deadline.met_on is not None],
        consents=list(
            child.consents.filter(consent_in_force_q()).select_related(
                "supporter", "supporter_organisation", "given_by"
            )
        ),
        is_family=child.family.filter(user=user).exists(),
        voice=voice,
        family_with_access=with_access,
        decides_access=any(
            m.user_id == user.pk and m.relationship == "young_person" for m in with_access
        ),
        late=late_duties(open_steps, voice),
    )


def late_duties(open_steps: list[Step], voice: Voice) -> list[Late]:
    """The open duties owed to the family that the engine's row says are overdue today."""
    late = []
    for step in open_steps:
        duty = late_duty(step.deadline.rule)
        if duty is not None and step.deadline.kind == "by" and step.deadline.status == "overdue":
            late.append(Late(step, duty, voice.say(duty.what)))
    return late


@dataclass
class FamilyContributions:
    """What a family has sent about their case, for the local authority's case page."""

    views: list[Any]
    documents: list[Any]
    requests: list[Any]
    #: Comments on the draft plan still to answer (the newest 50; the rest on their page).
    draft_comments_to_answer: list[Any] = field(default_factory=list)
    draft_comments_count: int = 0


def family_contributions(*, user: Any, child: Child) -> FamilyContributions:
    """The family's section A views, documents and requests, newest first (empty if refused)."""
    if not user.has_perm("family.read_contributions", child):
        return FamilyContributions([], [], [])
    to_answer = draft_comments_for(user=user, child=child).filter(
        answered_at__isnull=True, withdrawn_at__isnull=True
    )
    return FamilyContributions(
        views=list(child.section_a_views.all()[:1]),
        documents=list(child.family_documents.all()),
        requests=list(child.family_requests.select_related("made_by")),
        draft_comments_to_answer=list(to_answer[:50]),
        draft_comments_count=child.draft_plan_comments.count(),
    )


# -- Comments on the draft plan ----------------------------------------------------------------

DRAFT_COMMENTS_RULE = "plan.draft_comments"
AMENDMENT_COMMENTS_RULE = "review.amendment_representations"
COMMENT_RULES = (DRAFT_COMMENTS_RULE, AMENDMENT_COMMENTS_RULE)


@dataclass
class CommentWindow:
    """The family's time to comment on the draft plan, or on the proposed amendments to a plan
    after a review (reg 22(2)(c)), as the engine's row says it."""

    deadline: Deadline | None
    plan: Any | None  # the draft (or the amended version) recorded in Redress, when there is one

    @property
    def last_day(self) -> Any:
        return self.deadline.family_last_day if self.deadline else None

    @property
    def is_open(self) -> bool:
        row = self.deadline
        return row is not None and row.met_on is None and not row.family_day_passed()

    @property
    def has_draft(self) -> bool:
        return self.deadline is not None

    @property
    def rule(self) -> str:
        return self.deadline.rule if self.deadline else DRAFT_COMMENTS_RULE

    @property
    def is_amendment(self) -> bool:
        """The window is the proposed amendments' 15 days, not a first plan's draft."""
        return self.rule == AMENDMENT_COMMENTS_RULE

    @property
    def about(self) -> str:
        """What a comment made in this window is about (`DraftPlanComment.About`)."""
        return "amendments" if self.is_amendment else "draft"


def comment_window(*, child: Child) -> CommentWindow:
    """The latest time to comment: on the draft plan, or on the proposed amendments after a
    review, whichever the engine opened last; open until the family's last day, or closed.

    The dates are the engine's: its `not_before` rows (decision 0057); no arithmetic here."""
    row = child.deadlines.filter(rule__in=COMMENT_RULES).order_by("-due", "-pk").first()
    plan = (
        Plan.objects.filter(
            child=child,
            withdrawn_at__isnull=True,
            status=Plan.Status.DRAFT,
            supersedes__isnull=row.rule == DRAFT_COMMENTS_RULE,
            draft_issued_on__isnull=False,
        )
        .order_by("-version_number")
        .first()
        if row is not None
        else None
    )
    return CommentWindow(deadline=row, plan=plan)


def draft_comments_for(*, user: Any, child: Child) -> QuerySet[Any]:
    """Every comment on the child's draft plans, withdrawn ones too (empty if refused)."""
    if not user.has_perm("family.read_contributions", child):
        return DraftPlanComment.objects.none()
    return (
        DraftPlanComment.objects.filter(child=child)
        .select_related("made_by", "answered_by")
        .order_by("-created_at", "-pk")
    )


def draft_comment_get(*, user: Any, child: Child, pk: int) -> Any:
    comment = draft_comments_for(user=user, child=child).filter(pk=pk).first()
    if comment is None:
        raise Http404("No such comment")
    assert isinstance(comment, DraftPlanComment)
    return comment


def draft_comments_to_answer_count(*, user: Any) -> int:
    """How many comments on draft plans wait for an answer at the user's authorities."""
    authorities = organisation_ids(user, LA_ROLES)
    if not authorities:
        return 0
    return DraftPlanComment.objects.filter(
        child__local_authority_id__in=authorities,
        answered_at__isnull=True,
        withdrawn_at__isnull=True,
    ).count()


def mediation_requests_for_child(child: Child) -> list[Any]:
    """The family's own "Ask for mediation" requests about the child (for the provider's staff,
    whose permission the mediation app checks)."""
    return list(FamilyRequest.objects.filter(child=child, kind=FamilyRequest.Kind.MEDIATION))
