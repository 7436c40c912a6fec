"""The sections of an EHC plan as SEND Regulations 2014 reg 12 defines them, as data.

Each section is separately identified (reg 12(1): "each section must be separately identified").
The letters and the order are those of the Code of Practice 9.62 list; the descriptions quote or
closely follow reg 12(1) (see docs/legal-basis.md).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    code: str
    title: str  # the heading the plan shows
    regulation: str  # what reg 12 requires the section to set out
    citation: str


SECTIONS: tuple[Section, ...] = (
    Section(
        "A",
        "The views, interests and aspirations of the child and their parents, or the young person",
        "the views, interests and aspirations of the child and his parents or the young person",
        "SEND Regulations 2014 reg 12(1)(a)",
    ),
    Section(
        "B",
        "Special educational needs",
        "the child or young person's special educational needs",
        "SEND Regulations 2014 reg 12(1)(b)",
    ),
    Section(
        "C",
        "Health care needs which relate to their special educational needs",
        "the child or young person's health care needs which relate to their special "
        "educational needs",
        "SEND Regulations 2014 reg 12(1)(c)",
    ),
    Section(
        "D",
        "Social care needs which relate to their special educational needs or to a disability",
        "the child or young person's social care needs which relate to their special "
        "educational needs or to a disability",
        "SEND Regulations 2014 reg 12(1)(d)",
    ),
    Section(
        "E",
        "The outcomes sought",
        "the outcomes sought for him or her",
        "SEND Regulations 2014 reg 12(1)(e)",
    ),
    Section(
        "F",
        "Special educational provision",
        "the special educational provision required by the child or young person",
        "SEND Regulations 2014 reg 12(1)(f)",
    ),
    Section(
        "G",
        "Health care provision",
        "any health care provision reasonably required by the learning difficulties or "
        "disabilities which result in the child or young person having special educational needs",
        "SEND Regulations 2014 reg 12(1)(g)",
    ),
    Section(
        "H1",
        "Social care provision under section 2 of the Chronically Sick and Disabled Persons "
        "Act 1970",
        "any social care provision which must be made for the child or young person as a result "
        "of section 2 of the Chronically Sick and Disabled Persons Act 1970",
        "SEND Regulations 2014 reg 12(1)(h)(i)",
    ),
    Section(
        "H2",
        "Other social care provision",
        "any other social care provision reasonably required by the learning difficulties or "
        "disabilities which result in the child or young person having special educational needs",
        "SEND Regulations 2014 reg 12(1)(h)(ii)",
    ),
    Section(
        "I",
        "Placement",
        "the name of the school or other institution to be attended, and its type, or the type "
        "of school or institution where none is named",
        "SEND Regulations 2014 reg 12(1)(i)",
    ),
    Section(
        "J",
        "Personal budget and direct payments",
        "where any special educational provision is to be secured by a direct payment, the "
        "special educational needs and outcomes to be met by the direct payment",
        "SEND Regulations 2014 reg 12(1)(j)",
    ),
    Section(
        "K",
        "Advice and information",
        "the advice and information obtained for the assessment, appended to the plan",
        "SEND Regulations 2014 reg 12 (sub-paragraph unverified); reg 6(1)",
    ),
)

SECTION_CODES: tuple[str, ...] = tuple(s.code for s in SECTIONS)
SECTION_BY_CODE = {s.code: s for s in SECTIONS}
PROVISION_SECTIONS = ("F", "G", "H1", "H2")
HEALTH_AND_CARE_SECTIONS = ("G", "H1", "H2")


def heading(code: str) -> str:
    """'Section F: Special educational provision'."""
    return f"Section {code}: {SECTION_BY_CODE[code].title}"
