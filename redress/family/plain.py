"""Plain English for families: what each deadline means, who must act, and the family's rights.

Written for a reading age of about 9 to 11: short sentences, everyday words, "you" for the
family. Dates are never worked out here: every date shown comes from the deadline table, which
the statutory engine fills. The guidance library registers links with `register_guidance`.
The texts are marked for translation and become text in the reader's language when `explain` or
`stage_for` reads them (decision 0188).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from redress.casework.models import Deadline
from redress.guidance.selectors import questions_for_step
from redress.statutory.rules import is_family_deadline

if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise

#: Who must act, by the engine's actor, as the family reads it.
WHO: dict[str, _StrOrPromise] = {
    "local_authority": _("The council"),
    "advice_giver": _("The person asked for advice"),
    "institution": _("The school or college the council asked"),
    "health_commissioner": _("The NHS (the health service)"),
    "health_commissioner or social_care": _("The NHS or social care"),
    "mediation_adviser": _("The mediation adviser"),
    "parent_or_young_person": pgettext_lazy("who must act", "You"),
}
SOMEONE = pgettext_lazy("who must act", "Someone else")

#: The family's right to see the advice; their case page links it to the advice the council has
#: shared with them, once there is some (`family:shared-documents`).
ASK_TO_SEE_ADVICE = _("You can ask to see the advice.")

SENDIASS = _(
    "You can get free help from your local SEND information, advice and support service (SENDIASS)."
)


@dataclass(frozen=True)
class RuleText:
    """Marked for translation, translated when a page or a message is made (`explain`)."""

    what: _StrOrPromise  # a short heading
    meaning: _StrOrPromise  # one or two short sentences
    rights: tuple[_StrOrPromise, ...] = ()


@dataclass(frozen=True)
class Plain:
    rule: str
    what: str
    meaning: str
    who: str
    is_yours: bool
    rights: tuple[str, ...]
    guidance: tuple[tuple[str, str], ...] = field(default_factory=tuple)


_MEDIATION_RIGHTS = (
    _("Before you appeal, you must talk to a mediation adviser. This is free."),
    _(
        "After that, you choose if you want mediation. Mediation is a meeting to try to agree. "
        "It is free for you."
    ),
    _("The adviser gives you a certificate. You need it to appeal."),
)
#: When an appeal counts as in time (HESC Rules r.12(1): an act due on a day must be done by
#: 5pm that day; an appeal is "done" when the tribunal receives it). The public appeal-window
#: page shows the same sentence through `{% appeal_arrival %}`.
APPEAL_ARRIVAL = _("Your appeal must arrive at the tribunal by 5pm on the last day.")
_APPEAL_RIGHT = _(
    "If you do not agree with the decision, you can appeal to the SEND tribunal. The tribunal is "
    "a court that is separate from the council."
)

TEXT: dict[str, RuleText] = {
    "assessment.decision": RuleText(
        _("The council decides if it will assess your child's needs"),
        _("The council must tell you if it will carry out an EHC needs assessment."),
        (
            _("If the council says no, you can ask for mediation or appeal."),
            *_MEDIATION_RIGHTS[:1],
            SENDIASS,
        ),
    ),
    "plan.institution_consultation": RuleText(
        _("The school you asked for replies to the council"),
        _(
            "You asked for a school or college to be named in the plan. The council asked it, and "
            "it should reply by this date."
        ),
        (_("The council must name the school you asked for unless the law says it cannot."),),
    ),
    "advice.response": RuleText(
        _("Advice about your child arrives"),
        _(
            "People who know about your child, like doctors or teachers, must send their advice to "
            "the council."
        ),
        (
            _("You can give your own views too. The council must listen to them."),
            ASK_TO_SEE_ADVICE,
        ),
    ),
    "assessment.no_plan_notice": RuleText(
        _("The council tells you if it will not make a plan"),
        _(
            "After the assessment, if the council decides not to make an EHC plan, it must tell "
            "you by this date."
        ),
        (_APPEAL_RIGHT, *_MEDIATION_RIGHTS[:1], SENDIASS),
    ),
    "plan.draft_comments": RuleText(
        _("Your time to comment on the draft plan"),
        _(
            "You have a draft EHC plan. You can tell the council what you think of it until the "
            "end of this day. The council must not finish the plan before then."
        ),
        (
            _("You can ask for a meeting with the council about the draft plan."),
            _("You can say which school or college you want named in the plan."),
            SENDIASS,
        ),
    ),
    "plan.final": RuleText(
        _("The council sends the final EHC plan"),
        _("The council must send you the final EHC plan by this date."),
        (_APPEAL_RIGHT, *_MEDIATION_RIGHTS[:1]),
    ),
    "review.annual": RuleText(
        _("The yearly review of the plan"),
        _("The council must check the EHC plan at least once a year."),
        (_("You are asked for your views at the review."),),
    ),
    "review.report": RuleText(
        _("The report of the review meeting"),
        _("A report of the review meeting must be sent to everyone."),
    ),
    "review.decision": RuleText(
        _("The council decides after the review"),
        _("The council must tell you if it will keep, change or stop the plan."),
        (_APPEAL_RIGHT,),
    ),
    "review.amended_plan": RuleText(
        _("The council sends the changed plan"),
        _("The council said it will change the plan. It must send you the new plan by this date."),
        (_APPEAL_RIGHT,),
    ),
    "review.amended_plan_overall": RuleText(
        _("The changed plan after the review"),
        _("The council must send the changed plan by this date."),
        (_APPEAL_RIGHT,),
    ),
    "review.meeting_notice": RuleText(
        _("You are told the date of the review meeting"),
        _("You must be told the date of the review meeting at least 2 weeks before it."),
        (_("You can ask for the meeting to be moved if you are told too late."),),
    ),
    "review.advice_circulated": RuleText(
        _("You get the reports before the review meeting"),
        _(
            "The advice and reports about your child must be sent to you at least 2 weeks before "
            "the review meeting."
        ),
        (_("You can send your own views for the meeting too."),),
    ),
    "review.amendment_representations": RuleText(
        _("Your time to comment on the changes to the plan"),
        _(
            "The council has told you the changes it wants to make to the EHC plan. You have "
            "at least 15 days, to the end of this day, to tell it what you think. It must not "
            "finish the changed plan before then."
        ),
        (
            _("You can ask for a meeting with the council about the changes."),
            _("You can say which school or college you want named in the plan."),
            SENDIASS,
        ),
    ),
    "phase_transfer.amend": RuleText(
        _("The plan for the move to a new school or college"),
        _(
            "Your child is moving to a new stage of education. The council must send the changed "
            "plan, naming the new school or college, by this date."
        ),
        (_APPEAL_RIGHT,),
    ),
    "mediation.contact_adviser": RuleText(
        _("Your time to contact a mediation adviser"),
        _("If you want to appeal, you must contact a mediation adviser first. Do it by this date."),
        (*_MEDIATION_RIGHTS, SENDIASS),
    ),
    "mediation.certificate_declined": RuleText(
        _("The mediation adviser sends your certificate"),
        _(
            "You said you do not want mediation. The adviser must send your certificate by "
            "this date."
        ),
        (_("You need the certificate to appeal."),),
    ),
    "mediation.notify_health": RuleText(
        _("The council tells the NHS about mediation"),
        _("Your mediation is about health care too. The council must tell the NHS."),
    ),
    "mediation.held": RuleText(
        _("The mediation meeting takes place"),
        _("The mediation meeting must happen by this date."),
        (
            _("You can bring someone to support you."),
            _("The people from the council must be able to agree things at the meeting."),
        ),
    ),
    "mediation.meeting_notice": RuleText(
        _("You are told the details of the mediation meeting"),
        _("You must be told the date, time, place and who is coming by this date."),
    ),
    "mediation.certificate_not_arranged": RuleText(
        _("The mediation adviser sends your certificate"),
        _("Mediation could not be arranged in time. The adviser must send your certificate."),
        (_("You can still appeal with the certificate."),),
    ),
    "mediation.certificate_after": RuleText(
        _("The mediation adviser sends your certificate"),
        _("The mediation has ended. The adviser must send your certificate by this date."),
        (_("If you still do not agree, you can appeal with the certificate."),),
    ),
    "agreement.action": RuleText(
        _("Something agreed at mediation must be done"),
        _("At mediation, someone agreed to do something by this date."),
        (
            _(
                "If it is not done, you can tell us here. "
                "Use “Tell us something agreed was not done”."
            ),
        ),
    ),
    "agreement.notify_la": RuleText(
        _("The NHS tells the council what it agreed"),
        _("The NHS must tell the council what was agreed about health care."),
    ),
    "appeal.lodge": RuleText(
        _("Your last day to appeal to the tribunal"),
        # Two sentences joined when read, so the arrival sentence is translated once.
        format_lazy(
            "{} {}", _("This is your last day to appeal to the SEND tribunal."), APPEAL_ARRIVAL
        ),
        (_APPEAL_RIGHT, _("You need your mediation certificate to appeal."), SENDIASS),
    ),
    "appeal.la_response": RuleText(
        _("The council answers your appeal"),
        _("The council must send its answer to the tribunal by this date."),
    ),
    "order.assess_notice": RuleText(
        _("The council does what the tribunal said"),
        _("The tribunal told the council to assess your child. The council must do it in time."),
    ),
    "order.final_plan": RuleText(
        _("The council does what the tribunal said"),
        _(
            "The tribunal told the council to make or change the plan. It must send the plan by "
            "this date."
        ),
    ),
    "order.draft_plan": RuleText(
        _("The council sends a draft plan, as the tribunal said"),
        _("The tribunal told the council to make a plan. It must send a draft plan by this date."),
    ),
    "order.amended_plan": RuleText(
        _("The council changes the plan, as the tribunal said"),
        _(
            "The tribunal told the council to change the plan. It must send the changed plan "
            "by this date."
        ),
    ),
    "order.continue": RuleText(
        _("The plan carries on, as the tribunal said"),
        _("The tribunal said the plan must carry on."),
    ),
    "order.plan_decision": RuleText(
        _("The council decides about a plan, as the tribunal said"),
        _(
            "The tribunal told the council to assess your child. After the assessment, the council "
            "must tell you by this date if it will make an EHC plan."
        ),
        (_APPEAL_RIGHT,),
    ),
    "transfer.notify": RuleText(
        _("The new council tells you about the plan"),
        _(
            "Your child's EHC plan has moved to a new council. It must tell you by this date "
            "that it has the plan, and if it will assess your child's needs again."
        ),
        (SENDIASS,),
    ),
    "reassessment.decision": RuleText(
        _("The council decides if it will assess again"),
        _(
            "Someone asked the council to assess your child's needs again. It must tell you if it "
            "will by this date."
        ),
        (_("If the council says no, you can ask for mediation or appeal."), SENDIASS),
    ),
    "reassessment.final_plan": RuleText(
        _("The plan after the new assessment"),
        _(
            "The council is assessing your child's needs again. By this date it must send you the "
            "new plan, or tell you it will not change the plan."
        ),
        (_APPEAL_RIGHT,),
    ),
    "recommendation.response": RuleText(
        _("The NHS or social care answers the tribunal's advice"),
        _(
            "The tribunal made a recommendation about health or social care. They must tell you "
            "what they will do by this date. If they say no, they must say why."
        ),
    ),
}

_GUIDANCE: dict[str, list[tuple[str, str]]] = {}

#: The guidance library's process steps (redress.guidance Step slugs) that answer questions about
#: each rule. Published questions linked to these steps are shown at that step of the case.
GUIDANCE_STEPS: dict[str, tuple[str, ...]] = {
    "assessment.decision": ("assessment.request", "assessment.decision"),
    "advice.response": ("assessment.advice",),
    "plan.institution_consultation": ("plan.draft",),
    "assessment.no_plan_notice": ("plan.final",),
    "plan.draft_comments": ("plan.draft",),
    "plan.final": ("plan.final", "plan.section_f"),
    "review.annual": ("plan.review",),
    "review.report": ("plan.review",),
    "review.decision": ("plan.review",),
    "review.amended_plan": ("plan.review",),
    "review.amended_plan_overall": ("plan.review",),
    "review.meeting_notice": ("plan.review",),
    "review.advice_circulated": ("plan.review",),
    "review.amendment_representations": ("plan.review",),
    "mediation.contact_adviser": ("mediation.information",),
    "mediation.certificate_declined": ("mediation.information",),
    "mediation.certificate_not_arranged": ("mediation.information",),
    "mediation.certificate_after": ("mediation.information",),
    "mediation.held": ("mediation.arrangements", "mediation.attendees", "mediation.decisions"),
    "mediation.meeting_notice": ("mediation.arrangements",),
    "agreement.action": ("mediation.agreement",),
    "appeal.lodge": ("appeal.lodge",),
    "appeal.la_response": ("appeal.hearing",),
}


def _library_links(rule: str) -> list[tuple[str, str]]:
    """Published questions from the guidance library for this rule's steps, when installed."""
    from django.apps import apps

    steps = GUIDANCE_STEPS.get(rule, ())
    if not steps or not apps.is_installed("redress.guidance"):
        return []
    try:
        from django.urls import NoReverseMatch, reverse

    except ImportError:  # pragma: no cover - the library is optional
        return []
    links: list[tuple[str, str]] = []
    for step in steps:
        for question in questions_for_step(step):
            try:
                url = reverse("guidance:question", args=[question.slug])
            except NoReverseMatch:  # pragma: no cover
                continue
            if (question.text, url) not in links:
                links.append((question.text, url))
    return links


