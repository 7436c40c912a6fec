"""Correcting and withdrawing a recorded step, for every app (decision 0100).

A step recorded with a wrong date or wrong details is *corrected*: the row changes, and
django-simple-history keeps the earlier values with who changed them and why. A step recorded
in error is *withdrawn*: the row stays, marked withdrawn with who, when and why, and every event
source leaves it out, so the engine no longer counts it. Nothing is deleted.

Each app keeps its own services (`<entity>_correct`, `<entity>_withdraw`) because only the app
knows which of its fields may change and which deadlines depend on the step; those services call
`mark_corrected` or `mark_withdrawn` here, then `full_clean()`, save with a history reason,
audit and recompute, as every other write does.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

WITHDRAWN_MESSAGE = "This step was withdrawn as recorded in error and cannot be changed"
CORRECTION_REASON_REQUIRED = "Enter why the step is being corrected"
WITHDRAWAL_REASON_REQUIRED = "Enter why the step was recorded in error"


class CorrectableQuerySet(models.QuerySet[Any]):
    def standing(self) -> CorrectableQuerySet:
        """The steps that count: everything not withdrawn as recorded in error."""
        return self.filter(withdrawn_at__isnull=True)


class Correctable(models.Model):
    """Fields that say a recorded step was corrected or withdrawn, by whom and why."""

    corrected_at = models.DateTimeField(null=True, blank=True)
    corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    correction_reason = models.TextField(blank=True, max_length=2000)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    withdrawn_reason = models.TextField(blank=True, max_length=2000)

    class Meta:
        abstract = True

    @property
    def withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    @property
    def corrected(self) -> bool:
        return self.corrected_at is not None


def withdrawal_reason(reason: str) -> str:
    """The reason for a withdrawal, cleaned; refused when empty. For a withdrawal that clears
    a date rather than marking a row (a mediation case's own steps)."""
    return _reason(reason, WITHDRAWAL_REASON_REQUIRED)


def _reason(reason: str, message: str) -> str:
    cleaned = (reason or "").strip()
    if not cleaned:
        raise ValidationError({"reason": message})
    return cleaned


def mark_corrected(step: Correctable, *, actor: Any, reason: str) -> str:
    """Stamp a correction on the step (not saved). Returns the cleaned reason."""
    cleaned = _reason(reason, CORRECTION_REASON_REQUIRED)
    if step.withdrawn:
        raise ValidationError(WITHDRAWN_MESSAGE)
    step.corrected_at = timezone.now()
    step.corrected_by = actor
    step.correction_reason = cleaned
    return cleaned


def mark_withdrawn(step: Correctable, *, actor: Any, reason: str) -> str:
    """Stamp a withdrawal on the step (not saved). Returns the cleaned reason."""
    cleaned = _reason(reason, WITHDRAWAL_REASON_REQUIRED)
    if step.withdrawn:
        raise ValidationError(WITHDRAWN_MESSAGE)
    step.withdrawn_at = timezone.now()
    step.withdrawn_by = actor
    step.withdrawn_reason = cleaned
    return cleaned


def history_reason(step: models.Model, *, actor: Any, reason: str) -> None:
    """Tell django-simple-history who made the next save and why."""
    step._history_user = actor  # type: ignore[attr-defined]
    step._change_reason = reason[:100]  # type: ignore[attr-defined]


class CorrectionReasonField(forms.CharField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", "Why it is being corrected")
        kwargs.setdefault("max_length", 2000)
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 3}))
        kwargs.setdefault("error_messages", {"required": CORRECTION_REASON_REQUIRED})
        super().__init__(**kwargs)


class StepWithdrawForm(forms.Form):
    """Withdraw a step recorded in error: a reason, and the version the user saw."""

    reason = forms.CharField(
        label="Why it was recorded in error",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": WITHDRAWAL_REASON_REQUIRED},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
