from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords


class BankHolidayOverride(models.Model):
    """A change to England's bank holidays that the built-in calendar does not know about.

    Redress's working-day calendar comes from the `holidays` package. When a holiday is
    proclaimed after that release (a royal funeral, a coronation, a moved May holiday), an
    administrator adds it here; a holiday that is cancelled or moved away is removed here.
    Every deadline counted in working days uses the calendar with these changes applied.
    """

    class Action(models.TextChoices):
        ADD = "add", "Add: this date is a bank holiday"
        REMOVE = "remove", "Remove: this date is a working day after all"

    date = models.DateField(
        unique=True,
        help_text="The day affected. Only one change may be recorded for each date.",
    )
    action = models.CharField(
        max_length=6,
        choices=Action.choices,
        help_text=(
            "Add a newly proclaimed bank holiday, or remove one the built-in calendar lists "
            "that will not be a holiday after all."
        ),
    )
    name = models.CharField(
        max_length=100,
        blank=True,
        help_text=(
            "The holiday's name as it should appear in deadline explanations, "
            "for example “Bank holiday for the coronation of King Charles III”."
        ),
    )
    reason = models.TextField(
        help_text=(
            "Why the calendar changes and where that is published, for example the proclamation "
            "and its date, or a link to the GOV.UK announcement."
        ),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["date"]
        verbose_name = "bank holiday change"
        verbose_name_plural = "bank holiday changes"

    def __str__(self) -> str:
        verb = "added" if self.action == self.Action.ADD else "removed"
        label = f" ({self.name})" if self.name else ""
        return f"{self.date:%A} {self.date.day} {self.date:%B %Y} {verb}{label}"

    def clean(self) -> None:
        if self.action == self.Action.ADD and not self.name.strip():
            raise ValidationError(
                {"name": "Enter the holiday's name, so that deadline explanations can show it."}
            )
