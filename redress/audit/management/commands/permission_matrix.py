"""`redress permission_matrix`: print the permission matrix rendered from the code's own rules;
--write puts it into docs/security.md; --check fails when the committed table is out of date."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser


class Command(BaseCommand):
    help = (
        "Render the permission matrix from the rules the code enforces. --write updates "
        "docs/security.md; --check exits with an error when the committed table differs."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--write", action="store_true", help="update docs/security.md")
        parser.add_argument("--check", action="store_true", help="fail if docs/security.md differs")

    def handle(self, *args: Any, **options: Any) -> None:
        from redress.audit import permission_matrix

        if options["write"]:
            permission_matrix.write()
            self.stdout.write(f"Wrote the permission matrix into {permission_matrix.DOC}.")
        elif options["check"]:
            if permission_matrix.committed_block() != permission_matrix.render_block():
                raise CommandError(
                    "docs/security.md's permission matrix differs from the rules: run "
                    "`redress permission_matrix --write`."
                )
            self.stdout.write("The permission matrix in docs/security.md matches the rules.")
        else:
            self.stdout.write(permission_matrix.render())
