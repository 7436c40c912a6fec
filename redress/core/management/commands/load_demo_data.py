"""`redress load_demo_data`: demo users (and, later, a demo authority's cases). Safe to rerun."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

#: username -> (first name, last name, is administrator)
DEMO_USERS: dict[str, tuple[str, str, bool]] = {
    "admin": ("Ada", "Administrator", True),
    "caseworker": ("Casey", "Worker", False),
}


def ensure_demo_users(password: str) -> list[tuple[str, bool]]:
    """Create the demo users if missing and reset their passwords; return (username, created)."""
    user_model = get_user_model()
    results = []
    for username, (first, last, is_admin) in DEMO_USERS.items():
        user, created = user_model.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "email": f"{username}@example.invalid",
            },
        )
        user.is_staff = is_admin
        user.is_superuser = is_admin
        user.is_active = True
        user.set_password(password)
        user.save()
        results.append((username, created))
    return results


class Command(BaseCommand):
    help = (
        "Load the demo data: an administrator 'admin' and a caseworker 'caseworker', each with "
        "the password in REDRESS_DEMO_PASSWORD (default redress-demo). Running it again changes "
        "nothing except resetting those two passwords. Prints the logins (nothing with "
        "--verbosity 0); --logins only prints them."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--logins", action="store_true", help="print the demo logins without loading anything"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        password = settings.REDRESS_DEMO_PASSWORD
        if not options["logins"]:
            with transaction.atomic():
                results = ensure_demo_users(password)
            if options["verbosity"] < 1:
                return
            for username, created in results:
                self.stdout.write(f"{'Created' if created else 'Kept'} demo user {username}.")
        self.stdout.write("Demo logins:")
        for username, (_first, _last, is_admin) in DEMO_USERS.items():
            role = (
                "administrator: signs in at /admin/"
                if is_admin
                else "caseworker: no page needs signing in yet"
            )
            self.stdout.write(f"  {username:<11} password {password}  ({role})")
