"""What the apps built on casework add to a child's case page. Casework may not import them
(docs/architecture.md, "Layers"), so each registers here from its AppConfig.ready(): names for the
decisions that the family's windows belong to, and sections of the page."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from redress.casework.models import Child

DecisionLabels = Callable[[Child], dict[str, str]]
CaseSection = Callable[..., Any]  # called as section(user=..., child=...)

_DECISION_LABELS: list[DecisionLabels] = []
_SECTIONS: dict[str, CaseSection] = {}


def register_decision_labels(source: DecisionLabels) -> None:
    """Add a source of names for decision refs (call from ready())."""
    if source not in _DECISION_LABELS:
        _DECISION_LABELS.append(source)


def decision_labels(child: Child) -> dict[str, str]:
    """Each decision ref on the child's case, named for a person reading a window's row (the
    first source to name a ref wins)."""
    labels: dict[str, str] = {}
    for source in _DECISION_LABELS:
        for ref, label in source(child).items():
            labels.setdefault(ref, label)
    return labels


def register_case_section(name: str, section: CaseSection) -> None:
    """Add a section to the case page, shown to those who see the whole case; `name` is its key
    in the page's context (call from ready())."""
    _SECTIONS[name] = section


def case_sections() -> Iterable[tuple[str, CaseSection]]:
    return _SECTIONS.items()
