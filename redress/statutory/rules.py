"""The rule catalogue: every statutory period Redress tracks, as data.

Each row names the event that starts the clock, the period and its unit, the event that stops it,
who must act, the legal source and how well that source was checked (`primary`: the legislation's
own text was read; `secondary`: a reputable source quoting it; `unverified`: neither). The engine
reads periods, actors and citations from here; `docs/legal-basis.md` records what was checked.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Evidence = Literal["primary", "secondary", "unverified"]
Kind = Literal["by", "not_before"]
Unit = Literal[
    "days",
    "weeks",
    "months",
    "working_days",
    "working_days_before",
    "weeks_before",
    "months_before",
    "year_starting_with",
    "tribunal_working_days",
    "fixed_date",
    "later_of",
]


@dataclass(frozen=True)
class Rule:
    id: str
    variant: str  # "" or the condition that selects this row (e.g. "assess" for an order)
    title: str
    kind: Kind
    start_event: str
    amount: int | None
    unit: Unit
    stop_event: str | None
    actor: str
    citation: str
    evidence: Evidence
    starts: str
    period: str
    stopped_by: str
    informational: bool = False
    notes: str = ""
    # True for a rule Redress adds to the shared contract's catalogue (its notes say so too).
    extension: bool = False
    # Said after every explanation of this rule's deadlines: where Redress tracks more than the
    # law may ask, or names an actor the law does not.
    caveat: str = ""
    # The outcome (the stop event's decision) that no recorded exception excuses, and in words
    # why; e.g. a refusal to assess, due under reg 4(1), which has no exceptions.
    not_excused: tuple[str, str] | None = None
    # A fixed_date rule's due date in the year the start event names: (month, day).
    fixed_day: tuple[int, int] | None = None


def _rule(**kwargs: object) -> Rule:
    kwargs.setdefault("variant", "")
    kwargs.setdefault("kind", "by")
    return Rule(**kwargs)  # type: ignore[arg-type]


RULES: tuple[Rule, ...] = (
    # -- EHC needs assessment and plan ----------------------------------------------------------
    _rule(
        id="assessment.decision",
        title="Decide whether to carry out an EHC needs assessment",
        start_event="assessment_requested",
        amount=6,
        unit="weeks",
        stop_event="assessment_decision",
        actor="local_authority",
        citation="SEND Regulations 2014 reg 5(1)",
        evidence="primary",
        starts="the request for an assessment is received",
        period="6 weeks",
        stopped_by="the decision is notified",
        notes="Exceptions: reg 5(4)(a)-(d), for a decision to assess only. A decision not to "
        "assess is also due in 6 weeks (reg 4(1)) and has no such exception: a refusal notified "
        "late is late, whatever exception is recorded.",
        not_excused=("not_assess", "a decision not to assess (reg 4(1) has no exceptions)"),
    ),
    _rule(
        id="advice.response",
        title="Provide advice and information for the assessment",
        start_event="advice_requested",
        amount=6,
        unit="weeks",
        stop_event="advice_received",
        actor="advice_giver",
        citation="SEND Regulations 2014 reg 8(1); Children and Families Act 2014 s.31",
        evidence="secondary",
        starts="the body receives the local authority's request (Redress counts from the "
        "request itself, which is never later)",
        period="6 weeks",
        stopped_by="the advice is received (same ref)",
        notes="One clock per request. The 6 weeks run from the day the body receives the request; "
        "Redress counts from the day the local authority makes it, so its date is never later "
        "than the law's. The duty binds the bodies named in CFA s.31; for other advisers the 6 "
        "weeks is guidance. Exceptions: reg 8(2)(a)-(c); waiting lists are not one.",
        caveat="the 6 weeks run from the day the body receives the request; Redress counts from "
        "the request, which is never later",
    ),
    _rule(
        id="assessment.no_plan_notice",
        title="Notify a decision not to issue a plan after assessment",
        start_event="assessment_requested",
        amount=16,
        unit="weeks",
        stop_event="plan_decision",
        actor="local_authority",
        citation="SEND Regulations 2014 reg 10(1)",
        evidence="primary",
        starts="the request for an assessment, when the decision is not to issue a plan",
        period="16 weeks",
        stopped_by="the decision not to issue a plan",
        notes="Exceptions: reg 10(4)(a)-(d).",
    ),
    _rule(
        id="plan.draft_comments",
        title="Allow the family 15 days to comment on the draft plan",
        kind="not_before",
        start_event="draft_plan_issued",
        amount=15,
        unit="days",
        stop_event="final_plan_issued",
        actor="local_authority",
        citation="SEND Regulations 2014 reg 13(1)(a)",
        evidence="primary",
        starts="the draft plan is served",
        period="at least 15 days beginning with the day of service",
        stopped_by="the final plan is issued (not before the period ends)",
    ),
    _rule(
        id="plan.final",
        title="Issue the final EHC plan",
        start_event="assessment_requested",
        amount=20,
        unit="weeks",
        stop_event="final_plan_issued",
        actor="local_authority",
        citation="SEND Regulations 2014 reg 13(2)",
        evidence="primary",
        starts="the request for an assessment is received",
        period="20 weeks",
        stopped_by="the final plan is issued",
        notes="Not produced after a decision not to assess or not to issue a plan. "
        "Exceptions: reg 13(3), the reg 10(4)(a)-(d) grounds only.",
    ),
    # Added to the contract's catalogue (docs/decisions/0106-school-consultation-reminder.md):
    # the school or college the family asked for replies to the authority's consultation.
    # The Act requires the consultation but sets no time; the 15 days are the Code's guidance.
    _rule(
        id="plan.institution_consultation",
        title="The school or college consulted replies to the local authority",
        start_event="institution_consulted",
        amount=15,
        unit="days",
        stop_event="institution_responded",
        actor="institution",
        citation="Children and Families Act 2014 s.39(2); SEND Code of Practice 2015 para 9.84 "
        "(paragraph number unverified)",
        evidence="unverified",
        starts="the local authority consults the school or college with the draft plan",
        period="15 days",
        stopped_by="the school or college replies (same ref)",
        extension=True,
        notes="Added to the contract by Redress. Section 39(2) requires the consultation but sets "
        "no time for the reply; the Code of Practice asks the school or college to reply within "
        "15 days. A reminder for the caseworker, not a statutory time limit.",
        caveat="The 15 days are guidance in the Code of Practice, not a time limit in the Act "
        "or the Regulations.",
    ),
    # -- Reviews and phase transfer ---------------------------------------------------------------
    _rule(
        id="review.annual",
        title="Review the EHC plan",
        start_event="final_plan_issued",
        amount=12,
        unit="year_starting_with",
        stop_event="review_decision",
        actor="local_authority",
        citation="Children and Families Act 2014 s.44(1); SEND Regulations 2014 regs 20-21; "
        "reg 15(5) after a transfer",
        evidence="secondary",
        starts="the plan is first made (the first final plan), then each review decision; after "
        "a transfer from another authority, the transfer",
        period="within the period of 12 months starting with the start date, so by the day "
        "before its anniversary; after a transfer, the later of that date (counted from the old "
        "authority's last review, else the plan's making) and 3 months from the transfer",
        stopped_by="the next review decision",
        notes="s.44(1): 'in the period of 12 months starting with the date on which the plan was "
        "first made, and ... in each subsequent period of 12 months starting with the date on "
        "which the plan was last reviewed'. An amended plan (after a review, a Tribunal order or "
        "a mediation agreement) does not restart the period: it is not a review. See "
        "docs/decisions/0050-annual-review-from-first-plan.md.",
    ),
    _rule(
        id="review.report",
        title="Send the report of the review meeting",
        start_event="review_meeting_held",
        amount=2,
        unit="weeks",
        stop_event="review_report_sent",
        actor="local_authority",
        citation="SEND Regulations 2014 reg 21(7); reg 20 (paragraph unverified, probably 20(7))",
        evidence="primary",
        starts="the review meeting is held",
        period="2 weeks",
        stopped_by="the report is sent",
        notes="The head teacher or principal prepares the report where the child attends a "
        "school or institution (reg 20); the local authority otherwise (reg 21(7), read in the "
        "regulation's own text). The reg 20 paragraph number was not seen.",
    ),
    _rule(
        id="review.decision",
        title="Notify the decision after the review",
        start_event="review_meeting_held",
        amount=4,
        unit="weeks",
        stop_event="review_decision",
        actor="local_authority",
        citation="SEND Regulations 2014 reg 20(10); reg 21(8) (paragraph numbers unverified)",
        evidence="secondary",
        starts="the review meeting is held",
        period="4 weeks",
        stopped_by="the decision (maintain, amend or cease) is notified",
        notes="Reg 20 where the child attends a school or institution, reg 21 otherwise. When "
        "amending, the proposed amendments go with the decision "
        "(R (L, M, P) v Devon CC [2022] EWHC 493 (Admin)).",
    ),
    _rule(
        id="review.amended_plan",
        title="Issue the amended plan after the amendment notice",
        start_event="amendment_notice_issued",
        amount=8,
        unit="weeks",
        stop_event="amended_plan_issued",
        actor="local_authority",
        citation="SEND Regulations 2014 reg 22(3), (4)",
        evidence="primary",
        starts="the amendment notice is issued",
        period="8 weeks",
        stopped_by="the amended plan is issued, or the family is told the plan will not be "
        "amended (reg 22(4))",
    ),
    _rule(
        id="review.amended_plan_overall",
        title="Issue the amended plan within 12 weeks of the review meeting",
        start_event="review_meeting_held",
        amount=12,
        unit="weeks",
        stop_event="amended_plan_issued",
        actor="local_authority",
        citation="R (L, M, P) v Devon CC [2022] EWHC 493 (Admin)",
        evidence="secondary",
        starts="the review meeting, when the decision is to amend",
        period="12 weeks",
        stopped_by="the amended plan is issued, or the family is told the plan will not be amended",
    ),
    # Added to the contract's catalogue (docs/decisions/0006-review-meeting-clocks.md): the review
    # meeting's notice and advice, counted back from the meeting date, and the family's 15 days
    # after an amendment notice. Checked against legislation.gov.uk's text of regs 20-22.
    _rule(
        id="review.meeting_notice",
        title="Give at least 2 weeks' notice of the review meeting",
        start_event="review_meeting_scheduled",
        amount=2,
        unit="weeks_before",
        stop_event="review_invitations_sent",
        actor="local_authority",
        citation="SEND Regulations 2014 reg 20(3); reg 21(3)",
        evidence="primary",
        starts="the review meeting is arranged (counted back from the meeting date)",
        period="at least 2 weeks before the meeting",
        stopped_by="the invitations giving the meeting date are sent",
        extension=True,
        notes="Added to the contract by Redress. The head teacher or principal arranges the "
        "meeting where the local authority requires it (reg 20(1), (12)); the local authority "
        "remains responsible for the review.",
    ),
    _rule(
        id="review.advice_circulated",
        title="Circulate the advice and information at least 2 weeks before the review meeting",
        start_event="review_meeting_scheduled",
        amount=2,
        unit="weeks_before",
        stop_event="review_advice_circulated",
        actor="local_authority",
        citation="SEND Regulations 2014 reg 20(2), (4); reg 21(2), (4)",
        evidence="primary",
        starts="the review meeting is arranged (counted back from the meeting date)",
        period="at least 2 weeks before the meeting",
        stopped_by="the advice gathered from everyone invited is circulated to them",
        extension=True,
        notes="Added to the contract by Redress. Advice comes from the people reg 20(2) (or "
        "reg 21(2)) says must be invited.",
    ),
    _rule(
        id="review.amendment_representations",
        title="Allow the family 15 days to respond to the proposed amendments",
        kind="not_before",
        start_event="amendment_notice_issued",
        amount=15,
        unit="days",
        stop_event="amended_plan_issued",
        actor="local_authority",
        citation="SEND Regulations 2014 reg 22(2)(c)",
        evidence="primary",
        starts="the plan and the notice of the proposed amendments are sent",
        period="at least 15 days beginning with the day the notice is served",
        stopped_by="the amended plan is issued (not before the period ends)",
        extension=True,
        notes="Added to the contract by Redress. In the 15 days the family may make "
        "representations, ask for a school or institution to be named, or ask for a meeting.",
    ),
    # -- Transfer from another authority and re-assessment (revision 2) --------------------------
    _rule(
        id="transfer.notify",
        title="Tell the family the plan has transferred from another authority",
        start_event="plan_transferred_in",
        amount=6,
        unit="weeks",
        stop_event="transfer_notice_sent",
        actor="local_authority",
        citation="SEND Regulations 2014 reg 15(4)",
        evidence="primary",
        starts="the plan is transferred from the old authority",
        period="6 weeks",
        stopped_by="the family is told the plan has transferred, whether the new authority will "
        "assess and when it will review the plan",
    ),
    _rule(
        id="reassessment.decision",
        title="Decide whether to re-assess",
        start_event="reassessment_requested",
        amount=15,
        unit="days",
        stop_event="reassessment_decision",
        actor="local_authority",
        citation="SEND Regulations 2014 reg 25(1)",
        evidence="secondary",
        starts="the request for a re-assessment is received",
        period="15 days",
        stopped_by="the decision whether to re-assess is notified",
    ),
    _rule(
        id="reassessment.final_plan",
        title="Finish the re-assessment: the finalised plan, or notice of no change",
        start_event="reassessment_decision",
        amount=14,
        unit="weeks",
        stop_event="final_plan_issued",
        actor="local_authority",
        citation="SEND Regulations 2014 reg 27(2)",
        evidence="primary",
        starts="the notice of the decision to re-assess",
        period="14 weeks",
        stopped_by="the finalised (new or amended) plan is sent, or the family is told the plan "
        "will not change",
        notes="Exceptions: reg 27(3)(a)-(d), the same four circumstances as reg 10(4). Not "
        "produced after a decision not to re-assess.",
    ),
    _rule(
        id="phase_transfer.amend",
        variant="school",
        title="Amend the plan before a transfer between phases of education",
        start_event="phase_transfer_due",
        amount=None,
        unit="fixed_date",
        stop_event="amended_plan_issued",
        actor="local_authority",
        citation="SEND Regulations 2014 reg 18(1)(b)",
        evidence="primary",
        starts="a school phase transfer in the year",
        period="before 15 February of the year of transfer (so by 14 February)",
        fixed_day=(2, 14),
        stopped_by="the amended plan is issued, or a review decides to maintain the plan "
        "unchanged, on or after the transfer is recorded",
        notes="The duty is to 'review and amend, where necessary': a review that finds no "
        "amendment necessary meets it.",
    ),
    _rule(
        id="phase_transfer.amend",
        variant="post16",
        title="Amend the plan before a transfer to post-16 education",
        start_event="phase_transfer_due",
        amount=None,
        unit="fixed_date",
        stop_event="amended_plan_issued",
        actor="local_authority",
        citation="SEND Regulations 2014 reg 18(1)(a)",
        evidence="primary",
        starts="a transfer from secondary school to a post-16 institution in the year",
        period="before 31 March of the year of transfer (so by 30 March)",
        fixed_day=(3, 30),
        stopped_by="the amended plan is issued, or a review decides to maintain the plan "
        "unchanged, on or after the transfer is recorded",
        notes="The duty is to 'review and amend, where necessary': a review that finds no "
        "amendment necessary meets it.",
    ),
    _rule(
        id="phase_transfer.amend",
        variant="post16_move",
        title="Amend the plan before a move between post-16 institutions",
        start_event="phase_transfer_due",
        amount=5,
        unit="months_before",
        stop_event="amended_plan_issued",
        actor="local_authority",
        citation="SEND Regulations 2014 reg 18(2)",
        evidence="primary",
        starts="a young person is to move from one post-16 institution to another at a time "
        "other than the usual transfer",
        period="at least 5 months before the move date",
        stopped_by="the amended plan is issued, or a review decides to maintain the plan "
        "unchanged, on or after the move is recorded",
        notes="The duty is to 'review and amend, where necessary' so that the plan names the "
        "new institution.",
    ),
    # -- Mediation ------------------------------------------------------------------------------
    _rule(
        id="mediation.contact_adviser",
        title="Contact the mediation adviser before appealing",
        start_event="decision_notice_sent",
        amount=2,
        unit="months",
        stop_event="mediation_adviser_contacted",
        actor="parent_or_young_person",
        citation="SEND Regulations 2014 reg 33",
        evidence="primary",
        starts="the decision notice is sent, when a certificate is required",
        period="2 months",
        stopped_by="the family contacts the mediation adviser about that decision (same ref)",
        notes="Not needed when the appeal is only about the school or institution named. One "
        "clock per decision: each decision notice has its own 2 months.",
    ),
    _rule(
        id="mediation.certificate_declined",
        title="Issue the certificate when the family does not wish to mediate",
        start_event="mediation_declined",
        amount=3,
        unit="working_days",
        stop_event="certificate_issued",
        actor="mediation_adviser",
        citation="SEND Regulations 2014 reg 34(1)",
        evidence="primary",
        starts="the family tells the adviser they do not wish to mediate",
        period="3 working days",
        stopped_by="the certificate is issued",
        notes="Reg 34(1) was read in the regulation's own text; the figure of 3 working days "
        "comes from sources quoting it.",
    ),
    _rule(
        id="mediation.notify_health",
        title="Tell the health commissioner about health issues in mediation",
        start_event="mediation_requested",
        amount=3,
        unit="working_days",
        stop_event="health_commissioner_notified",
        actor="local_authority",
        citation="Children and Families Act 2014 s.53; "
        "SEND Regulations 2014 Part 2 'Mediation' (regs 32-42; regulation number unverified)",
        evidence="secondary",
        starts="the family asks to mediate and the issues include health care provision",
        period="3 working days",
        stopped_by="the health commissioner is notified",
    ),
    _rule(
        id="mediation.held",
        variant="",
        title="Arrange the mediation",
        start_event="mediation_requested",
        amount=30,
        unit="days",
        stop_event="mediation_held",
        actor="local_authority",
        citation="Children and Families Act 2014 ss.53-54; "
        "SEND Regulations 2014 Part 2 'Mediation' (regs 32-42; regulation number unverified)",
        evidence="secondary",
        starts="the family tells the local authority they wish to mediate",
        period="30 days",
        stopped_by="the mediation takes place",
        notes="The law may require the mediation only to be arranged within the 30 days; Redress "
        "tracks it being held, the stricter reading.",
        caveat="the law may require the mediation only to be arranged within the 30 days; "
        "Redress tracks it being held",
    ),
    _rule(
        id="mediation.held",
        variant="health_only",
        title="Arrange a mediation about health care provision only",
        start_event="health_commissioner_notified",
        amount=30,
        unit="days",
        stop_event="mediation_held",
        actor="health_commissioner",
        citation="Children and Families Act 2014 s.53; "
        "SEND Regulations 2014 Part 2 'Mediation' (regs 32-42; regulation number unverified)",
        evidence="secondary",
        starts="the local authority notifies the health commissioner (health issues only)",
        period="30 days",
        stopped_by="the mediation takes place",
        notes="The law may require the mediation only to be arranged within the 30 days; Redress "
        "tracks it being held, the stricter reading.",
        caveat="the law may require the mediation only to be arranged within the 30 days; "
        "Redress tracks it being held",
    ),
    _rule(
        id="mediation.meeting_notice",
        title="Confirm the mediation's date, time, place and attendees",
        start_event="mediation_scheduled",
        amount=5,
        unit="working_days_before",
        stop_event="meeting_details_confirmed",
        actor="local_authority",
        citation="SEND Regulations 2014 Part 2 'Mediation' "
        "(regs 32-42; regulation number unverified)",
        evidence="secondary",
        starts="the mediation is scheduled (counted back from the meeting date)",
        period="5 working days before the meeting",
        stopped_by="the details are confirmed to every attendee, or the parent or young person "
        "agrees to shorter notice",
        notes="The legal duty is to tell the parent or young person the date and place; Redress "
        "tracks notice to every attendee, which asks more. The family may agree to a shorter "
        "notice period: their consent, recorded on the meeting, counts as the notice given that "
        "day and excuses a meeting arranged too late for the full notice (exception ground "
        "consent_short_notice).",
        caveat="the legal duty is notice of the date and place to the parent or young person; "
        "Redress tracks notice to every attendee",
    ),
    _rule(
        id="mediation.certificate_not_arranged",
        title="Issue the certificate when mediation cannot be arranged in time",
        start_event="mediation_not_arranged",
        amount=3,
        unit="working_days",
        stop_event="certificate_issued",
        actor="mediation_adviser",
        citation="SEND Regulations 2014 Part 2 'Mediation' "
        "(regs 32-42; regulation number unverified)",
        evidence="secondary",
        starts="the local authority tells the adviser it cannot arrange mediation in time",
        period="3 working days",
        stopped_by="the certificate is issued",
    ),
    _rule(
        id="mediation.certificate_after",
        title="Issue the certificate after mediation",
        start_event="mediation_concluded",
        amount=3,
        unit="working_days",
        stop_event="certificate_issued",
        actor="mediation_adviser",
        citation="Children and Families Act 2014 s.55(5) (unverified); "
        "SEND Regulations 2014 Part 2 'Mediation' (regs 32-42; regulation number unverified)",
        evidence="secondary",
        starts="the mediation concludes",
        period="3 working days",
        stopped_by="the certificate is issued",
        notes="The mediator issues this certificate (CFA s.55(5), unverified). Redress names the "
        "actor mediation_adviser, the contract's one actor for the mediation service; see "
        "docs/decisions/0052-certificate-after-mediation.md.",
        caveat="the mediator issues this certificate (CFA 2014 s.55(5), unverified)",
    ),
    _rule(
        id="agreement.action",
        title="Carry out an action agreed in mediation",
        start_event="mediation_agreement",
        amount=None,
        unit="weeks",
        stop_event="agreement_action_done",
        actor="local_authority",
        citation="SEND Regulations 2014 reg 42(2)-(3), (5); reg 44(2), (3)",
        evidence="secondary",
        starts="the written mediation agreement",
        period="the date agreed (reg 42(5)); otherwise by kind: change of school 2 weeks, "
        "contents 5 weeks, make a plan 11 weeks, assess 14 weeks, continue at once, other 2 weeks",
        stopped_by="the action is done (same ref)",
        notes="Reg 42(2) applies the reg 44 time limits as if the agreement were a Tribunal "
        "order, so the reg 44(3) exceptions apply too (per action ref). Under reg 42(3) the "
        "health commissioner, not the local authority, may be the one who must act.",
    ),
    _rule(
        id="agreement.notify_la",
        title="Tell the local authority about an agreement it was not party to",
        start_event="mediation_agreement",
        amount=1,
        unit="weeks",
        stop_event=None,
        actor="health_commissioner",
        citation="SEND Regulations 2014 reg 42(4)",
        evidence="primary",
        starts="a mediation agreement to which the local authority was not a party",
        period="1 week",
        stopped_by="nothing recorded (informational)",
        informational=True,
    ),
    # -- Tribunal appeals, orders and recommendations --------------------------------------------
    _rule(
        id="appeal.lodge",
        title="Appeal to the First-tier Tribunal (SEND)",
        start_event="decision_notice_sent",
        amount=2,
        unit="later_of",
        stop_event="appeal_lodged",
        actor="parent_or_young_person",
        citation="HESC Rules r.20(1)(c); r.12(2), r.12(3)(a)",
        evidence="primary",
        starts="the decision notice is sent (and any mediation certificate for that decision is "
        "issued)",
        period="the later of 2 months after the notice and 1 month after the certificate, "
        "moved out of August and 25 December-1 January and off non-working days",
        stopped_by="the appeal against that decision is lodged (same ref)",
        notes="One clock per decision: a family may have several decisions open to appeal at "
        "once (a final plan, then a cessation), each with its own window.",
    ),
    _rule(
        id="appeal.la_response",
        title="Send the local authority's response to the appeal",
        start_event="appeal_sent_to_la",
        amount=30,
        unit="tribunal_working_days",
        stop_event="la_response_sent",
        actor="local_authority",
        citation="Tribunal directions (registration letter); HESC Rules r.21",
        evidence="secondary",
        starts="the tribunal sends the appeal to the local authority",
        period="30 tribunal working days, or the date the tribunal directs",
        stopped_by="the response is sent",
    ),
    _rule(
        id="order.assess_notice",
        variant="assess",
        title="Tell the family the assessment will be made (after an order)",
        start_event="tribunal_order",
        amount=2,
        unit="weeks",
        stop_event="order_step_done",
        actor="local_authority",
        citation="SEND Regulations 2014 reg 44(2)(b) / reg 45",
        evidence="secondary",
        starts="an order (or unopposed appeal) to assess",
        period="2 weeks",
        stopped_by="step assess_notice is done",
    ),
    _rule(
        id="order.plan_decision",
        variant="assess",
        title="Decide whether to make a plan (after an order to assess)",
        start_event="tribunal_order",
        amount=10,
        unit="weeks",
        stop_event="order_step_done",
        actor="local_authority",
        citation="SEND Regulations 2014 reg 44(2)(b)(i) / reg 45",
        evidence="secondary",
        starts="an order (or unopposed appeal) to assess",
        period="10 weeks",
        stopped_by="step plan_decision is done",
        notes="Reg 44(2)(b)(i): a decision that no plan is needed must be notified within 10 "
        "weeks of the order; for an unopposed appeal reg 45(3A)(a) counts from the local "
        "authority's notice to the Tribunal.",
    ),
    _rule(
        id="order.final_plan",
        variant="assess",
        title="Issue the final plan after an order to assess",
        start_event="tribunal_order",
        amount=14,
        unit="weeks",
        stop_event="order_step_done",
        actor="local_authority",
        citation="SEND Regulations 2014 reg 44(2)(b)(ii) / reg 45",
        evidence="secondary",
        starts="an order (or unopposed appeal) to assess",
        period="14 weeks",
        stopped_by="step final_plan is done",
    ),
    _rule(
        id="order.draft_plan",
        variant="make_plan",
        title="Issue the draft plan after an order to make a plan",
        start_event="tribunal_order",
        amount=5,
        unit="weeks",
        stop_event="order_step_done",
        actor="local_authority",
        citation="SEND Regulations 2014 reg 44(2)(c)(i) / reg 45",
        evidence="secondary",
        starts="an order (or unopposed appeal) to make a plan",
        period="5 weeks",
        stopped_by="step draft_plan is done",
    ),
    _rule(
        id="order.final_plan",
        variant="make_plan",
        title="Issue the final plan after an order to make a plan",
        start_event="tribunal_order",
        amount=11,
        unit="weeks",
        stop_event="order_step_done",
        actor="local_authority",
        citation="SEND Regulations 2014 reg 44(2)(c)(ii) / reg 45",
        evidence="secondary",
        starts="an order (or unopposed appeal) to make a plan",
        period="11 weeks",
        stopped_by="step final_plan is done",
    ),
    _rule(
        id="order.amended_plan",
        variant="amend_contents",
        title="Issue the amended plan after an order to amend its contents",
        start_event="tribunal_order",
        amount=5,
        unit="weeks",
        stop_event="order_step_done",
        actor="local_authority",
        citation="SEND Regulations 2014 reg 44(2)(e) / reg 45",
        evidence="secondary",
        starts="an order (or unopposed appeal) to amend the needs or provision",
        period="5 weeks",
        stopped_by="step amended_plan is done",
    ),
    _rule(
        id="order.amended_plan",
        variant="amend_school",
        title="Issue the amended plan after an order to change the school named",
        start_event="tribunal_order",
        amount=2,
        unit="weeks",
        stop_event="order_step_done",
        actor="local_authority",
        citation="SEND Regulations 2014 reg 44(2)(f) / reg 45",
        evidence="secondary",
        starts="an order (or unopposed appeal) to change the school or institution named",
        period="2 weeks",
        stopped_by="step amended_plan is done",
    ),
    _rule(
        id="order.continue",
        variant="continue",
        title="Continue to maintain the plan",
        start_event="tribunal_order",
        amount=0,
        unit="days",
        stop_event=None,
        actor="local_authority",
        citation="SEND Regulations 2014 reg 44(2) (paragraph unverified; not 44(2)(a)) / reg 45",
        evidence="secondary",
        starts="an order (or unopposed appeal) to continue to maintain the plan",
        period="immediately",
        stopped_by="nothing recorded (informational)",
        informational=True,
        notes="Reg 44(2)(a) is the opposite case: when an appeal against a cessation is "
        "dismissed, the plan ceases immediately.",
    ),
    _rule(
        id="recommendation.response",
        title="Respond in writing to the Tribunal's recommendations",
        start_event="recommendations_made",
        amount=5,
        unit="weeks",
        stop_event="recommendation_response_sent",
        actor="health_commissioner or social_care",
        citation="SEND (First-tier Tribunal Recommendations Power) Regulations 2017 regs 6-7 "
        "(paragraphs unverified)",
        evidence="secondary",
        starts="the Tribunal makes recommendations on health or social care",
        period="5 weeks",
        stopped_by="the written response is sent (same ref)",
        # The start (the recommendation, or the decision being sent) is not settled in a primary
        # source that Redress could read; see docs/legal-basis.md.
        notes="Reasons are required for any recommendation not followed.",
    ),
)

# The family's own deadlines: rules whose actor is the parent or young person, and the 15 days
# after a draft plan or an amendment notice, which the local authority must allow the family
# before it finalises the plan.
FAMILY_ACTOR = "parent_or_young_person"
FAMILY_WINDOW_RULES = frozenset({"plan.draft_comments", "review.amendment_representations"})


def is_family_deadline(rule_id: str, actor: str) -> bool:
    return actor == FAMILY_ACTOR or rule_id in FAMILY_WINDOW_RULES


RULE_IDS: tuple[str, ...] = tuple(dict.fromkeys(rule.id for rule in RULES))


def rule_row(rule_id: str, variant: str = "") -> Rule:
    """The catalogue row for a rule id and variant."""
    return _BY_KEY[(rule_id, variant)]


_BY_KEY: dict[tuple[str, str], Rule] = {(rule.id, rule.variant): rule for rule in RULES}

# Statutory grounds on which a clock may be excepted (engine input `exception_recorded`).
_ORDER_GROUNDS = ("reg_44_3_a", "reg_44_3_b", "reg_44_3_c", "reg_44_3_d")
EXCEPTION_GROUNDS: dict[str, tuple[str, ...]] = {
    "assessment.decision": ("reg_5_4_a", "reg_5_4_b", "reg_5_4_c", "reg_5_4_d"),
    "advice.response": ("reg_8_2_a", "reg_8_2_b", "reg_8_2_c"),
    "assessment.no_plan_notice": ("reg_10_4_a", "reg_10_4_b", "reg_10_4_c", "reg_10_4_d"),
    "plan.final": ("reg_10_4_a", "reg_10_4_b", "reg_10_4_c", "reg_10_4_d"),
    "reassessment.final_plan": ("reg_27_3_a", "reg_27_3_b", "reg_27_3_c", "reg_27_3_d"),
    # The notice of a mediation may be shorter when the parent or young person consents.
    "mediation.meeting_notice": ("consent_short_notice",),
    "agreement.action": _ORDER_GROUNDS,
    "order.assess_notice": _ORDER_GROUNDS,
    "order.plan_decision": _ORDER_GROUNDS,
    "order.final_plan": _ORDER_GROUNDS,
    "order.draft_plan": _ORDER_GROUNDS,
    "order.amended_plan": _ORDER_GROUNDS,
}

GROUND_DESCRIPTIONS: dict[str, str] = {
    "reg_5_4_a": "school or institution closed for 4 weeks or more when advice was requested",
    "reg_5_4_b": "early years provider closed for 4 weeks or more when advice was requested",
    "reg_5_4_c": "exceptional personal circumstances of the child, parent or young person",
    "reg_5_4_d": "the child, parent or young person absent from the area for 4 weeks or more",
    "reg_8_2_a": "exceptional circumstances affecting the child, parent or young person",
    "reg_8_2_b": "the child, parent or young person absent from the area for 4 weeks or more",
    "reg_8_2_c": "the child or young person missed an appointment made by the advice giver",
    "reg_10_4_a": "school or institution closed for 4 weeks or more when advice was requested",
    "reg_10_4_b": "early years provider closed for 4 weeks or more when advice was requested",
    "reg_10_4_c": "exceptional personal circumstances of the child, parent or young person",
    "reg_10_4_d": "the child, parent or young person absent from the area for 4 weeks or more",
    "reg_27_3_a": "school or institution closed for 4 weeks or more when advice was requested",
    "reg_27_3_b": "early years provider closed for 4 weeks or more when advice was requested",
    "reg_27_3_c": "exceptional personal circumstances of the child, parent or young person",
    "reg_27_3_d": "the child, parent or young person absent from the area for 4 weeks or more",
    "reg_44_3_a": "exceptional personal circumstances of the child, parent or young person",
    "reg_44_3_b": "the child, parent or young person absent from the area for 2 weeks or more",
    "reg_44_3_c": "the family asked to make representations about the plan's contents",
    "reg_44_3_d": "a reg 10(4) or reg 13(3) circumstance applies",
    "consent_short_notice": "the parent or young person agreed to less than 5 working days' "
    "notice of the mediation",
}

# HESC Rules r.20(1)(c): an appeal may be lodged up to this many months after a mediation
# certificate, when that is later than appeal.lodge's months after the decision notice.
APPEAL_AFTER_CERTIFICATE_MONTHS = 1

# Reg 15(5): after a transfer from another authority, the first review is due no sooner than
# this many months from the transfer.
TRANSFER_REVIEW_MONTHS = 3

# Agreement action kinds and their reg 44 periods (weeks) when no date was agreed.
AGREEMENT_ACTION_WEEKS: dict[str, int] = {
    "amend_school": 2,
    "amend_contents": 5,
    "make_plan": 11,
    "assess": 14,
    "continue": 0,
    "other": 2,
}
