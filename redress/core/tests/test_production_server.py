"""The production server runs: gunicorn serves the WSGI app with DEBUG off, WhiteNoise serves the
collected static files, and the health endpoints answer.

The server is a real subprocess on a free 127.0.0.1 port with a migrated temporary SQLite
database (a copy of the run's `migrated_sqlite`, migrated again as a deployment would), started with deploy/gunicorn.conf.py, so CI runs what a host runs.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from redress.conftest import copy_database

ROOT = Path(__file__).resolve().parents[3]
GUNICORN = Path(sys.executable).with_name("gunicorn")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> tuple[int, dict[str, str], bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - 127.0.0.1
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.fixture(scope="module")
def production_server(tmp_path_factory: pytest.TempPathFactory, migrated_sqlite: Path):
    if not GUNICORN.exists():
        pytest.fail(f"{GUNICORN} is missing: gunicorn is a dependency (pyproject.toml)")
    var = tmp_path_factory.mktemp("production")
    port = _free_port()
    env = {
        **{
            k: v
            for k, v in os.environ.items()
            # The browser tests' async-unsafe switch must not reach a production process.
            if k not in {"DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
        },
        "DJANGO_SETTINGS_MODULE": "redress.settings",
        # Plain HTTP on the loopback address: in a deployment TLS ends in front of gunicorn
        # (REDRESS_BEHIND_PROXY), so the redirect to HTTPS is switched off for this test only.
        "SECURE_SSL_REDIRECT": "false",
        "DEBUG": "false",
        "SECRET_KEY": "a-test-secret-key-that-is-long-enough-for-production-checks-0123456789",
        "ALLOWED_HOSTS": "127.0.0.1",
        "REDRESS_VAR_DIR": str(var),
        "STATIC_ROOT": str(var / "static"),
        "LOG_FORMAT": "json",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "1",
        "GUNICORN_ACCESS_LOG": str(var / "access.log"),
    }
    # The run's migrated database, so `migrate` below checks it and has nothing to apply.
    copy_database(migrated_sqlite, var / "redress.sqlite3")
    manage = [sys.executable, "-m", "redress"]
    for command in (["migrate", "--noinput"], ["collectstatic", "--noinput"]):
        subprocess.run(
            [*manage, *command], env=env, cwd=ROOT, check=True, capture_output=True, timeout=300
        )
    log = (var / "server.log").open("wb")
    server = subprocess.Popen(
        [str(GUNICORN), "-c", str(ROOT / "deploy" / "gunicorn.conf.py"), "redress.wsgi"],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if server.poll() is not None:
                pytest.fail(f"gunicorn exited: {(var / 'server.log').read_text()[-2000:]}")
            try:
                _get(f"{base}/health/live")
                break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail("gunicorn did not answer within 60 s")
                time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


def test_ready_checks_the_database_and_says_nothing_personal(production_server: str) -> None:
    status, headers, body = _get(f"{production_server}/health/ready")
    assert status == 200
    assert json.loads(body) == {"status": "ok", "database": "ok", "migrations": "ok"}
    assert "no-store" in headers.get("Cache-Control", "")


def test_live_answers(production_server: str) -> None:
    status, _, body = _get(f"{production_server}/health/live")
    assert (status, json.loads(body)) == (200, {"status": "ok"})


def test_static_files_are_served_by_whitenoise(production_server: str) -> None:
    status, headers, body = _get(f"{production_server}/static/redress/redress.css")
    assert status == 200
    assert headers["Content-Type"].startswith("text/css")
    assert len(body) > 100


def test_pages_render_without_debug(production_server: str) -> None:
    status, _, body = _get(f"{production_server}/")
    assert status == 200
    assert b"SEND" in body
    missing, _, body = _get(f"{production_server}/no-such-page/")
    assert missing == 404
    assert b"Traceback" not in body
