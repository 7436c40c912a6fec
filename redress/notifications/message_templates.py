"""Every message Redress sends, declared in code.

The text uses GOV.UK Notify's placeholder syntax, ((name)), so the same subject and body can be
pasted into a Notify template; the SMTP channel fills the placeholders itself. Each template's
Notify id comes from the NOTIFY_TEMPLATE_IDS setting (key=id pairs), because ids belong to the
Notify service that a local authority runs.

Subjects never carry a child's details: a subject may only use the placeholders in
SUBJECT_SAFE_FIELDS, and family subjects use none at all. Email subjects are shown on lock
screens and in shared inboxes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from django.conf import settings

from redress.core import registry

Audience = Literal["family", "staff", "anyone"]
Kind = Literal["email", "sms"]

#: All a text message may carry about a case: a phone's lock screen shows it to anyone nearby.
SMS_SAFE_FIELDS = frozenset({"child_first_name", "due"})

PLACEHOLDER = re.compile(r"\(\(([a-z_]+)\)\)")
SUBJECT_SAFE_FIELDS = frozenset({"rule_title", "due", "count"})


@dataclass(frozen=True)
class MessageTemplate:
    key: str
    audience: Audience
    subject: str
    body: str
    #: A personalisation field holding an HTML version, sent beside the text by email.
    html_field: str = ""
    #: A text message has no subject and goes only through GOV.UK Notify's SMS channel.
    kind: Kind = "email"

    @property
    def fields(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for name in PLACEHOLDER.findall(self.subject + "\n" + self.body):
            seen.setdefault(name, None)
        return tuple(seen)

    @property
    def notify_id(self) -> str:
        return str(getattr(settings, "NOTIFY_TEMPLATE_IDS", {}).get(self.key, ""))

    def render_subject(self, personalisation: dict[str, object]) -> str:
        return _fill(self.subject, personalisation)

    def render_body(self, personalisation: dict[str, object]) -> str:
        return _fill(self.body, personalisation)


def _fill(text: str, values: dict[str, object]) -> str:
    return PLACEHOLDER.sub(lambda m: str(values.get(m.group(1), "")), text)


_BUILT_IN = {
    t.key: t
    for t in (
        MessageTemplate(
            key="deadline_due_soon",
            audience="staff",
            subject="Reminder: ((rule_title)) by ((due))",
            body=(
                "((rule_title)) is due by ((due)) on the case of ((child_name)) "
                "(case ((case_number))).\n\n"
                "Legal basis: ((citation)).\n((explanation))\n\n"
                "Open the case: ((case_url))"
            ),
        ),
        MessageTemplate(
            key="deadline_overdue",
            audience="staff",
            subject="Overdue: ((rule_title)) was due by ((due))",
            body=(
                "((rule_title)) was due by ((due)) on the case of ((child_name)) "
                "(case ((case_number))) and is not recorded as done.\n\n"
                "Legal basis: ((citation)).\n((explanation))\n\n"
                "Open the case: ((case_url))"
            ),
        ),
        MessageTemplate(
            key="deadline_escalation",
            audience="staff",
            subject="Overdue in your team: ((rule_title))",
            body=(
                "((rule_title)) was due by ((due)) on the case of ((child_name)) "
                "(case ((case_number))) and is not recorded as done.\n"
                "The person responsible is ((responsible)).\n\n"
                "Legal basis: ((citation)).\n\n"
                "Open the case: ((case_url))"
            ),
        ),
        MessageTemplate(
            key="family_deadline_due_soon",
            audience="family",
            subject="A date in your case is coming up",
            body=(
                "Hello ((name)),\n\n"
                "There is a date coming up in ((case_of)) case.\n\n"
                "((what)): by ((due)).\n\n"
                "((plain))\n\n"
                "Sign in to see your case and your options: ((case_url))\n\n"
                "If you want help, you can ask your local SEND information, advice and support "
                "service (SENDIASS). It is free."
            ),
        ),
        # To a supporter (decision 0174): a professional's inbox, so the case number and the
        # child's initials, never their name, as in the supporter's calendar feed.
        MessageTemplate(
            key="supporter_deadline_due_soon",
            audience="staff",
            subject="A date for a family you support is coming up",
            body=(
                "Hello ((name)),\n\n"
                "There is a date coming up for a family you support: case ((case_number)), "
                "((initials)).\n\n"
                "((what)): by ((due)).\n\n"
                "((plain))\n\n"
                "The family gave you consent to see their case. Sign in to see it: "
                "((case_url))\n\n"
                "Every family you support: ((caseload_url))"
            ),
        ),
        # Text messages: short, and never more than the child's first name and the date.
        MessageTemplate(
            key="family_deadline_sms",
            audience="family",
            kind="sms",
            subject="",
            body=(
                "Redress: a date in ((child_first_name))'s case is coming up, by ((due)). "
                "Sign in to Redress to see what it means."
            ),
        ),
        MessageTemplate(
            key="young_person_deadline_sms",
            audience="family",
            kind="sms",
            subject="",
            body=(
                "Redress: a date in your case is coming up, by ((due)). "
                "Sign in to Redress to see what it means."
            ),
        ),
        MessageTemplate(
            key="family_council_late",
            audience="family",
            subject="A date in your case has passed",
            body=(
                "Hello ((name)),\n\n"
                "A date in ((case_of)) case has passed and the council has not recorded it as "
                "done.\n\n"
                "((what)) The last day was ((due)).\n\n"
                "Sign in to see what you can do: ((case_url))\n\n"
                "This is a reminder, not legal advice. Your local SEND information, advice and "
                "support service (SENDIASS) can help you. It is free."
            ),
        ),
        MessageTemplate(
            key="family_recommendation_response",
            audience="family",
            subject="A written response in your case",
            body=(
                "Hello ((name)),\n\n"
                "((body_name)) has sent its written response to the Tribunal's recommendation "
                "in ((case_of)) case.\n\n"
                "Sign in to read it: ((case_url))\n\n"
                "Your local SEND information, advice and support service (SENDIASS) can help you "
                "understand it. It is free."
            ),
        ),
        MessageTemplate(
            key="family_case_changed",
            audience="family",
            subject="There is news in your case",
            body=(
                "Hello ((name)),\n\n"
                "Something has changed in ((case_of)) case.\n\n"
                "Sign in to see what has changed and what happens next: ((case_url))"
            ),
        ),
        MessageTemplate(
            key="daily_digest",
            audience="anyone",
            subject="Your reminders for today (((count)))",
            body="Hello ((name)),\n\nHere are your reminders for today.\n\n((items))",
        ),
        MessageTemplate(
            key="guidance_digest",
            audience="anyone",
            subject="What changed in the guidance",
            body="((digest))\n\nTo stop these emails, open this link: ((unsubscribe_url))",
            html_field="digest_html",
        ),
        MessageTemplate(
            key="family_request_task",
            audience="staff",
            subject="A family's request to answer by ((due))",
            body=(
                "Hello ((name)),\n\n"
                "The family of ((child_name)) (case ((case_number))) sent this: ((what)).\n"
                "You are the person to deal with it. Please answer by ((due)).\n\n"
                "Open the request: ((task_url))"
            ),
        ),
        MessageTemplate(
            key="family_invitation",
            audience="family",
            subject="You are invited to see a case in Redress",
            body=(
                "Hello ((name)),\n\n"
                "((council)) invites you to see ((child_first_name))'s case online. You can see "
                "the dates that matter, what happens next, and tell the council things.\n\n"
                "To start, open this link: ((invitation_url))\n\n"
                "It works once, for ((days)) days. We will then email you a code to sign in. "
                "You do not need a password.\n\n"
                "If you were not expecting this email, you can ignore it."
            ),
        ),
        MessageTemplate(
            key="young_person_invitation",
            audience="family",
            subject="You are invited to see your case in Redress",
            body=(
                "Hello ((name)),\n\n"
                "((council)) invites you to see your own case online. From 16 you can make "
                "decisions about your plan yourself. You can see the dates that matter, what "
                "happens next, and tell the council things.\n\n"
                "To start, open this link: ((invitation_url))\n\n"
                "It works once, for ((days)) days. We will then email you a code to sign in. "
                "You do not need a password.\n\n"
                "If you were not expecting this email, you can ignore it."
            ),
        ),
        MessageTemplate(
            key="case_message_to_family",
            audience="family",
            subject="You have a new message",
            body=(
                "Hello ((name)),\n\n"
                "You have a new message about ((case_of)) case.\n\n"
                "Sign in to read it: ((messages_url))"
            ),
        ),
        MessageTemplate(
            key="case_message_to_staff",
            audience="staff",
            subject="A new message from a family",
            body=(
                "Hello ((name)),\n\n"
                "There is a new message from the family on case ((case_number)).\n\n"
                "Sign in to read it: ((messages_url))"
            ),
        ),
        # A letter sent from Redress (decision 0165): the outbox carries no attachment, so the
        # email links to the copy kept on the case, which only those who may see it can open.
        MessageTemplate(
            key="letter_sent",
            audience="anyone",
            subject="A letter from your local authority",
            body=(
                "Hello ((name)),\n\n"
                "((local_authority)) has sent you a letter: ((letter_title)).\n\n"
                "Sign in to read or download it: ((letter_url))\n\n"
                "If you cannot open it, contact ((local_authority)) and ask for a copy by post."
            ),
        ),
        MessageTemplate(
            key="sign_in_code",
            audience="anyone",
            subject="Your code to sign in to Redress",
            body=(
                "Your code to sign in to Redress is ((code)).\n\n"
                "It works once, for ((minutes)) minutes. If you did not ask for it, you can "
                "ignore this email."
            ),
        ),
    )
}

#: Every template by key: these, and those the apps above declare as `message_templates` on their
#: DomainAppConfig (redress.core.registry). An app's template never replaces one of these, nor
#: another app's of the same key.
TEMPLATES: dict[str, MessageTemplate] = registry.message_templates
TEMPLATES.update(_BUILT_IN)


def template_get(key: str) -> MessageTemplate:
    return TEMPLATES[key]
