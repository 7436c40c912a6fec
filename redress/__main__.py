"""`redress …` and `python -m redress …`: Django's command line with Redress's settings.

redress migrate
redress runserver
redress deadlines case.json --today 2026-01-15
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "redress.settings")
    from django.core.management import execute_from_command_line

    args = list(sys.argv if argv is None else ["redress", *argv])
    if args:
        args[0] = "redress"
    execute_from_command_line(args)


if __name__ == "__main__":
    main()
