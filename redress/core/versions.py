"""Two people editing one record: each form carries the version of the record it was opened at,
and a save from a stale form is refused with a clear message while the person's answers are kept.

`claim_version` is what a service calls; `call_service` is what every page does after a form is
valid: call the service, and when it refuses, show why on the form without losing what the
person typed."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F
from django.http import HttpRequest

from redress.core.forms import add_service_errors


class ConcurrentEditError(Exception):
    """Someone else changed the case after this person opened it."""

    message = (
        "Someone else changed this case after you opened it. Your answers are below and have "
        "not been saved: check the case, then submit again."
    )


def claim_version(record: models.Model, expected_version: int | None) -> None:
    """Bump a record's `version`, refusing if it moved since the form was opened."""
    rows = type(record)._default_manager.filter(pk=record.pk)
    if expected_version is not None:
        rows = rows.filter(version=expected_version)
    if not rows.update(version=F("version") + 1):
        raise ConcurrentEditError
    record.refresh_from_db(fields=["version"])


T = TypeVar("T")


def call_service(
    form: forms.Form,
    write: Callable[[], T],
    *,
    child: models.Model | None = None,
    record: models.Model | None = None,
) -> T | None:
    """`write()`'s result, or None when the service refused and the form now says why.

    A stale form (someone else changed the versioned `record`, by default the `child`, since it
    was opened) keeps the person's answers and takes the record's current version, so submitting
    again after checking is accepted rather than refused for ever.
    """
    versioned = record if record is not None else child
    try:
        if versioned is not None and claims_version(form) and form.cleaned_data["version"] is None:
            # Without the version it was opened at, a save could silently overwrite another
            # person's change: refuse it as a stale form (the page then carries the version).
            raise ConcurrentEditError
        return write()
    except ConcurrentEditError:
        form.add_error(None, ConcurrentEditError.message)
        if versioned is not None:
            versioned.refresh_from_db(fields=["version"])
            data = form.data.copy()  # type: ignore[attr-defined]  # a QueryDict
            data[form.add_prefix("version")] = str(versioned.version)  # type: ignore[attr-defined]
            form.data = data
    except ValidationError as error:
        add_service_errors(form, error)
    return None


def claims_version(form: forms.Form) -> bool:
    """Whether the form carries a record's version (its hidden `version` field)."""
    return "version" in form.fields and "version" in getattr(form, "cleaned_data", {})


def withdraw_step(
    request: HttpRequest,
    withdraw: forms.Form,
    step: models.Model,
    service: Callable[..., T],
) -> T | None:
    """The withdrawn step, or None when the withdrawal form or the service refused it.

    `service` is the app's `<entity>_withdraw` with its record already bound (a `partial`); it is
    called with the acting user, the reason and the version the page was opened at. On a refusal
    the form says why and `step` is read again, so the page shows it as it now stands.
    """
    if not withdraw.is_valid():
        return None
    data = withdraw.cleaned_data
    withdrawn = call_service(
        withdraw,
        lambda: service(
            actor=request.user, reason=data["reason"], expected_version=data["version"]
        ),
        record=step,
    )
    if withdrawn is None:
        step.refresh_from_db()
    return withdrawn
