"""`redress load_demo_data`: the demo local authority, its partners, about 200 children and a
sign-in for every role. Safe to rerun: a second run creates nothing and only resets the demo
passwords. `--logins` prints the logins without loading anything."""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from redress.casework.demo import LA_NAME, demo_load
from redress.demo.logins import demo_logins
from redress.guidance.demo import demo_guidance_load


class Command(BaseCommand):
    help = (
        f"Load the demo data: {LA_NAME}, its health, social care, mediation and support "
        "partners, about 200 children at every stage of the EHC needs assessment, and one "
        "sign-in for every role, each with the password in REDRESS_DEMO_PASSWORD (default "
        "redress-demo). Running it again creates nothing and only resets the demo passwords. "
        "Prints the logins afterwards (nothing with --verbosity 0); --logins only prints them."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--logins", action="store_true", help="print the demo logins without loading anything"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        password = settings.REDRESS_DEMO_PASSWORD
        if not options["logins"]:
            started = time.monotonic()
            result = demo_load(password=password)
            if options["verbosity"] < 1:
                self.load_guidance(quiet=True)
                return
            seconds = time.monotonic() - started
            if result.created:
                self.stdout.write(
                    f"Loaded the demo: {LA_NAME} with {result.children} children ({seconds:.1f} s)."
                )
            else:
                self.stdout.write(
                    "The demo was already loaded: nothing created; demo passwords reset."
                )
            for username in result.users_created:
                self.stdout.write(f"Created demo user {username}.")
            self.load_guidance()
        self.write_logins(password)

    def load_guidance(self, *, quiet: bool = False) -> None:
        """The guidance library: the shared question-and-answer sheet, or the example one."""
        name, report = demo_guidance_load()
        if not quiet:
            self.stdout.write(
                f"Guidance: {report.question_count} questions from {name} "
                f"({report.questions_created} new)."
            )

    def write_logins(self, password: str) -> None:
        rows = demo_logins()
        width = max(len(r.username) for r in rows)
        role_width = max(len(r.role) for r in rows)
        self.stdout.write(
            f"Demo logins: every password is {password}. Sign in at /account/sign-in/."
        )
        self.stdout.write(f"  {'username':<{width}}  {'role':<{role_width}}  what they will see")
        for row in rows:
            sees = row.sees if row.exists else "not loaded yet: run `redress load_demo_data`"
            self.stdout.write(f"  {row.username:<{width}}  {row.role:<{role_width}}  {sees}")
