"""The messages this app sends through the notifications outbox, declared beside the app."""

from __future__ import annotations

from redress.notifications.message_templates import MessageTemplate

ACTION_NOT_DONE = MessageTemplate(
    key="agreement_action_not_done",
    audience="staff",
    # No child's details in a subject (they show on lock screens and in shared inboxes).
    subject="A family reports an agreed action not done",
    body=(
        "The family of ((child_name)) reports that an action in the mediation agreement of "
        "((agreement_date)) has not been done.\n\n"
        "The action: ((action))\n"
        "Who agreed to do it: ((who))\n"
        "Due by: ((due))\n\n"
        "Legal basis: ((citation)).\n\n"
        "Open the agreement: ((agreement_url))"
    ),
)

AGREEMENT_TEMPLATES = (ACTION_NOT_DONE,)
