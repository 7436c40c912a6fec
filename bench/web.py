"""`make bench-web` / `python -m bench web`: the web service on a national caseload.

1. Creates a PostgreSQL database (dropped first if it exists) and migrates it.
2. `redress load_scale_data --children N` (default 1,000,000): the load rate.
3. `redress recompute_deadlines` twice: the first fills the empty table (every child written),
   the second is an ordinary night (nothing changed but the days that passed).
4. Starts gunicorn on a free 127.0.0.1 port and drives the caseworker's pages (dashboard, case
   list, case page) with a bounded load generator: a fixed number of requests on a few
   signed-in sessions, then it stops. Latency percentiles per page are measured at the client.
5. Measures each page once more in this process through Django's test client, summing the time
   spent in SQL (the raw database time per page, and the number of queries), and asks
   PostgreSQL for the plan of each of one request's queries: any large table read from end to
   end (a sequential scan of the deadlines, children or case events) is named in the table.

Writes a table to bench/results/. Never a unit test: speed targets live here.
"""

from __future__ import annotations

import argparse
import http.client
import os
import platform
import random
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
SECRET = "bench-secret-key-not-for-any-real-service-0123456789-abcdefghijklmnop"  # noqa: S105


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _run(command: list[str], env: dict[str, str]) -> tuple[str, float, float, int]:
    """Run a command: its output, wall seconds, CPU seconds and peak memory (KiB)."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    assert process.stdout is not None
    lines = []
    for line in process.stdout:
        lines.append(line)
        print("    " + line.rstrip()[-150:], flush=True)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - started
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{''.join(lines[-30:])}")
    return "".join(lines), seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


def _create_database(server: str, name: str) -> None:
    import psycopg

    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')


def _database_exists(server: str, name: str) -> bool:
    import psycopg

    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        found = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        return found.fetchone() is not None


@contextmanager
def _server(env: dict[str, str], port: int, workers: int) -> Iterator[subprocess.Popen[bytes]]:
    gunicorn = Path(sys.executable).with_name("gunicorn")
    log = open(ROOT / "var" / "bench-gunicorn.log", "wb")  # noqa: SIM115
    process = subprocess.Popen(
        [str(gunicorn), "-c", str(ROOT / "deploy" / "gunicorn.conf.py"), "redress.wsgi"],
        env={
            **env,
            "GUNICORN_BIND": f"127.0.0.1:{port}",
            "GUNICORN_WORKERS": str(workers),
            "GUNICORN_ACCESS_LOG": "/dev/null",
            "GUNICORN_MAX_REQUESTS": "0",
        },
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                connection.request("GET", "/health/ready")
                if connection.getresponse().status == 200:
                    break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("gunicorn did not start: see var/bench-gunicorn.log")
            time.sleep(0.3)
        yield process
    finally:
        process.terminate()
        process.wait(timeout=60)
        log.close()


def _worker_peak_kib(master: int) -> int:
    """The largest peak resident size among gunicorn's workers (VmHWM), in KiB."""
    peak = 0
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
        except OSError:
            continue
        if re.search(rf"^PPid:\s+{master}$", text, re.M):
            match = re.search(r"^VmHWM:\s+(\d+) kB", text, re.M)
            if match:
                peak = max(peak, int(match.group(1)))
    return peak


def _drive(
    port: int, paths: list[str], cookies: list[str], concurrency: int
) -> tuple[list[float], int]:
    """Request each path once, `concurrency` at a time; latencies (ms) and errors."""
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    queue = list(enumerate(paths))

    def worker(n: int) -> None:
        nonlocal errors
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        cookie = cookies[n % len(cookies)]
        while True:
            with lock:
                if not queue:
                    break
                _, path = queue.pop()
            started = time.perf_counter()
            connection.request("GET", path, headers={"Cookie": f"sessionid={cookie}"})
            response = connection.getresponse()
            response.read()
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                latencies.append(elapsed)
                if response.status != 200:
                    errors += 1

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, errors


