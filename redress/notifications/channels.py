"""Ways to deliver a message: email through Django's email backend, or GOV.UK Notify (email,
and text messages to a UK mobile).

A channel's `send` returns a provider reference (may be empty) or raises `DeliveryError`;
`permanent=True` means retrying would not help (for example Notify refusing the request).
"""

from __future__ import annotations

import re
from typing import Any, Protocol

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection

from redress.notifications.message_templates import MessageTemplate


class DeliveryError(Exception):
    def __init__(self, message: str, *, permanent: bool = False) -> None:
        super().__init__(message)
        self.permanent = permanent


class Channel(Protocol):
    name: str

    def send(
        self, *, to: str, template: MessageTemplate, personalisation: dict[str, object], ref: str
    ) -> str: ...


class EmailChannel:
    """Django's configured email backend (SMTP in production, the console in development)."""

    name = "email"

    def send(
        self, *, to: str, template: MessageTemplate, personalisation: dict[str, object], ref: str
    ) -> str:
        headers = {"X-Redress-Reference": ref}
        if personalisation.get("unsubscribe_url"):
            headers["List-Unsubscribe"] = f"<{personalisation['unsubscribe_url']}>"
        message = EmailMultiAlternatives(
            subject=template.render_subject(personalisation),
            body=template.render_body(personalisation),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[to],
            headers=headers,
            connection=get_connection(timeout=30),
        )
        html = personalisation.get(template.html_field) if template.html_field else None
        if html:
            message.attach_alternative(str(html), "text/html")
        try:
            message.send(fail_silently=False)
        except Exception as exc:  # smtplib and socket errors: all worth a retry
            raise DeliveryError(f"{type(exc).__name__}: {exc}") from exc
        return ""


class NotifyChannel:
    """GOV.UK Notify's email API through notifications-python-client."""

    name = "notify"

    def __init__(self, api_key: str | None = None, base_url: str | None = None) -> None:
        self.api_key = api_key if api_key is not None else settings.NOTIFY_API_KEY
        self.base_url = base_url if base_url is not None else settings.NOTIFY_BASE_URL

    def send(
        self, *, to: str, template: MessageTemplate, personalisation: dict[str, object], ref: str
    ) -> str:
        return self._send(
            "send_email_notification",
            {"email_address": to},
            template=template,
            personalisation=personalisation,
            ref=ref,
        )

    def _send(
        self,
        method: str,
        address: dict[str, str],
        *,
        template: MessageTemplate,
        personalisation: dict[str, object],
        ref: str,
    ) -> str:
        from notifications_python_client.errors import APIError, HTTPError
        from notifications_python_client.notifications import NotificationsAPIClient

        if not self.api_key:
            raise DeliveryError("NOTIFY_API_KEY is not set.", permanent=True)
        if not template.notify_id:
            raise DeliveryError(
                f"No GOV.UK Notify template id for {template.key!r}: add it to "
                "NOTIFY_TEMPLATE_IDS.",
                permanent=True,
            )
        client_class: Any = NotificationsAPIClient  # the client ships without type hints
        client = client_class(self.api_key, base_url=self.base_url, timeout=30)
        fields = {name: str(personalisation.get(name, "")) for name in template.fields}
        try:
            response = getattr(client, method)(
                **address,
                template_id=template.notify_id,
                personalisation=fields,
                reference=ref,
            )
        except HTTPError as exc:
            status = exc.status_code
            permanent = status is not None and 400 <= status < 500 and status != 429
            raise DeliveryError(
                f"Notify answered {status}: {exc.message}", permanent=permanent
            ) from exc
        except APIError as exc:
            raise DeliveryError(f"Notify could not be reached: {exc}") from exc
        except Exception as exc:  # requests' connection errors and timeouts
            raise DeliveryError(f"Notify could not be reached: {exc}") from exc
        return str(response.get("id", "")) if isinstance(response, dict) else ""


class SmsChannel(NotifyChannel):
    """Text messages through GOV.UK Notify's SMS API (there is no other way to send them)."""

    name = "sms"

    def send(
        self, *, to: str, template: MessageTemplate, personalisation: dict[str, object], ref: str
    ) -> str:
        if template.kind != "sms":
            raise DeliveryError(f"{template.key!r} is not a text message.", permanent=True)
        return self._send(
            "send_sms_notification",
            {"phone_number": to},
            template=template,
            personalisation=personalisation,
            ref=ref,
        )


def sms_available() -> bool:
    """Whether text messages can be sent: Notify is configured, with an id for each text."""
    from redress.notifications.message_templates import TEMPLATES

    if not settings.NOTIFY_API_KEY:
        return False
    return all(t.notify_id for t in TEMPLATES.values() if t.kind == "sms")


_MOBILE = re.compile(r"(?:(?:\+44|0044|44)0?|0)(7\d{9})")


def uk_mobile_number(value: str) -> str | None:
    """A UK mobile number as 07 and nine digits, or None when value is not one.

    Spaces, dashes, dots and brackets are ignored; +44, 0044 and 44 stand for the first 0.
    """
    digits = re.sub(r"[\s\-.()]", "", value or "")
    match = _MOBILE.fullmatch(digits)
    return f"0{match.group(1)}" if match else None


def channel_for(name: str) -> Channel:
    if name == "notify":
        return NotifyChannel()
    if name == "email":
        return EmailChannel()
    if name == "sms":
        return SmsChannel()
    raise ValueError(f"Unknown notification channel {name!r}")
