"""One registry of the law Redress cites, keyed by provision.

Every app's `legal.py` states its citations as `Citation` values; each registers itself here by
its key, and a key stated twice with different words stops Redress at import, so a provision
reads the same on every page, letter and certificate. Provisions cited by more than one app are
stated here once.
"""

from __future__ import annotations

from dataclasses import dataclass

from redress.statutory.rules import rule_row

_REGISTRY: dict[str, Citation] = {}


@dataclass(frozen=True)
class Citation:
    key: str
    title: str  # how a letter names the provision in its heading
    short: str  # the short form used on Redress's screens and in the rule catalogue
    text: str  # what the provision requires, in Redress's own words

    def __post_init__(self) -> None:
        known = _REGISTRY.get(self.key)
        if known is not None and known != self:
            raise ValueError(f"citation {self.key!r} is stated twice with different words")
        _REGISTRY.setdefault(self.key, self)


def citation(key: str) -> Citation:
    """The registered citation for a provision key."""
    return _REGISTRY[key]


def registered() -> dict[str, Citation]:
    return dict(_REGISTRY)


# Cited by the decision letters and by the mediation certificates.
APPEAL_TIME_LIMIT = Citation(
    key="hesc_rules_r20",
    title="Tribunal Procedure (First-tier Tribunal) (Health, Education and Social Care "
    "Chamber) Rules 2008, rules 20 and 12",
    short=rule_row("appeal.lodge").citation,
    text=f"The Tribunal must receive the appeal by {rule_row('appeal.lodge').period}.",
)

SECTION_55 = Citation(
    key="cfa_2014_s55",
    title="Children and Families Act 2014, section 55",
    short="CFA 2014 s.55",
    text=(
        "Before appealing to the First-tier Tribunal, you must contact a mediation adviser and "
        "get a certificate from them, either because you do not wish to pursue mediation "
        "(section 55(4)) or because mediation has taken place (section 55(5)). No certificate is "
        "needed when the appeal is only about the school or other institution named in the "
        "plan, the type of institution, or that none is named (section 55(3))."
    ),
)
