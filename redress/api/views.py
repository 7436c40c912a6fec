"""The administrator's page for API tokens: issue (the secret shown once), list and revoke."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from redress.accounts.models import Role
from redress.api.forms import TokenForm
from redress.api.models import ApiToken
from redress.api.selectors import tokens_visible_to
from redress.api.services import api_token_issue, api_token_revoke
from redress.casework.permissions import organisation_ids
from redress.core.forms import add_service_errors
from redress.core.listing import page_of


def _require_administrator(request: HttpRequest) -> None:
    if not (request.user.is_superuser or organisation_ids(request.user, (Role.ADMINISTRATOR,))):
        raise PermissionDenied


@login_required
@require_http_methods(["GET", "POST"])
def tokens(request: HttpRequest) -> HttpResponse:
    _require_administrator(request)
    form = TokenForm(request.POST or None, actor=request.user)
    secret = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            token, secret = api_token_issue(
                actor=request.user,
                name=data["name"],
                organisation=data["organisation"],
                user=data["user"],
                scopes=data["scopes"],
                rate_per_minute=data["rate_per_minute"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            form = TokenForm(actor=request.user)
    # Only the tokens of the organisations this administrator administers.
    page = page_of(
        tokens_visible_to(request.user).select_related("organisation", "user"),
        request.GET.get("page"),
    )
    response = render(
        request,
        "api/tokens.html",
        {"form": form, "page": page, "secret": secret},
        status=400 if form.errors else 200,
    )
    response["Cache-Control"] = "private, max-age=0, no-store"
    return response


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    _require_administrator(request)
    token = get_object_or_404(ApiToken, pk=pk)
    if not request.user.has_perm("api.manage_token", token):
        raise PermissionDenied
    api_token_revoke(actor=request.user, token=token)
    messages.success(request, f"The token {token.prefix}… is revoked.")
    return redirect("api:tokens")
