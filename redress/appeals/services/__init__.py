"""Writes to appeals, one module per part of an appeal. Each service checks plausibility (raising
`ValidationError` keyed by form field), claims the record's version where two people may edit it at
once, saves with `full_clean()`, recomputes the child's deadlines through the engine and writes the
audit log, all in one transaction. Nothing already saved changes when a step is refused.

Reads (what an appeal allows, what not opposing it commits to) are in `redress.appeals.selectors`.
"""

from __future__ import annotations

from redress.appeals.services._common import CONSENT_ORDER_CITATION, UNOPPOSED_CITATION
from redress.appeals.services.appeals import (
    appeal_correct,
    appeal_progress_update,
    appeal_record,
    appeal_send_to_bodies,
    appeal_withdraw,
)
from redress.appeals.services.compliance_steps import (
    compliance_step_correct,
    compliance_step_record,
    compliance_step_withdraw,
)
from redress.appeals.services.decisions import (
    appeal_decide,
    appeal_decision_correct,
    appeal_decision_withdraw,
    appeal_mark_not_opposed,
    order_correct,
    order_withdraw,
)
from redress.appeals.services.directions import (
    evidence_direction_correct,
    evidence_direction_mark_provided,
    evidence_direction_record,
    evidence_direction_withdraw,
)
from redress.appeals.services.documents import appeal_document_upload
from redress.appeals.services.hearings import (
    appeal_hearing_correct,
    appeal_hearing_update,
    appeal_hearing_withdraw,
)
from redress.appeals.services.recommendations import (
    recommendation_correct,
    recommendation_record,
    recommendation_respond,
    recommendation_response_correct,
    recommendation_response_withdraw,
    recommendation_withdraw,
)
from redress.appeals.services.settlements import settlement_mark_sent, settlement_record

__all__ = [
    "CONSENT_ORDER_CITATION",
    "UNOPPOSED_CITATION",
    "appeal_correct",
    "appeal_decide",
    "appeal_decision_correct",
    "appeal_decision_withdraw",
    "appeal_document_upload",
    "appeal_hearing_correct",
    "appeal_hearing_update",
    "appeal_hearing_withdraw",
    "appeal_mark_not_opposed",
    "appeal_progress_update",
    "appeal_record",
    "appeal_send_to_bodies",
    "appeal_withdraw",
    "compliance_step_correct",
    "compliance_step_record",
    "compliance_step_withdraw",
    "evidence_direction_correct",
    "evidence_direction_mark_provided",
    "evidence_direction_record",
    "evidence_direction_withdraw",
    "order_correct",
    "order_withdraw",
    "recommendation_correct",
    "recommendation_record",
    "recommendation_respond",
    "recommendation_response_correct",
    "recommendation_response_withdraw",
    "recommendation_withdraw",
    "settlement_mark_sent",
    "settlement_record",
]
