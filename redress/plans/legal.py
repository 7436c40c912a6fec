"""The law behind ceasing a plan and behind personal budgets, as data.

A decision to cease names its ground (CFA 2014 s.45(1)): the authority is no longer responsible
for the child or young person, or it is no longer necessary to maintain the plan. Each ground
carries its citation and whether the authority must have consulted the family and the institution
before deciding (SEND Regulations 2014 reg 31(1)); decision 0149 says which grounds require it.
Personal budgets (Section J) cite the Children and Families Act 2014 s.49 and the Special
Educational Needs (Personal Budgets) Regulations 2014 (decision 0150).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models

from redress.core.citations import Citation

S45_NOT_RESPONSIBLE = Citation(
    key="cfa_2014_s45_1_a",
    title="Children and Families Act 2014, section 45(1)(a)",
    short="CFA 2014 s.45(1)(a)",
    text="The local authority may cease to maintain a plan when it is no longer responsible for "
    "the child or young person.",
)
S45_NOT_NECESSARY = Citation(
    key="cfa_2014_s45_1_b",
    title="Children and Families Act 2014, section 45(1)(b) and (2)",
    short="CFA 2014 s.45(1)(b), (2)",
    text="The local authority may cease to maintain a plan when it decides the plan is no longer "
    "necessary, which includes when the special educational provision in it is no longer needed.",
)
S45_OUTCOMES_OVER_18 = Citation(
    key="cfa_2014_s45_3",
    title="Children and Families Act 2014, section 45(3)",
    short="CFA 2014 s.45(3)",
    text="For a young person aged 18 or over, the authority must have regard to whether the "
    "educational or training outcomes in the plan have been achieved.",
)
REG_29 = Citation(
    key="send_regs_2014_reg29",
    title="Special Educational Needs and Disability Regulations 2014, regulation 29",
    short="SEND Regulations 2014 reg 29",
    text="Under 18, a plan may cease only when it is no longer necessary for special educational "
    "provision to be made in accordance with a plan.",
)
REG_30 = Citation(
    key="send_regs_2014_reg30",
    title="Special Educational Needs and Disability Regulations 2014, regulation 30",
    short="SEND Regulations 2014 reg 30",
    text="A young person aged 18 or over who has left education or training keeps the plan "
    "unless a review found they do not wish to return, or that returning would not be "
    "appropriate.",
)
REG_31 = Citation(
    key="send_regs_2014_reg31",
    title="Special Educational Needs and Disability Regulations 2014, regulation 31",
    short="SEND Regulations 2014 reg 31",
    text="Before deciding to cease, the authority tells the parent or young person it is "
    "considering it and consults them and the head teacher or principal of the institution "
    "named in the plan; the decision notice gives the right to appeal, its time limits, the "
    "mediation information and where to find disagreement resolution and advice.",
)
REG_15_TRANSFER = Citation(
    key="send_regs_2014_reg15",
    title="Special Educational Needs and Disability Regulations 2014, regulation 15",
    short="SEND Regulations 2014 reg 15",
    text="When the child or young person moves to another local authority's area, the plan is "
    "transferred to the new authority.",
)
DETAINED_PERSONS = Citation(
    key="cfa_2014_s70",
    title="Children and Families Act 2014, sections 70 to 75",
    short="CFA 2014 ss.70-75",
    text="A plan is kept, not ceased, while the child or young person is detained in relevant "
    "youth accommodation; in adult custody the authority is no longer responsible.",
)
CODE_9_200 = Citation(
    key="send_code_2015_ceasing",
    title="SEND Code of Practice: 0 to 25 years (2015), chapter 9, ceasing an EHC plan",
    short="SEND Code of Practice ch. 9 (ceasing a plan)",
    text="Circumstances in which the authority is no longer responsible include a young person "
    "starting higher education or leaving education for paid employment (not an "
    "apprenticeship).",
)

# -- Personal budgets -------------------------------------------------------------------------

S49_REQUEST = Citation(
    key="cfa_2014_s49",
    title="Children and Families Act 2014, section 49; Special Educational Needs (Personal "
    "Budgets) Regulations 2014, regulation 4",
    short="CFA 2014 s.49; Personal Budgets Regulations 2014 reg 4",
    text="The parent or young person may ask for a personal budget while a plan is prepared, "
    "reviewed or re-assessed, and the authority must prepare one when asked.",
)
REG_4A_REFUSAL = Citation(
    key="pb_regs_2014_reg4a",
    title="Special Educational Needs (Personal Budgets) Regulations 2014, regulation 4A",
    short="Personal Budgets Regulations 2014 reg 4A",
    text="The authority need not identify an amount for provision it pays for in a sum that "
    "cannot be divided without harm to others; a refusal tells the family why.",
)
REGS_5_6_DIRECT_PAYMENTS = Citation(
    key="pb_regs_2014_regs5_7",
    title="Special Educational Needs (Personal Budgets) Regulations 2014, regulations 5 to 7",
    short="Personal Budgets Regulations 2014 regs 5-7",
    text="Who may receive direct payments and the conditions the authority must be satisfied "
    "of (regs 5 and 6); a refusal of direct payments is given in writing with reasons and the "
    "right to ask for it to be reviewed (reg 7).",
)
REG_11_DP_REVIEW = Citation(
    key="pb_regs_2014_reg11",
    title="Special Educational Needs (Personal Budgets) Regulations 2014, regulation 11",
    short="Personal Budgets Regulations 2014 reg 11",
    text="The authority monitors and reviews the making and use of direct payments. Redress "
    "records each review and the date the authority sets for the next one; it computes no "
    "period, so the date is the authority's own.",
)
SECTION_J = Citation(
    key="send_regs_2014_reg12_1_j",
    title="Special Educational Needs and Disability Regulations 2014, regulation 12(1)(j)",
    short="SEND Regulations 2014 reg 12(1)(j)",
    text="Section J of the plan sets out the personal budget and, where provision is secured by "
    "a direct payment, the needs and outcomes it is to meet.",
)


class CessationGround(models.TextChoices):
    MOVED_AREA = "moved_area", "No longer responsible: moved to another local authority's area"
    HIGHER_EDUCATION = "higher_education", "No longer responsible: started higher education"
    EMPLOYMENT = (
        "employment",
        ("No longer responsible: left education for paid employment (not an apprenticeship)"),
    )
    ADULT_CUSTODY = "adult_custody", "No longer responsible: detained in adult custody"
    NOT_NEEDED = "not_needed", "No longer necessary: special educational provision not needed"
    OUTCOMES_ACHIEVED = (
        "outcomes_achieved",
        (
            "No longer necessary: aged 18 or over, no longer needs the provision, its outcomes "
            "achieved"
        ),
    )
    LEFT_EDUCATION_18 = (
        "left_education_18",
        ("No longer necessary: aged 18 or over, left education and does not wish to return"),
    )
    NOT_RECORDED = "not_recorded", "Not recorded (decided before grounds were kept)"


@dataclass(frozen=True)
class Ground:
    code: str
    citations: tuple[Citation, ...]
    # Whether a decision on this ground is refused until the parent or young person and the
    # institution were consulted (reg 31(1)(b)-(c)).
    consultation_required: bool

    @property
    def label(self) -> str:
        return str(CessationGround(self.code).label)

    @property
    def cited(self) -> str:
        return "; ".join(c.short for c in self.citations)


GROUNDS: dict[str, Ground] = {
    g.code: g
    for g in (
        Ground(CessationGround.MOVED_AREA, (S45_NOT_RESPONSIBLE, REG_15_TRANSFER), False),
        Ground(CessationGround.HIGHER_EDUCATION, (S45_NOT_RESPONSIBLE, CODE_9_200), False),
        Ground(CessationGround.EMPLOYMENT, (S45_NOT_RESPONSIBLE, CODE_9_200), False),
        Ground(CessationGround.ADULT_CUSTODY, (S45_NOT_RESPONSIBLE, DETAINED_PERSONS), False),
        Ground(CessationGround.NOT_NEEDED, (S45_NOT_NECESSARY, REG_29, REG_31), True),
        Ground(
            CessationGround.OUTCOMES_ACHIEVED,
            (S45_NOT_NECESSARY, S45_OUTCOMES_OVER_18, REG_31),
            True,
        ),
        Ground(CessationGround.LEFT_EDUCATION_18, (S45_NOT_NECESSARY, REG_30, REG_31), True),
        Ground(CessationGround.NOT_RECORDED, (), False),
    )
}

# The grounds a new decision may give: "not recorded" only describes decisions made before.
CHOOSABLE_GROUNDS = [
    (code, label) for code, label in CessationGround.choices if code != CessationGround.NOT_RECORDED
]
