"""The default SQLite database takes ten people saving at once: each save waits its turn
(write-ahead log, immediate transactions, a busy timeout) instead of failing with "database is
locked". Run in a subprocess on a file in a temporary folder: the test database is in memory."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

WRITERS = 10

SCRIPT = """
import json, sys, threading, time
import django
django.setup()
from django.db import connection, transaction

with connection.cursor() as cursor:
    cursor.execute("CREATE TABLE saves (id integer PRIMARY KEY, version integer NOT NULL)")
    cursor.execute("INSERT INTO saves (id, version) VALUES (1, 0)")
    cursor.execute("PRAGMA journal_mode")
    journal = cursor.fetchone()[0]
connection.close()

writers = int(sys.argv[1])
start = threading.Barrier(writers)
errors = []


def save():
    # What a service does when a form is saved: read the record, then write it, in one
    # transaction.
    try:
        start.wait()
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SELECT version FROM saves WHERE id = 1")
                (version,) = cursor.fetchone()
                time.sleep(0.02)
                cursor.execute("UPDATE saves SET version = %s WHERE id = 1", [version + 1])
    except Exception as error:
        errors.append(repr(error))
    finally:
        connection.close()


threads = [threading.Thread(target=save) for _ in range(writers)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
with connection.cursor() as cursor:
    cursor.execute("SELECT version FROM saves WHERE id = 1")
    (version,) = cursor.fetchone()
print(json.dumps({"errors": errors, "version": version, "journal": journal}))
"""


def test_ten_simultaneous_saves_all_succeed_on_the_default_sqlite_database(
    tmp_path: Path,
) -> None:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DEBUG"}}
    env.update(REDRESS_VAR_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="redress.settings")
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(WRITERS)],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome["errors"] == []
    assert outcome["version"] == WRITERS  # every save counted, none lost
    assert outcome["journal"] == "wal"
    assert (tmp_path / "redress.sqlite3").exists()
