"""Settings come from the environment and refuse values they cannot understand."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.conf import settings

PROBE = "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)"


def run_with_env(**env: str) -> subprocess.CompletedProcess[str]:
    full_env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "DATABASE_URL"}}
    full_env.update(env, DJANGO_SETTINGS_MODULE="redress.settings")
    return subprocess.run(
        [sys.executable, "-c", PROBE],
        env=full_env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_defaults_start() -> None:
    result = run_with_env()
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"


@pytest.mark.parametrize("value", ["maybe", "2", "yes please"])
def test_bad_debug_fails_loudly(value: str) -> None:
    result = run_with_env(DEBUG=value)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert f"DEBUG={value!r} is not a boolean" in result.stderr


def test_debug_false_requires_a_secret_key() -> None:
    result = run_with_env(DEBUG="false", SECRET_KEY="")
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is false" in result.stderr


def test_debug_false_with_a_secret_key_starts() -> None:
    result = run_with_env(DEBUG="false", SECRET_KEY="x" * 50)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


@pytest.mark.parametrize(
    "url",
    [
        "not a url",
        "mysql://user@localhost/redress",
        "postgres://user@localhost:notaport/redress",
        "postgres://user@localhost:5432/",
    ],
)
def test_bad_database_url_fails_loudly(url: str) -> None:
    result = run_with_env(DATABASE_URL=url)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DATABASE_URL=" in result.stderr


def _postgres_probe(probe: str, **extra: str) -> subprocess.CompletedProcess[str]:
    """Run `probe` with settings read for a PostgreSQL database (none is connected to)."""
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "POSTGRES_JIT"}}
    env.update(DATABASE_URL="postgres://someone@db.example:5433/casework", **extra)
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {probe}"],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_postgres_database_url_is_used() -> None:
    result = _postgres_probe(
        "from django.db import connection; "
        "print(connection.vendor, connection.settings_dict['NAME'])"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["postgresql", "casework"]


@pytest.mark.parametrize(("jit", "expected"), [(None, "-c jit=off"), ("true", None)])
def test_postgres_just_in_time_compiling_is_off_unless_asked_for(
    jit: str | None, expected: str | None
) -> None:
    result = _postgres_probe(
        "from django.db import connection; "
        "print(repr(connection.settings_dict['OPTIONS'].get('options')))",
        **({"POSTGRES_JIT": jit} if jit is not None else {}),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == repr(expected)


@pytest.mark.django_db
def test_the_suite_on_postgresql_runs_without_just_in_time_compiling() -> None:
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone() == ("off",)
