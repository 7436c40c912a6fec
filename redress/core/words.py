"""Words for people, in place of the engine's internal names.

The engine explains each date with its own names (event types such as ``draft_plan_issued``,
exception grounds such as ``reg_8_2_c``) and cites the law with section numbers, some marked as
not yet checked. Staff pages show those citations; families, supporters, calendar feeds and
emails read the words below instead. The mappings are data: add a line here when the engine
gains a name, and the tests that scan what people read will fail until it is added.
"""

from __future__ import annotations

import re

from redress.statutory.events import EVENT_WORDS
from redress.statutory.rules import GROUND_DESCRIPTIONS

#: Engine names that are not event types but can appear in an explanation.
EXTRA_WORDS: dict[str, str] = {
    "local_authority": "the council",
    "health_commissioner": "the NHS",
    "social_care": "social care",
    "parent_or_young_person": "the family",
    "mediation_adviser": "the mediation adviser",
    "advice_giver": "the person asked for advice",
    "institution": "the school or college consulted",
}

#: The laws a citation may name, and how a family reads them. Order matters: the first match of
#: each entry is listed once, in this order.
LAW_NAMES: tuple[tuple[str, str], ...] = (
    ("Children and Families Act 2014", "the Children and Families Act 2014"),
    ("Recommendations Power", "the rules on the tribunal's health and social care advice"),
    ("SEND Regulations 2014", "the SEND Regulations 2014"),
    ("SEND Code of Practice", "the SEND Code of Practice"),
    ("HESC Rules", "the tribunal's rules"),
    ("Tribunal directions", "the tribunal's instructions for the appeal"),
    ("Devon CC", "a court's decision about plans (2022)"),
)

_RULE_REF = r"r\.\d+(?:\(\d+\))?(?:\([a-z]\))?"
#: Pieces of an explanation that only make sense to someone checking the engine's sources.
#: A note that a source was not checked: inside brackets after a semicolon ("(regs 32-42;
#: regulation number unverified)" keeps "(regs 32-42)"), or a whole bracket of its own
#: ("(paragraph unverified, probably 20(7))", "(unverified)").
_UNVERIFIED_PART = re.compile(r";\s*[^;()]*unverified[^;()]*(?=\))")
_UNVERIFIED_BRACKET = re.compile(r"\s*\((?:[^()]|\([^()]*\))*unverified(?:[^()]|\([^()]*\))*\)")


def _without_unverified(text: str) -> str:
    return _UNVERIFIED_BRACKET.sub("", _UNVERIFIED_PART.sub("", text))


_NOTES = re.compile(
    r"\s*\(informational: [^)]*\)"
    r"|:?\s*HESC Rules " + _RULE_REF + r"(?:, " + _RULE_REF + r")*"
    r"|\s*\(reg \d+\(\d+\)\)"
)
_WORDS = {**EXTRA_WORDS, **EVENT_WORDS}
_NAME = re.compile(r"\b(" + "|".join(sorted(_WORDS, key=len, reverse=True)) + r")\b")
_GROUND = re.compile(
    r"\b(?:under )?("
    + "|".join(sorted(map(re.escape, GROUND_DESCRIPTIONS), key=len, reverse=True))
    + r")\b"
)
#: What is left of a snake_case name anywhere: used by tests and as a last guard.
SNAKE_CASE = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b")


def _ground(match: re.Match[str]) -> str:
    description = GROUND_DESCRIPTIONS.get(match.group(1))
    return f"(the reason: {description or 'one the law allows'})"


def plain_explanation(text: str) -> str:
    """An engine explanation in words: no internal names, no notes about checking sources."""
    text = _NOTES.sub("", _without_unverified(str(text or "")))
    text = _GROUND.sub(_ground, text)
    text = _NAME.sub(lambda m: _WORDS[m.group(1)], text)
    text = text.replace("the the ", "the ").replace("( ", "(").replace(" ,", ",")
    # A name the mappings above do not know yet is shown as words rather than as a code.
    return SNAKE_CASE.sub(lambda m: m.group(0).replace("_", " "), text).strip()


def plain_law(citation: str) -> str:
    """The laws behind a date, named without section numbers ("the SEND Regulations 2014")."""
    names = [words for key, words in LAW_NAMES if key in (citation or "")]
    if not names:
        return "the law on special educational needs"
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " and " + names[-1]


def staff_citation(citation: str) -> str:
    """A citation for staff outside the case page (emails, feeds): the sections, without the
    engine's notes about which numbers are still to be checked (the case page shows those)."""
    return _without_unverified(citation or "").strip()


_STAFF_GROUND = re.compile(r"\breg_(\d+)_(\d+)_([a-z])\b")


def staff_explanation(text: str) -> str:
    """An engine explanation for staff outside the case page: event types in words, exception
    grounds as regulation numbers ("reg 8(2)(c)"), no other internal names."""
    text = _STAFF_GROUND.sub(lambda m: f"reg {m.group(1)}({m.group(2)})({m.group(3)})", text or "")
    text = _NAME.sub(lambda m: _WORDS[m.group(1)], text)
    text = text.replace("the the ", "the ")
    return SNAKE_CASE.sub(lambda m: m.group(0).replace("_", " "), text).strip()
