"""Words that mean the same thing, and names that have changed, for the guidance search.

Kept as data: add a group when readers search with words the answers do not use. Each group
lists phrases that mean the same (or nearly) in this library; a query containing any of them
also searches for the others. Superseded names are flagged on the answers that use them, and
searching by the current name finds those answers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Phrases that mean the same here. Lower case; a phrase is matched on whole words.
SYNONYMS: tuple[tuple[str, ...], ...] = (
    ("record", "recording", "tape", "film", "audio"),
    ("lawyer", "solicitor", "barrister", "legal representative", "legal representation"),
    ("senco", "special educational needs coordinator", "sen coordinator"),
    ("not followed", "not done", "not carried out", "not kept", "not happened", "broken"),
    ("la", "local authority", "council", "councils", "las", "local authorities"),
    ("ehc plan", "ehcp", "education health and care plan", "plan"),
    ("ehc needs assessment", "assessment", "statutory assessment", "needs assessment"),
    ("appeal", "tribunal", "first-tier tribunal"),
    ("compulsory", "mandatory", "have to", "required", "requirement", "must"),
    ("contact", "get in touch", "phone", "call", "speak to"),
    ("therapy", "therapist", "speech and language", "occupational therapy"),
    ("waiting list", "waiting lists", "delay", "delayed", "wait"),
    ("sign off", "signed off", "sign", "legally binding", "legal standing"),
    ("professionals", "professional", "practitioners", "staff"),
    ("attend", "attendance", "come to", "be at", "join"),
    ("panel", "decision-making panel", "resource panel"),
    ("before", "prior", "in advance"),
    ("day", "date"),
    ("mediator", "mediators"),
    (
        "authority to make a decision",
        "authority",
        "cannot decide",
        "can't decide",
        "power to agree",
    ),
    ("inspectors", "inspection", "ofsted", "cqc"),
    ("training", "trained", "taught"),
    ("trend", "increase", "increasing", "more and more", "rise"),
    ("specialist provision", "special school", "specialist placement", "specialist places"),
    ("conflict of interest", "conflicted", "independent"),
    ("de-escalate", "calm", "calms", "resolve", "settle disagreements"),
)


@dataclass(frozen=True)
class Superseded:
    old: str  # the name the answer uses
    abbreviation: str
    current: str  # what it is called now
    current_abbreviation: str
    since: str  # when the change happened, in words

    @property
    def note(self) -> str:
        return (
            f"This answer uses an old name: {self.old} ({self.abbreviation}). Since {self.since} "
            f"this is the {self.current} ({self.current_abbreviation})."
        )


SUPERSEDED: tuple[Superseded, ...] = (
    Superseded(
        "clinical commissioning group",
        "CCG",
        "integrated care board",
        "ICB",
        "1 July 2022 (Health and Care Act 2022)",
    ),
    Superseded(
        "Special Educational Needs and Disability Tribunal",
        "SENDIST",
        "First-tier Tribunal (Special Educational Needs and Disability)",
        "SEND tribunal",
        "3 November 2008",
    ),
)


def _words(text: str) -> str:
    return " " + " ".join(re.findall(r"[\w'-]+", text.lower())) + " "


def superseded_in(text: str) -> list[Superseded]:
    """The old names a text uses."""
    words = _words(text)
    return [
        s
        for s in SUPERSEDED
        if f" {s.old.lower()} " in words or f" {s.abbreviation.lower()} " in words
    ]


def _groups() -> list[tuple[str, ...]]:
    groups = list(SYNONYMS)
    for s in SUPERSEDED:
        groups.append(
            (
                s.old.lower(),
                s.abbreviation.lower(),
                s.current.lower(),
                s.current_abbreviation.lower(),
            )
        )
    return groups


def expand(query: str) -> list[str]:
    """Extra words to search for: every phrase of each group the query touches, split into
    words (the search joins words with OR)."""
    words = _words(query)
    extra: list[str] = []
    for group in _groups():
        if any(f" {phrase} " in words for phrase in group):
            for phrase in group:
                for word in phrase.split():
                    if word not in extra:
                        extra.append(word)
    return extra
