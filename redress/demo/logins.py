"""The demo logins and what each will see, counted through every app's selectors (hence here, above
the apps, rather than in casework's demo)."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model

from redress.appeals.selectors import appeals_visible_to, recommendations_visible_to
from redress.casework.demo import DEMO_LOGINS
from redress.casework.selectors import advice_requests_visible_to, children_visible_to
from redress.mediation.selectors import mediation_cases_visible_to


@dataclass(frozen=True)
class LoginRow:
    username: str
    role: str
    sees: str
    exists: bool


def demo_logins() -> list[LoginRow]:
    """The demo logins with what each will see, counted now through the selectors."""
    users = get_user_model().objects.filter(username__in=[x.username for x in DEMO_LOGINS])
    existing = {u.username: u for u in users}
    rows = []
    for login in DEMO_LOGINS:
        user = existing.get(login.username)
        if user is None:
            rows.append(LoginRow(login.username, login.label, "", exists=False))
            continue
        children = children_visible_to(user)
        sees = login.sees.format(
            children=children.count(),
            advice=advice_requests_visible_to(user).count(),
            caseload=f"{children.filter(caseworker=user).count()} children",
            mediation=mediation_cases_visible_to(user).count(),
            appeals=appeals_visible_to(user).count(),
            recommendations=recommendations_visible_to(user).count(),
        )
        rows.append(LoginRow(login.username, login.label, sees, exists=True))
    return rows
