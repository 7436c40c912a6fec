"""The law this app's pages and the agreement document cite, as data.

The periods themselves live in the statutory rule catalogue (`agreement.action`,
`agreement.notify_la`); what is here says what the law requires in Redress's own words, with the
evidence level noted where the source was not checked against the primary text.
"""

from __future__ import annotations

from dataclasses import dataclass

from redress.agreements.models import EXPENSES_CITATION, EXPENSES_NOT_COVERED
from redress.statutory.rules import rule_row

ACTION_RULE = rule_row("agreement.action")
NOTIFY_LA_RULE = rule_row("agreement.notify_la")


@dataclass(frozen=True)
class Step:
    text: str
    citation: str


# When an appeal is live and the parties settle at mediation, the Tribunal must be told: the
# family withdraws the appeal, or the parties ask for an order by consent.
TRIBUNAL_STEPS: tuple[Step, ...] = (
    Step(
        "If the agreement settles everything the appeal is about, the parent or young person "
        "may tell the Tribunal in writing that they withdraw the appeal.",
        "HESC Rules 2008 r.17 (rule number unverified)",
    ),
    Step(
        "If the parties want the Tribunal to make the agreement an order (for example because "
        "the local authority has already sent its response), they ask together for a consent "
        "order on form SEND46. The reg 44 periods then apply unless a shorter period is agreed.",
        "HESC Rules 2008 r.32 (rule number unverified); SEND Regulations 2014 reg 45",
    ),
    Step(
        "Until the Tribunal confirms the withdrawal or makes the order, the appeal and its "
        "deadlines continue: keep to them.",
        "HESC Rules 2008 r.17",
    ),
)

AGREEMENT_CITATIONS: tuple[str, ...] = (
    f"{ACTION_RULE.citation}: each action is done by the date agreed in writing, or else within "
    f"the time the law allows for its kind ({ACTION_RULE.period}).",
    f"{NOTIFY_LA_RULE.citation}: where the local authority was not a party, the health "
    f"commissioner tells it about the agreement within {NOTIFY_LA_RULE.period}.",
)

EXPENSES = (EXPENSES_CITATION, EXPENSES_NOT_COVERED)
