"""Reports, and the published national and regional statistics a user imports beside them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords


class PublishedStatistic(models.Model):
    """One figure from published tribunal statistics (for example the Ministry of Justice's
    Tribunal Statistics Quarterly), imported from a CSV; Redress never fetches them itself.

    One row per period, geography and measure: importing the same figure again updates it."""

    class GeographyLevel(models.TextChoices):
        NATIONAL = "national", "National"
        REGIONAL = "regional", "Regional"
        LOCAL_AUTHORITY = "local_authority", "Local authority"

    period = models.CharField(
        max_length=10, help_text="An academic year (2023/24) or a calendar quarter (2024-Q3)."
    )
    geography_level = models.CharField(max_length=20, choices=GeographyLevel.choices)
    geography_name = models.CharField(max_length=120)
    measure = models.CharField(max_length=60)
    value = models.DecimalField(max_digits=14, decimal_places=2)
    source = models.CharField(max_length=300)
    imported_from = models.CharField(max_length=200, blank=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    imported_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["measure", "period", "geography_level", "geography_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["period", "geography_level", "geography_name", "measure"],
                name="one_published_figure_per_period_place_and_measure",
            )
        ]

    def __str__(self) -> str:
        return f"{self.measure} for {self.geography_name}, {self.period}: {self.value}"
