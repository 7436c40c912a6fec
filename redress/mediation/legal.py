"""The law each mediation step, check and document cites, as data shown on the pages and printed
in the documents. Periods and their citations come from the statutory rule catalogue; the
summaries are Redress's own words (see docs/legal-basis.md for how well each was checked)."""

from __future__ import annotations

from redress.core import citations
from redress.core.citations import Citation
from redress.statutory.rules import rule_row

SECTION_55 = citations.SECTION_55

CERTIFICATE_RULE = {
    "declined": rule_row("mediation.certificate_declined"),
    "not_arranged": rule_row("mediation.certificate_not_arranged"),
    "after_mediation": rule_row("mediation.certificate_after"),
}

CERTIFICATE_CITATIONS = {
    "declined": Citation(
        key="send_regs_2014_reg34",
        title="SEND Regulations 2014, regulation 34(1)",
        short=CERTIFICATE_RULE["declined"].citation,
        text=(
            "When the parent or young person tells the mediation adviser that they do not wish "
            "to pursue mediation, the adviser issues the certificate within "
            f"{CERTIFICATE_RULE['declined'].period}."
        ),
    ),
    "not_arranged": Citation(
        key="send_regs_2014_reg36",
        title="SEND Regulations 2014 (mediation not arranged in time)",
        short=CERTIFICATE_RULE["not_arranged"].citation,
        text=(
            "When the local authority tells the adviser that mediation cannot be arranged in "
            "time, the adviser issues the certificate within "
            f"{CERTIFICATE_RULE['not_arranged'].period}. The family may still mediate later."
        ),
    ),
    "after_mediation": Citation(
        key="send_regs_2014_reg39",
        title="SEND Regulations 2014 (certificate after mediation)",
        short=CERTIFICATE_RULE["after_mediation"].citation,
        text=(
            "When the mediation has taken place, the adviser issues the certificate within "
            f"{CERTIFICATE_RULE['after_mediation'].period} of its conclusion."
        ),
    ),
}

# The same provision the decision letters cite, in the same words.
APPEAL_WINDOW = citations.APPEAL_TIME_LIMIT

EXEMPTION_CITATIONS = {
    "school_only": Citation(
        key="cfa_2014_s55_3",
        title="Children and Families Act 2014, section 55(3)",
        short="CFA 2014 s.55(3); s.51(2)(c)(iii)-(iv)",
        text=(
            "An appeal only about the school or other institution named in the plan (section I), "
            "or its type, or that none is named, needs no mediation certificate."
        ),
    ),
    "disability_discrimination": Citation(
        key="equality_act_2010_sch17",
        title="Equality Act 2010, Schedule 17",
        short="Equality Act 2010 Sch 17 (not an appeal under CFA 2014 s.51)",
        text=(
            "A disability discrimination claim is made under the Equality Act 2010, not under "
            "section 51 of the Children and Families Act 2014, so section 55 does not apply and "
            "no mediation certificate is needed."
        ),
    ),
}

HEALTH_NOTICE = Citation(
    key="cfa_2014_s53",
    title="Children and Families Act 2014, section 53",
    short=rule_row("mediation.notify_health").citation,
    text=(
        "When the mediation issues include health care provision, the local authority tells the "
        "health commissioner the issues and the health care provision the family want within "
        f"{rule_row('mediation.notify_health').period}; when they are only about health care "
        "provision, the commissioner arranges the mediation."
    ),
)

MEETING_NOTICE = Citation(
    key="send_regs_2014_reg37",
    title="SEND Regulations 2014 (notice of the mediation)",
    short=rule_row("mediation.meeting_notice").citation,
    text=(
        "The parent or young person is told the date and place of the mediation at least "
        f"{rule_row('mediation.meeting_notice').period}, unless they agree to less notice."
    ),
)

ATTENDANCE = Citation(
    key="send_regs_2014_reg38",
    title="SEND Regulations 2014, regulation 38",
    short="SEND Regulations 2014 reg 38",
    text=(
        "The parties attend; so may the family's advocate or supporter, and the child with the "
        "agreement of the parent and the mediator. Anyone else attends with the consent of every "
        "party or, where the parties do not agree, with the mediator's consent. The mediator "
        "takes reasonable steps to find out the child's views."
    ),
)

AUTHORITY = Citation(
    key="send_regs_2014_reg37_authority",
    title="SEND Regulations 2014 (authority to resolve the issues)",
    short="SEND Regulations 2014 reg 37 (number unverified); SEND Code of Practice ch.11",
    text=(
        "The local authority and the health commissioner make sure that someone attends who has "
        "authority to resolve the mediation issues."
    ),
)

EXPERTS_NOT_WITNESSES = (
    "Professionals attend as experts giving information to help the parties reach agreement. "
    "They are not witnesses and nobody is cross-examined."
)

RECORDING = Citation(
    key="redress_recording",
    title="Recording a mediation",
    short="Equality Act 2010 s.20 (reasonable adjustments); the provider's policy",
    text=(
        "A mediation is confidential and is not recorded. A recording is allowed only as a "
        "reasonable adjustment, with the other party's consent and the mediator's approval, and "
        "the agreement to mediate says what it is for, who may access it and how long it is kept."
    ),
)

CONFIDENTIALITY = Citation(
    key="redress_mediator_notes",
    title="The mediator's notes",
    short="CFA 2014 s.56; the provider's policy",
    text=(
        "The mediator's notes are seen by the mediator alone (and the provider's case manager "
        "when the provider's policy says so). They are never shown to the local authority, the "
        "health commissioner or the family, and never leave Redress."
    ),
)
