"""Casework pages. Views are thin: forms check input, services write, selectors read."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from redress.accounts.models import HEALTH_AND_CARE_ROLES, LA_ROLES, Role


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Send each person to the page where their day starts."""
    roles = request.user.roles()  # type: ignore[union-attr]
    if roles & set(LA_ROLES):
        return redirect("casework:dashboard")
    if roles & set(HEALTH_AND_CARE_ROLES):
        return redirect("advice:by-recipient")
    if Role.ADVICE_GIVER in roles:
        return redirect("advice:mine")
    return redirect("casework:case-list")
