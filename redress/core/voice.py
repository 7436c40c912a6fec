"""Who the family's pages speak to: a parent or carer, the young person, or a supporter.

The plain-English texts (`redress.family.plain`) are written to a parent ("your child"). A young
person is addressed as themselves ("your plan", "you"); a supporter reads about the family ("the
family's dates"). The rewrites are data, applied in order, longest phrase first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

PARENT = "parent"
YOUNG_PERSON = "young_person"
SUPPORTER = "supporter"

#: A parent's wording, rewritten for the young person themselves.
YOUNG_PERSON_WORDS: tuple[tuple[str, str], ...] = (
    ("Your child is moving", "You are moving"),
    ("Your child has", "You have"),
    ("your child has", "you have"),
    ("Your child is", "You are"),
    ("your child is", "you are"),
    ("your child's", "your"),
    ("Your child's", "Your"),
    ("Advice about your child arrives", "Advice about you arrives"),
    ("your child", "you"),
    ("Your child", "You"),
)


@dataclass(frozen=True)
class Voice:
    audience: str
    your_dates: str
    dates_intro: str
    no_dates: str
    who_you: str  # how the family is named when a date is theirs

    def say(self, text: str) -> str:
        if self.audience == YOUNG_PERSON:
            for before, after in YOUNG_PERSON_WORDS:
                text = re.sub(rf"\b{re.escape(before)}\b", after, text)
        return text


VOICES = {
    PARENT: Voice(
        PARENT,
        "Your dates",
        "These dates are for you. If you miss them, you may lose a choice.",
        "You have no dates to meet right now.",
        "You",
    ),
    YOUNG_PERSON: Voice(
        YOUNG_PERSON,
        "Your dates",
        "These dates are for you. If you miss them, you may lose a choice.",
        "You have no dates to meet right now.",
        "You",
    ),
    SUPPORTER: Voice(
        SUPPORTER,
        "The family's dates",
        "These dates are for the family. If they miss them, they may lose a choice.",
        "The family has no dates to meet right now.",
        "The family",
    ),
}


def voice_for(*, user: Any, child: Any) -> Voice:
    """How the pages speak to this person about this child."""
    member = child.family.filter(user=user).first() if user.is_authenticated else None
    if member is None:
        return VOICES[SUPPORTER]
    if member.relationship == "young_person":
        return VOICES[YOUNG_PERSON]
    return VOICES[PARENT]
