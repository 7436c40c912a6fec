"""When the council is late: what was due, and what the family can do about it, in plain words.

Shown on the family's case page for a duty owed to the family whose date has passed (the
deadline row says so when it is read: decision 0077), and told to them by email (decision 0155):
so it sits in core, below both the family's pages and the notifications. Which duties, the words
and where each way forward comes from are data here, each with its source. It is a reminder and
an explanation, not legal advice.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from redress.core.links import url_of

if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise


@dataclass(frozen=True)
class Route:
    """One thing the family can do, with a link where there is one and the source it rests on.

    The words are marked for translation and translated when the page is drawn; the address is
    the one registered in `redress.core.links` under `link`."""

    key: str
    text: _StrOrPromise
    link_text: _StrOrPromise
    link: str  # a key of redress.core.links.LINKS, or "" for no link
    source: _StrOrPromise

    @property
    def url(self) -> str:
        return url_of(self.link) if self.link else ""


ASK_THE_COUNCIL = Route(
    "ask",
    _(
        "Ask the council's SEND team when it will do it, and why it is late. Write it down and "
        "keep a copy."
    ),
    "",
    "",
    _("The duty and its time limit, shown under “Why this date?”"),
)
SENDIASS = Route(
    "sendiass",
    _(
        "Get free, independent help from your local SEND information, advice and support service "
        "(SENDIASS). They can help you write to the council."
    ),
    _("Find your local SENDIASS (Information, Advice and Support Services Network)"),
    "sendiass_network",
    _("Children and Families Act 2014 s.32 (the council must arrange advice and information)"),
)
COMPLAIN = Route(
    "complain",
    _(
        "Make a complaint to the council using its complaints process. The council's website "
        "says how."
    ),
    _("If you disagree with a decision, or want to complain, on GOV.UK"),
    "gov_uk_disagree",
    _("Local Government Act 1974 s.26(5) (the council first has the chance to put it right)"),
)
OMBUDSMAN = Route(
    "ombudsman",
    _(
        "If the complaint does not put it right, you can complain to the Local Government and "
        "Social Care Ombudsman. It is free and independent of the council. Delay by the council "
        "is something it looks at."
    ),
    _("Local Government and Social Care Ombudsman"),
    "ombudsman",
    _("Local Government Act 1974 Part 3 (ss.26 and 26A)"),
)
TELL_THE_TRIBUNAL = Route(
    "tribunal",
    _(
        "Tell the SEND Tribunal that the council has not done what it ordered. Quote your appeal "
        "number."
    ),
    _("First-tier Tribunal (Special Educational Needs and Disability) on GOV.UK"),
    "send_tribunal",
    _("SEND Regulations 2014 reg 44 (the council must do what the Tribunal ordered in time)"),
)
JUDICIAL_REVIEW = Route(
    "judicial_review",
    _(
        "You can ask the High Court to make the council act (judicial review). There are strict "
        "time limits, so get advice from SENDIASS or a solicitor quickly."
    ),
    _("Judicial review: Civil Procedure Rules Part 54"),
    "judicial_review",
    _("Senior Courts Act 1981 s.31; Civil Procedure Rules Part 54"),
)
TELL_US_NOT_DONE = Route(
    "not_done",
    _(
        "Tell us it was not done, with “Tell us something agreed was not done” on this page. The "
        "council or the body that agreed must answer."
    ),
    "",
    "",
    _("Your mediation agreement"),
)

COUNCIL_ROUTES = (ASK_THE_COUNCIL, SENDIASS, COMPLAIN, OMBUDSMAN)
ORDER_ROUTES = (ASK_THE_COUNCIL, SENDIASS, TELL_THE_TRIBUNAL, JUDICIAL_REVIEW)
AGREEMENT_ROUTES = (TELL_US_NOT_DONE, SENDIASS, COMPLAIN, OMBUDSMAN)


@dataclass(frozen=True)
class LateDuty:
    due: _StrOrPromise  # what was due, in the family's words, marked for translation
    routes: tuple[Route, ...]

    @property
    def what(self) -> str:
        """What was due in the language active now: plain text, ready for the voice's rewrites
        and for an email's personalisation (stored as JSON)."""
        return str(self.due)


#: The duties owed to the family whose lateness the page explains, by the engine's rule id.
LATE_DUTIES: dict[str, LateDuty] = {
    "assessment.decision": LateDuty(
        _("The council had to tell you whether it will assess your child's needs."), COUNCIL_ROUTES
    ),
    "assessment.no_plan_notice": LateDuty(
        _("The council had to tell you whether it will make an EHC plan."), COUNCIL_ROUTES
    ),
    "reassessment.decision": LateDuty(
        _("The council had to tell you whether it will assess your child's needs again."),
        COUNCIL_ROUTES,
    ),
    "plan.final": LateDuty(_("The council had to send you the final EHC plan."), COUNCIL_ROUTES),
    "review.decision": LateDuty(
        _(
            "After the review, the council had to tell you whether it will keep, change or stop "
            "the plan."
        ),
        COUNCIL_ROUTES,
    ),
    "agreement.action": LateDuty(
        _("Something agreed at mediation had to be done."), AGREEMENT_ROUTES
    ),
    "order.assess_notice": LateDuty(
        _("The Tribunal ordered the council to assess your child."), ORDER_ROUTES
    ),
    "order.plan_decision": LateDuty(
        _("The Tribunal ordered the council to decide about a plan."), ORDER_ROUTES
    ),
    "order.draft_plan": LateDuty(
        _("The Tribunal ordered the council to send a draft plan."), ORDER_ROUTES
    ),
    "order.final_plan": LateDuty(
        _("The Tribunal ordered the council to make or change the plan."), ORDER_ROUTES
    ),
    "order.amended_plan": LateDuty(
        _("The Tribunal ordered the council to change the plan."), ORDER_ROUTES
    ),
}

NOT_LEGAL_ADVICE = _(
    "This is a reminder and an explanation of the usual ways forward, not legal advice. "
    "SENDIASS can advise you on your own case."
)


def late_duty(rule: str) -> LateDuty | None:
    return LATE_DUTIES.get(rule)
