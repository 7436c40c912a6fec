"""Writes to mediation cases. Each service checks who may act and whether the step is plausible,
saves, recomputes the child's deadlines through the engine and writes the audit log, all in one
transaction. Refusals a user can cause are `ValidationError`s keyed by form field; a refused step
changes nothing already saved.

Every write to a case claims the case's version, so a form opened before someone else's change
is refused (`ConcurrentEditError`) and the person's answers are kept.

One module per part of a mediation; import the services from here.
"""

from redress.core.versions import ConcurrentEditError
from redress.mediation.services.arranging import (
    mediation_assign,
    mediation_conclude,
    mediation_confirmation_send,
    mediation_health_notified_record,
    mediation_held_record,
    mediation_la_told_record,
    mediation_meeting_schedule,
    mediation_not_arranged_record,
)
from redress.mediation.services.attendees import (
    attendee_authority_confirm,
    attendee_consent_record,
    attendee_mediator_decide,
    mediation_attendee_add,
    mediation_attendee_withdraw,
    mediation_child_views_record,
)
from redress.mediation.services.case_withdrawal import mediation_case_withdraw
from redress.mediation.services.cases import (
    IssueInput,
    mediation_case_open,
    mediation_case_open_by_family,
    mediation_choice_record,
    mediation_exemption_record,
    mediation_issue_add,
)
from redress.mediation.services.certificates import mediation_certificate_issue
from redress.mediation.services.corrections import (
    CASE_STEPS,
    CERTIFICATE_STEP,
    CaseStep,
    case_step_correct,
    case_step_withdraw,
    certificate_correct,
    certificate_withdraw,
    meeting_correct,
    meeting_withdraw,
)
from redress.mediation.services.notes import mediator_note_add
from redress.mediation.services.policy import mediation_policy_update, notes_policy_notice_record
from redress.mediation.services.preparation import (
    CHECKLIST_FIELDS,
    agenda_build,
    agenda_item_add,
    pre_mediation_call_update,
    pre_mediation_calls_prepare,
    shared_document_add,
)
from redress.mediation.services.recording_requests import (
    recording_request_decide,
    recording_request_record,
)

__all__ = [
    "ConcurrentEditError",
    "mediation_policy_update",
    "notes_policy_notice_record",
    "IssueInput",
    "mediation_case_open",
    "mediation_case_open_by_family",
    "mediation_issue_add",
    "mediation_choice_record",
    "mediation_exemption_record",
    "mediation_certificate_issue",
    "mediation_la_told_record",
    "mediation_health_notified_record",
    "mediation_not_arranged_record",
    "mediation_assign",
    "mediation_meeting_schedule",
    "mediation_confirmation_send",
    "mediation_held_record",
    "mediation_conclude",
    "mediation_attendee_add",
    "mediation_attendee_withdraw",
    "attendee_consent_record",
    "attendee_mediator_decide",
    "attendee_authority_confirm",
    "mediation_child_views_record",
    "CHECKLIST_FIELDS",
    "pre_mediation_calls_prepare",
    "pre_mediation_call_update",
    "agenda_build",
    "agenda_item_add",
    "shared_document_add",
    "recording_request_record",
    "recording_request_decide",
    "mediator_note_add",
    "CaseStep",
    "CASE_STEPS",
    "CERTIFICATE_STEP",
    "case_step_correct",
    "case_step_withdraw",
    "certificate_correct",
    "certificate_withdraw",
    "meeting_correct",
    "meeting_withdraw",
    "mediation_case_withdraw",
]
