"""Staff who signed in with a password finish signing in with their second factor."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from redress.accounts.selectors import needs_second_factor

# Pages a half-signed-in person may still open: the second-factor pages and signing out.
_OPEN_NAMES = (
    "accounts:two-factor",
    "accounts:two-factor-set-up",
    "accounts:sign-out",
    "accounts:signed-out",
)


class SecondFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self._must_verify(request):
            target = reverse("accounts:two-factor")
            return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)

    def _must_verify(self, request: HttpRequest) -> bool:
        if not getattr(settings, "REDRESS_REQUIRE_2FA", False):
            return False
        user = request.user
        if not user.is_authenticated or getattr(user, "is_verified", lambda: False)():
            return False
        path = request.path_info
        if path.startswith("/" + settings.STATIC_URL.lstrip("/")):
            return False
        if path in {reverse(name) for name in _OPEN_NAMES}:
            return False
        return needs_second_factor(user)
