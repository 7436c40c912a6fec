"""Backing up and restoring Redress: the database and the uploaded files, together.

A backup is a directory:

    manifest.json       when, which database engine, the rows in every table, every file
                        with its size and SHA-256
    database.sqlite3    SQLite: a consistent copy taken with SQLite's online backup API
    database.dump       PostgreSQL: pg_dump's custom format (restored with pg_restore)
    media/              every uploaded file, as under MEDIA_ROOT

`backup_create` and `backup_restore` are used by `redress backup DEST` and `redress restore SRC`
(docs/backup.md). A restore checks every file's checksum before it changes anything, refuses to
overwrite a database that already holds records unless told to, and afterwards checks that
every table has the rows the manifest lists.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess  # noqa: S404 - pg_dump and pg_restore, with fixed arguments
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import connection

FORMAT = 1
MANIFEST = "manifest.json"
SQLITE_FILE = "database.sqlite3"
POSTGRES_FILE = "database.dump"
MEDIA_DIR = "media"


class BackupError(Exception):
    """A backup or restore that cannot go ahead, with a message for the operator."""


@dataclass(frozen=True)
class BackupResult:
    path: Path
    tables: dict[str, int]
    files: int


def _engine() -> str:
    vendor = connection.vendor
    if vendor not in {"sqlite", "postgresql"}:
        raise BackupError(f"Redress backs up SQLite and PostgreSQL, not {vendor}.")
    return vendor


def table_counts() -> dict[str, int]:
    """Rows in every table of every installed app (history tables included)."""
    existing = set(connection.introspection.table_names())
    return {
        model._meta.label: model._base_manager.count()
        for model in apps.get_models(include_auto_created=True)
        if model._meta.db_table in existing and model._meta.managed
    }


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _media_files(root: Path) -> list[Path]:
    if not root.is_dir():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file())


def _require_tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError(
            f"{name} is not installed, and Redress needs it to back up or restore PostgreSQL. "
            "Install the PostgreSQL client tools of the server's major version (on Debian or "
            "Ubuntu: apt-get install postgresql-client) and run the command again."
        )
    return found


def _pg_env_and_name() -> tuple[dict[str, str], str]:
    db = settings.DATABASES["default"]
    env = dict(os.environ)
    for key, var in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"),
                     ("PASSWORD", "PGPASSWORD")):  # fmt: skip
        if db.get(key):
            env[var] = str(db[key])
    return env, str(db["NAME"])


def _run(args: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(args, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{Path(args[0]).name} failed: {result.stderr.strip()[:2000]}")


# -- Backing up --------------------------------------------------------------------------------


def backup_create(dest: Path) -> BackupResult:
    engine = _engine()
    if dest.exists() and any(dest.iterdir()):
        raise BackupError(f"{dest} already exists and is not empty: choose a new directory.")
    dest.mkdir(parents=True, exist_ok=True)
    if engine == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(dest / SQLITE_FILE)
        try:
            # The online backup API copies a consistent snapshot while Redress keeps running.
            connection.connection.backup(target)
        finally:
            target.close()
        database_file = SQLITE_FILE
    else:
        pg_dump = _require_tool("pg_dump")
        env, name = _pg_env_and_name()
        _run([pg_dump, "--format=custom", "--no-owner", "--no-privileges",
              f"--file={dest / POSTGRES_FILE}", name], env)  # fmt: skip
        database_file = POSTGRES_FILE
    media_root = Path(settings.MEDIA_ROOT)
    files = []
    for path in _media_files(media_root):
        relative = path.relative_to(media_root)
        copy = dest / MEDIA_DIR / relative
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, copy)
        files.append({"path": relative.as_posix(), "size": path.stat().st_size,
                      "sha256": _sha256(copy)})  # fmt: skip
    tables = table_counts()
    manifest = {
        "format": FORMAT,
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "engine": engine,
        "database_file": database_file,
        "tables": tables,
        "media": files,
    }
    (dest / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True), encoding="utf-8")
    return BackupResult(path=dest, tables=tables, files=len(files))


# -- Restoring ---------------------------------------------------------------------------------


def _read_manifest(src: Path) -> dict[str, Any]:
    try:
        manifest = json.loads((src / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BackupError(f"{src} is not a Redress backup: it has no {MANIFEST}.") from None
    except json.JSONDecodeError as error:
        raise BackupError(f"{src / MANIFEST} cannot be read: {error}.") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{src} is a backup of format {manifest.get('format')!r}: not known.")
    return dict(manifest)


def _check_files(src: Path, manifest: dict[str, Any]) -> None:
    database = src / str(manifest["database_file"])
    if not database.is_file():
        raise BackupError(f"{database} is missing from the backup.")
    for item in manifest["media"]:
        path = src / MEDIA_DIR / item["path"]
        if not path.is_file() or _sha256(path) != item["sha256"]:
            raise BackupError(f"{path} is missing or damaged (its checksum does not match).")


def _holds_records() -> bool:
    existing = set(connection.introspection.table_names())
    if "casework_child" not in existing:
        return False
    return any(count for count in table_counts().values())


def backup_restore(src: Path, *, force: bool = False) -> BackupResult:
    manifest = _read_manifest(src)
    engine = _engine()
    if manifest["engine"] != engine:
        raise BackupError(
            f"{src} is a backup of {manifest['engine']}, but DATABASE_URL names {engine}. "
            "Restore it into the same kind of database."
        )
    _check_files(src, manifest)
    if _holds_records() and not force:
        raise BackupError(
            "The database already holds records. Restore into a fresh, empty database, or give "
            "--force to replace everything in it."
        )
    database = src / str(manifest["database_file"])
    if engine == "sqlite":
        connection.ensure_connection()
        source = sqlite3.connect(database)
        try:
            source.backup(connection.connection)
        finally:
            source.close()
    else:
        pg_restore = _require_tool("pg_restore")
        env, name = _pg_env_and_name()
        connection.close()
        _run([pg_restore, "--clean", "--if-exists", "--no-owner", "--no-privileges",
              "--single-transaction", f"--dbname={name}", str(database)], env)  # fmt: skip
    media_root = Path(settings.MEDIA_ROOT)
    for item in manifest["media"]:
        target = media_root / item["path"]
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src / MEDIA_DIR / item["path"], target)
    connection.close()
    tables = table_counts()
    wrong = {
        label: (count, tables.get(label))
        for label, count in manifest["tables"].items()
        if tables.get(label) != count
    }
    if wrong:
        details = ", ".join(f"{k}: {v[1]} rows, {v[0]} expected" for k, v in sorted(wrong.items()))
        raise BackupError(f"The restored database does not match the backup: {details}.")
    return BackupResult(path=src, tables=tables, files=len(manifest["media"]))


__all__ = ["BackupError", "BackupResult", "backup_create", "backup_restore", "table_counts"]
