"""How the family's pages look for the person reading them: large print, Easy Read and the
language, from the communication needs recorded on the case (decision 0175).

The needs are the ones decision letters use (`FamilyMember.accessible_format` and
`interpreter_language`, decision 0122). A recorded need for large print turns the large-print
view on by default; the person can switch it off or on, and that choice is kept for the session.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest

from redress.casework.models import FamilyMember

#: The session key holding the person's own choice ("on" or "off"); absent means "as recorded".
LARGE_PRINT_SESSION = "redress_family_large_print"


@dataclass(frozen=True)
class Needs:
    """A person's communication needs as recorded on their cases (any of them)."""

    large_print: bool = False
    easy_read: bool = False
    interpreter_languages: tuple[str, ...] = ()


def needs_of(user: Any, child: Any = None) -> Needs:
    """The needs recorded for `user` as a family member (on `child` only, when given)."""
    if not getattr(user, "is_authenticated", False):
        return Needs()
    members = FamilyMember.objects.filter(user=user)
    if child is not None:
        members = members.filter(child=child)
    rows = list(members.values_list("accessible_format", "interpreter_language")[:20])
    formats = " ".join(fmt.lower() for fmt, _ in rows)
    languages = tuple(dict.fromkeys(lang.strip() for _, lang in rows if lang.strip()))
    return Needs(
        large_print="large print" in formats or "large-print" in formats,
        easy_read="easy read" in formats or "easy-read" in formats,
        interpreter_languages=languages,
    )


def large_print_on(request: HttpRequest) -> bool:
    """The person's own choice this session, else what their recorded needs say."""
    chosen = request.session.get(LARGE_PRINT_SESSION) if hasattr(request, "session") else None
    if chosen in {"on", "off"}:
        return bool(chosen == "on")
    return needs_of(request.user).large_print


def large_print_choose(request: HttpRequest, *, on: bool) -> None:
    request.session[LARGE_PRINT_SESSION] = "on" if on else "off"


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9(])")


def one_idea_per_line(text: str) -> list[str]:
    """Easy Read: a passage split into its sentences, one to a line."""
    return [part.strip() for part in _SENTENCE_END.split(text or "") if part.strip()]
