"""When the council is late: what was due, and what the family can do about it, in plain words.

Shown on the family's case page for a duty owed to the family whose date has passed (the
deadline row says so when it is read: decision 0077), and told to them by email (decision 0155):
so it sits in core, below both the family's pages and the notifications. Which duties, the words
and where each way forward comes from are data here, each with its source. It is a reminder and
an explanation, not legal advice.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Route:
    """One thing the family can do, with a link where there is one and the source it rests on."""

    key: str
    text: str
    link_text: str
    url: str
    source: str


ASK_THE_COUNCIL = Route(
    "ask",
    "Ask the council's SEND team when it will do it, and why it is late. Write it down and "
    "keep a copy.",
    "",
    "",
    "The duty and its time limit, shown under “Why this date?”",
)
SENDIASS = Route(
    "sendiass",
    "Get free, independent help from your local SEND information, advice and support service "
    "(SENDIASS). They can help you write to the council.",
    "Find your local SENDIASS (Information, Advice and Support Services Network)",
    "https://councilfordisabledchildren.org.uk/information-advice-and-support-services-network",
    "Children and Families Act 2014 s.32 (the council must arrange advice and information)",
)
COMPLAIN = Route(
    "complain",
    "Make a complaint to the council using its complaints process. The council's website says how.",
    "If you disagree with a decision, or want to complain, on GOV.UK",
    "https://www.gov.uk/children-with-special-educational-needs/if-you-disagree-with-a-decision",
    "Local Government Act 1974 s.26(5) (the council first has the chance to put it right)",
)
OMBUDSMAN = Route(
    "ombudsman",
    "If the complaint does not put it right, you can complain to the Local Government and "
    "Social Care Ombudsman. It is free and independent of the council. Delay by the council "
    "is something it looks at.",
    "Local Government and Social Care Ombudsman",
    "https://www.lgo.org.uk/",
    "Local Government Act 1974 Part 3 (ss.26 and 26A)",
)
TELL_THE_TRIBUNAL = Route(
    "tribunal",
    "Tell the SEND Tribunal that the council has not done what it ordered. Quote your appeal "
    "number.",
    "First-tier Tribunal (Special Educational Needs and Disability) on GOV.UK",
    "https://www.gov.uk/courts-tribunals/first-tier-tribunal-special-educational-needs-and-disability",
    "SEND Regulations 2014 reg 44 (the council must do what the Tribunal ordered in time)",
)
JUDICIAL_REVIEW = Route(
    "judicial_review",
    "You can ask the High Court to make the council act (judicial review). There are strict "
    "time limits, so get advice from SENDIASS or a solicitor quickly.",
    "Judicial review: Civil Procedure Rules Part 54",
    "https://www.justice.gov.uk/courts/procedure-rules/civil/rules/part54",
    "Senior Courts Act 1981 s.31; Civil Procedure Rules Part 54",
)
TELL_US_NOT_DONE = Route(
    "not_done",
    "Tell us it was not done, with “Tell us something agreed was not done” on this page. The "
    "council or the body that agreed must answer.",
    "",
    "",
    "Your mediation agreement",
)

COUNCIL_ROUTES = (ASK_THE_COUNCIL, SENDIASS, COMPLAIN, OMBUDSMAN)
ORDER_ROUTES = (ASK_THE_COUNCIL, SENDIASS, TELL_THE_TRIBUNAL, JUDICIAL_REVIEW)
AGREEMENT_ROUTES = (TELL_US_NOT_DONE, SENDIASS, COMPLAIN, OMBUDSMAN)


@dataclass(frozen=True)
class LateDuty:
    what: str  # what was due, in the family's words
    routes: tuple[Route, ...]


#: The duties owed to the family whose lateness the page explains, by the engine's rule id.
LATE_DUTIES: dict[str, LateDuty] = {
    "assessment.decision": LateDuty(
        "The council had to tell you whether it will assess your child's needs.", COUNCIL_ROUTES
    ),
    "assessment.no_plan_notice": LateDuty(
        "The council had to tell you whether it will make an EHC plan.", COUNCIL_ROUTES
    ),
    "reassessment.decision": LateDuty(
        "The council had to tell you whether it will assess your child's needs again.",
        COUNCIL_ROUTES,
    ),
    "plan.final": LateDuty("The council had to send you the final EHC plan.", COUNCIL_ROUTES),
    "review.decision": LateDuty(
        "After the review, the council had to tell you whether it will keep, change or stop "
        "the plan.",
        COUNCIL_ROUTES,
    ),
    "agreement.action": LateDuty("Something agreed at mediation had to be done.", AGREEMENT_ROUTES),
    "order.assess_notice": LateDuty(
        "The Tribunal ordered the council to assess your child.", ORDER_ROUTES
    ),
    "order.plan_decision": LateDuty(
        "The Tribunal ordered the council to decide about a plan.", ORDER_ROUTES
    ),
    "order.draft_plan": LateDuty(
        "The Tribunal ordered the council to send a draft plan.", ORDER_ROUTES
    ),
    "order.final_plan": LateDuty(
        "The Tribunal ordered the council to make or change the plan.", ORDER_ROUTES
    ),
    "order.amended_plan": LateDuty(
        "The Tribunal ordered the council to change the plan.", ORDER_ROUTES
    ),
}

NOT_LEGAL_ADVICE = (
    "This is a reminder and an explanation of the usual ways forward, not legal advice. "
    "SENDIASS can advise you on your own case."
)


def late_duty(rule: str) -> LateDuty | None:
    return LATE_DUTIES.get(rule)