def _sql_time(paths: list[str], username: str) -> tuple[float, float, float]:
    """Median ms in SQL, median queries and median total ms, through Django's test client."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client

    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    spent: list[float] = []
    counts: list[int] = []
    totals: list[float] = []
    for path in paths:
        box = {"ms": 0.0, "n": 0}

        def timed(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
            started = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            finally:
                box["ms"] += (time.perf_counter() - started) * 1000  # noqa: B023
                box["n"] += 1  # noqa: B023

        started = time.perf_counter()
        with connection.execute_wrapper(timed):
            response = client.get(path)
        totals.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (path, response.status_code)
        spent.append(box["ms"])
        counts.append(int(box["n"]))
    return statistics.median(spent), statistics.median(counts), statistics.median(totals)


#: The tables that grow with the country: a page that reads one of them from end to end does
#: not stay fast at national size.
LARGE_TABLES = ("casework_deadline", "casework_child", "casework_caseevent")


def _sequential_scans(path: str, username: str) -> list[str]:
    """The large tables the page's queries read by a sequential scan, by PostgreSQL's plan of
    each (EXPLAIN on the loaded data)."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client

    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    selects: list[tuple[str, Any]] = []

    def kept(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        if sql.lstrip().upper().startswith(("SELECT", "WITH", "(SELECT")):
            selects.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(kept):
        client.get(path)
    found = []
    with connection.cursor() as cursor:
        for sql, params in selects:
            cursor.execute("EXPLAIN " + sql, params)
            for (line,) in cursor.fetchall():
                for table in LARGE_TABLES:
                    if f"Seq Scan on {table}" in line:
                        found.append(table)
    return sorted(set(found))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench web", description=__doc__.split("\n")[0])
    parser.add_argument("--children", type=int, default=1_000_000)
    parser.add_argument("--authorities", type=int, default=150)
    parser.add_argument("--server", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--database", default="redress_bench")
    parser.add_argument("--requests", type=int, default=200, help="requests per page")
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="keep the loaded database, and load it only when it does not exist yet",
    )
    parser.add_argument(
        "--pages-only",
        action="store_true",
        help="with --reuse: measure the pages only, no recompute (a database already computed)",
    )
    parser.add_argument("--no-write", action="store_true", help="print only; write no file")
    args = parser.parse_args(argv)
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]  # progress as it comes

    url = f"{args.server}/{args.database}"
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DEBUG": "false",
        "SECRET_KEY": SECRET,
        "ALLOWED_HOSTS": "127.0.0.1,testserver",
        # Plain HTTP on 127.0.0.1: the session cookie must travel without TLS here.
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
        "SECURE_SSL_REDIRECT": "false",
        "LOG_LEVEL": "WARNING",
        # The load generator's sessions are signed in by the test client, without a second factor.
        "REDRESS_REQUIRE_2FA": "false",
    }
    manage = [sys.executable, "-m", "redress"]
    (ROOT / "var").mkdir(exist_ok=True)
    load = recompute_cold = recompute_warm = None
    if not (args.reuse and _database_exists(args.server, args.database)):
        print(f"Creating {url} …", flush=True)
        _create_database(args.server, args.database)
        _run([*manage, "migrate", "--noinput", "-v", "0"], env)
        print(
            f"Loading {args.children:,} children over {args.authorities} authorities …", flush=True
        )
        load = _run(
            [
                *manage,
                "load_scale_data",
                "--children",
                str(args.children),
                "--authorities",
                str(args.authorities),
            ],
            env,
        )
        print("Recomputing every deadline (empty table) …", flush=True)
        recompute_cold = _run([*manage, "recompute_deadlines", "-v", "0"], env)
        import psycopg

        with psycopg.connect(url, autocommit=True) as connection:
            connection.execute("VACUUM ANALYZE")  # as autovacuum would after a bulk write
    if not (args.reuse and args.pages_only):
        print("Recomputing again (an ordinary night) …", flush=True)
        recompute_warm = _run([*manage, "recompute_deadlines", "-v", "0"], env)

    os.environ.update(env)
    os.environ["DJANGO_SETTINGS_MODULE"] = "redress.settings"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.test import Client

    from redress.casework.demo import LA_NAME
    from redress.casework.models import Child, Deadline

    children_count = Child.objects.count()
    deadlines_count = Deadline.objects.count()
    la_children = list(
        Child.objects.filter(local_authority__name=LA_NAME, caseworker__username="caseworker")
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    rng = random.Random(7)  # noqa: S311
    users = ["caseworker", "manager"]
    cookies = []
    for username in users:
        client = Client()
        client.force_login(get_user_model().objects.get(username=username))
        cookies.append(client.cookies["sessionid"].value)
    pages = {
        "dashboard": ["/dashboard/"] * args.requests,
        "case list": [f"/cases/?page={rng.randint(1, 20)}" for _ in range(args.requests)],
        "case page": [f"/cases/{rng.choice(la_children)}/" for _ in range(args.requests)],
    }
    port = _free_port()
    results = {}
    with _server(env, port, args.workers) as server:
        _drive(port, ["/dashboard/", "/cases/"] * args.workers, cookies, args.concurrency)
        for name, paths in pages.items():
            print(
                f"Driving {name}: {len(paths)} requests, {args.concurrency} at a time …", flush=True
            )
            started = time.perf_counter()
            latencies, errors = _drive(port, paths, cookies, args.concurrency)
            seconds = time.perf_counter() - started
            results[name] = {
                "p50": _percentile(latencies, 0.50),
                "p95": _percentile(latencies, 0.95),
                "p99": _percentile(latencies, 0.99),
                "rps": len(paths) / seconds,
                "errors": errors,
            }
        worker_peak = _worker_peak_kib(server.pid)
    seq_scans: dict[str, list[str]] = {}
    for name, paths in pages.items():
        sample = paths[: min(20, len(paths))]
        results[name]["sql"], results[name]["queries"], results[name]["in_process"] = _sql_time(
            sample, "caseworker"
        )
        seq_scans[name] = _sequential_scans(paths[0], "caseworker")

    caseload = len(la_children)
    lines = [
        f"# Web benchmark, {date.today().isoformat()}",
        "",
        f"Machine: {socket.gethostname().split('.')[0]}; {os.cpu_count()} cores (shared; the "
        f"load average at the end was {os.getloadavg()[0]:.1f}); Python "
        f"{platform.python_version()}; PostgreSQL at {args.server.split('@')[-1]}",
        "",
        f"{children_count:,} children over {args.authorities} authorities, "
        f"{deadlines_count:,} deadlines. The demo caseworker's caseload: {caseload:,} children.",
        "",
        "Seconds are the whole command (Python start-up included). The machine is shared, so the "
        "command's own CPU time is given too: children per CPU second is what one free core "
        "would do in Python, PostgreSQL's own work not counted.",
        "",
        "| step | seconds | children/s | CPU seconds | children per CPU second | peak MiB |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for label, measured in (
        ("load_scale_data", load),
        ("recompute_deadlines, empty table", recompute_cold),
        ("recompute_deadlines, an ordinary night", recompute_warm),
    ):
        if measured is None:
            continue
        _, seconds, cpu, peak = measured
        lines.append(
            f"| {label} | {seconds:,.1f} | {children_count / seconds:,.0f} | {cpu:,.1f} | "
            f"{children_count / cpu:,.0f} | {peak / 1024:,.0f} |"
        )
    lines += [
        "",
        f"Pages: gunicorn with {args.workers} synchronous workers, {args.concurrency} clients "
        f"on 127.0.0.1 with signed-in sessions, {args.requests} requests a page. SQL is the "
        "median time in the database for one request, measured in-process. Sequential scans: "
        "the large tables (" + ", ".join(LARGE_TABLES) + ") that PostgreSQL's plan of one of "
        "the page's queries reads from end to end.",
        "",
        "| page | p50 ms | p95 ms | p99 ms | requests/s | errors | SQL ms | queries | "
        "sequential scans |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for name, r in results.items():
        lines.append(
            f"| {name} | {r['p50']:.0f} | {r['p95']:.0f} | {r['p99']:.0f} | {r['rps']:.1f} | "
            f"{r['errors']} | {r['sql']:.1f} | {r['queries']:.0f} | "
            f"{', '.join(seq_scans[name]) or 'none'} |"
        )
    lines += ["", f"Peak memory of a web worker: {worker_peak / 1024:,.0f} MiB."]
    text = "\n".join(lines) + "\n"
    print("\n" + text)
    if not args.no_write:
        RESULTS.mkdir(exist_ok=True)
        path = RESULTS / f"{date.today().isoformat()}-web-{children_count}.md"
        path.write_text(text)
        print(f"Written to {path.relative_to(ROOT)}")
    return 0 if all(r["errors"] == 0 for r in results.values()) else 1
