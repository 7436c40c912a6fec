"""Staff finish signing in with an authenticator app code (or a recovery code) when
REDRESS_REQUIRE_2FA is on; families and supporters do not, and only they get emailed codes."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from typing import Any

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client, override_settings
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from redress.accounts.models import Organisation, Role
from redress.audit.models import AuditEntry
from redress.casework.tests.factories import LocalAuthorityFactory, user_with_role
from redress.family.models import SignInCode

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"
require_2fa = override_settings(REDRESS_REQUIRE_2FA=True)


def code_for(device: TOTPDevice, steps_ahead: int = 0) -> str:
    """What the person's authenticator app shows (optionally a later 30-second step)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():06d}"


@pytest.fixture
def la() -> Organisation:
    return LocalAuthorityFactory()


@pytest.fixture
def caseworker(la: Organisation) -> Any:
    return user_with_role(Role.LA_CASEWORKER, la, username="casey")


def sign_in(client: Client, username: str, path: str = "/account/sign-in/") -> Any:
    return client.post(path, {"username": username, "password": PASSWORD})


def enrol(client: Client, user: Any) -> list[str]:
    """Set up the app through the pages; returns the recovery codes shown."""
    page = client.get("/account/two-factor/set-up/")
    assert page.status_code == 200
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post("/account/two-factor/set-up/", {"code": code_for(device)})
    assert response.status_code == 302 and "/account/two-factor/recovery-codes/" in response.url
    shown = client.get(response.url).content.decode()
    return re.findall(r"<code>([a-z0-9]{5}-[a-z0-9]{5})</code>", shown)


@require_2fa
def test_a_caseworker_enrols_then_signs_in_with_password_and_code(
    client: Client, caseworker: Any
) -> None:
    response = sign_in(client, "casey")
    assert response.status_code == 302 and response.url.startswith("/account/two-factor/")
    # Until the second step is done every other page sends the person back to it.
    blocked = client.get("/dashboard/")
    assert blocked.status_code == 302 and blocked.url.startswith("/account/two-factor/")
    assert client.get("/account/two-factor/").url.startswith("/account/two-factor/set-up/")
    set_up = client.get("/account/two-factor/set-up/")
    assert "no-store" in set_up["Cache-Control"]  # the key is on this page
    page = set_up.content.decode()
    device = TOTPDevice.objects.get(user=caseworker, confirmed=False)
    assert "<svg" in page and "otpauth://totp/" in page
    codes = enrol(client, caseworker)
    assert len(codes) == settings.REDRESS_RECOVERY_CODES
    # Shown once: the page does not show them again.
    assert not re.search(
        r"<code>[a-z0-9]{5}-", client.get("/account/two-factor/recovery-codes/").content.decode()
    )
    assert client.get("/dashboard/").status_code == 200

    client.post("/account/sign-out/")
    sign_in(client, "casey")
    wrong = client.post(
        "/account/two-factor/", {"code": "000000" if code_for(device) != "000000" else "111111"}
    )
    assert wrong.status_code == 200 and "govuk-error-summary" in wrong.content.decode()
    assert client.get("/dashboard/").status_code == 302
    time.sleep(1.1)  # django-otp waits a second after one wrong code
    device.refresh_from_db()
    right = client.post(
        "/account/two-factor/", {"code": code_for(device, steps_ahead=1), "next": "/dashboard/"}
    )
    assert right.status_code == 302 and right.url == "/dashboard/"
    assert client.get("/dashboard/").status_code == 200
    assert AuditEntry.objects.filter(
        actor=caseworker, action="sign-in", summary="Signed in with an authenticator app code"
    ).exists()


