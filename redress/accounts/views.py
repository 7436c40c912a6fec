from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login

from redress.accounts import services
from redress.accounts.forms import PasswordResetForm, SecondFactorForm, SignInForm
from redress.accounts.ratelimit import rate_limit_allows
from redress.accounts.selectors import needs_second_factor
from redress.audit.services import audit_record

SESSION_RECOVERY_CODES = "redress_recovery_codes"


def second_factor_required(user: Any) -> bool:
    return bool(settings.REDRESS_REQUIRE_2FA) and needs_second_factor(user)


def is_verified(user: Any) -> bool:
    """Whether this session passed the second factor (django-otp's middleware tells)."""
    return bool(getattr(user, "is_verified", lambda: False)())


class SignInView(auth_views.LoginView):
    template_name = "accounts/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def get_success_url(self) -> str:
        url = super().get_success_url()
        user = self.request.user
        if second_factor_required(user) and not is_verified(user):
            return f"{reverse('accounts:two-factor')}?{urlencode({'next': url})}"
        return url


class SignOutView(auth_views.LogoutView):
    pass


def signed_out(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/signed_out.html")


def locked_out(
    request: HttpRequest, original_response: Any = None, credentials: Any = None
) -> HttpResponse:
    """What a locked-out person sees (django-axes calls this), on /account/ and /admin/."""
    username = str((credentials or {}).get("username", ""))[:150]
    audit_record(
        actor=None,
        action="refused",
        object_type="accounts.User",
        summary=f"Sign-in refused while locked out after wrong passwords (username “{username}”)",
    )
    context = {"minutes": settings.REDRESS_LOCKOUT_MINUTES}
    return render(request, "accounts/locked_out.html", context, status=429)


def _next_url(request: HttpRequest) -> str:
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url and url_has_allowed_host_and_scheme(
        url, {request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return reverse(settings.LOGIN_REDIRECT_URL)


@never_cache
@require_http_methods(["GET", "POST"])
@login_required
def two_factor(request: HttpRequest) -> HttpResponse:
    """Second step of signing in: a code from the authenticator app, or a recovery code."""
    user: Any = request.user
    if not second_factor_required(user) or is_verified(user):
        return redirect(_next_url(request))
    if services.authenticator_confirmed(user) is None:
        query = urlencode({"next": _next_url(request)})
        return redirect(f"{reverse('accounts:two-factor-set-up')}?{query}")
    form = SecondFactorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device, reason = services.second_factor_check(user=user, code=form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            return redirect(_next_url(request))
        if reason == "wait":
            form.add_error(
                "code", "You entered too many wrong codes. Wait a minute, then try again."
            )
        else:
            form.add_error(
                "code",
                "The code is wrong or has run out. Enter the code your app shows now, or a "
                "recovery code.",
            )
    return render(request, "accounts/two_factor.html", {"form": form, "next": _next_url(request)})


def _qr_svg(uri: str) -> str:
    image = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    svg = str(image.to_string(encoding="unicode"))
    # Drop the XML declaration; name the picture for screen readers.
    svg = svg[svg.index("<svg") :]
    return svg.replace(
        "<svg ", '<svg role="img" aria-label="QR code to scan with your authenticator app" ', 1
    )


@never_cache
@require_http_methods(["GET", "POST"])
@login_required
def two_factor_set_up(request: HttpRequest) -> HttpResponse:
    """Setting up an authenticator app: scan the QR code or type the key, then enter a code."""
    user: Any = request.user
    if services.authenticator_confirmed(user) is not None:
        # Someone who has an app proves it before anything else; a new app is not set up here.
        return redirect(
            f"{reverse('accounts:two-factor')}?{urlencode({'next': _next_url(request)})}"
        )
    device = services.authenticator_pending(user=user)
    form = SecondFactorForm(request.POST or None, label="Code from your authenticator app")
    if request.method == "POST" and form.is_valid():
        codes = services.authenticator_confirm(
            user=user, device=device, code=form.cleaned_data["code"]
        )
        if codes is not None:
            device.refresh_from_db()
            otp_login(request, device)
            request.session[SESSION_RECOVERY_CODES] = codes
            query = urlencode({"next": _next_url(request)})
            return redirect(f"{reverse('accounts:recovery-codes')}?{query}")
        form.add_error(
            "code", "The code is wrong or has run out. Enter the code your app shows now."
        )
    secret = services.b32_secret(device)
    context = {
        "form": form,
        "next": _next_url(request),
        "qr_svg": mark_safe(_qr_svg(device.config_url)),  # noqa: S308 - made here from our URI
        "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
        "config_url": device.config_url,
    }
    return render(request, "accounts/two_factor_set_up.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
@login_required
def recovery_codes(request: HttpRequest) -> HttpResponse:
    """Recovery codes, shown once after they are made. A verified person may make new ones."""
    user: Any = request.user
    if request.method == "POST":
        if not is_verified(user):
            return redirect("accounts:two-factor")
        request.session[SESSION_RECOVERY_CODES] = services.recovery_codes_replace(user=user)
        return redirect("accounts:recovery-codes")
    codes = request.session.pop(SESSION_RECOVERY_CODES, None)
    return render(
        request,
        "accounts/recovery_codes.html",
        {"codes": codes, "next": _next_url(request), "verified": is_verified(user)},
    )


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password-reset-sent")
    form_class = PasswordResetForm

    def form_valid(self, form: Any) -> HttpResponse:
        email = form.cleaned_data["email"]
        if not rate_limit_allows(self.request, scope="password-reset", address=email):
            # Said for any address, known or not, so it tells nobody who has an account.
            form.add_error(
                "email",
                "You have asked for too many password reset emails. Wait "
                f"{settings.RATE_LIMIT_WINDOW_MINUTES} minutes, then try again.",
            )
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        return super().form_valid(form)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_sent.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password-reset-complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"
