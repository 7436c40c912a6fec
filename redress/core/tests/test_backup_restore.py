"""`redress backup` and `redress restore`: a backup restored into a fresh database has every
record and every uploaded file. Run as the operator would, each step its own process. SQLite
always; PostgreSQL too when DATABASE_URL names PostgreSQL."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from redress.conftest import copy_database
from redress.core.backup import BackupError, _require_tool

MAKE = """
from django.core.files.base import ContentFile
from redress.casework.tests.factories import AdviceRequestFactory, ChildFactory
child = ChildFactory(first_name="Robin", last_name="Restored")
advice = AdviceRequestFactory(child=child)
advice.document.save("report.pdf", ContentFile(b"%PDF-1.4 the advice"), save=True)
print(advice.document.name)
"""

CHECK = """
from redress.casework.models import AdviceRequest, Child
child = Child.objects.get(first_name="Robin", last_name="Restored")
advice = AdviceRequest.objects.get(child=child)
with advice.document.open("rb") as handle:
    assert handle.read() == b"%PDF-1.4 the advice"
print("restored", advice.document.name)
"""


def _redress(
    env: dict[str, str], *args: str, check: bool = True
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "redress", *args], env=env, capture_output=True, text=True,
        check=check, timeout=600,
    )  # fmt: skip


def _env(tmp: Path, url: str, media: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.update({"DATABASE_URL": url, "MEDIA_ROOT": str(tmp / media),
                "REDRESS_VAR_DIR": str(tmp)})  # fmt: skip
    return env


def _round_trip(tmp: Path, url_a: str, url_b: str) -> None:
    first = _env(tmp, url_a, "media-a")
    _redress(first, "migrate", "-v", "0")  # nothing to apply when the database is a migrated copy
    made = _redress(first, "shell", "-c", MAKE).stdout.strip().splitlines()[-1]
    backup = _redress(first, "backup", str(tmp / "backup"))
    assert "1 files" in backup.stdout
    assert (tmp / "backup" / "media" / made).read_bytes() == b"%PDF-1.4 the advice"

    fresh = _env(tmp, url_b, "media-b")
    restored = _redress(fresh, "restore", str(tmp / "backup"))
    assert "Restored" in restored.stdout
    checked = _redress(fresh, "shell", "-c", CHECK)
    assert f"restored {made}" in checked.stdout
    assert (tmp / "media-b" / made).is_file()
    # A second restore over records is refused unless --force.
    again = _redress(fresh, "restore", str(tmp / "backup"), check=False)
    assert again.returncode != 0 and "already holds records" in again.stderr
    assert _redress(fresh, "restore", str(tmp / "backup"), "--force").returncode == 0


def test_sqlite_backup_restores_into_a_fresh_database(
    tmp_path: Path, migrated_sqlite: Path
) -> None:
    copy_database(migrated_sqlite, tmp_path / "a.sqlite3")
    _round_trip(
        tmp_path, f"sqlite:///{tmp_path / 'a.sqlite3'}", f"sqlite:///{tmp_path / 'b.sqlite3'}"
    )


def test_a_damaged_backup_is_refused_before_anything_changes(tmp_path: Path) -> None:
    (tmp_path / "backup").mkdir()
    (tmp_path / "backup" / "manifest.json").write_text(
        '{"format": 1, "engine": "sqlite", "database_file": "database.sqlite3", "tables": {},'
        ' "media": [{"path": "x.pdf", "size": 1, "sha256": "0"}]}'
    )
    (tmp_path / "backup" / "database.sqlite3").write_bytes(b"")
    env = _env(tmp_path, f"sqlite:///{tmp_path / 'b.sqlite3'}", "media")
    result = _redress(env, "restore", str(tmp_path / "backup"), check=False)
    assert result.returncode != 0 and "missing or damaged" in result.stderr
    assert not (tmp_path / "media").exists()


def test_a_missing_postgresql_tool_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(BackupError, match="pg_dump is not installed.*postgresql-client"):
        _require_tool("pg_dump")


@pytest.fixture
def postgres_urls() -> Iterator[tuple[str, str]]:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        pytest.skip("DATABASE_URL does not name PostgreSQL")
    import psycopg

    parts = urlsplit(url)
    base = parts.path.lstrip("/") or "redress"
    names = (f"{base}_backup_a", f"{base}_backup_b")
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        for name in names:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
    yield tuple(urlunsplit(parts._replace(path=f"/{n}")) for n in names)  # type: ignore[misc]
    with psycopg.connect(admin, autocommit=True) as conn:
        for name in names:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_postgresql_backup_restores_into_a_fresh_database(
    tmp_path: Path, postgres_urls: tuple[str, str]
) -> None:
    _round_trip(tmp_path, *postgres_urls)
