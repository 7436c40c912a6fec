"""The neutral-language check for written mediation agreements (pure Python, no Django).

A mediation agreement records what the parties will do next, not who was to blame for what went
before; wording that judges one party makes the agreement harder to accept and to keep. The check
flags such wording and suggests a neutral phrasing. It only warns: the mediator decides whether
to keep the words, and that choice is recorded with the agreement.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    forms: tuple[str, ...]  # the words or phrases flagged, lower case
    suggestion: str  # a neutral way to say what is meant
    why: str


TERMS: tuple[Term, ...] = (
    Term(
        ("failed", "fail", "fails", "failing", "failure", "failures"),
        "“did not”, “has not yet” or “will now”",
        "It judges what happened; say what will be done.",
    ),
    Term(
        ("refused", "refuse", "refuses", "refusing", "refusal"),
        "“decided not to” or “did not agree to”",
        "It casts one party as obstructive.",
    ),
    Term(
        ("negligent", "negligence", "negligently"),
        "describe what happened and what will change",
        "It is a legal accusation, not something the parties agree.",
    ),
    Term(
        ("blame", "blamed", "blames", "blaming", "to blame"),
        "describe the concern and what will be done about it",
        "It looks back at fault rather than forward to actions.",
    ),
    Term(
        ("fault", "faults", "at fault", "faulty"),
        "describe what happened",
        "It assigns fault, which the agreement does not decide.",
    ),
    Term(
        ("incompetent", "incompetence", "incompetently"),
        "describe the concern about how the work was done",
        "It attacks a person rather than describing an issue.",
    ),
    Term(
        ("ignored", "ignore", "ignores", "ignoring"),
        "“did not respond to” or “has not yet considered”",
        "It suggests bad faith.",
    ),
    Term(
        ("neglected", "neglect", "neglects", "neglecting"),
        "“has not yet” or “will now”",
        "It suggests a failure of care.",
    ),
    Term(
        ("unreasonable", "unreasonably"),
        "“the family disagrees with” or “the local authority disagrees with”",
        "It judges a party's position instead of stating it.",
    ),
    Term(
        ("obstructive", "obstructed", "obstructing", "obstruction"),
        "describe the step that was delayed",
        "It casts one party as acting against the other.",
    ),
    Term(
        ("lied", "lying", "liar", "dishonest", "dishonestly"),
        "“the parties remember this differently”",
        "It accuses a person of dishonesty.",
    ),
    Term(
        ("demanded", "demand", "demands", "demanding"),
        "“asked for” or “requested”",
        "It makes a request sound hostile.",
    ),
    Term(
        ("admitted", "admits", "admit", "conceded", "concedes"),
        "“said” or “agreed”",
        "It implies a confession of fault.",
    ),
    Term(
        ("should have",),
        "“will” with the date it will happen",
        "It looks back at fault rather than forward to actions.",
    ),
    Term(
        ("unacceptable", "disgraceful", "appalling", "shocking"),
        "“a concern for the family” or describe the effect",
        "It expresses a judgment the other party has not accepted.",
    ),
    Term(
        ("careless", "carelessly", "irresponsible", "lazy", "useless"),
        "describe what happened and what will change",
        "It attacks a person rather than describing an issue.",
    ),
)

_BY_FORM = {form: term for term in TERMS for form in term.forms}
# Longest forms first so "at fault" wins over "fault" and "should have" is matched whole.
_PATTERN = re.compile(
    r"(?<![\w'’-])("
    + "|".join(
        r"\s+".join(re.escape(word) for word in form.split())
        for form in sorted(_BY_FORM, key=len, reverse=True)
    )
    + r")(?![\w'’-])",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Flag:
    """One flagged word or phrase in a text."""

    field: str  # which text it is in ("what", "future_disagreements", ...)
    word: str  # as written
    start: int
    end: int
    suggestion: str
    why: str

    @property
    def key(self) -> str:
        """What the mediator's decision to keep the word is recorded against."""
        return f"{self.field}:{self.word.lower()}"


def check_text(text: str, *, field: str = "") -> list[Flag]:
    """Every judgmental word or phrase in `text`, in order of appearance."""
    flags = []
    for match in _PATTERN.finditer(text or ""):
        written = match.group(1)
        term = _BY_FORM[" ".join(written.lower().split())]
        flags.append(
            Flag(
                field=field,
                word=written,
                start=match.start(1),
                end=match.end(1),
                suggestion=term.suggestion,
                why=term.why,
            )
        )
    return flags


def check_texts(texts: Mapping[str, str]) -> list[Flag]:
    """The flags in several named texts (a form's fields), field by field."""
    flags: list[Flag] = []
    for field, text in texts.items():
        flags.extend(check_text(text, field=field))
    return flags
