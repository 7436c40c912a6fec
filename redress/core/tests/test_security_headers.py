"""Security headers: the deploy check is clean with only the three production variables set;
pages and downloads are never cached and forbid inline script; static files keep caching."""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from redress.casework import services
from redress.casework.tests import factories

TEMPLATE_ROOTS = [Path(django_settings.BASE_DIR) / "redress"]


def _deploy_env(**extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("SECURE_", "SESSION_", "CSRF_", "REDRESS_BEHIND"))
        # The browser tests set DJANGO_ALLOW_ASYNC_UNSAFE in this process; a deployment does not.
        and k not in {"DEBUG", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="redress.example.org",
        DJANGO_SETTINGS_MODULE="redress.settings",
        **extra,
    )
    return env


def test_check_deploy_is_clean_with_only_debug_secret_key_and_hosts_set() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "redress", "check", "--deploy", "--fail-level", "WARNING"],
        env=_deploy_env(),
        cwd=django_settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues (0 silenced)" in output


def test_behind_a_proxy_https_is_read_from_x_forwarded_proto() -> None:
    probe = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.SECURE_PROXY_SSL_HEADER)"
    )
    with_proxy = subprocess.run(
        [sys.executable, "-c", probe],
        env=_deploy_env(REDRESS_BEHIND_PROXY="true"),
        cwd=django_settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    )
    without = subprocess.run(
        [sys.executable, "-c", probe],
        env=_deploy_env(),
        cwd=django_settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert with_proxy.stdout.strip() == "('HTTP_X_FORWARDED_PROTO', 'https')", with_proxy.stderr
    assert without.stdout.strip() == "None", without.stderr


def _csp(response: Any) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    return {
        part.strip().split(" ", 1)[0]: part.strip().partition(" ")[2]
        for part in header.split(";")
        if part.strip()
    }


def test_a_page_forbids_inline_script_and_is_never_cached(client: Client) -> None:
    response = client.get("/")
    assert response.status_code == 200
    policy = _csp(response)
    assert policy["script-src"] == "'self'"
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'none'"
    assert "no-store" in response["Cache-Control"]
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


def test_no_template_has_an_inline_script_or_event_handler() -> None:
    """The policy forbids them, so one would silently stop working in the browser."""
    offenders = []
    for root in TEMPLATE_ROOTS:
        for path in root.rglob("*.html"):
            text = path.read_text()
            for match in re.finditer(r"<script\b([^>]*)>", text):
                if "src=" not in match.group(1):
                    offenders.append(f"{path}: inline <script>")
            if re.search(r"\son[a-z]+\s*=\s*[\"']", text):
                offenders.append(f"{path}: inline event handler")
            if "javascript:" in text:
                offenders.append(f"{path}: javascript: URL")
    assert offenders == []


def test_the_page_starts_govuk_frontend_from_static_files(client: Client) -> None:
    html = client.get("/").content.decode()
    assert "<script>" not in html
    assert re.search(r'<script src="/static/redress/js-enabled\.js"></script>', html)
    assert re.search(r'<script type="module" src="/static/redress/init\.js"></script>', html)


@pytest.mark.django_db
def test_a_download_with_personal_data_is_never_cached(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    la: Any = factories.LocalAuthorityFactory()
    icb: Any = factories.CommissionerFactory()
    caseworker = factories.user_with_role(factories.Role.LA_CASEWORKER, la)
    child: Any = factories.ChildFactory(local_authority=la)
    factories.CaseEventFactory(child=child, date=date(2026, 9, 1))
    advice = services.advice_request_create(
        actor=caseworker,
        child=child,
        advice_type="health",
        recipient_organisation=icb,
        commissioned_by=la,
        date_sent=date(2026, 9, 10),
        expected_version=None,
    )
    services.advice_request_mark_received(
        actor=caseworker,
        advice_request=advice,
        date_received=date(2026, 10, 1),
        document=SimpleUploadedFile("advice.pdf", b"%PDF-1.4\n%%EOF\n"),
    )
    client = Client()
    client.force_login(caseworker)
    response = client.get(reverse("advice:document", args=[advice.pk]))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "Content-Security-Policy" in response


def test_static_files_keep_caching(settings: Any) -> None:
    settings.WHITENOISE_USE_FINDERS = True
    response = Client().get("/static/redress/redress.css")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
    assert "max-age" in response["Cache-Control"]


def test_https_redirect_spares_the_health_check(settings: Any) -> None:
    probe = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.SECURE_SSL_REDIRECT, settings.SECURE_REDIRECT_EXEMPT)"
    )
    production = subprocess.run(
        [sys.executable, "-c", probe],
        env=_deploy_env(),
        cwd=django_settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert production.stdout.strip() == "True ['^healthz$', '^health/(live|ready)$']", (
        production.stderr
    )
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    client = Client()
    assert client.get("/healthz").status_code == 200
    redirected = client.get("/rules/")
    assert redirected.status_code == 301
    assert redirected["Location"].startswith("https://")
