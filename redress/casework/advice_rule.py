"""The time limit for advice and information asked of others during an EHC needs assessment
(SEND Regulations 2014 reg 8), from the statutory rule catalogue: the advice pages show it and
the escalation letter to a commissioner cites it."""

from __future__ import annotations

from redress.statutory.rules import EXCEPTION_GROUNDS, GROUND_DESCRIPTIONS, rule_row

ADVICE_RULE = rule_row("advice.response")


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
