"""The messages the mediation app sends, added to the notifications layer's templates when the
app starts. Subjects carry no child's details (see redress.notifications.message_templates)."""

from __future__ import annotations

from redress.notifications.message_templates import MessageTemplate

MEETING_CONFIRMATION = "mediation_meeting_confirmation"
FAMILY_LAWYER_NOTICE = "mediation_family_lawyer"
NOTES_POLICY_CHANGED = "mediation_notes_policy"
NOTES_POLICY_WORDS = {
    True: "Your provider's case manager may read the notes you write from now on.",
    False: "Only you can read the notes you write. The case manager cannot read them.",
}
MEETING_CANCELLED = "mediation_meeting_cancelled"
MEETING_REMINDER = "mediation_meeting_reminder"
CERTIFICATE_SENT = "mediation_certificate_sent"

MEDIATION_TEMPLATES = (
    MessageTemplate(
        key=MEETING_CONFIRMATION,
        audience="anyone",
        subject="Confirmation of a mediation meeting",
        body=(
            "Hello ((name)),\n\n"
            "This confirms the mediation meeting arranged by ((provider_name)) for case "
            "((case_name)).\n\n"
            "Date: ((meeting_date))\nStart time: ((start_time))\nEnd time: ((end_time))\n"
            "Place: ((place))\n\n"
            "Who will attend:\n((attendees))\n\n"
            "Documents shared with you before the meeting:\n((documents))\n\n"
            "((experts_statement))\n\n"
            "Accessibility and adjustments: ((accessibility))\n\n"
            "((notice_citation))"
        ),
    ),
    MessageTemplate(
        key=MEETING_CANCELLED,
        audience="anyone",
        subject="A mediation meeting is cancelled or moved",
        body=(
            "Hello ((name)),\n\n"
            "The mediation meeting arranged by ((provider_name)) for case ((case_name)) on "
            "((meeting_date)) at ((start_time)) will not take place then. ((what_happens))"
        ),
    ),
    MessageTemplate(
        key=MEETING_REMINDER,
        audience="anyone",
        subject="Reminder: a mediation meeting tomorrow",
        body=(
            "Hello ((name)),\n\n"
            "A reminder of the mediation meeting arranged by ((provider_name)) for case "
            "((case_name)).\n\nDate: ((meeting_date))\nTime: ((start_time)) to ((end_time))\n"
            "Place: ((place))"
        ),
    ),
    MessageTemplate(
        key=CERTIFICATE_SENT,
        audience="family",
        subject="Your mediation certificate",
        body=(
            "Hello ((name)),\n\n"
            "((provider_name)) has issued your mediation certificate for case ((case_name)) on "
            "((issued_on)): ((reason)).\n\nYou need it to appeal to the Tribunal. Download "
            "it here: ((certificate_url))"
        ),
    ),
    MessageTemplate(
        key=FAMILY_LAWYER_NOTICE,
        audience="staff",
        subject="Mediation: the family will bring a lawyer",
        body=(
            "Hello ((name)),\n\n"
            "The family in mediation case ((case_number)) with ((provider_name)) will bring a "
            "lawyer to the mediation. You may bring one too.\n\n"
            "Open the mediation case: ((case_url))"
        ),
    ),
    MessageTemplate(
        key=NOTES_POLICY_CHANGED,
        audience="staff",
        subject="Who may read your mediator's notes has changed",
        body=(
            "Hello ((name)),\n\n"
            "((provider_name)) changed its policy on the mediator's notes.\n\n"
            "((who_reads))\n\n"
            "This change never opens to the case manager a note you wrote before this message."
        ),
    ),
)