@require_2fa
def test_a_recovery_code_works_once(client: Client, caseworker: Any) -> None:
    sign_in(client, "casey")
    codes = enrol(client, caseworker)
    client.post("/account/sign-out/")

    sign_in(client, "casey")
    used = client.post("/account/two-factor/", {"code": codes[0].upper().replace("-", " ")})
    assert used.status_code == 302
    assert client.get("/dashboard/").status_code == 200
    client.post("/account/sign-out/")

    time.sleep(0.1)
    sign_in(client, "casey")
    again = client.post("/account/two-factor/", {"code": codes[0]})
    assert again.status_code == 200
    assert client.get("/dashboard/").status_code == 302


@require_2fa
def test_someone_with_an_app_cannot_set_up_another_before_proving_the_first(
    client: Client, caseworker: Any
) -> None:
    sign_in(client, "casey")
    enrol(client, caseworker)
    client.post("/account/sign-out/")
    sign_in(client, "casey")
    response = client.get("/account/two-factor/set-up/")
    assert response.status_code == 302 and response.url.startswith("/account/two-factor/?")
    assert TOTPDevice.objects.filter(user=caseworker).count() == 1


@require_2fa
def test_the_admin_pages_need_the_second_factor(client: Client, la: Organisation) -> None:
    user_with_role(Role.ADMINISTRATOR, la, username="ada", is_staff=True)
    response = sign_in(client, "ada", path="/admin/login/?next=/admin/")
    assert response.status_code == 302
    admin_index = client.get("/admin/")
    assert admin_index.status_code == 302 and admin_index.url.startswith("/account/two-factor/")
    assert client.get("/admin/accounts/user/").status_code == 302


@require_2fa
def test_families_and_supporters_sign_in_without_a_second_factor(client: Client) -> None:
    for role, name in ((Role.PARENT_CARER, "pat"), (Role.SUPPORTER, "sam")):
        user_with_role(role, None, username=name)
        client.post("/account/sign-out/")
        response = sign_in(client, name)
        assert response.status_code == 302
        assert not response.url.startswith("/account/two-factor/")
        assert "/account/two-factor/" not in client.get("/family/").get("Location", "")


@pytest.mark.parametrize("require", [True, False])
def test_the_emailed_code_is_for_families_and_supporters_only(
    client: Client, la: Organisation, require: bool
) -> None:
    with override_settings(REDRESS_REQUIRE_2FA=require):
        staff = [
            user_with_role(Role.ADMINISTRATOR, la, username="ada", is_staff=True),
            user_with_role(Role.LA_CASEWORKER, la, username="casey"),
        ]
        parent = user_with_role(Role.PARENT_CARER, None, username="pat")
        for person in [*staff, parent]:
            response = client.post("/account/code/", {"email": person.email})
            assert response.status_code == 302
        assert [message.to for message in mail.outbox] == [[parent.email]]
        assert not SignInCode.objects.filter(user__in=staff).exists()


def test_a_staff_member_cannot_sign_in_with_an_old_emailed_code(
    client: Client, la: Organisation
) -> None:
    """A code issued before someone became staff no longer signs them in."""
    from redress.family.services import sign_in_code_check, sign_in_code_issue

    person = user_with_role(Role.PARENT_CARER, None, username="pat")
    code = sign_in_code_issue(user=person)
    assert code is not None
    person.memberships.create(organisation=la, role=Role.LA_CASEWORKER)
    assert sign_in_code_check(email=person.email, code=code) is None


def _setting_with(env: dict[str, str]) -> str:
    script = "import django; django.setup(); from django.conf import settings; print(settings.REDRESS_REQUIRE_2FA)"
    clean = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "REDRESS_REQUIRE_2FA"}}
    result = subprocess.run(
        [sys.executable, "-c", script],
        env={**clean, "DJANGO_SETTINGS_MODULE": "redress.settings", "SECRET_KEY": "x" * 50, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def test_two_factor_is_required_by_default_in_production_and_off_for_the_demo() -> None:
    assert _setting_with({"DEBUG": "false"}) == "True"
    assert _setting_with({"DEBUG": "true"}) == "False"
    assert _setting_with({"DEBUG": "true", "REDRESS_REQUIRE_2FA": "true"}) == "True"
