"""A recorded step's history for its correction page (decision 0100): every saved version,
newest first, with who saved it, when and why, showing only the fields the page names.

Pages pass the fields a reader of that page may see, so a field kept from some readers (a
mediator's discussion notes, say) never reaches the history either.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any

from django import forms
from django.contrib import messages
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from redress.core.corrections import StepWithdrawForm
from redress.core.versions import call_service
from redress.statutory.calendar import format_long_date


def _shown(record: Any, field: models.Field[Any, Any]) -> str:
    value = getattr(record, field.attname)
    if value in (None, ""):
        return "Not recorded"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime):
        return format_long_date(value.date())
    if isinstance(value, date):
        return format_long_date(value)
    return str(value)


def step_history(step: models.Model, fields: Sequence[str]) -> list[dict[str, Any]]:
    """Each saved version of `step`, newest first: `when`, `who`, `why` and `values`
    (label and value of each of `fields`)."""
    model = type(step)
    chosen: list[models.Field[Any, Any]] = []
    for name in fields:
        field = model._meta.get_field(name)
        assert isinstance(field, models.Field)  # the pages name concrete fields only
        chosen.append(field)
    rows = []
    for record in step.history.select_related("history_user").order_by(  # type: ignore[attr-defined]
        "-history_date", "-history_id"
    ):
        user = record.history_user
        rows.append(
            {
                "when": record.history_date,
                "who": (user.get_full_name() or user.username) if user is not None else "",
                "why": record.history_change_reason or "",
                "values": [
                    (
                        str(field.verbose_name)[:1].upper() + str(field.verbose_name)[1:],
                        _shown(record, field),
                    )
                    for field in chosen
                ],
            }
        )
    return rows


def correction_data(request: HttpRequest) -> Any:
    """The data for a correction page's correction form: None when the withdrawal was posted."""
    return None if "withdraw-reason" in request.POST else request.POST or None


def correction_page(
    request: HttpRequest,
    *,
    record: Any,
    form: forms.Form,
    correct: Callable[[dict[str, Any]], Any],
    withdraw: Callable[[dict[str, Any]], Any],
    history: list[dict[str, Any]],
    done_url: str,
    back_text: str,
    caption: str,
    child: Any,
    title: str,
    followed: list[str],
    withdraw_intro: str,
    withdraw_button: str,
    done: tuple[str, str],
    version: int | None = None,
    refresh_stale: bool = True,
) -> HttpResponse:
    """One page for correcting a step or withdrawing it as recorded in error, with its history
    (`core/step_correct.html`). Both forms post here; the withdrawal's fields carry the
    `withdraw` prefix. On success it says `done[0]` (corrected) or `done[1]` (withdrawn) and
    goes to `done_url`, which is also the back link.

    `version` is the one the withdrawal claims (the record's own by default); `refresh_stale`
    whether a stale form takes the record's current `version` (see `call_service`).
    """
    versioned = record if refresh_stale else None
    withdraw_form = StepWithdrawForm(
        request.POST if "withdraw-reason" in request.POST else None,
        initial={"version": record.version if version is None else version},
        prefix="withdraw",
    )
    if request.method == "POST":
        if withdraw_form.is_bound:
            if withdraw_form.is_valid():
                data = withdraw_form.cleaned_data
                if (
                    call_service(withdraw_form, lambda: withdraw(data), record=versioned)
                    is not None
                ):
                    messages.success(request, done[1])
                    return redirect(done_url)
        elif form.is_valid():
            data = form.cleaned_data
            if call_service(form, lambda: correct(data), record=versioned) is not None:
                messages.success(request, done[0])
                return redirect(done_url)
    return render(
        request,
        "core/step_correct.html",
        {
            "back_url": done_url,
            "back_text": back_text,
            "caption": caption,
            "form": form,
            "withdraw": withdraw_form,
            "step": record,
            "child": child,
            "title": title,
            "followed": followed,
            "withdraw_intro": withdraw_intro,
            "withdraw_button": withdraw_button,
            "history": history,
        },
    )
