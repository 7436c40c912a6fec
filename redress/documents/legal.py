"""The law a generated document cites, as data.

Templates never carry a citation of their own: they print what is here, and what is here comes
from the statutory rule catalogue where the catalogue has it (the period, the citation and the
exception grounds of `advice.response`). The wording of each summary is Redress's own; see
docs/legal-basis.md for how well each source was checked.
"""

from __future__ import annotations

from dataclasses import dataclass

from redress.statutory.rules import EXCEPTION_GROUNDS, GROUND_DESCRIPTIONS, rule_row

ADVICE_RULE = rule_row("advice.response")


@dataclass(frozen=True)
class Citation:
    key: str
    title: str  # how the letter names the provision in its heading
    short: str  # the short form used in Redress's screens and the rule catalogue
    text: str  # what the provision requires, in Redress's own words


def _ground_letter(ground: str) -> str:
    """'reg_8_2_a' -> '8(2)(a)'."""
    _, regulation, paragraph, letter = ground.split("_")
    return f"{regulation}({paragraph})({letter})"


def advice_exceptions() -> list[dict[str, str]]:
    """The only exceptions to the advice giver's time limit, from the rule catalogue."""
    return [
        {"ground": ground, "provision": _ground_letter(ground), "text": GROUND_DESCRIPTIONS[ground]}
        for ground in EXCEPTION_GROUNDS[ADVICE_RULE.id]
    ]


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

__all__ = [
    "ADVICE_RULE",
    "ESCALATION_CITATIONS",
    "REGULATION_8",
    "SECTION_31",
    "Citation",
    "advice_exceptions",
]
