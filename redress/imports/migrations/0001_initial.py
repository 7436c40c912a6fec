"""The imports app's tables as its models define them, written by makemigrations when the
migrations were squashed to one per app before the first production release
(docs/decisions/0189). `replaces` lists the migrations it stands for, so a database
migrated with them counts it as applied."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    replaces = [
        ("imports", "0001_imported_records"),
        ("imports", "0002_imported_row"),
    ]

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ImportedRecord",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "source",
                    models.CharField(
                        help_text="The system the caseload came from, as named at import.",
                        max_length=100,
                    ),
                ),
                ("kind", models.CharField(max_length=30)),
                (
                    "source_id",
                    models.CharField(max_length=100, verbose_name="the source system's id"),
                ),
                ("object_id", models.PositiveBigIntegerField()),
                ("file_name", models.CharField(max_length=60)),
                ("line", models.PositiveIntegerField()),
                ("imported_at", models.DateTimeField(auto_now_add=True)),
                ("row", models.JSONField(blank=True, default=dict)),
                (
                    "imported_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "object_type",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="contenttypes.contenttype",
                    ),
                ),
            ],
            options={
                "indexes": [
                    models.Index(
                        fields=["object_type", "object_id"], name="imports_imp_object__49d822_idx"
                    )
                ],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("source", "kind", "source_id"), name="imported_once_per_source_id"
                    )
                ],
            },
        ),
    ]