def register_guidance(rule: str, title: str, url: str) -> None:
    """Link a guidance library page from every step of this rule (called by that app)."""
    links = _GUIDANCE.setdefault(rule, [])
    if (title, url) not in links:
        links.append((title, url))


def explain(deadline: Deadline, *, guidance: bool = True) -> Plain:
    """The deadline in the family's words, in the language active now: a `Plain` holds plain
    strings, so the voice's rewrites, emails and the calendar feed can use them as text.
    Without `guidance`, no guidance links (a list that shows none need not look them up)."""
    text = TEXT.get(deadline.rule) or RuleText(deadline.title, deadline.title + ".")
    is_yours = is_family_deadline(deadline.rule, deadline.actor)
    return Plain(
        rule=deadline.rule,
        what=str(text.what),
        meaning=str(text.meaning),
        who=str(WHO["parent_or_young_person"] if is_yours else WHO.get(deadline.actor, SOMEONE)),
        is_yours=is_yours,
        rights=tuple(str(right) for right in text.rights),
        guidance=(
            tuple(_GUIDANCE.get(deadline.rule, []) + _library_links(deadline.rule))
            if guidance
            else ()
        ),
    )


# Where the case has got to, in the order the process runs.
STAGES: tuple[tuple[str, _StrOrPromise, _StrOrPromise], ...] = (
    (
        "assessment.decision",
        _("Asking for an assessment"),
        _("Someone asked the council to assess your child's needs. The council is deciding."),
    ),
    (
        "advice.response",
        _("The assessment"),
        _("The council is finding out about your child's needs. It is asking people for advice."),
    ),
    (
        "plan.draft_comments",
        _("The draft plan"),
        _("The council has written a draft EHC plan. You can tell it what you think."),
    ),
    (
        "review.",
        _("The plan is in place"),
        _("Your child has an EHC plan. The council checks it every year."),
    ),
    (
        "mediation.",
        pgettext_lazy("stage of the case", "Mediation"),
        _("You do not agree with a decision. Mediation is a way to try to agree."),
    ),
    (
        "appeal.",
        pgettext_lazy("stage of the case", "The appeal"),
        _("You have appealed to the SEND tribunal."),
    ),
    (
        "order.",
        _("After the tribunal"),
        _("The tribunal has decided. The council must do what it said, in time."),
    ),
)


