"""`make bench`: the statutory engine on a whole country's cases.

Generates synthetic cases (default 1,000,000), then measures, each in its own forked process so
that peak memory is its own:

  (a) the engine's bulk path (redress.statutory.bulk.compute_bulk);
  (b) the engine's per-case path (compute_events, one case at a time, with explanations);
  (c) a naive day-by-day loop over the `holidays` calendar, for the same working-day arithmetic;
  (d) numpy.busday_offset alone on the same working-day arithmetic.

It checks that (a) and (b) give identical deadlines on every case and that (c) and (d) agree
with (a)'s working-day dates, prints a table and writes it to bench/results/.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import platform
import resource
import socket
import sys
import time
import zlib
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import holidays as holidays_package
import numpy as np

from bench.generate import synthetic_cases
from redress.statutory.bulk import _busdaycalendars, compute_bulk
from redress.statutory.calendar import default_calendar, is_tribunal_closed_day
from redress.statutory.engine import compute_events, plan_clocks

RESULTS = Path(__file__).resolve().parent / "results"
TODAY = date(2026, 11, 29)
WORKING_UNITS = ("working_days", "working_days_before", "tribunal_working_days")

_CASES: list[Any] = []  # filled before forking, shared copy-on-write with the children


def _peak_kib() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _digest(rows: list[tuple[Any, ...]]) -> int:
    return zlib.crc32(repr(sorted(rows)).encode())


def _row(d: dict[str, Any]) -> tuple[Any, ...]:
    return (d["rule"], d["ref"] or "", d["due"], d["status"], d["met_on"] or "", d["actor"])


def run_bulk() -> dict[str, Any]:
    before = _peak_kib()
    started = time.perf_counter()
    result = compute_bulk(_CASES, today=TODAY)
    elapsed = time.perf_counter() - started
    peak = _peak_kib()
    per_case: list[list[tuple[Any, ...]]] = [[] for _ in _CASES]
    for index, row in result.rows():
        per_case[index].append(_row(row))
    digests = np.fromiter((_digest(r) for r in per_case), dtype=np.uint64, count=len(per_case))
    ops = _working_day_operations()
    return {
        "seconds": elapsed,
        "peak_kib": peak,
        "extra_kib": peak - before,
        "deadlines": len(result),
        "digests": digests,
        "timings": result.timings,
        "ops": ops,
        "working_seconds": result.timings["working_day_arithmetic"],
    }


def _working_day_operations() -> dict[str, np.ndarray]:
    """The working-day sums in the workload: (unit, start, n, the engine's answer)."""
    starts: list[int] = []
    amounts: list[int] = []
    units: list[int] = []
    answers: list[int] = []
    cal = default_calendar()
    for events in _CASES:
        for clock in plan_clocks(events):
            if clock.unit in WORKING_UNITS:
                units.append(WORKING_UNITS.index(clock.unit))
                starts.append(clock.anchor.toordinal())
                amounts.append(clock.amount)
                if clock.unit == "working_days":
                    answers.append(cal.add_working_days(clock.anchor, clock.amount).toordinal())
                elif clock.unit == "working_days_before":
                    answers.append(cal.working_days_before(clock.anchor, clock.amount).toordinal())
                else:
                    answers.append(
                        cal.add_tribunal_working_days(clock.anchor, clock.amount).toordinal()
                    )
    return {
        "unit": np.array(units, dtype=np.int8),
        "start": np.array(starts, dtype=np.int64),
        "n": np.array(amounts, dtype=np.int64),
        "answer": np.array(answers, dtype=np.int64),
    }


def run_per_case() -> dict[str, Any]:
    before = _peak_kib()
    started = time.perf_counter()
    results = [compute_events(events, today=TODAY) for events in _CASES]
    elapsed = time.perf_counter() - started
    peak = _peak_kib()
    digests = np.fromiter(
        (_digest([_row(d) for d in r]) for r in results), dtype=np.uint64, count=len(results)
    )
    return {"seconds": elapsed, "peak_kib": peak, "extra_kib": peak - before, "digests": digests}


def run_naive(ops: dict[str, np.ndarray]) -> dict[str, Any]:
    """Day by day, asking the `holidays` calendar about every day."""
    before = _peak_kib()
    years = range(1990, 2100)
    bank = holidays_package.country_holidays("GB", subdiv="ENG", years=years)
    one = timedelta(days=1)
    answers = np.empty_like(ops["start"])
    started = time.perf_counter()
    for i, (unit, start, n) in enumerate(
        zip(ops["unit"].tolist(), ops["start"].tolist(), ops["n"].tolist(), strict=True)
    ):
        d = date.fromordinal(start)
        step = -one if unit == 1 else one
        tribunal = unit == 2
        while n:
            d += step
            if d.weekday() < 5 and d not in bank and not (tribunal and is_tribunal_closed_day(d)):
                n -= 1
        answers[i] = d.toordinal()
    elapsed = time.perf_counter() - started
    return {
        "seconds": elapsed,
        "peak_kib": _peak_kib(),
        "extra_kib": _peak_kib() - before,
        "agrees": bool(np.array_equal(answers, ops["answer"])),
    }


def run_numpy(ops: dict[str, np.ndarray]) -> dict[str, Any]:
    """numpy.busday_offset alone: the floor for the same working-day arithmetic."""
    before = _peak_kib()
    working, tribunal = _busdaycalendars(default_calendar())
    offset = np.datetime64("0001-01-01") - np.timedelta64(1, "D")
    starts = (ops["start"].astype("timedelta64[D]") + offset).astype("datetime64[D]")
    answers = np.empty(len(starts), dtype="datetime64[D]")
    masks = [ops["unit"] == k for k in range(3)]
    started = time.perf_counter()
    answers[masks[0]] = np.busday_offset(
        starts[masks[0]], ops["n"][masks[0]], roll="backward", busdaycal=working
    )
    answers[masks[1]] = np.busday_offset(
        starts[masks[1]], -ops["n"][masks[1]], roll="forward", busdaycal=working
    )
    answers[masks[2]] = np.busday_offset(
        starts[masks[2]], ops["n"][masks[2]], roll="backward", busdaycal=tribunal
    )
    elapsed = time.perf_counter() - started
    ordinals = (answers - offset).astype(np.int64)
    return {
        "seconds": elapsed,
        "peak_kib": _peak_kib(),
        "extra_kib": _peak_kib() - before,
        "agrees": bool(np.array_equal(ordinals, ops["answer"])),
    }


def _in_child(function: Callable[..., dict[str, Any]], *args: Any) -> dict[str, Any]:
    context = multiprocessing.get_context("fork")
    with context.Pool(1) as pool:
        return pool.apply(function, args)


def _machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{socket.gethostname()}; {cpu}; {os.cpu_count()} cores; Python "
        f"{platform.python_version()}; numpy {np.__version__}; {platform.platform()}"
    )


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["web"]:  # `python -m bench web`: the web service (bench/web.py)
        from bench.web import main as web

        return web(argv[1:])
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1_000_000, help="how many synthetic cases")
    parser.add_argument("--seed", type=int, default=20261129)
    parser.add_argument("--no-write", action="store_true", help="print only; write no result file")
    args = parser.parse_args(argv)

    print(f"Generating {args.cases:,} synthetic cases …", flush=True)
    started = time.perf_counter()
    _CASES.extend(synthetic_cases(args.cases, args.seed))
    events = sum(len(c) for c in _CASES)
    print(f"  {events:,} events in {time.perf_counter() - started:.1f} s", flush=True)

    print("(a) bulk path …", flush=True)
    bulk = _in_child(run_bulk)
    print(f"  {bulk['seconds']:.1f} s", flush=True)
    print("(b) per-case path …", flush=True)
    per_case = _in_child(run_per_case)
    print(f"  {per_case['seconds']:.1f} s", flush=True)
    ops = bulk["ops"]
    print(f"(c) naive day-by-day loop over {len(ops['start']):,} working-day sums …", flush=True)
    naive = _in_child(run_naive, ops)
    print("(d) numpy.busday_offset alone …", flush=True)
    floor = _in_child(run_numpy, ops)

    n = args.cases
    mismatches = int(np.count_nonzero(bulk["digests"] != per_case["digests"]))
    wd_ops = len(ops["start"])

    def rate(seconds: float, count: int) -> str:
        return f"{count / seconds:,.0f}" if seconds > 0 else "n/a"

    measured = (
        ("(a) bulk path", bulk),
        ("(b) per-case path", per_case),
        ("(c) naive day-by-day (working days only)", naive),
        ("(d) numpy.busday_offset alone (working days only)", floor),
    )
    rows = [
        (name, m["seconds"], rate(m["seconds"], n), m["peak_kib"], m["extra_kib"])
        for name, m in measured
    ]
    a_rate = wd_ops / bulk["working_seconds"] if bulk["working_seconds"] else float("inf")
    d_rate = wd_ops / floor["seconds"] if floor["seconds"] else float("inf")
    lines = [
        f"# Engine benchmark, {date.today().isoformat()}",
        "",
        f"Machine: {_machine()}",
        "",
        f"{n:,} synthetic cases, {events:,} events, {bulk['deadlines']:,} deadlines; "
        f"{wd_ops:,} working-day sums among them. Each path ran in its own process on one core.",
        "",
        "| path | seconds | cases per second | peak memory (MiB) | added by the path (MiB) |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, seconds, cases_rate, peak, extra in rows:
        lines.append(
            f"| {name} | {seconds:.2f} | {cases_rate} | {peak / 1024:,.0f} | {extra / 1024:,.0f} |"
        )
    t = bulk["timings"]
    lines += [
        "",
        f"Bulk path split: opening clocks {t['plan']:.2f} s, "
        f"date arithmetic {t['arithmetic']:.2f} s "
        f"(working days {t['working_day_arithmetic']:.3f} s), statuses {t['status']:.2f} s.",
        "",
        "## Targets",
        "",
        f"- (a) and (b) identical on every case: {'yes' if mismatches == 0 else 'NO'} "
        f"({mismatches:,} cases differ).",
        f"- (c) and (d) agree with the engine's working-day dates: "
        f"{'yes' if naive['agrees'] and floor['agrees'] else 'NO'}.",
        f"- Whole recompute under 60 s: {'yes' if bulk['seconds'] < 60 else 'NO'} "
        f"({bulk['seconds']:.1f} s for {n:,} cases).",
        f"- (a)'s working-day arithmetic at least a third of (d)'s rate: "
        f"{'yes' if a_rate >= d_rate / 3 else 'NO'} ({a_rate:,.0f} against {d_rate:,.0f} sums per "
        f"second, {a_rate / d_rate:.2f} of the floor).",
    ]
    text = "\n".join(lines) + "\n"
    print()
    print(text)
    if not args.no_write:
        RESULTS.mkdir(parents=True, exist_ok=True)
        path = RESULTS / f"{date.today().isoformat()}-{socket.gethostname()}-{n}.md"
        path.write_text(text, encoding="utf-8")
        print(f"Written to {path}")
    ok = mismatches == 0 and naive["agrees"] and floor["agrees"]
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
