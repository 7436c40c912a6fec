"""Writes to plans, reviews, phase transfers and cessations, one module per part of the process.

Each service checks plausibility (raising `ValidationError` keyed by form field), claims the
case's version (a save from a stale form is refused), saves with `full_clean()`, recomputes the
child's deadlines through the engine and writes the audit log, all in one transaction. No service
does statutory date arithmetic: due dates are the engine's, read back from the Deadline table.
Reads (the version in force, a review or cessation under way) are in `redress.plans.selectors`.
"""

from redress.core.versions import ConcurrentEditError
from redress.plans.services._common import CHANGE_PERMISSION
from redress.plans.services.cessation import (
    cessation_appeal_update,
    cessation_make_effective,
    cessation_record,
)
from redress.plans.services.cessation_consultations import (
    cessation_consultation_correct,
    cessation_consultation_record,
    cessation_consultation_reply,
    cessation_consultation_withdraw,
)
from redress.plans.services.consultations import (
    consultation_correct,
    consultation_record,
    consultation_reply_record,
    consultation_withdraw,
)
from redress.plans.services.corrections import (
    PLAN_STAGES,
    cessation_correct,
    cessation_withdraw,
    phase_transfer_correct,
    phase_transfer_withdraw_in_error,
    plan_final_withdraw,
    plan_step_correct,
    plan_withdraw,
    review_step_correct,
    review_step_withdraw,
)
from redress.plans.services.direct_payments import (
    direct_payment_review_correct,
    direct_payment_review_record,
    direct_payment_review_withdraw,
)
from redress.plans.services.issue import (
    EMPTY_DRAFT,
    plan_amend,
    plan_amendment_decline,
    plan_issue_draft,
    plan_issue_final,
)
from redress.plans.services.personal_budgets import (
    BUDGET_PARTS,
    personal_budget_correct,
    personal_budget_decide,
    personal_budget_request,
    personal_budget_withdraw,
)
from redress.plans.services.phase_transfers import (
    phase_transfer_add,
    phase_transfer_add_suggested,
    phase_transfer_withdraw,
)
from redress.plans.services.plans import (
    DRAFT_NAMES_NO_INSTITUTION,
    appendix_add,
    outcome_add,
    outcome_remove,
    placement_family_preference_record,
    placement_set,
    plan_create,
    plan_details_update,
    plan_section_update,
    provision_item_add,
    provision_item_remove,
)
from redress.plans.services.review_record import (
    outcome_progress_correct,
    outcome_progress_record,
    outcome_progress_withdraw,
    review_attendance_record,
    review_document_add,
    review_document_correct,
    review_document_withdraw,
    review_participant_add,
    review_participant_correct,
    review_participant_withdraw,
    review_view_add,
    review_view_correct,
    review_view_withdraw,
)
from redress.plans.services.reviews import (
    review_meeting_arrange,
    review_start,
    review_step_record,
)

__all__ = [
    "BUDGET_PARTS",
    "CHANGE_PERMISSION",
    "ConcurrentEditError",
    "DRAFT_NAMES_NO_INSTITUTION",
    "EMPTY_DRAFT",
    "PLAN_STAGES",
    "appendix_add",
    "cessation_appeal_update",
    "cessation_consultation_correct",
    "cessation_consultation_record",
    "cessation_consultation_reply",
    "cessation_consultation_withdraw",
    "cessation_correct",
    "cessation_make_effective",
    "cessation_record",
    "cessation_withdraw",
    "consultation_correct",
    "consultation_record",
    "consultation_reply_record",
    "consultation_withdraw",
    "direct_payment_review_correct",
    "direct_payment_review_record",
    "direct_payment_review_withdraw",
    "outcome_add",
    "outcome_progress_correct",
    "outcome_progress_record",
    "outcome_progress_withdraw",
    "outcome_remove",
    "personal_budget_correct",
    "personal_budget_decide",
    "personal_budget_request",
    "personal_budget_withdraw",
    "phase_transfer_add",
    "phase_transfer_add_suggested",
    "phase_transfer_correct",
    "phase_transfer_withdraw",
    "phase_transfer_withdraw_in_error",
    "placement_family_preference_record",
    "placement_set",
    "plan_amend",
    "plan_amendment_decline",
    "plan_create",
    "plan_details_update",
    "plan_final_withdraw",
    "plan_issue_draft",
    "plan_issue_final",
    "plan_section_update",
    "plan_step_correct",
    "plan_withdraw",
    "provision_item_add",
    "provision_item_remove",
    "review_attendance_record",
    "review_document_add",
    "review_document_correct",
    "review_document_withdraw",
    "review_meeting_arrange",
    "review_participant_add",
    "review_participant_correct",
    "review_participant_withdraw",
    "review_start",
    "review_step_correct",
    "review_step_record",
    "review_step_withdraw",
    "review_view_add",
    "review_view_correct",
    "review_view_withdraw",
]
