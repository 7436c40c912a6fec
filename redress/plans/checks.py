"""Checks on a plan's content: the section 21 check and the preparing-for-adulthood check.

Both return data (what was found, where, and the law behind it); templates only print it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from redress.plans.sections import HEALTH_AND_CARE_SECTIONS
from redress.statutory.school_year import national_curriculum_year

if TYPE_CHECKING:
    from redress.plans.models import Plan, ProvisionItem


@dataclass(frozen=True)
class LegalText:
    key: str
    short: str
    text: str
    evidence: str  # as in the rule catalogue: primary, secondary or unverified


SECTION_21_5 = LegalText(
    key="cfa_2014_s21_5",
    short="Children and Families Act 2014 s.21(5)",
    text=(
        "Health care provision or social care provision which educates or trains a child or "
        "young person is to be treated as special educational provision (instead of health care "
        "provision or social care provision)."
    ),
    evidence="secondary",
)

COP_9_74 = LegalText(
    key="cop_9_74",
    short="SEND Code of Practice 2015, paragraph 9.74 (paragraph number unverified)",
    text=(
        "Speech and language therapy and other therapy provision can be educational or health "
        "care provision, or both. Because communication is so fundamental in education, "
        "addressing speech and language impairment should normally be recorded as special "
        "educational provision unless there are exceptional reasons for not doing so."
    ),
    evidence="unverified",
)

REG_12_3 = LegalText(
    key="send_regs_2014_reg12_3",
    short="SEND Regulations 2014 reg 12(3)",
    text=(
        "Where the child or young person is in or beyond year 9, the plan must include, within "
        "the special educational, health care and social care provision it specifies, provision "
        "to assist the child or young person in preparation for adulthood and independent living."
    ),
    evidence="secondary",
)


# -- The section 21 check ---------------------------------------------------------------------


@dataclass(frozen=True)
class EducationalTherapy:
    """A kind of provision that educates or trains, so belongs in section F (s.21(5))."""

    key: str
    name: str
    terms: tuple[str, ...]  # matched as whole words, case-insensitively
    always: bool  # True: normally educational; False: educational when it educates or trains
    authorities: tuple[LegalText, ...] = (SECTION_21_5,)


# The maintained list. Add a row here (with its terms) to widen the check; docs/plans.md says how.
EDUCATIONAL_THERAPIES: tuple[EducationalTherapy, ...] = (
    EducationalTherapy(
        key="speech_and_language_therapy",
        name="speech and language therapy",
        terms=(
            "speech and language therapy",
            "speech & language therapy",
            "speech and language therapist",
            "speech & language therapist",
            "speech therapy",
            "language therapy",
            "SALT",
            "SLT",
        ),
        always=True,
        authorities=(SECTION_21_5, COP_9_74),
    ),
    EducationalTherapy(
        key="occupational_therapy",
        name="occupational therapy",
        terms=("occupational therapy", "occupational therapist", "OT"),
        always=False,
    ),
    EducationalTherapy(
        key="physiotherapy",
        name="physiotherapy",
        terms=("physiotherapy", "physiotherapist", "physio"),
        always=False,
    ),
    EducationalTherapy(
        key="communication_aid_training",
        name="training in a communication aid (AAC)",
        terms=("AAC", "communication aid", "augmentative and alternative communication"),
        always=False,
    ),
    EducationalTherapy(
        key="habilitation",
        name="mobility and habilitation training",
        terms=("habilitation", "mobility training", "independent travel training"),
        always=True,
    ),
    EducationalTherapy(
        key="social_skills",
        name="social communication or social skills teaching",
        terms=("social skills", "social communication group", "social communication programme"),
        always=True,
    ),
    EducationalTherapy(
        key="teaches_or_trains",
        name="provision described as teaching or training",
        terms=(
            "teach",
            "teaches",
            "teaching",
            "train",
            "trains",
            "training",
            "educate",
            "educates",
            "programme delivered in class",
        ),  # fmt: skip
        always=False,
    ),
)


def _pattern(terms: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
    return re.compile(rf"(?<![\w&])(?:{alternatives})(?![\w&])", re.IGNORECASE)


_PATTERNS = {therapy.key: _pattern(therapy.terms) for therapy in EDUCATIONAL_THERAPIES}


@dataclass(frozen=True)
class Section21Warning:
    item: ProvisionItem
    therapy: EducationalTherapy
    matched: str
    section: str
    certainty: str  # "normally" or "if it educates or trains"
    explanation: str
    authorities: tuple[LegalText, ...]


def _explain(therapy: EducationalTherapy, section: str) -> str:
    kind = "health care" if section == "G" else "social care"
    if therapy.always:
        condition = (
            f"{therapy.name[:1].upper()}{therapy.name[1:]} normally educates or trains, so it"
        )
    else:
        condition = f"If this {therapy.name} educates or trains the child or young person, it"
    return (
        f"{condition} is special educational provision, not {kind} provision "
        f"(Children and Families Act 2014 s.21(5)). Special educational provision belongs in "
        f"section F, where the local authority must secure it (s.42) and the family can appeal "
        f"about it to the Tribunal; in section {section} it can only be the subject of a "
        f"recommendation. Move it to section F, or record why it does not educate or train."
    )


def section21_warnings(plan: Plan) -> list[Section21Warning]:
    """Provision in G, H1 or H2 that educates or trains and so belongs in F (s.21(5))."""
    warnings: list[Section21Warning] = []
    for item in plan.provision_items.all():
        if item.section not in HEALTH_AND_CARE_SECTIONS:
            continue
        text = " ".join((item.what, item.who))
        for therapy in EDUCATIONAL_THERAPIES:
            match = _PATTERNS[therapy.key].search(text)
            if match is None:
                continue
            warnings.append(
                Section21Warning(
                    item=item,
                    therapy=therapy,
                    matched=match.group(0),
                    section=item.section,
                    certainty="normally" if therapy.always else "if it educates or trains",
                    explanation=_explain(therapy, item.section),
                    authorities=therapy.authorities,
                )
            )
            break  # one warning per item: the first (most specific) match
    return warnings


# -- The year group and the preparing-for-adulthood check ------------------------------------
# The year group by age is the statutory calendar's (`redress.statutory.school_year`).


def year_label(year: int) -> str:
    if year < 0:
        return "Early years"
    if year == 0:
        return "Reception"
    if year <= 13:
        return f"Year {year}"
    return f"Beyond school age (year {year} by age)"


@dataclass
class AdulthoodCheck:
    applies: bool
    nc_year: int
    on: date
    overridden: bool
    missing: list[str] = field(default_factory=list)
    authority: LegalText = REG_12_3

    @property
    def passes(self) -> bool:
        return not self.applies or not self.missing


PFA_FROM_YEAR = 9


def plan_nc_year(plan: Plan, on: date) -> tuple[int, bool]:
    if plan.nc_year_override is not None:
        return plan.nc_year_override, True
    return national_curriculum_year(plan.child.date_of_birth, on), False


def adulthood_check(plan: Plan, on: date) -> AdulthoodCheck:
    """For year 9 and above: does the plan include preparing-for-adulthood outcomes (E) and
    provision (F, G, H1 or H2)? Checked on the data (the flags), not by reading the prose."""
    year, overridden = plan_nc_year(plan, on)
    check = AdulthoodCheck(
        applies=year >= PFA_FROM_YEAR, nc_year=year, on=on, overridden=overridden
    )
    if not check.applies:
        return check
    if not any(o.preparing_for_adulthood for o in plan.outcomes.all()):
        check.missing.append(
            "Section E has no outcome about preparing for adulthood (employment or higher "
            "education, independent living, participating in society, or health)."
        )
    if not any(i.preparing_for_adulthood for i in plan.provision_items.all()):
        check.missing.append(
            "Sections F, G, H1 and H2 have no provision marked as helping to prepare for "
            "adulthood and independent living."
        )
    return check


__all__ = [
    "COP_9_74",
    "EDUCATIONAL_THERAPIES",
    "REG_12_3",
    "SECTION_21_5",
    "AdulthoodCheck",
    "EducationalTherapy",
    "Section21Warning",
    "adulthood_check",
    "section21_warnings",
    "year_label",
]
