"""Command line: `redress deadlines FILE [--today YYYY-MM-DD]` (also `python -m redress.statutory`).

Prints the engine's output document as JSON and exits 0; on invalid input prints one line per
problem on standard error, nothing on standard output, and exits 2. Needs no database.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import IO

from .calendar import WorkingDayCalendar
from .engine import compute
from .events import InputError, parse_iso_date

DESCRIPTION = (
    "Compute statutory SEND deadlines from a JSON document of dated events "
    "(see docs/deadline-engine.md). Prints the deadlines as JSON; exits 2 on invalid input."
)


class _ArgumentError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise _ArgumentError(message)


def build_parser(prog: str = "redress deadlines") -> argparse.ArgumentParser:
    parser = _Parser(prog=prog, description=DESCRIPTION)
    parser.add_argument("file", metavar="FILE", help="the input document, or - for standard input")
    parser.add_argument(
        "--today",
        metavar="YYYY-MM-DD",
        help="the date that decides pending versus overdue (default: the document's 'today', "
        "else today in Europe/London)",
    )
    return parser


def main(
    argv: Sequence[str] | None = None,
    *,
    stdin: IO[str] | None = None,
    stdout: IO[str] | None = None,
    stderr: IO[str] | None = None,
    calendar: WorkingDayCalendar | None = None,
    prog: str = "redress deadlines",
) -> int:
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    parser = build_parser(prog)
    try:
        args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    except _ArgumentError as exc:
        stderr.write(f"{prog}: {exc}\n")
        return 2
    except SystemExit as exc:  # --help
        return int(exc.code or 0)

    problems: list[str] = []
    today = None
    if args.today is not None:
        parsed = parse_iso_date(args.today)
        if isinstance(parsed, str):
            problems.append(f"--today: {parsed}")
        else:
            today = parsed
    try:
        if args.file == "-":
            text = stdin.read()
        else:
            with open(args.file, encoding="utf-8") as handle:
                text = handle.read()
    except OSError as exc:
        problems.append(f"cannot read {args.file}: {exc.strerror or exc}")
        text = None
    except UnicodeDecodeError:
        problems.append(f"cannot read {args.file}: it is not UTF-8 text")
        text = None
    document = None
    if text is not None:
        try:
            document = json.loads(text)
        except json.JSONDecodeError as exc:
            problems.append(
                f"the input is not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
            )
    if document is not None and not problems:
        try:
            result = compute(document, calendar=calendar, today=today)
        except InputError as exc:
            problems.extend(exc.problems)
    if problems:
        for problem in problems:
            stderr.write(f"{problem}\n")
        return 2
    try:
        json.dump(result, stdout, indent=2, ensure_ascii=False)
        stdout.write("\n")
        stdout.flush()
    except BrokenPipeError:
        # The reader stopped early (`| head`): not an error of ours, and nothing left to say.
        return 0
    return 0
