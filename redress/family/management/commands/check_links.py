"""`redress check_links`: request every address outside Redress that the family's pages link to
and say which still answer (decision 0187). Run it before a release; it needs the internet."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from redress.core.links import LINKS, check


class Command(BaseCommand):
    help = (
        "Request each address outside Redress that the family's pages link to (the registry in "
        "redress/core/links.py): HEAD, then GET if HEAD fails, following redirects. Prints "
        "each address's HTTP status and the address it ends at; exits with status 1 if any "
        "does not end at a page that answers 2xx."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "keys",
            nargs="*",
            metavar="KEY",
            help=f"check only these registry keys (default: all: {', '.join(LINKS)})",
        )
        parser.add_argument(
            "--timeout",
            type=float,
            default=10.0,
            help="seconds to wait for each request (default: 10)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        keys = options["keys"] or list(LINKS)
        unknown = [key for key in keys if key not in LINKS]
        if unknown:
            raise CommandError(f"No such link: {', '.join(unknown)}. Known: {', '.join(LINKS)}")
        failed = []
        for key in keys:
            link = LINKS[key]
            answer = check(link.url, timeout=options["timeout"])
            status = str(answer.status) if answer.status else "---"
            line = f"{'ok  ' if answer.ok else 'FAIL'} {status} {answer.method:4} {key}: {link.url}"
            if answer.final_url != link.url:
                line += f" -> {answer.final_url}"
            if answer.error and not answer.ok:
                line += f" ({answer.error})"
            checked = link.checked.isoformat() if link.checked else "never"
            self.stdout.write(f"{line} [last checked by a person: {checked}]")
            if not answer.ok:
                failed.append(key)
        if failed:
            raise CommandError(
                f"{len(failed)} of {len(keys)} addresses did not answer: {', '.join(failed)}"
            )
        self.stdout.write(f"All {len(keys)} addresses answered.")
