"""Which Redress record each imported row became, keyed by the source system's own id.

Matching on (source, kind, source id) is what makes an import idempotent: a row whose id was
imported before creates nothing the second time, and is compared with the row kept here to find
what changed in the source.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models


class ImportedRecord(models.Model):
    source = models.CharField(
        max_length=100, help_text="The system the caseload came from, as named at import."
    )
    kind = models.CharField(max_length=30)
    source_id = models.CharField("the source system's id", max_length=100)
    object_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    file_name = models.CharField(max_length=60)
    line = models.PositiveIntegerField()
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    imported_at = models.DateTimeField(auto_now_add=True)
    # The source row as last taken in: a re-import updates the record only when the source row
    # has changed since, so a correction made in Redress is not undone by an unchanged row.
    row = models.JSONField(default=dict, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["source", "kind", "source_id"], name="imported_once_per_source_id"
            )
        ]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.source_id} from {self.source}"
