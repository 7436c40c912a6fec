"""The law a generated document cites, as data.

Templates never carry a citation of their own: they print what is here, and what is here comes
from the statutory rule catalogue where the catalogue has it (the period, the citation and the
exception grounds of `advice.response`). The wording of each summary is Redress's own; see
docs/legal-basis.md for how well each source was checked.
"""

from __future__ import annotations

from redress.casework.advice_rule import ADVICE_RULE
from redress.core import citations
from redress.core.citations import SECTION_55, Citation
from redress.statutory.rules import rule_row

SECTION_31 = Citation(
    key="cfa_2014_s31",
    title="Children and Families Act 2014, section 31",
    short="CFA 2014 s.31",
    text=(
        "When a local authority asks a health body, such as an integrated care board, to "
        "co-operate with it in carrying out its functions under Part 3 of the Act, the body must "
        "comply with the request. It may refuse only if it considers that complying would be "
        "incompatible with its own duties or would otherwise have an adverse effect on the "
        "exercise of its functions, and if it refuses it must give the local authority its "
        "reasons in writing (section 31(3))."
    ),
)

REGULATION_8 = Citation(
    key="send_regs_2014_reg8",
    title="Special Educational Needs and Disability Regulations 2014, regulation 8",
    short="SEND Regulations 2014 reg 8",
    text=(
        "A body asked by the local authority for advice and information for an education, "
        f"health and care needs assessment must provide it within {ADVICE_RULE.period} of "
        "receiving the request (regulation 8(1)). The only exceptions are those in regulation "
        "8(2), listed below, where meeting the time limit is impractical. A waiting list is not "
        "one of them."
    ),
)

# The duties an escalation letter to a health commissioner cites, in the order it cites them.
ESCALATION_CITATIONS: tuple[Citation, ...] = (SECTION_31, REGULATION_8)

# -- Appealable decision notices (SEND Regulations 2014 reg 32; CFA 2014 ss.51-57) -------------

APPEAL_RULE = rule_row("appeal.lodge")
MEDIATION_CONTACT_RULE = rule_row("mediation.contact_adviser")
RECOMMENDATION_RULE = rule_row("recommendation.response")

SECTION_51 = Citation(
    key="cfa_2014_s51",
    title="Children and Families Act 2014, section 51",
    short="CFA 2014 s.51",
    text=(
        "A parent or young person may appeal to the First-tier Tribunal (Special Educational "
        "Needs and Disability) against the local authority's decisions listed in section 51(2), "
        "including a refusal to carry out an EHC needs assessment, a refusal to issue a plan, "
        "the contents of a plan, a refusal to amend a plan after a review and a decision to "
        "cease to maintain a plan."
    ),
)

MEDIATION_RIGHT = Citation(
    key="cfa_2014_ss52_54",
    title="Children and Families Act 2014, sections 52 to 54",
    short="CFA 2014 ss.52-54",
    text=(
        "A parent or young person may ask for mediation about the decision with the local "
        "authority, and about health care provision with the health commissioner. Mediation is "
        "free and voluntary, and it does not stop you appealing."
    ),
)

MEDIATION_CERTIFICATE = SECTION_55

REGULATION_32 = Citation(
    key="send_regs_2014_reg32",
    title="Special Educational Needs and Disability Regulations 2014, regulation 32",
    short="SEND Regulations 2014 reg 32",
    text=(
        "A notice of a decision that can be appealed must tell the parent or young person about "
        "their right to mediation, the need for a mediation certificate before appealing, the "
        "mediation adviser's contact details, the time limits, what to tell the local authority "
        "if they wish to mediate, and whom to contact at the local authority."
    ),
)

REGULATION_33 = Citation(
    key="send_regs_2014_reg33",
    title="Special Educational Needs and Disability Regulations 2014, regulation 33",
    short=MEDIATION_CONTACT_RULE.citation,
    text=(
        f"Contact the mediation adviser within {MEDIATION_CONTACT_RULE.period} of the date the "
        "decision notice was sent, saying whether you wish to mediate."
    ),
)

APPEAL_TIME_LIMIT = citations.APPEAL_TIME_LIMIT

RECOMMENDATIONS_POWER = Citation(
    key="send_ftt_recommendations_regs_2017",
    title="Special Educational Needs and Disability (First-tier Tribunal Recommendations "
    "Power) Regulations 2017",
    short="SEND (First-tier Tribunal Recommendations Power) Regulations 2017",
    text=(
        "When you appeal about education, you may also ask the Tribunal to make recommendations "
        "about the health and social care needs and provision in the plan (sections C, D, G, H1 "
        "and H2). The health commissioner or social care must answer a recommendation in "
        f"writing within {RECOMMENDATION_RULE.period}, giving reasons if they do not follow it. "
        "You do not need a mediation certificate for the health and social care parts."
    ),
)

NO_RECOMMENDATIONS_FOR_REFUSAL_TO_ASSESS = Citation(
    key="send_ftt_recommendations_regs_2017_scope",
    title=RECOMMENDATIONS_POWER.title,
    short=RECOMMENDATIONS_POWER.short,
    text=(
        "The Tribunal cannot make recommendations about health or social care in an appeal "
        "against a refusal to carry out an EHC needs assessment. That power is available in "
        "later appeals, for example about the contents of a plan."
    ),
)

DISAGREEMENT_RESOLUTION = Citation(
    key="cfa_2014_s57",
    title="Children and Families Act 2014, section 57",
    short="CFA 2014 s.57",
    text=(
        "The local authority also offers an independent disagreement resolution service, which "
        "you may use at any time, whether or not you appeal."
    ),
)

__all__ = [
    "APPEAL_RULE",
    "APPEAL_TIME_LIMIT",
    "DISAGREEMENT_RESOLUTION",
    "MEDIATION_CERTIFICATE",
    "MEDIATION_CONTACT_RULE",
    "MEDIATION_RIGHT",
    "NO_RECOMMENDATIONS_FOR_REFUSAL_TO_ASSESS",
    "RECOMMENDATIONS_POWER",
    "RECOMMENDATION_RULE",
    "REGULATION_32",
    "REGULATION_33",
    "SECTION_51",
    "ESCALATION_CITATIONS",
    "REGULATION_8",
    "SECTION_31",
    "Citation",
]