def stage_for(
    deadlines: list[Deadline], *, has_mediation: bool = False, has_appeal: bool = False
) -> tuple[str, str] | None:
    """The furthest step of the process that the case's recorded facts show.

    Mediation and the appeal are stages only when a mediation case or an appeal is recorded:
    the family's own windows to contact the adviser or to appeal are rights they have, not
    steps they have taken, so those deadlines never move the stage on.
    """
    reached = -1
    for deadline in deadlines:
        for index, (prefix, *_words) in enumerate(STAGES):
            if prefix in _RECORDED_STAGES:
                continue
            if deadline.rule == prefix or (
                prefix.endswith(".") and deadline.rule.startswith(prefix)
            ):
                reached = max(reached, index)
        if deadline.rule in {"plan.final", "assessment.no_plan_notice"}:
            reached = max(reached, 1)
    for prefix, recorded in (("mediation.", has_mediation), ("appeal.", has_appeal)):
        if recorded:
            reached = max(reached, _STAGE_INDEX[prefix])
    if reached < 0:
        return None
    _, title, sentence = STAGES[reached]
    return str(title), str(sentence)


#: Stages that only a record (a mediation case, an appeal) shows, never a deadline alone.
_RECORDED_STAGES = frozenset({"mediation.", "appeal."})
_STAGE_INDEX = {prefix: index for index, (prefix, *_words) in enumerate(STAGES)}
