"""Setting up and using a second factor: an authenticator app (TOTP) and recovery codes.

Recovery codes are shown once and each works once. Only a keyed hash of each is stored, in
django-otp's static tokens, so a copy of the database does not give them away.
"""

from __future__ import annotations

import secrets
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.crypto import salted_hmac
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from redress.audit.services import audit_record

APP_DEVICE_NAME = "Authenticator app"
RECOVERY_DEVICE_NAME = "Recovery codes"
_RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i to misread


def normalise_code(code: str) -> str:
    return "".join(ch for ch in code.lower() if ch.isalnum())


def recovery_code_hash(user_pk: int, code: str) -> str:
    # StaticToken.token holds 16 characters: 64 bits of the keyed hash, plenty for a code
    # that is also throttled.
    keyed = salted_hmac("redress.accounts.recovery-code", f"{user_pk}:{normalise_code(code)}")
    return keyed.hexdigest()[:16]


def authenticator_pending(*, user: Any) -> TOTPDevice:
    """The unconfirmed authenticator app the person is setting up (made on first visit)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)
    return device


def authenticator_confirmed(user: Any) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def recovery_device(user: Any) -> StaticDevice | None:
    return StaticDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


@transaction.atomic
def recovery_codes_replace(*, user: Any) -> list[str]:
    """New recovery codes for the person; any earlier ones stop working. Returns the codes."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    codes = []
    for _ in range(int(settings.REDRESS_RECOVERY_CODES)):
        raw = "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(10))
        code = f"{raw[:5]}-{raw[5:]}"
        StaticToken.objects.create(device=device, token=recovery_code_hash(user.pk, code))
        codes.append(code)
    audit_record(
        actor=user, action="create", obj=device, summary="Made new two-factor recovery codes"
    )
    return codes


@transaction.atomic
def authenticator_confirm(*, user: Any, device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm the app with a code it shows; returns the first recovery codes, or None."""
    locked = TOTPDevice.objects.select_for_update().get(pk=device.pk, user=user)
    if locked.confirmed or not locked.verify_token(normalise_code(code)):
        return None
    locked.confirmed = True
    locked.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    audit_record(
        actor=user, action="create", obj=locked, summary="Set up two-factor sign-in with an app"
    )
    return recovery_codes_replace(user=user)


def second_factor_check(*, user: Any, code: str) -> tuple[Any | None, str]:
    """The device that accepts this code (app or recovery code) and how, or (None, reason).

    reason is "wrong", or "wait" when too many wrong codes were entered lately.
    """
    code = normalise_code(code)
    if code.isdigit() and len(code) == 6:
        device: Any = authenticator_confirmed(user)
        token = code
        how = "an authenticator app code"
    else:
        device = recovery_device(user)
        token = recovery_code_hash(user.pk, code)
        how = "a recovery code"
    if device is None:
        return None, "wrong"
    with transaction.atomic():
        device = type(device).objects.select_for_update().get(pk=device.pk)
        allowed, _ = device.verify_is_allowed()
        if not allowed:
            return None, "wait"
        if not device.verify_token(token):
            return None, "wrong"
    left = ""
    if isinstance(device, StaticDevice):
        left = f" ({device.token_set.count()} left)"
    audit_record(actor=user, action="sign-in", obj=device, summary=f"Signed in with {how}{left}")
    return device, ""


@transaction.atomic
def second_factor_reset(*, actor: Any, user: Any) -> None:
    """An administrator clears a person's second factor (a lost phone): they set it up again."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    audit_record(
        actor=actor,
        action="update",
        obj=user,
        summary=f"Administration: reset two-factor sign-in for “{user}”",
    )


def b32_secret(device: TOTPDevice) -> str:
    """The app's key as people type it into an authenticator app (base 32)."""
    from base64 import b32encode

    return b32encode(device.bin_key).decode().rstrip("=")
