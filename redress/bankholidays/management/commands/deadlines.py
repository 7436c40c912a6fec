"""`redress deadlines FILE [--today YYYY-MM-DD]`: the deadline engine's command line, with the
working-day calendar an administrator keeps (hence here, beside the bank holidays)."""

from __future__ import annotations

import sys
from argparse import ArgumentParser, RawDescriptionHelpFormatter
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from redress.bankholidays.selectors import working_day_calendar_if_available
from redress.statutory import cli


class Command(BaseCommand):
    help = (
        "Compute the statutory deadlines for one case.\n\n"
        "FILE is a JSON document of the case's events (docs/deadline-engine.md), or - to read\n"
        "standard input. The deadlines are printed as JSON on standard output (exit status 0).\n"
        "Invalid input prints one line per problem on standard error, nothing on standard\n"
        "output, and exits with status 2.\n\n"
        "Working days are England's bank holidays plus the changes an administrator recorded\n"
        "(/bank-holidays/) when the database exists and is migrated; otherwise the built-in\n"
        "calendar. The command needs no database and never writes to one."
    )
    # The engine's command line does its own checking; Django's system checks would only slow it.
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.formatter_class = RawDescriptionHelpFormatter
        parser.epilog = (
            "examples:\n"
            "  redress deadlines case.json\n"
            "  redress deadlines case.json --today 2026-03-01\n"
            "  cat case.json | redress deadlines -"
        )
        return parser

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "file", metavar="FILE", help="the case's events as JSON, or - for stdin"
        )
        parser.add_argument(
            "--today",
            metavar="YYYY-MM-DD",
            help="the date to judge pending and overdue against (default: the document's "
            "'today', else the current date)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        argv = [options["file"]]
        if options.get("today"):
            argv += ["--today", options["today"]]
        code = cli.main(
            argv,
            stdin=sys.stdin,
            stdout=self.stdout._out,  # type: ignore[arg-type]  # the wrapped stream itself
            stderr=self.stderr._out,  # type: ignore[arg-type]
            calendar=working_day_calendar_if_available(),
        )
        if code:
            sys.exit(code)
