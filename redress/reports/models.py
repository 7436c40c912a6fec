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
    # The import batch this figure came from (empty for figures imported before batches).
    batch = models.ForeignKey(
        "reports.StatisticsBatch",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

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


class StatisticsBatch(models.Model):
    """One import of the national published statistics, kept for ever: previewed, then published
    (applied over the figures in force) or discarded; a published batch may later be rolled back,
    which puts back the figures it replaced. Only a national data role imports
    (`reports.import_statistics`, held by a superuser or granted in the admin)."""

    class Status(models.TextChoices):
        PREVIEW = "preview", "Waiting for a check before it is published"
        PUBLISHED = "published", "Published"
        DISCARDED = "discarded", "Discarded without publishing"
        ROLLED_BACK = "rolled_back", "Rolled back"

    filename = models.CharField(max_length=200)
    sha256 = models.CharField(max_length=64)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PREVIEW)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)
    rolled_back_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    rolled_back_at = models.DateTimeField(null=True, blank=True)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        permissions = [
            ("import_statistics", "Can import, publish and roll back the national statistics")
        ]

    def __str__(self) -> str:
        return f"Statistics import {self.pk} from {self.filename} ({self.get_status_display()})"


class StatisticsBatchFigure(models.Model):
    """One figure of an import batch, with what it replaced when the batch was published, so a
    roll-back can put the previous figure back."""

    class Change(models.TextChoices):
        NEW = "new", "New"
        CHANGED = "changed", "Changed"
        UNCHANGED = "unchanged", "Unchanged"

    batch = models.ForeignKey(StatisticsBatch, on_delete=models.CASCADE, related_name="figures")
    period = models.CharField(max_length=10)
    geography_level = models.CharField(max_length=20)
    geography_name = models.CharField(max_length=120)
    measure = models.CharField(max_length=60)
    value = models.DecimalField(max_digits=14, decimal_places=2)
    source = models.CharField(max_length=300)
    change = models.CharField(max_length=10, choices=Change.choices, blank=True)
    previous_value = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    previous_source = models.CharField(max_length=300, blank=True)
    previous_batch = models.ForeignKey(
        StatisticsBatch, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    previous_imported_from = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["measure", "period", "geography_level", "geography_name"]

    def __str__(self) -> str:
        return f"{self.measure} for {self.geography_name}, {self.period}: {self.value}"
