"""A readable comparison of two versions of a plan, section by section (difflib on lines).

Each section is rendered to lines of text first (its narrative, then its provision items,
outcomes, placement or appendices), so a changed hour of therapy shows as a changed line.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from redress.plans.models import Placement, Plan
from redress.plans.sections import SECTIONS, heading


def _for_how_long(how_long: str) -> str:
    """'for 12 months', whether the plan says '12 months' or 'For 12 months'."""
    text = how_long.strip()
    return text[:1].lower() + text[1:] if text.lower().startswith("for ") else f"for {text}"


def section_lines(plan: Plan, code: str) -> list[str]:
    """One section of one version as lines of text."""
    lines: list[str] = []
    section = plan.sections.filter(code=code).first()
    if section is not None and section.text.strip():
        lines.extend(line.strip() for line in section.text.splitlines() if line.strip())
    if code == "E":
        for outcome in plan.outcomes.all():
            when = f" (by {outcome.by_when})" if outcome.by_when else ""
            area = (
                f" [preparing for adulthood: {outcome.get_preparing_for_adulthood_display()}]"
                if outcome.preparing_for_adulthood
                else ""
            )
            lines.append(f"Outcome: {outcome.text}{when}{area}")
    for item in plan.provision_items.filter(section=code):
        pfa = " [preparing for adulthood]" if item.preparing_for_adulthood else ""
        lines.append(
            f"Provision: {item.what}; provided by {item.who}; {item.how_often}; "
            f"{_for_how_long(item.how_long)}{pfa}"
        )
    if code == "I":
        placement = Placement.objects.filter(plan=plan).first()
        if placement is not None:
            lines.append(f"Institution: {placement.name or 'not named'}")
            lines.append(f"Type: {placement.institution_type}")
    if code == "K":
        lines.extend(f"Appendix: {appendix}" for appendix in plan.appendices.all())
    return lines


@dataclass
class DiffLine:
    kind: str  # "same", "added" or "removed"
    text: str


@dataclass
class SectionDiff:
    code: str
    heading: str
    lines: list[DiffLine] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return any(line.kind != "same" for line in self.lines)


def plan_compare(old: Plan, new: Plan) -> list[SectionDiff]:
    """Sections A to K in order, each with its lines marked same, added or removed."""
    result = []
    for section in SECTIONS:
        before, after = section_lines(old, section.code), section_lines(new, section.code)
        diff = SectionDiff(section.code, heading(section.code))
        for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=before, b=after).get_opcodes():
            if tag == "equal":
                diff.lines.extend(DiffLine("same", t) for t in before[i1:i2])
                continue
            diff.lines.extend(DiffLine("removed", t) for t in before[i1:i2])
            diff.lines.extend(DiffLine("added", t) for t in after[j1:j2])
        result.append(diff)
    return result
