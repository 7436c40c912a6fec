"""What the apps built on casework add to a child's case page. Casework may not import them
(docs/architecture.md, "Layers"), so each declares its parts on its DomainAppConfig (kept in
redress.core.registry): names for the decisions that the family's windows belong to
(`decision_labels`), and sections of the page (`case_sections`, shown to those who see the whole
case; the key is the section's name in the page's context)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from redress.casework.models import Child
from redress.core import registry

DecisionLabels = Callable[[Child], dict[str, str]]
CaseSection = Callable[..., Any]  # called as section(user=..., child=...)


def decision_labels(child: Child) -> dict[str, str]:
    """Each decision ref on the child's case, named for a person reading a window's row (the
    first source to name a ref wins)."""
    labels: dict[str, str] = {}
    for source in registry.decision_labels:
        for ref, label in source(child).items():
            labels.setdefault(ref, label)
    return labels


def case_sections() -> Iterable[tuple[str, CaseSection]]:
    return registry.case_sections.items()
