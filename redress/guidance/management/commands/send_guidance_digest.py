"""`redress send_guidance_digest --from 2026-12-01 --to 2026-12-31`: email the digest of new and
updated answers to every confirmed subscriber, through the notifications outbox (each subscriber
once per period). Nothing is sent when nothing changed."""

from __future__ import annotations

import os
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from redress.guidance.digest import (
    digest_between,
    parse_day,
    render_digest_html,
    render_digest_markdown,
)
from redress.guidance.services import digest_send


def _date(value: str, name: str) -> date:
    try:
        return parse_day(value)
    except ValueError as exc:
        raise CommandError(f"--{name} {value!r}: {exc}") from None


class Command(BaseCommand):
    help = "Email the digest of guidance changes between two dates to confirmed subscribers."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--from", dest="start", required=True, help="first day, YYYY-MM-DD")
        parser.add_argument("--to", dest="end", required=True, help="last day, YYYY-MM-DD")
        parser.add_argument(
            "--base-url",
            default=os.environ.get("REDRESS_BASE_URL", "http://127.0.0.1:8000"),
            help="the service's address, for links (default: $REDRESS_BASE_URL)",
        )
        parser.add_argument(
            "--print",
            choices=["html", "markdown"],
            help="print the digest instead of sending it",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        start, end = _date(options["start"], "from"), _date(options["end"], "to")
        if end < start:
            raise CommandError("--to must be the same as or after --from")
        digest = digest_between(start, end)
        base_url = options["base_url"]
        if options["print"] == "html":
            self.stdout.write(render_digest_html(digest, base_url=base_url))
            return
        if options["print"] == "markdown":
            self.stdout.write(render_digest_markdown(digest, base_url=base_url))
            return
        if digest.is_empty:
            self.stdout.write("No answers were added or changed in this period: nothing sent.")
            return
        sent = digest_send(digest=digest, base_url=base_url)
        self.stdout.write(
            f"Sent the digest ({len(digest.new)} new, {len(digest.updated)} updated) "
            f"to {sent} subscriber{'s' if sent != 1 else ''}."
        )
